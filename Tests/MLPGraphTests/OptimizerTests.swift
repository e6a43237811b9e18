import MLPExecutor
import MLPLanguage
import Testing

/// One or two steps of each optimizer on a single weight, against values worked out by hand.
@Suite struct OptimizerTests {
  /// Runs `steps` updates of a weight starting at 1 with gradient 0.5 and returns the weight.
  func weight(after steps: Int, _ spec: OptimizerSpec) -> Float {
    let optimizer = Optimizer(spec, parameterCount: 16)
    let weights = FloatBuffer(count: 16)
    let gradients = FloatBuffer(count: 16)
    weights.base[0] = 1
    gradients.base[0] = 0.5
    for _ in 0..<steps { optimizer.update(weights.base, gradients: gradients.base, count: 16) }
    return weights.base[0]
  }

  @Test func adamFirstStepMovesByTheLearningRate() {
    // m = 0.05, v = 0.00025; lr_t = 0.001 * sqrt(1 - 0.999) / (1 - 0.9) = 0.000316228;
    // w = 1 - 0.000316228 * 0.05 / (0.0158114 + 1e-7) = 1 - 0.00099999 = 0.99900001.
    #expect(abs(weight(after: 1, OptimizerSpec(.adam)) - 0.99900001) < 1e-7)
  }

  @Test func adamSecondStep() {
    // t = 2: m = 0.095, v = 0.00049975; lr_t = 0.001 * sqrt(0.001999) / 0.19 = 0.00023532;
    // step = 0.00023532 * 0.095 / 0.0223551 = 0.00100000, so w = 0.99800001.
    #expect(abs(weight(after: 2, OptimizerSpec(.adam)) - 0.998) < 2e-7)
  }

  @Test func sgdWithMomentum() {
    // u1 = -0.1 * 0.5 = -0.05, w = 0.95; u2 = 0.9 * -0.05 - 0.05 = -0.095, w = 0.855.
    var spec = OptimizerSpec(.sgd)
    spec.learningRate = 0.1
    spec.momentum = 0.9
    #expect(abs(weight(after: 1, spec) - 0.95) < 1e-6)
    #expect(abs(weight(after: 2, spec) - 0.855) < 1e-6)
  }

  @Test func rmsprop() {
    // v = 0.1 * 0.25 = 0.025; w = 1 - 0.001 * 0.5 / (0.1581139 + 1e-7) = 0.99683772.
    #expect(abs(weight(after: 1, OptimizerSpec(.rmsprop)) - 0.99683772) < 1e-7)
  }
}
