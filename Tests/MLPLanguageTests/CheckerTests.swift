import MLPLanguage
import Testing

/// The checker's messages and places, through the renderer, against a data set of the size of
/// Fashion-MNIST (784 features, 10 classes) that never touches the disk.
@Suite struct CheckerTests {
  struct Missing: Error, CustomStringConvertible {
    var description: String { "/data/x.csv: no such file" }
  }

  static let fashion = DataShape(
    width: 784, classes: 10, imageRows: 28, imageColumns: 28, hasTestSplit: true)

  /// Parses and checks `text`; returns the final state and every diagnostic rendered.
  func check(_ text: String, shape: DataShape = fashion) -> (ModelState, String) {
    let source = SourceFile(name: "t.mlp", text: text)
    let (script, syntax) = Parser.parse(source)
    #expect(syntax.isEmpty, "syntax errors: \(syntax)")
    var checker = Checker(dataSetNames: ["fashion-mnist", "mnist"], baseDirectory: "/data") {
      spec in
      if case .csv = spec { throw Missing() }
      return shape
    }
    let (_, diagnostics) = checker.check(script)
    return (checker.state, DiagnosticRenderer(source: source).render(diagnostics))
  }

  @Test func acceptsTheSeedScript() {
    let (state, text) = check(
      """
      data fashion-mnist
      normalize 255
      dense 100 relu
      dropout 0.2
      dense 10 softmax
      loss crossentropy
      optimizer adam lr 0.002
      train epochs 3 batch 64 validation split 0.1
      """)
    #expect(text == "")
    #expect(state.layers.count == 3)
    #expect(state.inputWidth == 784)
    #expect(state.optimizer.learningRate == 0.002)
    #expect(state.normalization == .divide(255))
  }

  @Test func unknownActivationSuggests() {
    let (_, text) = check("data fashion-mnist\ndense 100 rleu\n")
    #expect(
      text == """
        t.mlp:2:11: error: unknown activation 'rleu'
        dense 100 rleu
                  ^~~~
        help: did you mean 'relu'?

        """)
  }

  @Test func dropoutRateOutsideRange() {
    let (_, text) = check("dense 10\ndropout 1.5\n")
    #expect(
      text == """
        t.mlp:2:9: error: dropout rate must be at least 0 and below 1, found 1.5
        dropout 1.5
                ^~~
        help: a rate of 0.2 drops a fifth of the units while training

        """)
  }

  @Test func zeroWidth() {
    let (_, text) = check("dense 0 relu")
    #expect(
      text == """
        t.mlp:1:7: error: the layer width must be at least 1, found 0
        dense 0 relu
              ^

        """)
  }

  @Test func fractionalWidth() {
    let (_, text) = check("dense 2.5")
    #expect(
      text.hasPrefix("t.mlp:1:7: error: expected a whole number for the layer width, found 2.5"))
  }

  @Test func outputWidthUnequalToClasses() {
    let (_, text) = check("data fashion-mnist\ndense 5 softmax\nloss crossentropy\ntrain\n")
    #expect(
      text == """
        t.mlp:2:1: error: the output layer has 5 units but the data has 10 classes
        dense 5 softmax
        ^~~~~~~~~~~~~~~
        t.mlp:1:1: note: the data is loaded here
        data fashion-mnist
        ^~~~~~~~~~~~~~~~~~
        help: make the last layer 'dense 10 softmax'

        """)
  }

  @Test func missingLoss() {
    let (_, text) = check("data fashion-mnist\ndense 10 softmax\ntrain epochs 2\n")
    #expect(
      text == """
        t.mlp:3:1: error: the model has no loss
        train epochs 2
        ^~~~~
        help: add 'loss crossentropy' before this line

        """)
  }

  @Test func missingInput() {
    let (_, text) = check("dense 10 softmax\nloss mse\ntrain\n")
    #expect(text.hasPrefix("t.mlp:3:1: error: the model has no input width\n"))
  }

  @Test func crossentropyOnALinearOutputWarns() {
    let (_, text) = check("data fashion-mnist\ndense 10\nloss crossentropy\ntrain\n")
    #expect(
      text.hasPrefix(
        "t.mlp:3:1: warning: crossentropy expects probabilities but the output layer is linear"))
  }

  @Test func unknownOptimizerOption() {
    let (_, text) = check("optimizer sgd lr 0.1 momentun 0.9\n")
    #expect(
      text == """
        t.mlp:1:22: error: unknown option 'momentun' of 'optimizer sgd'
        optimizer sgd lr 0.1 momentun 0.9
                             ^~~~~~~~
        help: did you mean 'momentum'?

        """)
  }

  @Test func learningRateAliasIsAccepted() {
    let (state, text) = check("optimizer rmsprop learning_rate 0.01 rho 0.8\n")
    #expect(text == "")
    #expect(state.optimizer.learningRate == 0.01)
    #expect(state.optimizer.rho == 0.8)
  }

  @Test func unknownDataSetSuggests() {
    let (_, text) = check("data fashion-minst\n")
    #expect(text.hasSuffix("help: did you mean 'fashion-mnist'?\n"))
  }

  @Test func unreadableDataIsReportedAtTheStatement() {
    let (_, text) = check("data csv \"x.csv\" label last\n")
    #expect(text.hasPrefix("t.mlp:1:1: error: /data/x.csv: no such file\n"))
  }

  @Test func inputMustMatchData() {
    let (_, text) = check("data fashion-mnist\ninput 100\n")
    #expect(
      text.hasPrefix(
        "t.mlp:2:1: error: 'input 100' does not match the data, which has 784 features per "
          + "example"))
  }

  @Test func validationWithoutTestSplit() {
    let shape = DataShape(width: 4, classes: 2, hasTestSplit: false)
    let (_, text) = check(
      "data fashion-mnist\ndense 2 softmax\nloss crossentropy\ntrain validation test\n",
      shape: shape)
    #expect(text.hasPrefix("t.mlp:4:18: error: the data has no test split to validate on"))
  }

  @Test func modelTooLargeIsRefusedWithItsSize() {
    let (_, text) = check("input 100000\ndense 100000\ndense 10\nloss mse\ntrain\n")
    // 100,000 x 100,001 + 100,000 x 11 = 10,001,200,000 parameters, 16 bytes each.
    #expect(
      text.hasPrefix(
        "t.mlp:5:1: error: the model has 10,001,200,000 parameters, needing 160,019,200,000 "
          + "bytes"))
  }

  @Test func errorLeavesStateUnchanged() {
    let (state, _) = check("dense 10\ndense 0\n")
    #expect(state.layers.count == 1)
  }

  @Test func threeIndependentMistakesAreAllReported() {
    let (_, text) = check("dense 10 rleu\ndropout 2\nloss mse2\n")
    let headers = text.split(separator: "\n").filter { $0.hasPrefix("t.mlp:") }
    #expect(headers.map { String($0.prefix(8)) } == ["t.mlp:1:", "t.mlp:2:", "t.mlp:3:"])
  }

  @Test func optionGivenTwice() {
    let (_, text) = check("optimizer adam lr 0.1 lr 0.5\n")
    #expect(
      text == """
        t.mlp:1:23: error: 'lr' is given twice
        optimizer adam lr 0.1 lr 0.5
                              ^~
        t.mlp:1:16: note: first given here
        optimizer adam lr 0.1 lr 0.5
                       ^~

        """)
  }

  @Test func trainOptionGivenTwice() {
    let (_, text) = check("input 4\ndense 2\nloss mse\ntrain epochs 1 epochs 3\n")
    #expect(text.hasPrefix("t.mlp:4:16: error: 'epochs' is given twice\n"))
  }

  @Test func emptyPath() {
    let (_, text) = check("data csv \"\" label last\n")
    #expect(text.hasPrefix("t.mlp:1:10: error: expected a file name between the quotes\n"))
  }

  @Test func seedTooLarge() {
    let (_, text) = check("seed 99999999999999999999\n")
    #expect(
      text.hasPrefix(
        "t.mlp:1:6: error: the seed must be at most 18446744073709551615, found "
          + "99999999999999999999\n"))
  }

  @Test func aFailedDataStatementCausesNoSecondError() {
    let (_, text) = check("data csv \"x.csv\"\ndense 4 softmax\nloss crossentropy\ntrain\n")
    #expect(text.split(separator: "\n").filter { $0.contains("error:") }.count == 1)
  }

  @Test func aFailedOutputLayerCausesNoWidthError() {
    // Line 3 would have been the output layer; without it the model ends in 100 units.
    let (_, text) = check(
      "data fashion-mnist\ndense 100 relu\ndense 10 sofmax\nloss crossentropy\ntrain\n")
    #expect(text.split(separator: "\n").filter { $0.contains("error:") }.count == 1)
  }

  @Test func aFailedHiddenLayerStillLeavesTheWidthCheck() {
    let (_, text) = check("data fashion-mnist\ndense 100 rleu\ndense 5\nloss mse\ntrain\n")
    let errors = text.split(separator: "\n").filter { $0.contains("error:") }
    #expect(errors.count == 2)
    #expect(errors.last?.hasPrefix("t.mlp:3:1: error: the output layer has 5 units") ?? false)
  }

  @Test func memoryOfTheBatchCounts() {
    // Parameters: 784 x 1,000,000 + 1,000,000 + 1,000,000 x 10 + 10 = 795,000,010, five floats
    // each = 3,975,000,050. The batch: 10,000 rows x (2 x 784 + 6 x 1,000,000 + 6 x 10) =
    // 60,016,280,000 floats. Together 63,991,280,050 floats of 4 bytes.
    let (_, text) = check(
      "data fashion-mnist\ndense 1000000 relu\ndense 10 softmax\nloss crossentropy\n"
        + "train batch 10000\n")
    #expect(
      text.hasPrefix(
        "t.mlp:5:1: error: the model needs about 255,965,120,200 bytes to run with batches of "
          + "10,000 rows, more than the"))
  }

  @Test func finishComparesTheOutputWithoutTraining() {
    let source = SourceFile(name: "t.mlp", text: "data fashion-mnist\ndense 5\nloss mse\n")
    let (script, _) = Parser.parse(source)
    var checker = Checker(dataSetNames: ["fashion-mnist"], baseDirectory: nil) { _ in
      Self.fashion
    }
    #expect(checker.check(script).1.isEmpty)
    #expect(
      checker.finish().first?.message == "the output layer has 5 units but the data has 10 classes")
  }
}
