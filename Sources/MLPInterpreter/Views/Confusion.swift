import Foundation
import MLPLanguage

/// Counts of (true class, predicted class) over a set of examples, with the per-class accuracy
/// and the pairs most often confused.
package struct ConfusionMatrix: Equatable {
  package var names: [String]
  /// `counts[actual][predicted]`.
  package var counts: [[Int]]

  package init(names: [String], actual: [Int], predicted: [Int]) {
    self.names = names
    counts = Array(repeating: Array(repeating: 0, count: names.count), count: names.count)
    for (truth, guess) in zip(actual, predicted) { counts[truth][guess] += 1 }
  }

  package var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
  package var correct: Int { names.indices.reduce(0) { $0 + counts[$1][$1] } }

  /// The fraction of class `index`'s examples predicted right, nil when it has none.
  package func accuracy(of index: Int) -> Double? {
    let examples = counts[index].reduce(0, +)
    return examples == 0 ? nil : Double(counts[index][index]) / Double(examples)
  }

  /// The `limit` largest counts off the diagonal, largest first (ties in class order).
  package func mostConfused(_ limit: Int) -> [(actual: Int, predicted: Int, count: Int)] {
    var pairs: [(actual: Int, predicted: Int, count: Int)] = []
    for actual in names.indices {
      for predicted in names.indices where predicted != actual && counts[actual][predicted] > 0 {
        pairs.append((actual, predicted, counts[actual][predicted]))
      }
    }
    return Array(
      pairs.enumerated().sorted { a, b in
        a.element.count != b.element.count ? a.element.count > b.element.count : a.offset < b.offset
      }.prefix(limit).map(\.element))
  }

  /// The matrix with a row per true class (its number and name) and a column per predicted
  /// class (its number), each row ending with the class's accuracy; then the overall accuracy
  /// and the most confused pairs in a sentence.
  package var text: String {
    let rowNames = names.indices.map { names[$0] == String($0) ? names[$0] : "\($0) \(names[$0])" }
    let nameWidth = max(16, rowNames.map(\.count).max() ?? 0) + 2
    let cell = max(5, String(counts.flatMap { $0 }.max() ?? 0).count + 2)
    var text = "confusion on \(formatCount(total)) test examples: a row per true class, "
    text += "a column per predicted class\n\n"
    text += pad("true \\ predicted", nameWidth)
    text += names.indices.map { leftPad(String($0), cell) }.joined() + "   accuracy\n"
    for actual in names.indices {
      text += pad(rowNames[actual], nameWidth)
      text += counts[actual].map { leftPad(String($0), cell) }.joined()
      text += leftPad(accuracy(of: actual).map { fixed($0, 3) } ?? "-", 11) + "\n"
    }
    let overall = total == 0 ? 0 : Double(correct) / Double(total)
    text += "\naccuracy \(fixed(overall, 4)) (\(formatCount(correct)) of \(formatCount(total)))\n"
    if let sentence = confusedSentence { text += wrap(sentence, width: 100) }
    return text
  }

  /// "most confused: Shirt taken for T-shirt/top 112 times, Pullover for Coat 98 times and Coat
  /// for Pullover 87 times".
  package var confusedSentence: String? {
    let pairs = mostConfused(3)
    guard !pairs.isEmpty else { return nil }
    let parts = pairs.enumerated().map { index, pair in
      let times = pair.count == 1 ? "once" : "\(formatCount(pair.count)) times"
      let verb = index == 0 ? " taken for " : " for "
      return names[pair.actual] + verb + names[pair.predicted] + " " + times
    }
    let list =
      parts.count == 1
      ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
    return "most confused: " + list
  }
}
