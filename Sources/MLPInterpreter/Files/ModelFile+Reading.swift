import Foundation
import MLPData
import MLPExecutor
import MLPGraph
import MLPLanguage

extension ModelFile {
  /// Reads and checks a model file: the format, the model its metadata describes, and that every
  /// tensor fits that model. Every problem is a `DataError` naming the file.
  public static func read(path: String) throws(DataError) -> ModelFile {
    try decode(DataFile.read(path: path), path: path)
  }

  static func decode(_ bytes: [UInt8], path: String) throws(DataError) -> ModelFile {
    let file = try SafeTensors.decode(bytes, path: path)
    let metadata = file.metadata
    guard let source = metadata["model"] else {
      throw DataError(
        path: path,
        message: "expected the metadata 'model' (the statements that define the model), "
          + "found none", help: "mlp reads .safetensors files written by its 'save' statement")
    }
    let model = try parseModel(source, path: path)
    let width = model.inputWidth
    let normalization = try parseNormalization(metadata["normalization"], path: path)
    let scale =
      try numbers(metadata["normalization.scale"], key: "normalization.scale", path: path)
      ?? Array(repeating: 1, count: width)
    let shift =
      try numbers(metadata["normalization.shift"], key: "normalization.shift", path: path)
      ?? Array(repeating: 0, count: width)
    guard scale.count == width, shift.count == width else {
      throw DataError(
        path: path,
        message: "expected \(width) numbers in the normalization's scale and shift, found "
          + "\(scale.count) and \(shift.count)")
    }
    var classes = (0..<max(model.outputWidth, 2)).map(String.init)
    if let text = metadata["classes"] {
      guard let names = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
      else {
        throw DataError(path: path, message: "expected the metadata 'classes' as a JSON array")
      }
      classes = names
    }

    var result = ModelFile(
      model: model, normalization: normalization,
      transform: FeatureTransform(scale: scale, shift: shift), classNames: classes,
      imageShape: imageShape(metadata["image"]), tensors: [])
    result.tensors = try fit(file.tensors, to: Graph.compile(model), path: path, model: "its model")
    return result
  }

  /// Copies the file's weights into an executor whose graph has the same parameters; a tensor
  /// that is missing, extra or of another shape is an error naming it and both shapes.
  func copyWeights(into executor: Executor, path: String) throws(DataError) {
    let fitted = try Self.fit(tensors, to: executor.graph, path: path, model: "the script's model")
    for (parameter, tensor) in zip(executor.graph.parameters, fitted) {
      executor.pointer(parameter.value).update(from: tensor.values, count: tensor.values.count)
    }
  }

  /// The tensors in the order of the graph's parameters, each checked against its shape.
  static func fit(
    _ tensors: [SafeTensors.Tensor], to graph: Graph, path: String, model: String
  ) throws(DataError) -> [SafeTensors.Tensor] {
    var fitted: [SafeTensors.Tensor] = []
    for parameter in graph.parameters {
      let expected = graph[parameter.value]
      let shape = dimensions(of: expected)
      guard let tensor = tensors.first(where: { $0.name == expected.name }) else {
        throw DataError(
          path: path,
          message: "expected a tensor '\(expected.name)' of shape \(shape) for \(model), "
            + "found none")
      }
      guard tensor.shape == shape else {
        throw DataError(
          path: path,
          message: "tensor '\(tensor.name)' has shape \(tensor.shape) in the file but \(shape) "
            + "in \(model)")
      }
      fitted.append(tensor)
    }
    if let extra = tensors.first(where: { tensor in !fitted.contains { $0.name == tensor.name } }) {
      throw DataError(
        path: path,
        message: "tensor '\(extra.name)' of shape \(extra.shape) in the file has no place in "
          + "\(model)")
    }
    return fitted
  }

  /// The model the metadata's statements define; only `input`, `dense`, `dropout` and `loss`
  /// may appear, so a file can never make mlp read data or write files.
  private static func parseModel(_ text: String, path: String) throws(DataError) -> ModelSpec {
    let source = SourceFile(name: "model", text: text)
    let (script, syntaxErrors) = Parser.parse(source)
    func fail(_ message: String, at range: SourceRange?) -> DataError {
      let line = range.map { " (line \(source.location(of: $0.start).line))" } ?? ""
      return DataError(path: path, message: "in the metadata 'model'\(line): \(message)")
    }
    if let error = syntaxErrors.first(where: { $0.severity == .error }) {
      throw fail(error.message, at: error.range)
    }
    for statement in script.statements {
      switch statement.kind {
      case .input, .dense, .dropout, .loss: continue
      default:
        throw fail(
          "expected only input, dense, dropout and loss statements, found "
            + "'\(statement.kindName)'", at: statement.range)
      }
    }
    var checker = Checker(
      dataSetNames: [], baseDirectory: nil,
      dataShape: { _ in throw DataError(path: path, message: "no data") })
    let (_, diagnostics) = checker.check(script)
    if let error = diagnostics.first(where: { $0.severity == .error }) {
      throw fail(error.message, at: error.range)
    }
    guard let width = checker.state.inputWidth, let loss = checker.state.loss else {
      throw fail("expected an input width and a loss, found the model incomplete", at: nil)
    }
    return ModelSpec(inputWidth: width, layers: checker.state.layers, loss: loss)
  }

  private static func parseNormalization(_ text: String?, path: String) throws(DataError)
    -> NormalizationSpec
  {
    guard let text else { return .none }
    let words = text.split(separator: " ")
    switch words.count == 2 ? String(words[1]) : "" {
    case "none": return .none
    case "standard": return .standard
    case "minmax": return .minmax
    case let word:
      guard words.first == "normalize", let value = Double(word), value != 0 else {
        throw DataError(
          path: path,
          message: "expected a normalize statement as the metadata "
            + "'normalization', found '\(text)'")
      }
      return .divide(value)
    }
  }

  /// A JSON array of numbers, each read straight to the nearest Float.
  private static func numbers(_ text: String?, key: String, path: String) throws(DataError)
    -> [Float]?
  {
    guard let text else { return nil }
    let body = text.trimmingCharacters(in: .whitespaces)
    guard body.hasPrefix("["), body.hasSuffix("]") else {
      throw DataError(path: path, message: "expected the metadata '\(key)' as a JSON array")
    }
    let items = body.dropFirst().dropLast().split(separator: ",")
    var values: [Float] = []
    values.reserveCapacity(items.count)
    for item in items {
      guard let value = Float(item.trimmingCharacters(in: .whitespaces)), value.isFinite else {
        throw DataError(
          path: path, message: "expected numbers in the metadata '\(key)', found '\(item)'")
      }
      values.append(value)
    }
    return values
  }

  private static func imageShape(_ text: String?) -> (rows: Int, columns: Int)? {
    let parts = text?.split(separator: "x").compactMap { Int($0) } ?? []
    guard parts.count == 2, parts[0] > 0, parts[1] > 0 else { return nil }
    return (parts[0], parts[1])
  }
}
