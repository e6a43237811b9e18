/// The words the parser knows by heart; the checker keeps the vocabularies that give names their
/// meaning (activations, losses, optimizers).
package enum Vocabulary {
  /// The keyword that opens each statement, in the order a script usually uses them.
  package static let statements = [
    "data", "normalize", "input", "dense", "dropout", "loss", "optimizer", "seed", "train",
    "evaluate", "save", "load", "summary", "graph", "plot", "confusion", "show", "trace",
  ]
  /// What `show` shows.
  package static let showKinds = ["samples", "mistakes"]
  /// The options of `train`.
  package static let trainOptions = ["epochs", "batch", "validation", "checkpoint"]
  /// What may follow `validation` in `train`.
  package static let validationModes = ["test", "none", "split"]
  /// The options of `data csv`.
  package static let csvOptions = ["label", "header", "split", "test"]
}

/// The candidate closest to `word` by Damerau-Levenshtein distance (an adjacent transposition
/// costs one edit), or `nil` when none is close enough to be a likely typo. A word of up to five
/// characters may be one edit away, longer words one edit per three characters, at most three.
/// Ties go to the candidate listed first.
package func closestMatch(to word: String, in candidates: [String]) -> String? {
  let limit = min(3, max(1, word.count / 3))
  var best: (candidate: String, distance: Int)?
  for candidate in candidates {
    let distance = editDistance(word, candidate)
    if distance <= limit, distance < (best?.distance ?? Int.max) {
      best = (candidate, distance)
    }
  }
  return best?.candidate
}

/// The optimal string alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbouring characters, each costing one.
package func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  guard !a.isEmpty else { return b.count }
  guard !b.isEmpty else { return a.count }

  // Three rows of the table: two back (for swaps), the previous and the current.
  var twoBack = [Int](repeating: 0, count: b.count + 1)
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      var distance = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        distance = min(distance, twoBack[j - 2] + 1)
      }
      current[j] = distance
    }
    (twoBack, previous, current) = (previous, current, twoBack)
  }
  return previous[b.count]
}
