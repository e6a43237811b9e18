import MLPLanguage
import Testing

@Test(arguments: [
  ("rleu", ["relu", "sigmoid", "tanh", "softmax"], "relu"),
  ("dropuot", Vocabulary.statements, "dropout"),
  ("softmx", ["relu", "sigmoid", "tanh", "softmax"], "softmax"),
  ("crossentropy", ["crossentropy", "mse"], "crossentropy"),
  ("cross-entropy", ["crossentropy", "mse"], "crossentropy"),
  ("adm", ["sgd", "adam", "rmsprop"], "adam"),
  ("epoch", Vocabulary.trainOptions, "epochs"),
  ("Dense", Vocabulary.statements, "dense"),
])
func closeWordsAreSuggested(_ word: String, _ candidates: [String], _ expected: String) {
  #expect(closestMatch(to: word, in: candidates) == expected)
}

@Test(arguments: ["banana", "x", "layer", "model", ""])
func unrelatedWordsAreNot(_ word: String) {
  #expect(closestMatch(to: word, in: Vocabulary.statements) == nil)
}

@Test func transpositionCostsOneEdit() {
  #expect(editDistance("rleu", "relu") == 1)
  #expect(editDistance("ab", "ba") == 1)
  #expect(editDistance("kitten", "sitting") == 3)
  #expect(editDistance("", "abc") == 3)
  #expect(editDistance("same", "same") == 0)
}

@Test func tiesGoToTheFirstCandidate() {
  #expect(closestMatch(to: "bat", in: ["cat", "bad"]) == "cat")
}
