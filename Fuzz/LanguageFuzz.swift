import Foundation

// libFuzzer harness for the front end: lexer, parser and checker together, then the renderer,
// on arbitrary bytes; first as one script, as `mlp check` reads it, then line by line as the
// REPL does (a growing transcript parsed from the start of each line, one checker throughout).
// Built by Fuzz/run with Sources/MLPLanguage/*.swift compiled in, so the names below are this
// module's own.

private let shape = DataShape(width: 784, classes: 10, hasTestSplit: true)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLanguage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let text = String(decoding: bytes, as: UTF8.self)
  checkScript(text)
  checkSession(bytes)
  return 0
}

private func newChecker() -> Checker {
  Checker(dataSetNames: ["fashion-mnist"], baseDirectory: nil) { _ in shape }
}

private func checkScript(_ text: String) {
  let source = SourceFile(name: "fuzz.mlp", text: text)
  let (script, syntaxErrors) = Parser.parse(source)
  var checker = newChecker()
  checker.syntaxFailed = syntaxErrors.hasErrors
  let (_, found) = checker.check(script)
  render(syntaxErrors + found + checker.finish(), in: source)
}

private func checkSession(_ bytes: [UInt8]) {
  var checker = newChecker()
  var transcript = ""
  for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(64) {
    let start = transcript.utf8.count
    transcript += String(decoding: line, as: UTF8.self) + "\n"
    let source = SourceFile(name: "<repl>", text: transcript)
    let (script, syntaxErrors) = Parser.parse(source, from: start)
    checker.forgetFailures()
    render(syntaxErrors, in: source)
    guard !syntaxErrors.hasErrors else { continue }
    for statement in script.statements {
      precondition(statement.range.start >= start, "a statement from an earlier line")
      let (checked, diagnostics) = checker.check(statement)
      render(diagnostics, in: source)
      if checked == nil { break }
    }
  }
}

/// Renders each diagnostic, which must point inside the text.
private func render(_ diagnostics: [Diagnostic], in source: SourceFile) {
  let renderer = DiagnosticRenderer(source: source, colour: false)
  for diagnostic in diagnostics {
    if let range = diagnostic.range {
      precondition(0 <= range.start && range.start <= range.end, "bad range \(range)")
      precondition(range.end <= source.bytes.count, "range \(range) past the end")
    }
    precondition(!renderer.render(diagnostic).isEmpty)
  }
}
