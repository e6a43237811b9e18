import MLPExecutor
import MLPGraph
import MLPLanguage
import Testing

/// Every operation's gradient against central finite differences of the Float64 reference.
@Suite struct GradientTests {
  static let range = SourceRange(0, 0)

  static func dense(_ width: Int, _ activation: Activation) -> LayerSpec {
    LayerSpec(.dense(width: width, activation: activation), at: range)
  }

  static let cases: [(String, ModelSpec)] = [
    (
      "relu + softmax crossentropy (fused)",
      ModelSpec(inputWidth: 5, layers: [dense(4, .relu), dense(3, .softmax)], loss: .crossentropy)
    ),
    (
      "tanh + linear crossentropy (softmax inserted)",
      ModelSpec(inputWidth: 5, layers: [dense(4, .tanh), dense(3, .linear)], loss: .crossentropy)
    ),
    (
      "sigmoid + softmax mse (softmax Jacobian)",
      ModelSpec(inputWidth: 5, layers: [dense(4, .sigmoid), dense(3, .softmax)], loss: .mse)
    ),
    ("linear mse", ModelSpec(inputWidth: 5, layers: [dense(3, .linear)], loss: .mse)),
    (
      "relu + linear mae",
      ModelSpec(inputWidth: 5, layers: [dense(4, .relu), dense(3, .linear)], loss: .mae)
    ),
    (
      "sigmoid binary crossentropy (fused)",
      ModelSpec(
        inputWidth: 5, layers: [dense(4, .relu), dense(3, .sigmoid)],
        loss: .binaryCrossentropy)
    ),
    (
      "softmax binary crossentropy (unfused)",
      ModelSpec(
        inputWidth: 5, layers: [dense(4, .tanh), dense(3, .softmax)],
        loss: .binaryCrossentropy)
    ),
    (
      "hidden softmax + dropout + crossentropy",
      ModelSpec(
        inputWidth: 5,
        layers: [
          dense(6, .softmax), LayerSpec(.dropout(rate: 0.5), at: range), dense(3, .softmax),
        ],
        loss: .crossentropy)
    ),
    (
      "single sigmoid output, binary labels",
      ModelSpec(
        inputWidth: 5, layers: [dense(4, .relu), dense(1, .sigmoid)],
        loss: .binaryCrossentropy)
    ),
  ]

  @Test(arguments: cases.indices)
  func gradientsMatchFiniteDifferences(_ index: Int) {
    let (name, model) = Self.cases[index]
    let graph = Graph.compile(model)
    var random = Random(seed: UInt64(index + 1))
    let executor = Executor(graph: graph, random: &random)
    let rows = 4
    executor.reserve(rows: rows)
    let classes = model.outputWidth == 1 ? 2 : model.outputWidth
    var inputs: [[Double]] = []
    var labels: [Int] = []
    for row in 0..<rows {
      let x = (0..<model.inputWidth).map { _ in Double(random.nextUnitFloat() * 2 - 1) }
      inputs.append(x)
      labels.append(row % classes)
      for (j, value) in x.enumerated() { executor.input[row * model.inputWidth + j] = Float(value) }
      executor.labels[row] = Float(row % classes)
    }
    executor.forward(rows: rows, training: true, random: &random)
    executor.backward(rows: rows)

    var reference = Reference(model: model, parameters: [], masks: [])
    for (value, _) in graph.parameters {
      let count = graph[value].shape.count(batch: 1)
      reference.parameters.append((0..<count).map { Double(executor.pointer(value)[$0]) })
    }
    for tensor in graph.tensors.indices where graph.tensors[tensor].role == .mask {
      let count = graph.tensors[tensor].shape.count(batch: rows)
      reference.masks.append((0..<count).map { Double(executor.pointer(TensorID(tensor))[$0]) })
    }

    let loss = executor.lossSum(rows: rows) / Double(rows)
    let expectedLoss = reference.loss(inputs: inputs, labels: labels)
    #expect(abs(loss - expectedLoss) <= 1e-5 * max(1, abs(expectedLoss)), "\(name): loss")

    let h = 1e-6
    for (p, (_, gradient)) in graph.parameters.enumerated() {
      for i in reference.parameters[p].indices {
        var plus = reference
        plus.parameters[p][i] += h
        var minus = reference
        minus.parameters[p][i] -= h
        let numeric =
          (plus.loss(inputs: inputs, labels: labels) - minus.loss(inputs: inputs, labels: labels))
          / (2 * h)
        let analytic = Double(executor.pointer(gradient)[i])
        let tolerance = 1e-4 + 1e-3 * abs(numeric)
        #expect(
          abs(analytic - numeric) <= tolerance,
          Comment(
            rawValue: "\(name): \(graph[graph.parameters[p].value].name)[\(i)] expected "
              + "\(numeric), got \(analytic), tolerance \(tolerance)")
        )
      }
    }
  }
}
