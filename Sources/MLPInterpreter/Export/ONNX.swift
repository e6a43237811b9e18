import MLPLanguage

/// A model file as an ONNX model (IR version 8, opset 13), encoded by hand.
///
/// The graph takes raw inputs, as `mlp predict` does: its first nodes are the normalization,
/// `Mul` by the per-feature scale then `Add` the shift (left out when it is the identity). Then
/// each dense layer is a `Gemm` with its [in, out] weight and its bias, followed by `Relu`,
/// `Sigmoid`, `Tanh` or `Softmax` (axis 1); dropout, which does nothing at inference, is left
/// out. A crossentropy model whose last layer is not softmax ends with the softmax the loss
/// applies. The input is `input` [N, in] float; the output is `probabilities` when the graph
/// ends in a softmax, `output` otherwise; N is a symbolic batch dimension.
enum ONNXExport {
  static let irVersion = 8
  static let opset = 13

  /// Field numbers of onnx.proto.
  private enum Field {
    static let modelIRVersion = 1, modelProducerName = 2, modelProducerVersion = 3
    static let modelDocString = 6, modelGraph = 7, modelOpsetImport = 8
    static let opsetVersion = 2
    static let graphNode = 1, graphName = 2, graphInitializer = 5, graphDocString = 10
    static let graphInput = 11, graphOutput = 12
    static let nodeInput = 1, nodeOutput = 2, nodeName = 3, nodeOpType = 4, nodeAttribute = 5
    static let attributeName = 1, attributeInteger = 3, attributeType = 20
    static let tensorDims = 1, tensorDataType = 2, tensorName = 8, tensorRawData = 9
    static let valueName = 1, valueType = 2
    static let typeTensor = 1, tensorElementType = 1, tensorShape = 2
    static let shapeDim = 1, dimValue = 1, dimParam = 2
  }

  private static let floatType = 1
  private static let integerAttribute = 2

  /// A node before encoding: an operator, its inputs, its output, and an axis for Softmax.
  private struct Step {
    var op: String
    var inputs: [String]
    var output: String
    var axis: Int?
  }

  static func encode(_ file: ModelFile) -> [UInt8] {
    var steps: [Step] = []
    var initializers: [(name: String, shape: [Int], values: [Float])] = []
    var current = "input"

    let transform = file.transform
    if !transform.scale.allSatisfy({ $0 == 1 }) || !transform.shift.allSatisfy({ $0 == 0 }) {
      let width = file.model.inputWidth
      initializers.append(("normalization.scale", [width], transform.scale))
      initializers.append(("normalization.shift", [width], transform.shift))
      steps.append(Step(op: "Mul", inputs: [current, "normalization.scale"], output: "scaled"))
      steps.append(
        Step(op: "Add", inputs: ["scaled", "normalization.shift"], output: "normalized"))
      current = "normalized"
    }

    var width = file.model.inputWidth
    var index = 0
    for layer in file.model.layers {
      guard case .dense(let units, let activation) = layer.kind else { continue }
      index += 1
      let name = "dense\(index)"
      let (weight, bias) = file.weights(ofLayer: index)
      initializers.append(("\(name).weight", [width, units], weight))
      initializers.append(("\(name).bias", [units], bias))
      steps.append(
        Step(
          op: "Gemm", inputs: [current, "\(name).weight", "\(name).bias"],
          output: "\(name).preactivation"))
      current = "\(name).preactivation"
      if let step = activationStep(activation, input: current, name: "\(name).\(activation)") {
        steps.append(step)
        current = step.output
      }
      width = units
    }
    if file.model.loss == .crossentropy, file.model.outputActivation != .softmax {
      steps.append(Step(op: "Softmax", inputs: [current], output: "output.softmax", axis: 1))
    }
    let outputName = steps.last?.op == "Softmax" ? "probabilities" : "output"
    if !steps.isEmpty { steps[steps.count - 1].output = outputName }

    let graph = ProtobufMessage { graph in
      for (number, step) in steps.enumerated() {
        graph.message(Field.graphNode, node(step, number))
      }
      graph.string(Field.graphName, "mlp")
      for initializer in initializers {
        graph.message(
          Field.graphInitializer,
          tensor(initializer.name, shape: initializer.shape, values: initializer.values))
      }
      graph.string(
        Field.graphDocString,
        "takes raw inputs: the normalization ('\(ModelFile.statement(for: file.normalization))')"
          + " is in the graph")
      graph.message(Field.graphInput, valueInfo("input", width: file.model.inputWidth))
      graph.message(Field.graphOutput, valueInfo(outputName, width: width))
    }
    return ProtobufMessage { model in
      model.integer(Field.modelIRVersion, irVersion)
      model.string(Field.modelProducerName, "mlp")
      model.string(Field.modelProducerVersion, "1")
      model.string(Field.modelDocString, ModelFile.source(of: file.model))
      model.message(Field.modelGraph, graph)
      model.message(
        Field.modelOpsetImport, ProtobufMessage { $0.integer(Field.opsetVersion, opset) })
    }.bytes
  }

  private static func activationStep(_ activation: Activation, input: String, name: String)
    -> Step?
  {
    switch activation {
    case .linear: nil
    case .relu: Step(op: "Relu", inputs: [input], output: name)
    case .sigmoid: Step(op: "Sigmoid", inputs: [input], output: name)
    case .tanh: Step(op: "Tanh", inputs: [input], output: name)
    case .softmax: Step(op: "Softmax", inputs: [input], output: name, axis: 1)
    }
  }

  private static func node(_ step: Step, _ number: Int) -> ProtobufMessage {
    ProtobufMessage { node in
      for input in step.inputs { node.string(Field.nodeInput, input) }
      node.string(Field.nodeOutput, step.output)
      node.string(Field.nodeName, "\(step.op.lowercased())\(number + 1)")
      node.string(Field.nodeOpType, step.op)
      if let axis = step.axis {
        node.message(
          Field.nodeAttribute,
          ProtobufMessage { attribute in
            attribute.string(Field.attributeName, "axis")
            attribute.integer(Field.attributeInteger, axis)
            attribute.integer(Field.attributeType, integerAttribute)
          })
      }
    }
  }

  /// An initializer: dims, FLOAT, its name, and its values as little-endian raw data.
  private static func tensor(_ name: String, shape: [Int], values: [Float]) -> ProtobufMessage {
    ProtobufMessage { tensor in
      tensor.packedIntegers(Field.tensorDims, shape)
      tensor.integer(Field.tensorDataType, floatType)
      tensor.string(Field.tensorName, name)
      var raw: [UInt8] = []
      raw.reserveCapacity(4 * values.count)
      for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { raw += $0 } }
      tensor.data(Field.tensorRawData, raw)
    }
  }

  /// A float tensor [N, width] with a symbolic batch dimension N.
  private static func valueInfo(_ name: String, width: Int) -> ProtobufMessage {
    let shape = ProtobufMessage { shape in
      shape.message(Field.shapeDim, ProtobufMessage { $0.string(Field.dimParam, "N") })
      shape.message(Field.shapeDim, ProtobufMessage { $0.integer(Field.dimValue, width) })
    }
    let tensorType = ProtobufMessage { type in
      type.integer(Field.tensorElementType, floatType)
      type.message(Field.tensorShape, shape)
    }
    return ProtobufMessage { value in
      value.string(Field.valueName, name)
      value.message(Field.valueType, ProtobufMessage { $0.message(Field.typeTensor, tensorType) })
    }
  }
}
