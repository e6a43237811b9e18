import Foundation
import MLPExecutor
import MLPGraph
import MLPLanguage

/// An independent Float64 forward pass of a `ModelSpec`, written straight from the definitions
/// (no fusion, no BLAS), used to check the executor's losses and, through central finite
/// differences, its gradients.
struct Reference {
  var model: ModelSpec
  /// Weights then bias of each dense layer, as the executor lays them out (unpadded).
  var parameters: [[Double]]
  /// One mask per dropout layer (the executor's, so both drop the same units).
  var masks: [[Double]]

  /// The mean loss over the batch.
  func loss(inputs: [[Double]], labels: [Int]) -> Double {
    var total = 0.0
    for (row, x) in inputs.enumerated() {
      total += exampleLoss(x, label: labels[row], row: row)
    }
    return total / Double(inputs.count)
  }

  private func exampleLoss(_ input: [Double], label: Int, row: Int) -> Double {
    var h = input
    var parameter = 0
    var dropout = 0
    for layer in model.layers {
      switch layer.kind {
      case .dense(let units, let activation):
        let (w, b) = (parameters[parameter], parameters[parameter + 1])
        parameter += 2
        var z = b
        for j in 0..<units {
          for i in 0..<h.count { z[j] += h[i] * w[i * units + j] }
        }
        h = Reference.activate(z, activation)
      case .dropout:
        let mask = masks[dropout]
        dropout += 1
        h = h.indices.map { h[$0] * mask[row * h.count + $0] }
      }
    }
    if model.loss == .crossentropy, model.outputActivation != .softmax {
      h = Reference.activate(h, .softmax)
    }
    let targets = h.indices.map { j in h.count == 1 ? Double(label) : (j == label ? 1.0 : 0) }
    let k = Double(h.count)
    switch model.loss {
    case .crossentropy: return -log(h[label])
    case .mse: return zip(h, targets).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / k
    case .mae: return zip(h, targets).map { abs($0 - $1) }.reduce(0, +) / k
    case .binaryCrossentropy:
      return zip(h, targets).map { -($1 * log($0) + (1 - $1) * log(1 - $0)) }.reduce(0, +) / k
    }
  }

  static func activate(_ z: [Double], _ activation: Activation) -> [Double] {
    switch activation {
    case .linear: return z
    case .relu: return z.map { max($0, 0) }
    case .sigmoid: return z.map { 1 / (1 + exp(-$0)) }
    case .tanh: return z.map { Foundation.tanh($0) }
    case .softmax:
      let largest = z.max() ?? 0
      let e = z.map { exp($0 - largest) }
      let sum = e.reduce(0, +)
      return e.map { $0 / sum }
    }
  }
}
