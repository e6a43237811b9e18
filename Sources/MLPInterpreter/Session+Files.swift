import MLPData
import MLPExecutor
import MLPLanguage

extension Session {
  /// `save "FILE"`: the model, its normalization, its class names and its weights as
  /// safetensors (see `ModelFile`), written atomically.
  func save(to path: String, at range: SourceRange) throws(RuntimeFault) {
    try writeModel(to: path, at: range)
    console.err("saved the model to \(path)\n")
  }

  /// Writes the current model to `path`; `train ... checkpoint` calls it after each better epoch.
  func writeModel(to path: String, at range: SourceRange) throws(RuntimeFault) {
    let executor = try network(at: range)
    guard let model = compiled?.model else { return }
    let file = ModelFile(
      model: model, executor: executor, normalization: state.normalization,
      transform: try transform(at: range), classNames: classNames(model),
      imageShape: imageShape)
    do {
      try file.write(to: path)
    } catch {
      throw RuntimeFault(error.description, at: range, help: error.help)
    }
  }

  /// `load "FILE"`: weights from a file into the declared model, whose tensors must have the
  /// file's names and shapes. The file's normalization replaces fitting one on the data, for
  /// every later `train` and `evaluate`; the optimizer starts afresh.
  func load(from path: String, at range: SourceRange) throws(RuntimeFault) {
    let file: ModelFile
    do {
      file = try ModelFile.read(path: path)
    } catch {
      throw RuntimeFault(error.description, at: range, help: error.help)
    }
    // Load into a copy, so the weights before this statement stay as a snapshot holds them.
    let executor = try network(at: range).clone()
    do {
      try file.copyWeights(into: executor, path: path)
    } catch {
      throw RuntimeFault(
        error.description, at: range, help: "declare the model the file was saved from")
    }
    if let model = compiled?.model { compiled = (model, executor) }
    optimizer = nil
    if file.normalization != state.normalization {
      console.err(
        "note: \(path) was saved with '\(ModelFile.statement(for: file.normalization))'; its "
          + "normalization is used in place of the script's\n")
    }
    loadedTransform = file.transform
    loadedClassNames = file.classNames
    loadedImageShape = file.imageShape
    console.err("loaded the weights from \(path)\n")
  }

  /// The map from raw features to the network's inputs: a loaded model's own, or the script's
  /// normalization fitted on the training data.
  /// The fitted one is kept until the data or the normalization changes, since fitting
  /// `standard` reads every training value.
  func transform(at range: SourceRange) throws(RuntimeFault) -> FeatureTransform {
    if let loadedTransform { return loadedTransform }
    if let split {
      if let fitted, fitted.normalization == state.normalization, fitted.count == split.train.count
      {
        return fitted.transform
      }
      let transform = FeatureTransform.fit(normalization, on: split.train)
      fitted = (state.normalization, split.train.count, transform)
      return transform
    }
    let width = state.inputWidth ?? 0
    switch normalization {
    case .none, .divide:
      let empty = Dataset(features: .floats([]), labels: [], width: width)
      return FeatureTransform.fit(normalization, on: empty)
    case .standard, .minmax:
      throw RuntimeFault(
        "the normalization needs the training data to be fitted, but no data is loaded",
        at: range, help: "add a data statement before this one")
    }
  }

  /// The network's outputs for every example of `set`, row after row (probabilities after a
  /// softmax), computed as `evaluate` computes them.
  public func outputs(for set: Dataset, at range: SourceRange) throws(RuntimeFault) -> [Float] {
    let executor = try network(at: range)
    return forwardOutputs(executor, on: set, transform: try transform(at: range))
  }

  private func classNames(_ model: ModelSpec) -> [String] {
    if let names = split?.classNames ?? loadedClassNames { return names }
    let count = state.dataShape?.classes ?? max(model.outputWidth, 2)
    return (0..<count).map(String.init)
  }

  private var imageShape: (rows: Int, columns: Int)? {
    if let shape = split?.train.imageShape { return shape }
    if let rows = state.dataShape?.imageRows, let columns = state.dataShape?.imageColumns {
      return (rows, columns)
    }
    return loadedImageShape
  }
}

/// Runs `set` through the network without dropout, `evaluationRows` at a time, and returns the
/// output rows, one after another.
func forwardOutputs(_ executor: Executor, on set: Dataset, transform: FeatureTransform) -> [Float] {
  executor.reserve(rows: min(max(set.count, 1), evaluationRows))
  let width = executor.graph[executor.graph.output].shape.columns
  var outputs: [Float] = []
  outputs.reserveCapacity(set.count * width)
  var random = Random(seed: 0)
  var start = 0
  while start < set.count {
    let rows = min(executor.capacity, set.count - start)
    let indices = (Int32(start)..<Int32(start + rows)).map { $0 }
    indices.withUnsafeBufferPointer { indices in
      set.gather(rows: indices, transform: transform, into: executor.input)
    }
    executor.labels.update(repeating: 0, count: rows)
    executor.forward(rows: rows, training: false, random: &random)
    outputs += UnsafeBufferPointer(
      start: executor.pointer(executor.graph.output), count: rows * width)
    start += rows
  }
  return outputs
}
