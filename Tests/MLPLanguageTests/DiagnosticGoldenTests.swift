import Foundation
import MLPLanguage
import Testing

/// Golden diagnostics: each script in `Diagnostics/` is one common mistake, and its trailing
/// `# expect: ` lines hold the exact text `mlp check` prints for it (without colour). A change
/// to any message, place or caret fails its file.
///
/// With `MLP_UPDATE_GOLDEN=1` in the environment the test writes the actual text into the files
/// instead; read the changes before committing them.
private let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("Diagnostics")

private let goldenFiles: [String] =
  ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
  .filter { $0.hasSuffix(".mlp") }.sorted()

private let expectPrefix = "# expect: "

@Test func theGoldenFolderHoldsTheCommonMistakes() {
  #expect(goldenFiles.count >= 25)
}

@Test(arguments: goldenFiles) func goldenDiagnostics(_ name: String) throws {
  let url = folder.appendingPathComponent(name)
  let text = try String(contentsOf: url, encoding: .utf8)
  let (script, expected, newline) = split(text)
  let actual = checkOutput(SourceFile(name: name, text: text))

  if ProcessInfo.processInfo.environment["MLP_UPDATE_GOLDEN"] == "1" {
    let lines = actual.map { trimmed(expectPrefix + $0) + newline }
    try (script + lines.joined()).write(to: url, atomically: true, encoding: .utf8)
    return
  }
  #expect(!expected.isEmpty, "\(name) has no '\(expectPrefix)' lines")
  #expect(actual == expected, "\(name):\n\(actual.joined(separator: "\n"))")
}

/// The script without its trailing expectations, the expected lines, and the file's line
/// break (CR LF or LF).
private func split(_ text: String) -> (script: String, expected: [String], newline: String) {
  let newline = text.contains("\r\n") ? "\r\n" : "\n"
  var lines = text.components(separatedBy: newline)
  if lines.last == "" { lines.removeLast() }
  var expected: [String] = []
  while let last = lines.last, last.hasPrefix(trimmed(expectPrefix)) {
    expected.insert(String(last.dropFirst(expectPrefix.count)), at: 0)
    lines.removeLast()
  }
  return (lines.map { $0 + newline }.joined(), expected, newline)
}

/// What `mlp check` prints on standard error, line by line (trailing spaces dropped, as an
/// expectation line cannot keep them): parse, check every statement, finish, then each
/// diagnostic once in the order of the text. Only Fashion-MNIST and MNIST exist, with
/// Fashion-MNIST's shape; any other data set fails as a missing file would.
private func checkOutput(_ source: SourceFile) -> [String] {
  let (script, syntaxErrors) = Parser.parse(source)
  var checker = Checker(dataSetNames: ["fashion-mnist", "mnist"], baseDirectory: nil) { spec in
    guard case .named = spec else { throw MissingData(spec: spec) }
    return DataShape(
      width: 784, classes: 10, imageRows: 28, imageColumns: 28, hasTestSplit: true)
  }
  checker.syntaxFailed = syntaxErrors.hasErrors
  var diagnostics = syntaxErrors
  diagnostics += checker.check(script).1
  diagnostics += checker.finish()
  if script.statements.isEmpty, syntaxErrors.isEmpty {
    diagnostics.append(.warning("the script has no statements", at: nil))
  }

  let rendered = DiagnosticRenderer(source: source, colour: false).render(diagnostics.inTextOrder)
  return rendered.split(separator: "\n").map { trimmed(String($0)) }
}

private func trimmed(_ line: String) -> String {
  String(line.reversed().drop(while: { $0 == " " }).reversed())
}

private struct MissingData: Error, CustomStringConvertible {
  var spec: DataSpec
  var description: String { "no data files in the golden tests" }
}
