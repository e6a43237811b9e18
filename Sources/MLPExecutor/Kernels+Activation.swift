import Foundation
import MLPLanguage

/// Element-wise kernels over contiguous row-major [rows, columns] blocks. Vector loops handle 16
/// lanes at a time with a scalar tail; the exp-based functions call the C library per element.
enum Kernels {
  /// y = act(z + bias), row by row; `z` and `y` may be the same memory.
  static func biasActivation(
    _ activation: Activation, z: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?,
    y: UnsafeMutablePointer<Float>, rows: Int, columns: Int
  ) {
    for row in 0..<rows {
      let zRow = z + row * columns
      let yRow = y + row * columns
      var j = 0
      switch activation {
      case .relu:
        while j + 16 <= columns {
          var v = load16(zRow, j)
          if let bias { v += load16(bias, j) }
          store16(v.replacing(with: 0, where: v .< 0), yRow, j)
          j += 16
        }
        while j < columns {
          yRow[j] = max(zRow[j] + (bias?[j] ?? 0), 0)
          j += 1
        }
      case .linear, .softmax:
        while j + 16 <= columns {
          var v = load16(zRow, j)
          if let bias { v += load16(bias, j) }
          store16(v, yRow, j)
          j += 16
        }
        while j < columns {
          yRow[j] = zRow[j] + (bias?[j] ?? 0)
          j += 1
        }
        if activation == .softmax { softmax(yRow, into: yRow, columns) }
      case .sigmoid:
        for j in 0..<columns { yRow[j] = sigmoid(zRow[j] + (bias?[j] ?? 0)) }
      case .tanh:
        for j in 0..<columns { yRow[j] = Foundation.tanh(zRow[j] + (bias?[j] ?? 0)) }
      }
    }
  }

  @inline(__always)
  static func sigmoid(_ x: Float) -> Float {
    x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
  }

  /// Softmax of one row of `columns` values from `z` into `p` (which may be `z`), shifted by
  /// the row's maximum so no exp overflows. Returns the maximum and the sum of the shifted
  /// exponentials, from which a log-sum-exp follows.
  @discardableResult
  static func softmax(
    _ z: UnsafePointer<Float>, into p: UnsafeMutablePointer<Float>, _ columns: Int
  ) -> (largest: Float, sum: Float) {
    var largest = -Float.infinity
    for j in 0..<columns { largest = max(largest, z[j]) }
    var sum: Float = 0
    for j in 0..<columns {
      let e = exp(z[j] - largest)
      p[j] = e
      sum += e
    }
    let scale = 1 / sum
    for j in 0..<columns { p[j] *= scale }
    return (largest, sum)
  }

  /// dz = dy * act'(z), written from the activation's output y; `dz` may alias `dy`.
  static func activationGradient(
    _ activation: Activation, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
    dz: UnsafeMutablePointer<Float>, rows: Int, columns: Int
  ) {
    let count = rows * columns
    switch activation {
    case .linear:
      if UnsafePointer(dz) != dy { dz.update(from: dy, count: count) }
    case .relu:
      var i = 0
      while i + 16 <= count {
        let g = load16(dy, i)
        store16(g.replacing(with: 0, where: load16(y, i) .<= 0), dz, i)
        i += 16
      }
      while i < count {
        dz[i] = y[i] > 0 ? dy[i] : 0
        i += 1
      }
    case .sigmoid:
      for i in 0..<count { dz[i] = dy[i] * y[i] * (1 - y[i]) }
    case .tanh:
      for i in 0..<count { dz[i] = dy[i] * (1 - y[i] * y[i]) }
    case .softmax:
      // dz_i = y_i (dy_i - sum_j dy_j y_j): the softmax Jacobian applied to dy.
      for row in 0..<rows {
        let offset = row * columns
        var dot: Float = 0
        for j in 0..<columns { dot += dy[offset + j] * y[offset + j] }
        for j in 0..<columns { dz[offset + j] = y[offset + j] * (dy[offset + j] - dot) }
      }
    }
  }

  /// db[j] = sum over rows of dz[row, j].
  static func columnSums(
    _ dz: UnsafePointer<Float>, into db: UnsafeMutablePointer<Float>, rows: Int, columns: Int
  ) {
    db.update(repeating: 0, count: columns)
    for row in 0..<rows {
      let source = dz + row * columns
      var j = 0
      while j + 16 <= columns {
        store16(load16(db, j) + load16(source, j), db, j)
        j += 16
      }
      while j < columns {
        db[j] += source[j]
        j += 1
      }
    }
  }

  /// Inverted dropout while training: each unit kept with probability 1 - rate and scaled by
  /// 1 / (1 - rate), so inference needs no scaling. Writes the mask for the backward pass.
  static func dropout(
    rate: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>,
    mask: UnsafeMutablePointer<Float>, count: Int, random: inout Random
  ) {
    let keep = 1 / (1 - rate)
    for i in 0..<count {
      let m: Float = random.nextUnitFloat() < rate ? 0 : keep
      mask[i] = m
      y[i] = x[i] * m
    }
  }

  /// c = a * b element-wise.
  static func multiply(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
    count: Int
  ) {
    var i = 0
    while i + 16 <= count {
      store16(load16(a, i) * load16(b, i), c, i)
      i += 16
    }
    while i < count {
      c[i] = a[i] * b[i]
      i += 1
    }
  }
}
