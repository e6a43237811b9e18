import Foundation
import MLPLanguage

/// Updates all parameters from their gradients in one vectorized pass, with the update rules
/// (and defaults) of Keras:
///
///     adam:     m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
///               w -= lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)
///     sgd:      u = momentum u - lr g;  w += u
///     rmsprop:  v = rho v + (1 - rho) g^2;  w -= lr g / (sqrt(v) + eps)
public final class Optimizer {
  public let spec: OptimizerSpec
  public private(set) var step = 0
  private let first: FloatBuffer
  private let second: FloatBuffer

  public init(_ spec: OptimizerSpec, parameterCount: Int) {
    self.spec = spec
    first = FloatBuffer(count: parameterCount)
    second = FloatBuffer(count: spec.kind == .sgd ? 0 : parameterCount)
  }

  /// An independent copy, moments and step count included.
  public func clone() -> Optimizer {
    let copy = Optimizer(spec, parameterCount: first.count)
    copy.step = step
    copy.first.base.update(from: first.base, count: first.count)
    copy.second.base.update(from: second.base, count: second.count)
    return copy
  }

  /// Applies one update to `count` parameters.
  public func update(
    _ weights: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, count: Int
  ) {
    step += 1
    let lr = Float(spec.learningRate)
    switch spec.kind {
    case .adam:
      let t = Double(step)
      let correction = (1 - pow(spec.beta2, t)).squareRoot() / (1 - pow(spec.beta1, t))
      adam(weights, gradients, count, rate: Float(spec.learningRate * correction))
    case .sgd:
      let momentum = Float(spec.momentum)
      let u = first.base
      forEachLane(count) { i in
        let next = momentum * load16(u, i) - lr * load16(gradients, i)
        store16(next, u, i)
        store16(load16(weights, i) + next, weights, i)
      }
    case .rmsprop:
      let rho = Float(spec.rho)
      let epsilon = Float(spec.epsilon)
      let v = second.base
      forEachLane(count) { i in
        let g = load16(gradients, i)
        let average = rho * load16(v, i) + (1 - rho) * g * g
        store16(average, v, i)
        store16(load16(weights, i) - lr * g / (average.squareRoot() + epsilon), weights, i)
      }
    }
  }

  private func adam(
    _ weights: UnsafeMutablePointer<Float>, _ gradients: UnsafePointer<Float>, _ count: Int,
    rate: Float
  ) {
    let beta1 = SIMD16<Float>(repeating: Float(spec.beta1))
    let beta2 = SIMD16<Float>(repeating: Float(spec.beta2))
    let keep1 = SIMD16<Float>(repeating: 1 - Float(spec.beta1))
    let keep2 = SIMD16<Float>(repeating: 1 - Float(spec.beta2))
    let epsilon = SIMD16<Float>(repeating: Float(spec.epsilon))
    let step = SIMD16<Float>(repeating: rate)
    let m = first.base
    let v = second.base
    var i = 0
    while i < count {
      let g = load16(gradients, i)
      let mean = beta1 * load16(m, i) + keep1 * g
      let square = beta2 * load16(v, i) + keep2 * (g * g)
      store16(mean, m, i)
      store16(square, v, i)
      store16(load16(weights, i) - step * mean / (square.squareRoot() + epsilon), weights, i)
      i += 16
    }
  }

  /// Calls `body` for each 16-lane block. Parameter buffers are padded to whole blocks of 16
  /// (see `Executor`), so the last block may run over padding but never past the buffer.
  @inline(__always)
  private func forEachLane(_ count: Int, _ body: (Int) -> Void) {
    var i = 0
    while i < count {
      body(i)
      i += 16
    }
  }
}
