import Foundation
import MLPData
import MLPExecutor
import MLPGraph
import MLPLanguage

/// One epoch of training as reported: means over the epoch's examples, validation after it.
public struct EpochRecord: Sendable, Equatable {
  public var epoch: Int
  public var loss: Double
  public var accuracy: Double
  public var validationLoss: Double?
  public var validationAccuracy: Double?
  public var seconds: Double
  /// False for an epoch stopped part way by Ctrl-C: its means cover only the batches it ran.
  public var complete = true

  package init(
    epoch: Int, loss: Double, accuracy: Double, validationLoss: Double?,
    validationAccuracy: Double?, seconds: Double
  ) {
    self.epoch = epoch
    self.loss = loss
    self.accuracy = accuracy
    self.validationLoss = validationLoss
    self.validationAccuracy = validationAccuracy
    self.seconds = seconds
  }
}

/// Loss and accuracy over a set of examples.
public struct Evaluation: Sendable, Equatable {
  public var loss: Double
  public var accuracy: Double
  public var count: Int
  /// Wall time of the pass over the examples.
  public var seconds: Double = 0

  public var summary: String {
    "test loss \(fixed(loss, 4))  test accuracy \(fixed(accuracy, 4))"
  }
}

/// `value` with `digits` decimals, or in scientific notation when it is a million or more.
func fixed(_ value: Double, _ digits: Int) -> String {
  abs(value) >= 1e6 ? String(format: "%.\(digits)e", value) : String(format: "%.\(digits)f", value)
}

/// Rows evaluated at once when no training step is running.
let evaluationRows = 1000

extension Session {
  /// Trains for `spec.epochs` epochs from the current weights, reporting each epoch.
  func train(_ spec: TrainSpec, at range: SourceRange) throws(RuntimeFault) {
    guard let split else { throw RuntimeFault("no data is loaded", at: range) }
    // Train a copy, so the weights before this statement stay as a snapshot holds them.
    let executor = try network(at: range).clone()
    if let model = compiled?.model { compiled = (model, executor) }
    self.optimizer = self.optimizer?.clone()
    let transform = try self.transform(at: range)
    var training = split.train
    var validation = split.test
    switch spec.validation {
    case .test: break
    case .none: validation = nil
    case .split(let fraction):
      let held = max(1, Int((Double(training.count) * fraction).rounded()))
      validation = training.slice(training.count - held..<training.count)
      training = training.slice(0..<training.count - held)
    }
    let optimizer =
      self.optimizer
      ?? Optimizer(
        state.optimizer,
        parameterCount: executor.parameters.count)
    self.optimizer = optimizer
    executor.reserve(rows: max(spec.batch, evaluationRows))

    let firstEpoch = history.count + 1
    var bestAccuracy = -Double.infinity
    for epoch in firstEpoch..<firstEpoch + spec.epochs {
      let started = Date()
      let (loss, accuracy, batches) = try runEpoch(
        training, batch: spec.batch, transform: transform, executor: executor,
        optimizer: optimizer, epoch: (epoch, firstEpoch + spec.epochs - 1), range: range)
      let checked = validation.map { measure(executor, on: $0, transform: transform) }
      let seconds = Date().timeIntervalSince(started)
      trainSeconds += seconds
      var record = EpochRecord(
        epoch: epoch, loss: loss, accuracy: accuracy, validationLoss: checked?.loss,
        validationAccuracy: checked?.accuracy, seconds: seconds)
      record.complete = batches == (training.count + spec.batch - 1) / spec.batch
      history.append(record)
      let line = progressLine(record, last: firstEpoch + spec.epochs - 1)
      console.err(console.interactive ? "\r\(line)\u{1B}[K\n" : line + "\n")
      noteIfAtChance(classes: split.classes)
      if let path = spec.checkpoint, let accuracy = checked?.accuracy, accuracy > bestAccuracy {
        bestAccuracy = accuracy
        try writeModel(to: path, at: range)
      }
      if shouldStop() {
        let total = (training.count + spec.batch - 1) / spec.batch
        interruption = "stopped in epoch \(epoch) after batch \(batches) of \(total)"
        console.err(interruption.map { $0 + "; the weights are kept\n" } ?? "")
        break
      }
    }
  }

  private func runEpoch(
    _ set: Dataset, batch: Int, transform: FeatureTransform, executor: Executor,
    optimizer: Optimizer, epoch: (number: Int, last: Int), range: SourceRange
  ) throws(RuntimeFault) -> (loss: Double, accuracy: Double, batches: Int) {
    let started = Date()
    var shown = started
    let order = random.permutation(set.count)
    var lossSum = 0.0
    var correct = 0
    var seen = 0
    var start = 0
    var batches = 0
    while start < set.count {
      let rows = min(batch, set.count - start)
      batches += 1
      fill(executor, from: set, rows: order[start..<start + rows], transform: transform)
      executor.forward(rows: rows, training: true, random: &random)
      let batchLoss = executor.lossSum(rows: rows)
      guard batchLoss.isFinite else {
        throw nonFinite(
          batchLoss, epoch: epoch.number, batch: start / batch + 1,
          lastLoss: seen > 0 ? lossSum / Double(seen) : nil)
      }
      executor.backward(rows: rows)
      optimizer.update(
        executor.parameters.base, gradients: executor.gradients.base,
        count: executor.parameters.count)
      lossSum += batchLoss
      correct += executor.correct(rows: rows)
      seen += rows
      start += rows
      if console.interactive, Date().timeIntervalSince(shown) >= 0.1 {
        shown = Date()
        let progress = Progress(
          epoch: epoch.number, last: epoch.last, seen: seen, total: set.count, batches: batches,
          batchSize: batch,
          loss: lossSum / Double(seen), accuracy: Double(correct) / Double(seen),
          seconds: shown.timeIntervalSince(started))
        console.err("\r" + progress.line + "\u{1B}[K")
      }
      if shouldStop() { break }
    }
    return (lossSum / Double(max(seen, 1)), Double(correct) / Double(max(seen, 1)), batches)
  }

  /// Says once per session when two whole epochs in a row stayed at chance accuracy (within two
  /// points of 1 / classes): the network is not learning, and the likely causes are few.
  private func noteIfAtChance(classes: Int) {
    guard !notedChance, classes >= 2, history.count >= 2 else { return }
    let chance = 1 / Double(classes)
    guard history.suffix(2).allSatisfy({ abs($0.accuracy - chance) <= 0.02 }) else { return }
    notedChance = true
    console.err(
      "note: accuracy has stayed at chance (\(fixed(chance, 2)) for \(classes) classes) for two "
        + "epochs; the network is not learning. Try normalizing the inputs ('normalize 255' for "
        + "pixels), a lower learning rate, or crossentropy with a softmax output\n")
  }

  /// Training stops at a loss that is not a number or infinite, saying where, rather than going
  /// on to report accuracies of nan; the session keeps the weights from before the statement.
  private func nonFinite(_ loss: Double, epoch: Int, batch: Int, lastLoss: Double?)
    -> RuntimeFault
  {
    let last = lastLoss.map { "; the mean loss before it was \(fixed($0, 4))" } ?? ""
    return RuntimeFault(
      "the loss became \(loss.isNaN ? "NaN" : "infinite") in epoch \(epoch), batch \(batch)\(last)",
      at: state.lossRange,
      help: "lower the learning rate, or normalize the inputs (for pixels: 'normalize 255')")
  }

  /// Gathers the given rows' features (normalized) and labels into the executor's input.
  func fill(
    _ executor: Executor, from set: Dataset, rows: ArraySlice<Int32>, transform: FeatureTransform
  ) {
    rows.withUnsafeBufferPointer { indices in
      set.gather(rows: indices, transform: transform, into: executor.input)
      let labels = executor.labels
      for (i, row) in indices.enumerated() { labels[i] = Float(set.labels[Int(row)]) }
    }
  }

  /// Loss and accuracy over a whole set, without dropout, in chunks of `evaluationRows`.
  func measure(_ executor: Executor, on set: Dataset, transform: FeatureTransform) -> Evaluation {
    executor.reserve(rows: evaluationRows)
    var lossSum = 0.0
    var correct = 0
    var start = 0
    let all = (0..<Int32(set.count)).map { $0 }
    while start < set.count {
      let rows = min(evaluationRows, set.count - start)
      fill(executor, from: set, rows: all[start..<start + rows], transform: transform)
      executor.forward(rows: rows, training: false, random: &random)
      lossSum += executor.lossSum(rows: rows)
      correct += executor.correct(rows: rows)
      start += rows
    }
    let count = max(set.count, 1)
    return Evaluation(
      loss: lossSum / Double(count), accuracy: Double(correct) / Double(count),
      count: set.count)
  }

  /// `evaluate`: the test split through the current network.
  func evaluate(at range: SourceRange) throws(RuntimeFault) -> Evaluation {
    let executor = try network(at: range)
    guard let split, let test = split.test else {
      throw RuntimeFault("the data has no test split to evaluate on", at: range)
    }
    let transform = try self.transform(at: range)
    let started = Date()
    var evaluation = measure(executor, on: test, transform: transform)
    evaluation.seconds = Date().timeIntervalSince(started)
    lastEvaluation = evaluation
    return evaluation
  }

  var normalization: Normalization {
    switch state.normalization {
    case .none: .none
    case .divide(let value): .divide(Float(value))
    case .standard: .standard
    case .minmax: .minmax
    }
  }

  func progressLine(_ record: EpochRecord, last: Int) -> String {
    var line = "epoch \(record.epoch)/\(last)  loss \(fixed(record.loss, 4))"
    line += "  accuracy \(fixed(record.accuracy, 4))"
    if let loss = record.validationLoss, let accuracy = record.validationAccuracy {
      line += "  val_loss \(fixed(loss, 4))  val_accuracy \(fixed(accuracy, 4))"
    }
    if !record.complete { line += "  (part of an epoch)" }
    return line + "  \(fixed(record.seconds, 1))s"
  }
}

/// Where an epoch is, as the one line a terminal rewrites while it runs:
///
///     epoch 3/10 ━━━━━━━━━━━━──── batch 1,120/1,875  loss 0.4123  accuracy 0.8512
///     41,000/s  0.3s left   (on one line)
struct Progress {
  var epoch: Int
  var last: Int
  var seen: Int
  var total: Int
  var batches: Int
  var batchSize: Int
  var loss: Double
  var accuracy: Double
  var seconds: Double

  var line: String {
    let fraction = Double(seen) / Double(max(total, 1))
    let filled = Int((fraction * 20).rounded(.down))
    let bar = String(repeating: "━", count: filled) + String(repeating: "─", count: 20 - filled)
    let rate = Double(seen) / max(seconds, 1e-9)
    let left = Double(total - seen) / max(rate, 1e-9)
    let allBatches = (total + batchSize - 1) / max(batchSize, 1)
    return "epoch \(epoch)/\(last) \(bar) batch \(formatCount(batches))/\(formatCount(allBatches))"
      + "  loss \(fixed(loss, 4))  accuracy \(fixed(accuracy, 4))"
      + "  \(formatCount(Int(rate))) examples/s  \(fixed(left, 1))s left"
  }
}
