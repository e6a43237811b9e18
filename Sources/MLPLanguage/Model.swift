/// An activation function applied element-wise (or, for softmax, across each row).
public enum Activation: String, Sendable, CaseIterable {
  case linear
  case relu
  case sigmoid
  case tanh
  case softmax
}

/// A loss between the network's output and the labels (one-hot where the output is a row of
/// class scores). Each is averaged over the examples of a batch, as Keras does.
public enum Loss: String, Sendable, CaseIterable {
  case crossentropy
  case mse
  case mae
  case binaryCrossentropy = "binary_crossentropy"
}

/// How inputs are scaled before they reach the first layer.
public enum NormalizationSpec: Sendable, Equatable {
  case none
  /// `normalize 255`: every value divided by the number.
  case divide(Double)
  /// Per feature: subtract the training mean, divide by the training standard deviation.
  case standard
  /// Per feature: map the training minimum..maximum onto 0..1.
  case minmax
}

/// An optimizer and its hyper-parameters, with Keras's defaults.
public struct OptimizerSpec: Sendable, Equatable {
  public enum Kind: String, Sendable, CaseIterable {
    case adam
    case sgd
    case rmsprop
  }

  public var kind: Kind
  public var learningRate: Double
  /// SGD momentum (0 is plain SGD).
  public var momentum: Double = 0
  public var beta1: Double = 0.9
  public var beta2: Double = 0.999
  /// RMSprop's decay of the squared-gradient average.
  public var rho: Double = 0.9
  public var epsilon: Double = 1e-7

  public init(_ kind: Kind) {
    self.kind = kind
    self.learningRate = kind == .sgd ? 0.01 : 0.001
  }

  /// The option names each optimizer takes.
  public static func options(of kind: Kind) -> [String] {
    switch kind {
    case .adam: ["lr", "beta1", "beta2", "epsilon"]
    case .sgd: ["lr", "momentum"]
    case .rmsprop: ["lr", "rho", "epsilon"]
    }
  }
}

/// Where the data comes from, with paths resolved against the script's folder.
public enum DataSpec: Sendable, Equatable {
  case named(String, directory: String?)
  case idx(images: String, labels: String, testImages: String?, testLabels: String?)
  case csv(path: String, label: LabelColumn, header: Bool, split: Double?, test: String?)

  public enum LabelColumn: Sendable, Equatable {
    case first
    case last
    /// 1-based column number.
    case column(Int)
  }
}

/// What the checker needs to know about a data set: sizes, not contents.
public struct DataShape: Sendable, Equatable {
  /// Features per example (784 for 28x28 images).
  public var width: Int
  public var classes: Int
  public var imageRows: Int?
  public var imageColumns: Int?
  public var hasTestSplit: Bool

  public init(
    width: Int, classes: Int, imageRows: Int? = nil, imageColumns: Int? = nil,
    hasTestSplit: Bool
  ) {
    self.width = width
    self.classes = classes
    self.imageRows = imageRows
    self.imageColumns = imageColumns
    self.hasTestSplit = hasTestSplit
  }
}

/// One layer of the model, with the statement that made it.
public struct LayerSpec: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case dense(width: Int, activation: Activation)
    case dropout(rate: Double)
  }

  public var kind: Kind
  public var range: SourceRange

  public init(_ kind: Kind, at range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

/// How `train` runs.
public struct TrainSpec: Sendable, Equatable {
  public enum Validation: Sendable, Equatable {
    /// Validate on the data set's test split after every epoch.
    case test
    /// Hold out the last fraction of the training examples, as Keras's `validation_split`.
    case split(Double)
    case none
  }

  public var epochs: Int = 1
  public var batch: Int = 32
  public var validation: Validation = .test
  /// Where to keep the weights of the epoch with the best validation accuracy.
  public var checkpoint: String?

  public init() {}
}

/// A statement the checker accepted, turned into what the interpreter does.
public struct CheckedStatement: Sendable, Equatable {
  public enum Action: Sendable, Equatable {
    case data(DataSpec, DataShape)
    case normalize(NormalizationSpec)
    case input(Int)
    case layer(LayerSpec)
    case loss(Loss)
    case optimizer(OptimizerSpec)
    case seed(UInt64)
    case train(TrainSpec)
    case evaluate
    /// Write the model and its weights to a .safetensors file.
    case save(String)
    /// Read weights (and normalization) from a .safetensors file into the declared model.
    case load(String)
    case summary
    /// A diagram of the compiled graph, printed, or written as .svg or .dot.
    case graph(String?)
    /// Loss and accuracy curves, in the terminal or written as .svg.
    case plot(String?)
    case confusion
    case show(ShowKind, count: Int)
    case trace
  }

  /// Whether running it changes the session (the views, `evaluate` and `save` only look).
  public var changesSession: Bool {
    switch action {
    case .evaluate, .save, .summary, .graph, .plot, .confusion, .show, .trace: false
    default: true
    }
  }

  public enum ShowKind: String, Sendable, CaseIterable {
    case samples
    case mistakes
  }

  public var action: Action
  public var range: SourceRange

  public init(_ action: Action, at range: SourceRange) {
    self.action = action
    self.range = range
  }
}
