import MLPLanguage
import Testing

/// Every diagnostic of a script rendered without colour, as `mlp` prints it.
private func rendered(_ text: String, name: String = "test.mlp") -> String {
  let source = SourceFile(name: name, text: text)
  let (_, diagnostics) = Parser.parse(source)
  return DiagnosticRenderer(source: source, colour: false).render(diagnostics)
}

@Test func theRenderedShapeOfAnError() {
  let source = SourceFile(
    name: "fashion.mlp", text: "data fashion-mnist\ninput 784\ndense 100 rleu\n")
  let diagnostic = Diagnostic.error(
    "unknown activation 'rleu'", at: SourceRange(39, 43), help: "did you mean 'relu'?")
  #expect(
    DiagnosticRenderer(source: source, colour: false).render(diagnostic) == """
      fashion.mlp:3:11: error: unknown activation 'rleu'
      dense 100 rleu
                ^~~~
      help: did you mean 'relu'?
      """)
}

@Test func parserErrorsRendered() {
  #expect(
    rendered("input 784\ndropuot 0.5\n", name: "m.mlp") == """
      m.mlp:2:1: error: unknown statement 'dropuot'
      dropuot 0.5
      ^~~~~~~
      help: did you mean 'dropout'?

      """)
  #expect(
    rendered("dense") == """
      test.mlp:1:6: error: expected the layer width after 'dense', found end of line
      dense
           ^

      """)
}

@Test func tabsAreKeptInTheCaretLine() {
  #expect(
    rendered("\tdense\trelu\n") == """
      test.mlp:1:8: error: expected the layer width after 'dense', found 'relu'
      \tdense\trelu
      \t     \t^~~~

      """)
}

@Test func caretsLineUpAfterNonASCIIText() {
  #expect(
    rendered("data mnist \"données\" extra\r\n") == """
      test.mlp:1:22: error: unexpected 'extra' after the statement; statements are separated by \
      a new line or ';'
      data mnist "données" extra
                           ^~~~~

      """)
  #expect(
    rendered("dense 10 rélu") == """
      test.mlp:1:11: error: unexpected character 'é' in 'rélu'
      dense 10 rélu
                ^
      help: names are written with the letters a to z, digits, '_' and '-'

      """)
}

@Test func notesHelpAndDiagnosticsWithoutAPlace() {
  #expect(
    rendered("seed 1\ndata mnist \"dir\n") == """
      test.mlp:2:16: error: unterminated string
      data mnist "dir
                     ^
      test.mlp:2:12: note: the string starts here
      data mnist "dir
                 ^
      help: close the string with '"' before the end of the line

      """)
  let source = SourceFile(name: "empty.mlp", text: "")
  let diagnostic = Diagnostic(
    .warning, "the script has no statements", at: nil, notes: [.init("nothing to run")])
  #expect(
    DiagnosticRenderer(source: source, colour: false).render(diagnostic) == """
      empty.mlp: warning: the script has no statements
      empty.mlp: note: nothing to run
      """)
}

@Test func aRangeOverSeveralLinesIsCutAtTheFirstLineEnd() {
  let source = SourceFile(name: "t.mlp", text: "seed 1\nevaluate\n")
  let text = DiagnosticRenderer(source: source).render(.error("x", at: SourceRange(0, 12)))
  #expect(text == "t.mlp:1:1: error: x\nseed 1\n^~~~~~")
}

@Test func colourOnlyWhenAsked() {
  let source = SourceFile(name: "t.mlp", text: "seed x")
  let diagnostic = Diagnostic.error("bad", at: SourceRange(5, 6), help: "h")
  let plain = DiagnosticRenderer(source: source, colour: false).render(diagnostic)
  let coloured = DiagnosticRenderer(source: source, colour: true).render(diagnostic)
  #expect(!plain.contains("\u{1B}"))
  #expect(coloured.contains("\u{1B}[1;31merror:\u{1B}[0m"))
  #expect(coloured.contains("\u{1B}[32m^\u{1B}[0m"))
  #expect(coloured.contains("\u{1B}[1m bad\u{1B}[0m"))
  let warning = DiagnosticRenderer(source: source, colour: true).render(.warning("w", at: nil))
  #expect(warning.contains("\u{1B}[1;35mwarning:"))
}
