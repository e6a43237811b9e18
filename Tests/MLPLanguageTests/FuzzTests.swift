import MLPLanguage
import Testing

/// SplitMix64: a small generator whose sequence is fixed by its seed, so failures repeat.
private struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

private let validScript = """
  # a model
  data csv "train \\"a\\".csv" label last header split 0.1 test "t.csv"
  data idx "i" "l" test "ti" "tl"\r
  normalize 255; input 784
  \tdense 100 relu
  dropout .5
  dense 10 softmax
  loss crossentropy
  optimizer sgd lr 1e-3 momentum 0.9
  seed 7; train epochs 2.5E+2 batch 32 validation split 0.1
  evaluate
  """

/// Parses and renders `text`, checking every diagnostic points inside the text.
private func survive(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
  let source = SourceFile(name: "fuzz.mlp", text: text)
  let (script, diagnostics) = Parser.parse(source)
  let renderer = DiagnosticRenderer(source: source)
  for diagnostic in diagnostics {
    let range = diagnostic.range ?? SourceRange(0, 0)
    #expect(
      0 <= range.start && range.start <= range.end && range.end <= source.bytes.count,
      "\(diagnostic.message) at \(range)", sourceLocation: sourceLocation)
    #expect(!renderer.render(diagnostic).isEmpty, sourceLocation: sourceLocation)
  }
  for statement in script.statements {
    #expect(statement.range.end <= source.bytes.count, sourceLocation: sourceLocation)
  }
}

@Test func theValidScriptParses() {
  #expect(summaries(validScript).count == 12)
}

@Test func everyPrefixOfAValidScript() {
  let bytes = Array(validScript.utf8)
  for length in 0...bytes.count {
    survive(String(decoding: bytes[0..<length], as: UTF8.self))
  }
}

@Test func randomBytes() {
  var generator = SeededGenerator(state: 2024)
  let alphabet = Array("dense 10 relu.e+-_\"\\;#\n\r\t@,é0".utf8)
  for _ in 0..<2000 {
    let length = Int.random(in: 0..<48, using: &generator)
    let bytes = (0..<length).map { _ in
      Bool.random(using: &generator)
        ? UInt8.random(in: 0...255, using: &generator)
        : alphabet.randomElement(using: &generator) ?? 0
    }
    survive(String(decoding: bytes, as: UTF8.self))
  }
}

@Test func randomWordsOfTheLanguage() {
  var generator = SeededGenerator(state: 7)
  let words =
    Vocabulary.statements + [
      "idx", "csv", "test", "split", "label", "header", "epochs", "batch", "validation", "none",
      "lr", "relu", "10", "0.5", "1e-3", "\"p\"", ";", "\n", "#", "@", "1e", "\"open",
    ]
  for _ in 0..<2000 {
    let count = Int.random(in: 0..<12, using: &generator)
    let text = (0..<count).compactMap { _ in words.randomElement(using: &generator) }
      .joined(separator: " ")
    survive(text)
  }
}
