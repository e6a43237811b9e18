import Foundation
import MLPLanguage

/// Losses per example (the batch loss is their mean) and their gradients, already divided by
/// the batch size. Targets are one-hot rows of the integer labels when there are several output
/// columns, and the label itself (0 or 1) for a single column.
extension Kernels {
  /// Clipping of probabilities before a logarithm, as Keras's epsilon.
  static let epsilon: Float = 1e-7

  @inline(__always)
  static func target(_ labels: UnsafePointer<Float>, row: Int, column: Int, columns: Int) -> Float {
    columns == 1 ? labels[row] : (Int(labels[row]) == column ? 1 : 0)
  }

  /// Softmax of the logits into `probabilities`, and -log p[label] per row computed as
  /// log-sum-exp minus the label's logit, which stays finite for any logits.
  static func softmaxCrossEntropy(
    logits: UnsafePointer<Float>, labels: UnsafePointer<Float>,
    probabilities: UnsafeMutablePointer<Float>, loss: UnsafeMutablePointer<Float>,
    rows: Int, columns: Int
  ) {
    for row in 0..<rows {
      let z = logits + row * columns
      let (largest, sum) = softmax(z, into: probabilities + row * columns, columns)
      let label = min(max(Int(labels[row]), 0), columns - 1)
      loss[row] = log(sum) + largest - z[label]
    }
  }

  /// Sigmoid of the logits, and binary cross-entropy per row averaged over its columns, in the
  /// stable form max(z, 0) - z y + log(1 + exp(-|z|)).
  static func sigmoidBinaryCrossEntropy(
    logits: UnsafePointer<Float>, labels: UnsafePointer<Float>,
    probabilities: UnsafeMutablePointer<Float>, loss: UnsafeMutablePointer<Float>,
    rows: Int, columns: Int
  ) {
    for row in 0..<rows {
      var total: Float = 0
      for j in 0..<columns {
        let z = logits[row * columns + j]
        let y = target(labels, row: row, column: j, columns: columns)
        probabilities[row * columns + j] = sigmoid(z)
        total += max(z, 0) - z * y + log1p(exp(-abs(z)))
      }
      loss[row] = total / Float(columns)
    }
  }

  /// A loss of predictions (already activated) per row.
  static func loss(
    _ kind: Loss, prediction: UnsafePointer<Float>, labels: UnsafePointer<Float>,
    loss: UnsafeMutablePointer<Float>, rows: Int, columns: Int
  ) {
    for row in 0..<rows {
      let p = prediction + row * columns
      var total: Float = 0
      for j in 0..<columns {
        let y = target(labels, row: row, column: j, columns: columns)
        switch kind {
        case .mse: total += (p[j] - y) * (p[j] - y)
        case .mae: total += abs(p[j] - y)
        case .crossentropy: if y > 0 { total -= y * log(min(max(p[j], epsilon), 1)) }
        case .binaryCrossentropy:
          let q = min(max(p[j], epsilon), 1 - epsilon)
          total -= y * log(q) + (1 - y) * log(1 - q)
        }
      }
      loss[row] = kind == .crossentropy ? total : total / Float(columns)
    }
  }

  /// d logits of a fused loss: (p - target) / scale, where scale is B for softmax and B * N for
  /// sigmoid (whose loss averages over the columns too).
  static func fusedLossGradient(
    probabilities: UnsafePointer<Float>, labels: UnsafePointer<Float>,
    gradient: UnsafeMutablePointer<Float>, rows: Int, columns: Int, perColumn: Bool
  ) {
    let scale = 1 / Float(perColumn ? rows * columns : rows)
    for row in 0..<rows {
      for j in 0..<columns {
        let i = row * columns + j
        let y = target(labels, row: row, column: j, columns: columns)
        gradient[i] = (probabilities[i] - y) * scale
      }
    }
  }

  /// d prediction of an unfused loss, divided by the batch size (and by N where the loss
  /// averages over columns). Where clipping held a probability fixed, the gradient is 0.
  static func lossGradient(
    _ kind: Loss, prediction: UnsafePointer<Float>, labels: UnsafePointer<Float>,
    gradient: UnsafeMutablePointer<Float>, rows: Int, columns: Int
  ) {
    let perColumn = kind == .crossentropy ? 1 : Float(columns)
    let scale = 1 / (Float(rows) * perColumn)
    for row in 0..<rows {
      for j in 0..<columns {
        let i = row * columns + j
        let p = prediction[i]
        let y = target(labels, row: row, column: j, columns: columns)
        let clipped = p < epsilon || p > 1 - epsilon
        switch kind {
        case .mse: gradient[i] = 2 * (p - y) * scale
        case .mae: gradient[i] = (p > y ? 1 : (p < y ? -1 : 0)) * scale
        case .crossentropy: gradient[i] = (y > 0 && p >= epsilon) ? -y / p * scale : 0
        case .binaryCrossentropy:
          gradient[i] = clipped ? 0 : (p - y) / (p * (1 - p)) * scale
        }
      }
    }
  }

  /// Examples whose prediction is right: the largest column equals the label, or for a single
  /// column, the output is above one half exactly when the label is 1.
  static func correct(
    prediction: UnsafePointer<Float>, labels: UnsafePointer<Float>, rows: Int, columns: Int
  ) -> Int {
    var count = 0
    for row in 0..<rows {
      let p = prediction + row * columns
      if columns == 1 {
        if (p[0] > 0.5) == (labels[row] == 1) { count += 1 }
        continue
      }
      var best = 0
      for j in 1..<columns where p[j] > p[best] { best = j }
      if best == Int(labels[row]) { count += 1 }
    }
    return count
  }
}
