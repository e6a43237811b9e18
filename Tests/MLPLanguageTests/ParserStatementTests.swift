import MLPLanguage
import Testing

@Test(arguments: [
  "normalize 255", "normalize standard", "input 784", "dense 100", "dense 10 softmax",
  "dropout 0.2", "loss crossentropy", "optimizer adam lr 0.001",
  "optimizer sgd lr 0.01 momentum 0.9", "optimizer rmsprop", "seed 42", "evaluate",
])
func modelStatements(_ text: String) {
  #expect(summaries(text) == [text])
}

@Test(arguments: [
  "save \"model.safetensors\"", "load \"m.safetensors\"", "summary", "graph", "graph \"net.svg\"",
  "plot", "plot \"curves.svg\"", "confusion", "show samples", "show mistakes 8", "trace",
  "train epochs 20 checkpoint \"best.safetensors\"",
])
func keepingAndViewingStatements(_ text: String) {
  #expect(summaries(text) == [text])
}

@Test func saveNeedsAFileName() {
  expectError("save model", at: "1:6", "expected a file name in quotes after 'save', found 'model'")
}

@Test func aWholeScript() {
  let script = """
    # Fashion-MNIST with one hidden layer
    data fashion-mnist
    normalize 255
    input 784

    dense 100 relu   # hidden
    dropout 0.2
    dense 10 softmax
    loss crossentropy
    optimizer adam lr 0.001
    seed 1
    train epochs 10 batch 32 validation split 0.1
    evaluate

    """
  #expect(summaries(script).count == 11)
  #expect(summaries(script).last == "evaluate")
}

@Test func separators() {
  #expect(summaries("input 4; dense 2 ;; evaluate") == ["input 4", "dense 2", "evaluate"])
  #expect(summaries("\n\n;\n  seed 1\n\n\n") == ["seed 1"])
  #expect(summaries("seed 1;") == ["seed 1"])
  #expect(summaries("") == [])
  #expect(summaries("# only a comment") == [])
}

@Test func crlfAndTabs() {
  #expect(summaries("input 4\r\n\tdense\t2\trelu\r\n") == ["input 4", "dense 2 relu"])
}

@Test func normalizeKeepsWhatWasWritten() {
  let number = statement("normalize 255")
  #expect(number?.kind == .normalize(.number(Number(255, text: "255", at: SourceRange(10, 13)))))
  let name = statement("normalize standard")
  #expect(name?.kind == .normalize(.name(Name("standard", at: SourceRange(10, 18)))))
}

@Test(arguments: [
  ("1e-3", 0.001, false), (".5", 0.5, false), ("0.001", 0.001, false), ("2.5E+2", 250, false),
  ("10", 10, true), ("10.", 10, false), ("0", 0, true),
])
func numberValues(_ text: String, _ value: Double, _ isInteger: Bool) {
  guard case .seed(let number) = statement("seed \(text)")?.kind else {
    Issue.record("not a seed statement")
    return
  }
  #expect(number.value == value)
  #expect(number.text == text)
  #expect(number.isInteger == isInteger)
}

@Test func optimizerOptionsAreAnyNamedNumbers() {
  guard
    case .optimizer(let name, let options) = statement("optimizer adam beta1 0.9 eps 1e-8")?.kind
  else {
    Issue.record("not an optimizer statement")
    return
  }
  #expect(name.text == "adam")
  #expect(options.map(\.name.text) == ["beta1", "eps"])
  #expect(options.map(\.value.value) == [0.9, 1e-8])
}

@Test func theParserLeavesNamesAndRangesToTheChecker() {
  #expect(
    summaries("dense 0 banana; dropout 7; loss whatever") == [
      "dense 0 banana", "dropout 7", "loss whatever",
    ])
}
