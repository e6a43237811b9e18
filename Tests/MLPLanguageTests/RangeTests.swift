import MLPLanguage
import Testing

@Test func everyRangeOfADenseStatement() {
  let (script, diagnostics) = parse("input 784\ndense 100 relu\n")
  #expect(diagnostics.isEmpty)
  #expect(script.statements.count == 2)
  guard let dense = script.statements.last,
    case .dense(let width, let activation) = dense.kind
  else {
    Issue.record("no dense statement")
    return
  }
  #expect(dense.keyword == SourceRange(10, 15))
  #expect(dense.range == SourceRange(10, 24))
  #expect(width == Number(100, text: "100", at: SourceRange(16, 19)))
  #expect(activation == Name("relu", at: SourceRange(20, 24)))
  #expect(
    script.source.location(of: width.range.start) == MLPLanguage.SourceLocation(line: 2, column: 7))
}

@Test func statementRangesStopAtTheirLastToken() {
  let text = "seed 1 # one\n\tevaluate ; train epochs 2\r\n"
  let (script, _) = parse(text)
  #expect(
    script.statements.map { script.source.text($0.range) } == [
      "seed 1", "evaluate", "train epochs 2",
    ])
  #expect(
    script.statements.map(\.keyword) == [
      SourceRange(0, 4), SourceRange(14, 22), SourceRange(25, 30),
    ])
}

@Test func rangesOfDataSources() {
  let text = #"data idx "i" "l" test "ti" "tl""#
  guard case .data(.idx(let images, let labels, let test)) = statement(text)?.kind else {
    Issue.record("not an idx data statement")
    return
  }
  #expect(images.range == SourceRange(9, 12))
  #expect(labels.range == SourceRange(13, 16))
  #expect(test?.0 == StringLiteral("ti", at: SourceRange(22, 26)))
  #expect(test?.1 == StringLiteral("tl", at: SourceRange(27, 31)))
}

@Test func rangesOfOptimizerOptions() {
  guard
    case .optimizer(let name, let options) = statement("optimizer sgd lr 0.01 momentum 0.9")?.kind
  else {
    Issue.record("not an optimizer statement")
    return
  }
  #expect(name.range == SourceRange(10, 13))
  #expect(options.map(\.name.range) == [SourceRange(14, 16), SourceRange(22, 30)])
  #expect(options.map(\.value.range) == [SourceRange(17, 21), SourceRange(31, 34)])
}

@Test func rangesCountBytesAfterNonASCIIText() {
  guard case .data(.named(let name, let directory)) = statement(#"data mnist "données" "#)?.kind
  else {
    Issue.record("not a named data statement")
    return
  }
  #expect(name.range == SourceRange(5, 10))
  #expect(directory?.range == SourceRange(11, 21))
}
