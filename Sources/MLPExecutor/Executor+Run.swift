import CBLAS
import Foundation
import MLPGraph
import MLPLanguage

extension Executor {
  /// Executes one node for a batch of `rows` rows.
  func run(_ node: Node, rows: Int, training: Bool, random: inout Random) {
    let out = pointer(node.outputs[0])
    let first = pointer(node.inputs[0])
    let columns = graph[node.outputs[0]].shape.columns
    switch node.op {
    case .matmul(let transposeA, let transposeB):
      matmul(node, rows: rows, transposeA: transposeA, transposeB: transposeB)
    case .addBias:
      Kernels.biasActivation(
        .linear, z: first, bias: pointer(node.inputs[1]), y: out,
        rows: rows, columns: columns)
    case .activation(let activation):
      Kernels.biasActivation(
        activation, z: first, bias: nil, y: out, rows: rows,
        columns: columns)
    case .biasActivation(let activation):
      Kernels.biasActivation(
        activation, z: first, bias: pointer(node.inputs[1]), y: out,
        rows: rows, columns: columns)
    case .dropout(let rate):
      if training, rate > 0 {
        Kernels.dropout(
          rate: Float(rate), x: first, y: out, mask: pointer(node.outputs[1]),
          count: rows * columns, random: &random)
      } else {
        out.update(from: first, count: rows * columns)
        pointer(node.outputs[1]).update(repeating: 1, count: rows * columns)
      }
    case .loss(let kind):
      let width = graph[node.inputs[0]].shape.columns
      Kernels.loss(
        kind, prediction: first, labels: pointer(node.inputs[1]), loss: out,
        rows: rows, columns: width)
    case .softmaxCrossEntropy, .sigmoidBinaryCrossEntropy:
      let fusedSoftmax = node.op == .softmaxCrossEntropy
      let kernel = fusedSoftmax ? Kernels.softmaxCrossEntropy : Kernels.sigmoidBinaryCrossEntropy
      kernel(first, pointer(node.inputs[1]), out, pointer(node.outputs[1]), rows, columns)
    case .softmaxCrossEntropyGradient, .sigmoidBinaryCrossEntropyGradient:
      Kernels.fusedLossGradient(
        probabilities: first, labels: pointer(node.inputs[1]), gradient: out, rows: rows,
        columns: columns, perColumn: node.op == .sigmoidBinaryCrossEntropyGradient)
    case .lossGradient(let kind):
      Kernels.lossGradient(
        kind, prediction: first, labels: pointer(node.inputs[1]),
        gradient: out, rows: rows, columns: columns)
    case .activationGradient(let activation):
      Kernels.activationGradient(
        activation, y: first, dy: pointer(node.inputs[1]), dz: out,
        rows: rows, columns: columns)
    case .dropoutGradient:
      Kernels.multiply(first, pointer(node.inputs[1]), into: out, count: rows * columns)
    case .biasGradient:
      let width = graph[node.inputs[0]].shape.columns
      Kernels.columnSums(first, into: out, rows: rows, columns: width)
    }
  }

  /// The multiply-adds of the largest product in the graph for a batch of `rows` rows.
  func largestProduct(rows: Int) -> Int {
    var largest = 0
    for nodes in [graph.forward, graph.backward] {
      for node in nodes {
        guard case .matmul(let transposeA, let transposeB) = node.op else { continue }
        let (m, n, k) = dimensions(
          node, rows: rows, transposeA: transposeA, transposeB: transposeB)
        largest = max(largest, m * n * k)
      }
    }
    return largest
  }

  private func dimensions(_ node: Node, rows: Int, transposeA: Bool, transposeB: Bool)
    -> (m: Int, n: Int, k: Int)
  {
    let a = graph[node.inputs[0]].shape
    let b = graph[node.inputs[1]].shape
    func height(_ shape: Shape) -> Int {
      if case .fixed(let count) = shape.rows { return count }
      return rows
    }
    return (
      transposeA ? a.columns : height(a), transposeB ? height(b) : b.columns,
      transposeA ? height(a) : a.columns
    )
  }

  /// C = op(A) · op(B) as one row-major sgemm; a batch dimension takes the batch's row count.
  private func matmul(_ node: Node, rows: Int, transposeA: Bool, transposeB: Bool) {
    let (a, b) = (graph[node.inputs[0]].shape, graph[node.inputs[1]].shape)
    let (m, n, k) = dimensions(node, rows: rows, transposeA: transposeA, transposeB: transposeB)
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
      transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
      pointer(node.inputs[0]), Int32(a.columns), pointer(node.inputs[1]), Int32(b.columns), 0,
      pointer(node.outputs[0]), Int32(n))
  }
}

/// How many threads OpenBLAS uses, chosen once per pass from the pass's largest product. Small
/// products run on one thread: waking a second costs more than it saves (an epoch of the seed
/// model at batch 32 took 0.8 s on one thread and 1.9 s on two, measured here), and so does
/// switching between one and two within a pass. A pass whose largest product has at least
/// `threshold` multiply-adds uses every core. OPENBLAS_NUM_THREADS, when set, decides instead.
/// The choice depends only on the shapes, so a seeded run repeats exactly.
enum Threads {
  nonisolated(unsafe) static var current: Int32 = 0
  static let cores = Int32(max(1, min(ProcessInfo.processInfo.activeProcessorCount, 64)))
  static let fixedByEnvironment = getenv("OPENBLAS_NUM_THREADS") != nil
  static let threshold = 1 << 25

  static func use(forLargestProduct multiplyAdds: Int) {
    guard !fixedByEnvironment else { return }
    let wanted: Int32 = multiplyAdds >= threshold ? cores : 1
    if wanted != current {
      openblas_set_num_threads(wanted)
      current = wanted
    }
  }
}
