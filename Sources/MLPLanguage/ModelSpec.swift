/// A complete network: input width, layers in order, and the loss. The graph compiler takes it.
public struct ModelSpec: Sendable, Equatable {
  public var inputWidth: Int
  public var layers: [LayerSpec]
  public var loss: Loss
  /// The `loss` statement, for messages about the output.
  public var lossRange: SourceRange?

  public init(inputWidth: Int, layers: [LayerSpec], loss: Loss, lossRange: SourceRange? = nil) {
    self.inputWidth = inputWidth
    self.layers = layers
    self.loss = loss
    self.lossRange = lossRange
  }

  /// The width after each layer, in order.
  public var widths: [Int] {
    var width = inputWidth
    return layers.map { layer in
      if case .dense(let units, _) = layer.kind { width = units }
      return width
    }
  }

  public var outputWidth: Int { widths.last ?? inputWidth }

  /// The activation of the last dense layer.
  public var outputActivation: Activation {
    for layer in layers.reversed() {
      if case .dense(_, let activation) = layer.kind { return activation }
    }
    return .linear
  }

  /// Weights and biases of every dense layer.
  public var parameterCount: Int {
    var width = inputWidth
    var total = 0
    for layer in layers {
      if case .dense(let units, _) = layer.kind {
        total += width * units + units
        width = units
      }
    }
    return total
  }
}

/// What a script has set up so far; the checker updates it statement by statement, and a REPL
/// session keeps one (a value, so a failed statement leaves the previous state untouched).
public struct ModelState: Sendable, Equatable {
  public var data: DataSpec?
  public var dataShape: DataShape?
  public var dataRange: SourceRange?
  public var normalization: NormalizationSpec = .none
  public var input: Int?
  public var inputRange: SourceRange?
  public var layers: [LayerSpec] = []
  public var loss: Loss?
  public var lossRange: SourceRange?
  public var optimizer = OptimizerSpec(.adam)
  public var seed: UInt64?
  /// The first `train` statement, once there is one.
  public var trainRange: SourceRange?

  public init() {}

  /// The input width: the `input` statement's, or the data's.
  public var inputWidth: Int? { input ?? dataShape?.width }
}
