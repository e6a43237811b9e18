import MLPExecutor
import MLPGraph
import MLPLanguage
import Testing

@Suite struct CompileTests {
  static let seedModel = ModelSpec(
    inputWidth: 784,
    layers: [
      LayerSpec(.dense(width: 100, activation: .relu), at: SourceRange(0, 14)),
      LayerSpec(.dropout(rate: 0.2), at: SourceRange(15, 26)),
      LayerSpec(.dense(width: 10, activation: .softmax), at: SourceRange(27, 43)),
    ], loss: .crossentropy, lossRange: SourceRange(44, 61))

  @Test func seedModelListing() {
    let graph = Graph.compile(Self.seedModel)
    let expected = """
      inputs
        x [B, 784] input
        labels [B, 1] labels
        dense1.weight [784, 100] weight
        dense1.bias [100] bias
        dense2.weight [100, 10] weight
        dense2.bias [10] bias
      forward
        dense1.product [B, 100] = matmul(x, dense1.weight)
        dense1.relu [B, 100] = bias_relu(dense1.product, dense1.bias)
        dropout1 [B, 100], dropout1.mask [B, 100] = dropout 0.2(dense1.relu)
        dense2.product [B, 10] = matmul(dropout1, dense2.weight)
        dense2.preactivation [B, 10] = add_bias(dense2.product, dense2.bias)
        dense2.softmax [B, 10], loss [B, 1] = softmax_crossentropy(dense2.preactivation, labels)
      backward
        ddense2.preactivation [B, 10] = softmax_crossentropy_grad(dense2.softmax, labels)
        ddense2.bias [10] = bias_grad(ddense2.preactivation)
        ddense2.weight [100, 10] = matmul transpose-a(dropout1, ddense2.preactivation)
        ddropout1 [B, 100] = matmul transpose-b(ddense2.preactivation, dense2.weight)
        ddense1.relu [B, 100] = dropout_grad(ddropout1, dropout1.mask)
        ddense1.product [B, 100] = relu_grad(dense1.relu, ddense1.relu)
        ddense1.bias [100] = bias_grad(ddense1.product)
        ddense1.weight [784, 100] = matmul transpose-a(x, ddense1.product)

      """
    #expect(graph.listing() == expected)
  }

  @Test func parameterCountOfTheSeedModel() {
    // 784 x 100 + 100 = 78,500 and 100 x 10 + 10 = 1,010.
    #expect(Self.seedModel.parameterCount == 79_510)
    #expect(Self.seedModel.widths == [100, 100, 10])
  }

  /// Two Gaussian-free blobs on either side of the line x + y = 0 are learnt to 100 %.
  @Test func learnsASeparableProblem() {
    let model = ModelSpec(
      inputWidth: 2,
      layers: [
        LayerSpec(.dense(width: 8, activation: .relu), at: SourceRange(0, 0)),
        LayerSpec(.dense(width: 2, activation: .softmax), at: SourceRange(0, 0)),
      ], loss: .crossentropy)
    let graph = Graph.compile(model)
    var random = Random(seed: 7)
    let executor = Executor(graph: graph, random: &random)
    var spec = OptimizerSpec(.adam)
    spec.learningRate = 0.02
    let optimizer = Optimizer(spec, parameterCount: executor.parameters.count)
    let rows = 64
    executor.reserve(rows: rows)
    func fill() {
      for row in 0..<rows {
        let label = row % 2
        let side: Float = label == 1 ? 1 : -1
        executor.input[row * 2] =
          side * (0.3 + random.nextUnitFloat()) + random.nextUnitFloat() - 0.5
        executor.input[row * 2 + 1] = side * (0.3 + random.nextUnitFloat())
        executor.labels[row] = Float(label)
      }
    }
    for _ in 0..<300 {
      fill()
      executor.forward(rows: rows, training: true, random: &random)
      executor.backward(rows: rows)
      optimizer.update(
        executor.parameters.base, gradients: executor.gradients.base,
        count: executor.parameters.count)
    }
    fill()
    executor.forward(rows: rows, training: false, random: &random)
    #expect(executor.correct(rows: rows) == rows)
    #expect(executor.lossSum(rows: rows) / Double(rows) < 0.1)
  }
}
