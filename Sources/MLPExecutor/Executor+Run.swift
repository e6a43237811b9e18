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

  /// C = op(A) · op(B) as one row-major sgemm; a batch dimension takes the batch's row count.
  private func matmul(_ node: Node, rows: Int, transposeA: Bool, transposeB: Bool) {
    let a = graph[node.inputs[0]].shape
    let b = graph[node.inputs[1]].shape
    func height(_ shape: Shape) -> Int {
      if case .fixed(let count) = shape.rows { return count }
      return rows
    }
    let m = transposeA ? a.columns : height(a)
    let k = transposeA ? height(a) : a.columns
    let n = transposeB ? height(b) : b.columns
    Threads.use(forProductOf: m, n, k)
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
      transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
      pointer(node.inputs[0]), Int32(a.columns), pointer(node.inputs[1]), Int32(b.columns), 0,
      pointer(node.outputs[0]), Int32(n))
  }
}

/// How many threads OpenBLAS uses for a product. Small products run on one thread: waking a
/// second costs more than it saves (an epoch of the seed model at batch 32 took 0.8 s on one
/// thread and 1.9 s on two, measured here). Products of at least `threshold` multiply-adds use
/// every core. OPENBLAS_NUM_THREADS, when set, decides instead. The choice depends only on the
/// shapes, so a seeded run repeats exactly.
enum Threads {
  nonisolated(unsafe) static var current: Int32 = 0
  static let cores = Int32(max(1, min(ProcessInfo.processInfo.activeProcessorCount, 64)))
  static let fixedByEnvironment = getenv("OPENBLAS_NUM_THREADS") != nil
  static let threshold = 1 << 25

  static func use(forProductOf m: Int, _ n: Int, _ k: Int) {
    guard !fixedByEnvironment else { return }
    let wanted: Int32 = m * n * k >= threshold ? cores : 1
    if wanted != current {
      openblas_set_num_threads(wanted)
      current = wanted
    }
  }
}
