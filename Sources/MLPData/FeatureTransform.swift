/// How features are scaled before training, as a script's data statement asks.
public enum Normalization: Sendable, Equatable {
  case none
  /// Divide every feature by the value (255 for bytes to land in 0...1); it must not be 0.
  case divide(Float)
  /// Per feature, subtract the training mean and divide by the training standard deviation.
  case standard
  /// Per feature, map the training minimum to 0 and maximum to 1.
  case minmax
}

/// A per-feature affine map `x * scale[j] + shift[j]`, fitted on the training set and applied
/// unchanged to every split.
public struct FeatureTransform: Sendable, Equatable {
  public var scale: [Float]
  public var shift: [Float]

  public init(scale: [Float], shift: [Float]) {
    precondition(scale.count == shift.count)
    self.scale = scale
    self.shift = shift
  }

  public static func identity(width: Int) -> FeatureTransform {
    FeatureTransform(
      scale: Array(repeating: 1, count: width), shift: Array(repeating: 0, count: width))
  }

  /// Statistics are computed in `Double` over every example of `set`.
  ///
  /// A feature with standard deviation 0 gets scale 1, so centring alone maps it to 0; a
  /// constant feature under `.minmax` gets scale 0 and shift 0. An empty set gives the identity.
  public static func fit(_ normalization: Normalization, on set: Dataset) -> FeatureTransform {
    let width = set.width
    switch normalization {
    case .none:
      return identity(width: width)
    case .divide(let divisor):
      precondition(divisor != 0, "division by zero in normalization")
      return FeatureTransform(
        scale: Array(repeating: 1 / divisor, count: width),
        shift: Array(repeating: 0, count: width))
    case .minmax:
      guard set.count > 0 else { return identity(width: width) }
      var low = Array(repeating: Double.infinity, count: width)
      var high = Array(repeating: -Double.infinity, count: width)
      set.forEachRow { row in
        for j in 0..<width {
          low[j] = min(low[j], row[j])
          high[j] = max(high[j], row[j])
        }
      }
      let range = zip(low, high).map { $1 - $0 }
      return FeatureTransform(
        scale: range.map { $0 > 0 ? Float(1 / $0) : 0 },
        shift: zip(low, range).map { $1 > 0 ? Float(-$0 / $1) : 0 })
    case .standard:
      guard set.count > 0 else { return identity(width: width) }
      // Two passes, mean then variance, which stay accurate when the mean is large.
      var mean = Array(repeating: 0.0, count: width)
      set.forEachRow { row in
        for j in 0..<width { mean[j] += row[j] }
      }
      for j in 0..<width { mean[j] /= Double(set.count) }
      var variance = Array(repeating: 0.0, count: width)
      set.forEachRow { row in
        for j in 0..<width { variance[j] += (row[j] - mean[j]) * (row[j] - mean[j]) }
      }
      let deviation = variance.map { ($0 / Double(set.count)).squareRoot() }
      return FeatureTransform(
        scale: deviation.map { $0 > 0 ? Float(1 / $0) : 1 },
        shift: zip(mean, deviation).map { Float($1 > 0 ? -$0 / $1 : -$0) })
    }
  }
}

extension Dataset {
  /// Calls `body` with each example's features widened to `Double`, in one reused buffer.
  fileprivate func forEachRow(_ body: (UnsafeBufferPointer<Double>) -> Void) {
    var row = [Double](repeating: 0, count: width)
    row.withUnsafeMutableBufferPointer { row in
      for example in 0..<count {
        let start = example * width
        switch features {
        case .bytes(let bytes):
          for j in 0..<width { row[j] = Double(bytes[start + j]) }
        case .floats(let floats):
          for j in 0..<width { row[j] = Double(floats[start + j]) }
        }
        body(UnsafeBufferPointer(row))
      }
    }
  }
}
