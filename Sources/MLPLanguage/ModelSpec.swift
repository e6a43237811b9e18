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

extension ModelSpec {
  /// The most inputs, and units in a layer, that `trace` prints.
  public static let traceLimit = 16

  /// Why the network is too large to trace, or nil when it is small enough.
  public var traceRefusal: String? {
    let widest = widths.max() ?? 0
    let limit = Self.traceLimit
    guard inputWidth > limit || widest > limit else { return nil }
    return "'trace' prints every number, so it takes at most \(limit) inputs and \(limit) units "
      + "a layer; this network has \(formatCount(inputWidth)) inputs and \(formatCount(widest)) "
      + "units in its widest layer"
  }

  /// The statements that declare this model, one a line, as a file or a message quotes them.
  public var layerStatements: [String] {
    layers.map { layer in
      switch layer.kind {
      case .dense(let units, let activation): "dense \(units) \(activation.rawValue)"
      case .dropout(let rate): "dropout \(rate)"
      }
    }
  }
}

/// What a script has set up so far; the checker updates it statement by statement, and a REPL
/// session keeps one (a value, so a failed statement leaves the previous state untouched).
public struct ModelState: Sendable {
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
  /// Whether weights have been loaded from a file.
  public var loaded = false
  /// Whether a statement has used the model (trained, evaluated, saved, loaded or shown it).
  public var usedModel = false
  /// The statements since the last one that used the model (their keyword and place): in a
  /// script they can have no effect.
  public var sinceLastUse: [(keyword: String, range: SourceRange)] = []
  /// Files that statements checked so far will write (`save`, `checkpoint`): a `load` of one
  /// of them reads what the script itself wrote, so it is not read while checking.
  public var filesWritten: Set<String> = []

  public init() {}

  /// The input width: the `input` statement's, or the data's.
  public var inputWidth: Int? { input ?? dataShape?.width }
}
