import MLPExecutor
import MLPGraph
import MLPInterpreter
import MLPLanguage
import Testing

/// `trace` on a 2-2-2 network whose weights are set by hand, against values worked out by hand.
@Suite struct TraceTests {
  /// x = [1, 2], label 0; W1 = [[0.1, 0.2], [0.3, -0.4]], b1 = [0, 0.1] (relu);
  /// W2 = [[0.5, -0.5], [1, 1]], b2 = [0, 0] (softmax); crossentropy; sgd with lr 0.1.
  ///
  ///     z1 = [1*0.1 + 2*0.3 + 0, 1*0.2 + 2*(-0.4) + 0.1] = [0.7, -0.5];  a1 = relu = [0.7, 0]
  ///     z2 = [0.7*0.5 + 0*1, 0.7*(-0.5) + 0*1] = [0.35, -0.35]
  ///     p = softmax(z2) = [1 / (1 + e^-0.7), 1 / (1 + e^0.7)] = [0.668188, 0.331812]
  ///     loss = -ln 0.668188 = 0.403186
  ///     dz2 = p - onehot(0) = [-0.331812, 0.331812];  db2 = dz2
  ///     dW2 = a1^T dz2 = [[-0.232269, 0.232269], [0, 0]]
  ///     da1 = dz2 W2^T = [-0.331812 * 0.5 + 0.331812 * (-0.5), -0.331812 + 0.331812]
  ///         = [-0.331812, 0] (Float32 leaves 2.98e-08 for the 0);  dz1 = da1 * relu'(z1) = [-0.331812, 0]
  ///     dW1 = x^T dz1 = [[-0.331812, 0], [-0.663624, 0]];  db1 = [-0.331812, 0]
  ///     sgd: W1[0, 0] = 0.1 - 0.1 * (-0.331812) = 0.133181; W1[1, 0] = 0.366362;
  ///          W2[0, 0] = 0.5 + 0.0232269 = 0.523227; b2 = [0.0331812, -0.0331812]
  func tracedNetwork() -> String {
    let range = SourceRange(0, 0)
    let model = ModelSpec(
      inputWidth: 2,
      layers: [
        LayerSpec(.dense(width: 2, activation: .relu), at: range),
        LayerSpec(.dense(width: 2, activation: .softmax), at: range),
      ], loss: .crossentropy)
    var random = Random(seed: 1)
    let executor = Executor(graph: Graph.compile(model), random: &random)
    let values: [[Float]] = [[0.1, 0.2, 0.3, -0.4], [0, 0.1], [0.5, -0.5, 1, 1], [0, 0]]
    for (parameter, numbers) in zip(executor.graph.parameters, values) {
      let pointer = executor.pointer(parameter.value)
      for (i, number) in numbers.enumerated() { pointer[i] = number }
    }
    executor.reserve(rows: 1)
    executor.input[0] = 1
    executor.input[1] = 2
    executor.labels[0] = 0
    var sgd = OptimizerSpec(.sgd)
    sgd.learningRate = 0.1
    let optimizer = Optimizer(sgd, parameterCount: executor.parameters.count)
    return traceText(executor, optimizer: optimizer, classNames: ["yes", "no"])
  }

  @Test func forwardMatchesTheHandCalculation() {
    let text = tracedNetwork()
    #expect(text.hasPrefix("x [B, 2] = [1, 2]\nlabel 0 (yes)\n"))
    #expect(text.contains("  [0] = 1 × 0.1 + 2 × 0.3 = 0.7\n"))
    #expect(text.contains("  [1] = 1 × 0.2 + 2 × -0.4 = -0.6\n"))
    #expect(text.contains("  z = [0.7, -0.5]\n  relu = max(0, z) = [0.7, 0]\n"))
    #expect(text.contains("  [0] = 0.7 × 0.5 + 0 × 1 = 0.35\n"))
    #expect(text.contains("  exp(z - max z) = [1, 0.496585]; their sum 1.49659\n"))
    #expect(text.contains("  softmax = each over the sum = [0.668188, 0.331812]\n"))
    #expect(text.contains("loss = -ln p[0] = -ln 0.668188 = 0.403186\n"))
  }

  @Test func gradientsAndOneStepMatchTheHandCalculation() {
    let text = tracedNetwork()
    #expect(
      text.contains(
        "ddense2.preactivation [B, 2] = softmax_crossentropy_grad(dense2.softmax, labels)\n  [-0.331812   0.331812]\n"
      ))
    #expect(
      text.contains(
        "ddense2.weight [2, 2] = matmul transpose-a(dense1.relu, ddense2.preactivation)\n"
          + "  [-0.232269   0.232269]\n  [        0          0]\n"
      ))
    #expect(
      text.contains(
        "ddense1.weight [2, 2] = matmul transpose-a(x, ddense1.product)\n"
          + "  [-0.331812          0]\n  [-0.663624          0]\n"
      ))
    #expect(text.contains("one sgd step (lr 0.1, momentum 0.0): u = momentum u - lr g; w += u\n"))
    #expect(text.contains("  [0, 0] 0.1 -> 0.133181 (-0.331812)\n"))
    #expect(text.contains("  [1, 0] 0.3 -> 0.366362 (-0.663624)\n"))
    #expect(text.contains("  [0, 0] 0.5 -> 0.523227 (-0.232269)\n"))
    #expect(text.contains("  [0] 0 -> 0.0331812 (-0.331812)\n"))
  }
}
