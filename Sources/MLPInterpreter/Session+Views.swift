import MLPData
import MLPExecutor
import MLPGraph
import MLPLanguage

extension Session {
  /// The statements that show the model and its training. Each only looks: the weights, the
  /// optimizer and the random generator's draws for training stay as they were.
  func view(_ action: CheckedStatement.Action, at range: SourceRange) throws(RuntimeFault) {
    switch action {
    case .summary:
      console.out(modelSummary(state))
    case .graph(let path):
      try graph(to: path, at: range)
    case .plot(let path):
      try plot(to: path, at: range)
    case .confusion:
      let (test, predicted) = try testPredictions(at: range)
      let matrix = ConfusionMatrix(
        names: classNames, actual: test.labels.map { Int($0) }, predicted: predicted.map(\.label))
      console.out(matrix.text)
    case .show(let kind, let count):
      try show(kind, count: count, at: range)
    case .trace:
      try trace(at: range)
    default:
      throw RuntimeFault("this statement is not a view", at: range)
    }
  }

  /// The model as declared now, for the diagram.
  func modelSpec(at range: SourceRange) throws(RuntimeFault) -> ModelSpec {
    guard let width = state.inputWidth, let loss = state.loss else {
      throw RuntimeFault("the model is not complete", at: range)
    }
    return ModelSpec(
      inputWidth: width, layers: state.layers, loss: loss, lossRange: state.lossRange)
  }

  private func graph(to path: String?, at range: SourceRange) throws(RuntimeFault) {
    let graph = Graph.compile(try modelSpec(at: range))
    guard let path else {
      console.out(GraphDiagram(graph: graph).text)
      return
    }
    let diagram = GraphDiagram(graph: graph)
    try write(path.lowercased().hasSuffix(".dot") ? diagram.dot : diagram.svg, to: path, at: range)
    console.out("wrote the graph to \(path)\n")
  }

  private func plot(to path: String?, at range: SourceRange) throws(RuntimeFault) {
    guard !history.isEmpty else {
      throw RuntimeFault(
        "nothing to plot yet: the curves are drawn from the epochs of 'train'", at: range)
    }
    let curves = Curves(history: history)
    guard let path else {
      console.out(curves.text(width: chartWidth, colour: console.pictures != .plain))
      return
    }
    try write(curves.svg, to: path, at: range)
    console.out("wrote the curves to \(path)\n")
  }

  /// Cells across a chart: 60, or less on a narrow terminal.
  var chartWidth: Int { max(20, min(60, console.columns - 12)) }

  /// After a `train`: the curves on a terminal (two epochs or more), or only the note about
  /// overfitting when standard error is not a terminal.
  func reportCurves() {
    let curves = Curves(history: history)
    if console.interactive, history.count >= 2 {
      console.err("\n" + curves.text(width: chartWidth, colour: console.colour))
    } else if let note = curves.overfitting {
      console.err(wrap("note: \(note)", width: 100))
    }
  }

  private func write(_ text: String, to path: String, at range: SourceRange) throws(RuntimeFault) {
    do {
      try writeAtomically(text, to: path)
    } catch {
      throw RuntimeFault("\(path): cannot write: \(error.localizedDescription)", at: range)
    }
  }

  /// The class names of the data, or the class numbers when it has none.
  var classNames: [String] {
    let classes = split?.classes ?? state.dataShape?.classes ?? 0
    if let names = split?.classNames, names.count == classes { return names }
    return (0..<classes).map(String.init)
  }

  /// The test split with the network's predicted class and its probability for each example.
  func testPredictions(at range: SourceRange) throws(RuntimeFault)
    -> (Dataset, [(label: Int, probability: Float)])
  {
    let executor = try network(at: range)
    guard let split, let test = split.test else {
      throw RuntimeFault("the data has no test split", at: range)
    }
    let transform = try transform(at: range)
    return (test, predictions(executor, on: test, transform: transform))
  }

  /// Each example's most probable class and its probability (for one sigmoid output: 1 when
  /// the output is above 0.5, with that output, else 0 with one minus it).
  func predictions(_ executor: Executor, on set: Dataset, transform: FeatureTransform)
    -> [(label: Int, probability: Float)]
  {
    executor.reserve(rows: evaluationRows)
    let columns = executor.graph[executor.graph.output].shape.columns
    let all = (0..<Int32(set.count)).map { $0 }
    var result: [(label: Int, probability: Float)] = []
    result.reserveCapacity(set.count)
    var start = 0
    while start < set.count {
      let rows = min(evaluationRows, set.count - start)
      fill(executor, from: set, rows: all[start..<start + rows], transform: transform)
      executor.forward(rows: rows, training: false, random: &random)
      let output = executor.pointer(executor.graph.output)
      for row in 0..<rows {
        let p = output + row * columns
        if columns == 1 {
          result.append(p[0] > 0.5 ? (1, p[0]) : (0, 1 - p[0]))
          continue
        }
        var best = 0
        for j in 1..<columns where p[j] > p[best] { best = j }
        result.append((best, p[best]))
      }
      start += rows
    }
    return result
  }

  /// `show samples N`: the first N training images; `show mistakes N`: the first N test images
  /// the network gets wrong, with what it said and how sure it was.
  private func show(_ kind: CheckedStatement.ShowKind, count: Int, at range: SourceRange)
    throws(RuntimeFault)
  {
    guard let split else { throw RuntimeFault("no data is loaded", at: range) }
    let names = classNames
    var pictures: [Picture] = []
    var header: String
    switch kind {
    case .samples:
      let set = split.train
      for index in 0..<min(count, set.count) {
        pictures.append(
          picture(set, index, caption: ["\(index + 1): \(names[Int(set.labels[index])])"]))
      }
      header = "the first \(pictures.count) training examples with their labels\n"
    case .mistakes:
      let (test, predicted) = try testPredictions(at: range)
      var wrong = 0
      for (index, guess) in predicted.enumerated() where guess.label != Int(test.labels[index]) {
        wrong += 1
        guard pictures.count < count else { continue }
        pictures.append(
          picture(
            test, index,
            caption: [
              "#\(index + 1) true \(names[Int(test.labels[index])])",
              "said \(names[guess.label]) \(fixed(Double(guess.probability), 2))",
            ]))
      }
      header = "\(pictures.count) of the \(formatCount(wrong)) test examples the network gets wrong"
      header += " (of \(formatCount(test.count))): the true label, then what the network said and"
      header += " its probability\n"
    }
    console.out(
      wrap(header, width: 100) + "\n"
        + drawPictures(pictures, mode: console.pictures, width: console.columns))
  }

  /// Example `index` as gray levels: bytes over 255, other values spread over their range.
  private func picture(_ set: Dataset, _ index: Int, caption: [String]) -> Picture {
    let shape = set.imageShape ?? (1, set.width)
    let range = index * set.width..<(index + 1) * set.width
    var pixels: [Float]
    switch set.features {
    case .bytes(let bytes): pixels = bytes[range].map { Float($0) / 255 }
    case .floats(let floats):
      let values = Array(floats[range])
      let low = values.min() ?? 0
      let span = max((values.max() ?? 1) - low, 1e-12)
      pixels = values.map { ($0 - low) / span }
    }
    return Picture(pixels: pixels, rows: shape.rows, columns: shape.columns, caption: caption)
  }
}

extension Session {
  /// `trace`: the first training example (normalized as training does) through a clone of the
  /// network and of the optimizer, so the session's weights do not move.
  func trace(at range: SourceRange) throws(RuntimeFault) {
    let model = try modelSpec(at: range)
    if let refusal = model.traceRefusal {
      throw RuntimeFault(
        refusal, at: range,
        help: "trace a small network, such as 2 inputs, 'dense 2 relu', 'dense 2 softmax'")
    }
    guard let split, split.train.count > 0 else {
      throw RuntimeFault("no data is loaded", at: range)
    }
    let executor = try network(at: range).clone()
    let optimizer =
      self.optimizer?.clone()
      ?? Optimizer(state.optimizer, parameterCount: executor.parameters.count)
    executor.reserve(rows: 1)
    let transform = try transform(at: range)
    fill(executor, from: split.train, rows: [0], transform: transform)
    var text = "trace: the first training example (normalized as training does)\n"
    text += traceText(executor, optimizer: optimizer, classNames: classNames)
    console.out(text)
  }
}
