/// Examples as one row-major block of features and one class label per example. Images stay
/// bytes (`UInt8`) and are turned into `Float` only as a batch is gathered.
public struct Dataset: Sendable {
  public enum Features: Sendable {
    case bytes([UInt8])
    case floats([Float])
  }

  /// `count * width` values, example after example.
  public var features: Features
  /// One class index per example, in `0..<classes` of the split it belongs to.
  public var labels: [Int32]
  /// Features per example (784 for a 28x28 image).
  public var width: Int
  /// Rows and columns when the examples are images.
  public var imageShape: (rows: Int, columns: Int)?

  public init(
    features: Features, labels: [Int32], width: Int, imageShape: (rows: Int, columns: Int)? = nil
  ) {
    self.features = features
    self.labels = labels
    self.width = width
    self.imageShape = imageShape
  }

  public var count: Int { labels.count }
}
