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
  public internal(set) var history: [EpochRecord] = []
  public internal(set) var lastEvaluation: Evaluation?
  public internal(set) var trainSeconds: Double = 0
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
  }

  public var state: ModelState { checker.state }

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
    case .normalize, .input, .layer, .loss:
      break
    case .train(var spec):
      if let epochsOverride { spec.epochs = epochsOverride }
      try train(spec, at: statement.range)
    case .evaluate:
      let evaluation = try evaluate(at: statement.range)
      console.out(evaluation.summary + "\n")
    }
  }

  /// The model as declared now, compiled and initialized if it is new or has changed.
  func network(at range: SourceRange) throws(RuntimeFault) -> Executor {
    let state = checker.state
    guard let width = state.inputWidth, let loss = state.loss else {
      throw RuntimeFault("the model is not complete", at: range)
    }
    let model = ModelSpec(
      inputWidth: width, layers: state.layers, loss: loss, lossRange: state.lossRange)
    if let compiled, compiled.model == model { return compiled.executor }
    let executor = Executor(graph: Graph.compile(model), random: &random)
    compiled = (model, executor)
    optimizer = nil
    return executor
  }
}
