import CBLAS
import Foundation
import MLPGraph
import MLPLanguage

/// Runs a graph on the CPU. It owns the weights (all parameters in one contiguous buffer, and
/// their gradients in another laid out the same way, so an optimizer step is one pass) and a
/// workspace that holds every other tensor for a batch of up to `capacity` rows. Nothing is
/// allocated per batch: a step fills the input and label rows, then runs `forward` and
/// `backward`.
public final class Executor {
  public let graph: Graph
  public let parameters: FloatBuffer
  public let gradients: FloatBuffer
  public private(set) var capacity = 0
  private var workspace = FloatBuffer(count: 0)
  /// The batch size the largest product was last worked out for, and that product.
  private var threadsChosenFor = (rows: 0, largest: 0)
  /// Per tensor: where it lives.
  private var places: [Place]

  private enum Place {
    case parameter(Int)
    case gradient(Int)
    case workspace(Int)
  }

  /// Allocates the parameters and draws weights Glorot-uniform (biases start at zero).
  public init(graph: Graph, random: inout Random) {
    self.graph = graph
    var places = [Place](repeating: .workspace(0), count: graph.tensors.count)
    var offset = 0
    for (value, gradient) in graph.parameters {
      places[value.index] = .parameter(offset)
      places[gradient.index] = .gradient(offset)
      offset += Executor.aligned(graph[value].shape.count(batch: 1))
    }
    self.places = places
    parameters = FloatBuffer(count: offset)
    gradients = FloatBuffer(count: offset)
    initialize(random: &random)
  }

  /// An independent copy with the same weights (the workspace is allocated again on use).
  public func clone() -> Executor {
    var unused = Random(seed: 0)
    let copy = Executor(graph: graph, random: &unused)
    copy.parameters.base.update(from: parameters.base, count: parameters.count)
    return copy
  }

  /// Rounds a count up to a whole number of 64-byte lines.
  private static func aligned(_ count: Int) -> Int { (count + 15) / 16 * 16 }

  /// Draws every weight matrix uniformly from ±sqrt(6 / (fan in + fan out)); zeroes biases.
  public func initialize(random: inout Random) {
    for (value, _) in graph.parameters {
      let tensor = graph[value]
      let base = pointer(value)
      let count = tensor.shape.count(batch: 1)
      guard tensor.role == .weight, case .fixed(let fanIn) = tensor.shape.rows else {
        base.update(repeating: 0, count: count)
        continue
      }
      let limit = (6 / Float(fanIn + tensor.shape.columns)).squareRoot()
      for i in 0..<count { base[i] = (random.nextUnitFloat() * 2 - 1) * limit }
    }
  }

  /// Makes room for batches of up to `rows` rows (allocates only when growing).
  public func reserve(rows: Int) {
    guard rows > capacity else { return }
    var offset = 0
    for (index, tensor) in graph.tensors.enumerated() {
      switch places[index] {
      case .parameter, .gradient: continue
      case .workspace:
        places[index] = .workspace(offset)
        offset += Executor.aligned(tensor.shape.count(batch: rows))
      }
    }
    workspace = FloatBuffer(count: offset)
    capacity = rows
  }

  /// Where a tensor's values are; valid until the next `reserve` that grows the workspace.
  public func pointer(_ tensor: TensorID) -> UnsafeMutablePointer<Float> {
    switch places[tensor.index] {
    case .parameter(let offset): parameters.base + offset
    case .gradient(let offset): gradients.base + offset
    case .workspace(let offset): workspace.base + offset
    }
  }

  /// The input rows to fill before `forward`: [rows, input width].
  public var input: UnsafeMutablePointer<Float> { pointer(graph.input) }
  /// The labels to fill before `forward`, one class index per row, as Float.
  public var labels: UnsafeMutablePointer<Float> { pointer(graph.labels) }

  /// Runs the forward graph on `rows` rows. Dropout is active only while `training`.
  public func forward(rows: Int, training: Bool, random: inout Random) {
    if rows != threadsChosenFor.rows {
      threadsChosenFor = (rows, largestProduct(rows: rows))
    }
    Threads.use(forLargestProduct: threadsChosenFor.largest)
    for node in graph.forward { run(node, rows: rows, training: training, random: &random) }
  }

  /// Runs the backward graph, filling every parameter gradient.
  public func backward(rows: Int) {
    var unused = Random(seed: 0)
    for node in graph.backward { run(node, rows: rows, training: true, random: &unused) }
  }

  /// The sum of the per-example losses of the last forward pass.
  public func lossSum(rows: Int) -> Double {
    let loss = pointer(graph.loss)
    var total: Double = 0
    for i in 0..<rows { total += Double(loss[i]) }
    return total
  }

  /// How many of the last forward pass's rows were classified right.
  public func correct(rows: Int) -> Int {
    Kernels.correct(
      prediction: pointer(graph.output), labels: labels, rows: rows,
      columns: graph[graph.output].shape.columns)
  }
}
