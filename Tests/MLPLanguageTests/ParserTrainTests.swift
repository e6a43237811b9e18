import MLPLanguage
import Testing

@Test(arguments: [
  "train", "train epochs 10", "train epochs 10 batch 32 validation split 0.1",
  "train validation test", "train validation none batch 64", "train batch 1 batch 2",
])
func trainForms(_ text: String) {
  #expect(summaries(text) == [text])
}

@Test func validationKeepsItsModeAndKeyword() {
  guard case .train(let options) = statement("train validation split 0.1")?.kind else {
    Issue.record("not a train statement")
    return
  }
  #expect(
    options == [
      .validation(
        Name("split", at: SourceRange(17, 22)),
        split: Number(0.1, text: "0.1", at: SourceRange(23, 26)), keyword: SourceRange(6, 16))
    ])
}

@Test func trainErrors() {
  expectError(
    "train epoch 10", at: "1:7", "unknown option 'epoch' of 'train'", help: "did you mean 'epochs'?"
  )
  expectError(
    "train speed 3", at: "1:7", "unknown option 'speed' of 'train'",
    help: "the options of 'train' are 'epochs', 'batch', 'validation' and 'checkpoint'")
  expectError(
    "train epochs", at: "1:13", "expected the number of epochs after 'epochs', found end of line")
  expectError("train batch big", at: "1:13", "expected the batch size after 'batch', found 'big'")
  expectError("train epochs 10 32", at: "1:17", "expected an option of 'train', found '32'")
  expectError(
    "train validation spilt 0.1", at: "1:18",
    "expected 'test', 'none' or 'split' after 'validation', found 'spilt'",
    help: "did you mean 'split'?")
  expectError(
    "train validation 0.1", at: "1:18",
    "expected 'test', 'none' or 'split' after 'validation', found '0.1'")
  expectError(
    "train validation split; evaluate", at: "1:23",
    "expected the validation fraction after 'split', found ';'")
}
