import Foundation
import MLPData
import MLPExecutor
import MLPGraph
import MLPLanguage

/// A trained model as `save` writes it and `load`, `mlp predict` and `mlp export` read it: a
/// safetensors file whose tensors are the weights of the dense layers (`dense1.weight` [in, out],
/// `dense1.bias` [out], ...) and whose metadata holds enough to rebuild and use the model alone:
///
/// - `format`: `mlp 1`
/// - `model`: the statements that define the network (`input`, `dense`, `dropout`, `loss`)
/// - `normalization`: the statement that chose it (`normalize 255`, `normalize standard`, ...)
/// - `normalization.scale`, `normalization.shift`: the fitted per-feature map
///   `x * scale + shift`, as JSON arrays of numbers
/// - `classes`: the class names as a JSON array of strings, in label order
/// - `image`: `ROWSxCOLUMNS` when the inputs are images
public struct ModelFile {
  public var model: ModelSpec
  public var normalization: NormalizationSpec
  public var transform: FeatureTransform
  public var classNames: [String]
  public var imageShape: (rows: Int, columns: Int)?
  /// In the graph's parameter order.
  var tensors: [SafeTensors.Tensor]

  static let format = "mlp 1"

  init(
    model: ModelSpec, normalization: NormalizationSpec, transform: FeatureTransform,
    classNames: [String], imageShape: (rows: Int, columns: Int)?, tensors: [SafeTensors.Tensor]
  ) {
    self.model = model
    self.normalization = normalization
    self.transform = transform
    self.classNames = classNames
    self.imageShape = imageShape
    self.tensors = tensors
  }

  /// The model of a session's executor, with its weights copied out.
  init(
    model: ModelSpec, executor: Executor, normalization: NormalizationSpec,
    transform: FeatureTransform, classNames: [String], imageShape: (rows: Int, columns: Int)?
  ) {
    let graph = executor.graph
    let tensors = graph.parameters.map { parameter in
      let tensor = graph[parameter.value]
      let count = tensor.shape.count(batch: 1)
      return SafeTensors.Tensor(
        name: tensor.name, shape: Self.dimensions(of: tensor),
        values: Array(UnsafeBufferPointer(start: executor.pointer(parameter.value), count: count)))
    }
    self.init(
      model: model, normalization: normalization, transform: transform, classNames: classNames,
      imageShape: imageShape, tensors: tensors)
  }

  /// A tensor's dimensions as the file stores them: a bias is one-dimensional.
  static func dimensions(of tensor: MLPGraph.Tensor) -> [Int] {
    if tensor.role == .bias { return [tensor.shape.columns] }
    if case .fixed(let rows) = tensor.shape.rows { return [rows, tensor.shape.columns] }
    return [tensor.shape.columns]
  }

  /// The weights of the dense layer `index` (from 1): [in, out] row-major, and [out].
  func weights(ofLayer index: Int) -> (weight: [Float], bias: [Float]) {
    let weight = tensors.first { $0.name == "dense\(index).weight" }?.values ?? []
    let bias = tensors.first { $0.name == "dense\(index).bias" }?.values ?? []
    return (weight, bias)
  }

  // MARK: Writing

  /// The file's bytes.
  func encoded() -> [UInt8] {
    var metadata = [
      "format": Self.format,
      "model": Self.source(of: model),
      "normalization": Self.statement(for: normalization),
      "normalization.scale": jsonArray(transform.scale),
      "normalization.shift": jsonArray(transform.shift),
      "classes": "[" + classNames.map(jsonQuoted).joined(separator: ", ") + "]",
    ]
    if let imageShape { metadata["image"] = "\(imageShape.rows)x\(imageShape.columns)" }
    return SafeTensors(metadata: metadata, tensors: tensors).encoded()
  }

  /// Writes the file atomically (a temporary file beside the target, renamed over it).
  public func write(to path: String) throws(DataError) {
    do {
      try writeAtomically(Data(encoded()), to: path)
    } catch {
      throw DataError(path: path, message: "cannot write the model: \(reason(error))")
    }
  }

  /// The statements that define `model`, one a line.
  static func source(of model: ModelSpec) -> String {
    var lines = ["input \(model.inputWidth)"]
    for layer in model.layers {
      switch layer.kind {
      case .dense(let units, let activation): lines.append("dense \(units) \(activation)")
      case .dropout(let rate): lines.append("dropout \(rate)")
      }
    }
    lines.append("loss \(model.loss.rawValue)")
    return lines.joined(separator: "\n") + "\n"
  }

  static func statement(for normalization: NormalizationSpec) -> String {
    switch normalization {
    case .none: "normalize none"
    case .divide(let value):
      "normalize \(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)")"
    case .standard: "normalize standard"
    case .minmax: "normalize minmax"
    }
  }
}
