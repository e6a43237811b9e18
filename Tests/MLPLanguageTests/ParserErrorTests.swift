import MLPLanguage
import Testing

@Test func unknownStatements() {
  expectError(
    "dropuot 0.5", at: "1:1", "unknown statement 'dropuot'", help: "did you mean 'dropout'?")
  expectError(
    "banana 3", at: "1:1", "unknown statement 'banana'",
    help: "a statement starts with 'data', 'normalize', 'input', 'dense', 'dropout', 'loss', "
      + "'optimizer', 'seed', 'train', 'evaluate', 'save', 'load', 'summary', 'graph', 'plot', "
      + "'confusion', 'show' or 'trace'"
  )
  expectError("100 relu", at: "1:1", "expected a statement, found '100'")
  expectError(#""x""#, at: "1:1", #"expected a statement, found '"x"'"#)
}

@Test func positionalArgumentsOfTheWrongKind() {
  expectError("dense relu", at: "1:7", "expected the layer width after 'dense', found 'relu'")
  expectError("dense", at: "1:6", "expected the layer width after 'dense', found end of line")
  expectError("dense\n", at: "1:6", "expected the layer width after 'dense', found end of line")
  expectError("input ;", at: "1:7", "expected the input width after 'input', found ';'")
  expectError("dropout half", at: "1:9", "expected the dropout rate after 'dropout', found 'half'")
  expectError("loss 2", at: "1:6", "expected a loss function after 'loss', found '2'")
  expectError("seed x", at: "1:6", "expected a number after 'seed', found 'x'")
  expectError(
    #"normalize "255""#, at: "1:11",
    #"expected a scale or a method after 'normalize', found '"255"'"#)
  expectError("optimizer 0.1", at: "1:11", "expected an optimizer after 'optimizer', found '0.1'")
  expectError("optimizer adam lr", at: "1:18", "expected a value after 'lr', found end of line")
  expectError("optimizer adam 0.001", at: "1:16", "expected the name of an option, found '0.001'")
}

@Test func leftoverTokens() {
  let separated = "statements are separated by a new line or ';'"
  expectError("evaluate now", at: "1:10", "unexpected 'now' after the statement; \(separated)")
  expectError(
    "dense 10 relu relu", at: "1:15", "unexpected 'relu' after the statement; \(separated)")
  expectError("input 784 28", at: "1:11", "unexpected '28' after the statement; \(separated)")
}

@Test func lexerErrorsAreTheStatementsError() {
  expectError("dense 100relu", at: "1:10", "expected a space between '100' and 'relu'")
  expectError("optimizer adam lr 1e", at: "1:19", "expected digits after the exponent in '1e'")
  expectError("dense 10 relu @", at: "1:15", "unexpected character '@'")
  expectError("@ dense", at: "1:1", "unexpected character '@'")
  expectError("data mnist \"dir", at: "1:16", "unterminated string")
}

@Test func oneErrorPerStatement() {
  #expect(
    errors("dense relu @ 1e") == ["1:7: expected the layer width after 'dense', found 'relu'"])
  #expect(
    errors("@ @ @; seed x y") == [
      "1:1: unexpected character '@'", "1:13: expected a number after 'seed', found 'x'",
    ])
}

@Test func recoveryReportsEveryBadStatementInOrder() {
  let script = """
    data fashion-mnist
    dense relu
    dense 10 softmax
    loss
    optimizer adam lr 0.001
    train epoch 3
    evaluate
    """
  #expect(
    errors(script) == [
      "2:7: expected the layer width after 'dense', found 'relu'",
      "4:5: expected a loss function after 'loss', found end of line",
      "6:7: unknown option 'epoch' of 'train'",
    ])
  let (syntax, _) = parse(script)
  #expect(
    syntax.statements.map { summary($0.kind) } == [
      "data fashion-mnist", "dense 10 softmax", "optimizer adam lr 0.001", "evaluate",
    ])
}

@Test func recoveryAtSemicolons() {
  #expect(
    errors("dense x; dropout y; seed 1; loss 3") == [
      "1:7: expected the layer width after 'dense', found 'x'",
      "1:18: expected the dropout rate after 'dropout', found 'y'",
      "1:34: expected a loss function after 'loss', found '3'",
    ])
}
