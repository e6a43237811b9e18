import MLPLanguage

/// A compiled network: tensors with shapes, and two straight-line lists of operations, one that
/// runs the batch forward to the loss and one that carries the gradient back to every parameter.
/// Nodes refer to tensors by index; every node keeps the source range of the statement that made
/// it, so a fault at run time can name the line.
public struct Graph: Sendable {
  public var tensors: [Tensor] = []
  public var forward: [Node] = []
  public var backward: [Node] = []
  /// Each parameter with the tensor that receives its gradient, in layer order.
  public var parameters: [(value: TensorID, gradient: TensorID)] = []
  public var input = TensorID(0)
  public var labels = TensorID(0)
  /// The network's output as the user sees it (probabilities after a softmax).
  public var output = TensorID(0)
  /// One number per example; the batch loss is their mean.
  public var loss = TensorID(0)

  public init() {}

  public subscript(id: TensorID) -> Tensor { tensors[id.index] }

  /// Adds a tensor and returns its id.
  public mutating func add(_ name: String, _ shape: Shape, _ role: Tensor.Role) -> TensorID {
    tensors.append(Tensor(name: name, shape: shape, role: role))
    return TensorID(tensors.count - 1)
  }
}

public struct TensorID: Sendable, Hashable, Comparable {
  public var index: Int

  public init(_ index: Int) { self.index = index }

  public static func < (lhs: TensorID, rhs: TensorID) -> Bool { lhs.index < rhs.index }
}

/// A matrix shape: `rows` is the batch for data that flows through the network, a fixed number for
/// weights; a bias is one row.
public struct Shape: Sendable, Equatable, CustomStringConvertible {
  public enum Rows: Sendable, Equatable {
    case batch
    case fixed(Int)
  }

  public var rows: Rows
  public var columns: Int

  public init(_ rows: Rows, _ columns: Int) {
    self.rows = rows
    self.columns = columns
  }

  public static func batch(_ columns: Int) -> Shape { Shape(.batch, columns) }

  /// Elements for a batch of `batch` rows.
  public func count(batch: Int) -> Int {
    switch rows {
    case .batch: batch * columns
    case .fixed(let rows): rows * columns
    }
  }

  public var description: String {
    switch rows {
    case .batch: "[B, \(columns)]"
    case .fixed(1): "[\(columns)]"
    case .fixed(let rows): "[\(rows), \(columns)]"
    }
  }
}

public struct Tensor: Sendable {
  public enum Role: Sendable, Equatable {
    case input
    /// Integer class labels, one per row, stored as Float.
    case labels
    case weight
    case bias
    /// Computed in the forward pass.
    case activation
    /// Computed in the backward pass.
    case gradient
    /// Kept from forward to backward: a dropout mask.
    case mask
  }

  public var name: String
  public var shape: Shape
  public var role: Role
}

/// One operation: reads `inputs`, writes `outputs`.
public struct Node: Sendable {
  public var op: Operation
  public var inputs: [TensorID]
  public var outputs: [TensorID]
  public var source: SourceRange?

  public init(
    _ op: Operation, _ inputs: [TensorID], _ outputs: [TensorID], source: SourceRange?
  ) {
    self.op = op
    self.inputs = inputs
    self.outputs = outputs
    self.source = source
  }
}

/// The operations of a graph. Shapes: B is the batch, N and M widths.
public enum Operation: Sendable, Equatable {
  /// C = op(A) · op(B), where op transposes when asked: one sgemm.
  case matmul(transposeA: Bool, transposeB: Bool)
  /// [B, N] + bias [N].
  case addBias
  /// Element-wise, or row-wise for softmax.
  case activation(Activation)
  /// act(x + bias) in one pass over the product's output (fused).
  case biasActivation(Activation)
  /// Inverted dropout: outputs (y, mask); while training y = x * mask, mask in {0, 1/(1-rate)}.
  case dropout(rate: Double)
  /// Per-example loss of predictions against labels: outputs a [B, 1] loss.
  case loss(Loss)
  /// softmax and categorical cross-entropy of logits against labels (fused): outputs
  /// (probabilities [B, N], loss [B, 1]).
  case softmaxCrossEntropy
  /// sigmoid and binary cross-entropy (fused): outputs (probabilities, loss).
  case sigmoidBinaryCrossEntropy

  // Backward operations.

  /// d logits = (p - onehot(labels)) / B, from (probabilities, labels).
  case softmaxCrossEntropyGradient
  /// d logits = (p - targets) / (B * N), from (probabilities, labels).
  case sigmoidBinaryCrossEntropyGradient
  /// d prediction of a loss, from (prediction, labels).
  case lossGradient(Loss)
  /// dz from (y, dy): dy * act'(z) written with the output y; softmax uses its Jacobian.
  case activationGradient(Activation)
  /// dx = dy * mask, from (dy, mask).
  case dropoutGradient
  /// d bias = column sums of dz.
  case biasGradient

  /// The name printed in graph listings.
  public var name: String {
    switch self {
    case .matmul(let ta, let tb):
      "matmul" + (ta ? " transpose-a" : "") + (tb ? " transpose-b" : "")
    case .addBias: "add_bias"
    case .activation(let a): a.rawValue
    case .biasActivation(let a): "bias_\(a.rawValue)"
    case .dropout(let rate): "dropout \(rate)"
    case .loss(let loss): loss.rawValue
    case .softmaxCrossEntropy: "softmax_crossentropy"
    case .sigmoidBinaryCrossEntropy: "sigmoid_binary_crossentropy"
    case .softmaxCrossEntropyGradient: "softmax_crossentropy_grad"
    case .sigmoidBinaryCrossEntropyGradient: "sigmoid_binary_crossentropy_grad"
    case .lossGradient(let loss): "\(loss.rawValue)_grad"
    case .activationGradient(let a): "\(a.rawValue)_grad"
    case .dropoutGradient: "dropout_grad"
    case .biasGradient: "bias_grad"
    }
  }
}
