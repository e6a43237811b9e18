import Foundation

// libFuzzer harness for the front end: lexer, parser and checker together, then the renderer,
// on arbitrary bytes. Built by Fuzz/run with Sources/MLPLanguage/*.swift compiled in, so the
// names below are this module's own.

private let shape = DataShape(width: 784, classes: 10, hasTestSplit: true)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLanguage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let source = SourceFile(name: "fuzz.mlp", text: String(decoding: bytes, as: UTF8.self))
  let (script, syntaxErrors) = Parser.parse(source)
  var checker = Checker(dataSetNames: ["fashion-mnist"], baseDirectory: nil) { _ in shape }
  checker.syntaxFailed = syntaxErrors.hasErrors
  let (_, found) = checker.check(script)
  let diagnostics = syntaxErrors + found + checker.finish()

  let renderer = DiagnosticRenderer(source: source, colour: false)
  for diagnostic in diagnostics {
    if let range = diagnostic.range {
      precondition(0 <= range.start && range.start <= range.end, "bad range \(range)")
      precondition(range.end <= source.bytes.count, "range \(range) past the end")
    }
    precondition(!renderer.render(diagnostic).isEmpty)
  }
  return 0
}
