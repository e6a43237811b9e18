import MLPData
import MLPExecutor
import MLPGraph
import MLPLanguage

/// The state statements run against: the model as declared so far (`ModelState`, owned by the
/// checker), and what running them produced — the loaded data, the compiled network with its
/// weights, the optimizer's state, and the history of training.
public final class Session {
  public private(set) var checker: Checker
  public let data: DataBridge
  public let console: Console
  /// Set by a signal handler or a test; training stops after the current batch when it is true.
  public var shouldStop: @Sendable () -> Bool = { false }

  var random: Random
  var split: DataSplit?
  var compiled: (model: ModelSpec, executor: Executor)?
  var optimizer: Optimizer?
  /// From the last `load`: the file's normalization, used in place of fitting the script's on
  /// the data until a `normalize` statement chooses again; its class names and image shape.
  var loadedTransform: FeatureTransform?
  /// The script's normalization fitted on the training data, with what it was fitted for.
  var fitted: (normalization: NormalizationSpec, count: Int, transform: FeatureTransform)?
  var loadedClassNames: [String]?
  var loadedImageShape: (rows: Int, columns: Int)?
  public internal(set) var history: [EpochRecord] = []
  public internal(set) var lastEvaluation: Evaluation?
  public internal(set) var trainSeconds: Double = 0
  /// Whether the "accuracy at chance" note has been given.
  var notedChance = false
  /// Where the last `train` was stopped by `shouldStop`, if it was.
  public internal(set) var interruption: String?
  /// Replaces the epochs of every `train` (the command line's `--epochs`).
  public var epochsOverride: Int?

  public init(
    console: Console, baseDirectory: String?, seed: UInt64? = nil,
    data: DataBridge = DataBridge()
  ) {
    self.console = console
    self.data = data
    self.random = Random(seed: seed ?? UInt64.random(in: 0...UInt64.max))
    self.checker = Checker(
      dataSetNames: Catalogue.names, baseDirectory: baseDirectory,
      dataShape: { [data] spec in try data.shape(of: spec) })
    checker.modelFile = { path in try ModelFile.read(path: path).model }
  }

  public var state: ModelState { checker.state }

  /// Whether statements of the script were lost to syntax errors; see `Checker.syntaxFailed`.
  public var syntaxFailed: Bool {
    get { checker.syntaxFailed }
    set { checker.syntaxFailed = newValue }
  }

  /// Forgets earlier failed statements (a REPL does so at each input: a failed statement
  /// changed nothing, so later checks need no caution about it).
  public func forgetFailures() { checker.forgetFailures() }

  /// The checks that can only be made at the end of a script.
  public func finish() -> [Diagnostic] { checker.finish() }

  /// Checks one statement against the session; returns it checked, with any diagnostics.
  public func check(_ statement: StatementSyntax) -> (CheckedStatement?, [Diagnostic]) {
    checker.check(statement)
  }

  /// Runs a checked statement.
  public func execute(_ statement: CheckedStatement) throws(RuntimeFault) {
    switch statement.action {
    case .data(let spec, _):
      do {
        split = try data.load(spec)
        fitted = nil
      } catch {
        throw RuntimeFault(
          String(describing: error), at: statement.range,
          help: (error as? any HelpfulError)?.help)
      }
      compiled = nil
    case .seed(let seed):
      random = Random(seed: seed)
    case .optimizer:
      optimizer = nil
    case .normalize:
      loadedTransform = nil
    case .input, .layer, .loss:
      break
    case .train(var spec):
      if let epochsOverride { spec.epochs = epochsOverride }
      interruption = nil
      try train(spec, at: statement.range)
      reportCurves()
    case .evaluate:
      let evaluation = try evaluate(at: statement.range)
      console.out(evaluation.summary + "\n")
    case .save(let path):
      try save(to: path, at: statement.range)
    case .load(let path):
      try load(from: path, at: statement.range)
    case .summary, .graph, .plot, .confusion, .show, .trace:
      try view(statement.action, at: statement.range)
    }
  }

  /// The model as declared now, compiled and initialized if it is new or has changed. When the
  /// model changes after training or loading, each dense layer whose shape is unchanged keeps its weights,
  /// and the console says which layers start again.
  func network(at range: SourceRange) throws(RuntimeFault) -> Executor {
    let state = checker.state
    guard let width = state.inputWidth, let loss = state.loss else {
      throw RuntimeFault("the model is not complete", at: range)
    }
    let model = ModelSpec(
      inputWidth: width, layers: state.layers, loss: loss, lossRange: state.lossRange)
    if let compiled, compiled.model == model { return compiled.executor }
    let executor = Executor(graph: Graph.compile(model), random: &random)
    if let old = compiled, !history.isEmpty || state.loaded {
      carryWeights(from: old, to: (model, executor))
    }
    compiled = (model, executor)
    optimizer = nil
    return executor
  }

  /// Copies the weights of every dense layer whose input and output widths are unchanged.
  private func carryWeights(
    from old: (model: ModelSpec, executor: Executor), to new: (model: ModelSpec, executor: Executor)
  ) {
    let before = denseShapes(old.model)
    let after = denseShapes(new.model)
    var kept: [String] = []
    var fresh: [String] = []
    for (index, shape) in after.enumerated() {
      let name = "dense\(index + 1)"
      guard index < before.count, before[index] == shape else {
        fresh.append(name)
        continue
      }
      kept.append(name)
      for offset in 0..<2 {
        let source = old.executor.graph.parameters[2 * index + offset].value
        let target = new.executor.graph.parameters[2 * index + offset].value
        let count = new.executor.graph[target].shape.count(batch: 1)
        new.executor.pointer(target).update(from: old.executor.pointer(source), count: count)
      }
    }
    guard !fresh.isEmpty else { return }
    var text = "note: the model changed after training; "
    text +=
      "\(fresh.joined(separator: ", ")) \(fresh.count == 1 ? "starts" : "start") from new weights"
    if !kept.isEmpty {
      text +=
        ", \(kept.joined(separator: ", ")) \(kept.count == 1 ? "keeps its" : "keep their") weights"
    }
    console.err(text + "\n")
  }

  private func denseShapes(_ model: ModelSpec) -> [[Int]] {
    var width = model.inputWidth
    return model.layers.compactMap { layer in
      guard case .dense(let units, _) = layer.kind else { return nil }
      defer { width = units }
      return [width, units]
    }
  }

  /// Everything a statement can change, so that a failed or undone statement can be taken back.
  /// Weights are shared, not copied: training works on a copy of the network (see `train`).
  public struct Snapshot {
    var checker: Checker
    var random: Random
    var split: DataSplit?
    var compiled: (model: ModelSpec, executor: Executor)?
    var optimizer: Optimizer?
    var loadedTransform: FeatureTransform?
    var loadedClassNames: [String]?
    var loadedImageShape: (rows: Int, columns: Int)?
    var history: [EpochRecord]
    var lastEvaluation: Evaluation?
    var trainSeconds: Double
  }

  public func snapshot() -> Snapshot {
    Snapshot(
      checker: checker, random: random, split: split, compiled: compiled, optimizer: optimizer,
      loadedTransform: loadedTransform, loadedClassNames: loadedClassNames,
      loadedImageShape: loadedImageShape, history: history, lastEvaluation: lastEvaluation,
      trainSeconds: trainSeconds)
  }

  public func restore(_ snapshot: Snapshot) {
    fitted = nil
    checker = snapshot.checker
    random = snapshot.random
    split = snapshot.split
    compiled = snapshot.compiled
    optimizer = snapshot.optimizer
    loadedTransform = snapshot.loadedTransform
    loadedClassNames = snapshot.loadedClassNames
    loadedImageShape = snapshot.loadedImageShape
    history = snapshot.history
    lastEvaluation = snapshot.lastEvaluation
    trainSeconds = snapshot.trainSeconds
  }
}
