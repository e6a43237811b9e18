import Foundation
import MLPLanguage

/// Runs a script from its text: parse, check every statement (reporting all problems before
/// anything runs), then execute the statements in order against one session.
public struct Runner {
  public var console: Console
  public var epochsOverride: Int?
  public var seedOverride: UInt64?

  public init(console: Console, epochsOverride: Int? = nil, seedOverride: UInt64? = nil) {
    self.console = console
    self.epochsOverride = epochsOverride
    self.seedOverride = seedOverride
  }

  /// What a run produced, for `--json`.
  public struct Outcome {
    public var session: Session
    public var succeeded: Bool
  }

  /// Parses and checks; prints diagnostics. Returns the checked statements and the session they
  /// were checked against, or nil when there were errors.
  public func prepare(_ source: SourceFile, baseDirectory: String?)
    -> (statements: [CheckedStatement], session: Session)?
  {
    let session = Session(console: console, baseDirectory: baseDirectory, seed: seedOverride)
    session.epochsOverride = epochsOverride
    let (script, syntaxErrors) = Parser.parse(source)
    var diagnostics = syntaxErrors
    var checked: [CheckedStatement] = []
    if !syntaxErrors.hasErrors {
      for statement in script.statements {
        let (result, found) = session.check(statement)
        diagnostics += found
        if var result {
          if case .seed = result.action, let seedOverride { result.action = .seed(seedOverride) }
          checked.append(result)
        }
      }
    }
    report(diagnostics, in: source)
    return diagnostics.hasErrors ? nil : (checked, session)
  }

  /// Runs a whole script. After the last `train`, if no `evaluate` follows and there is a test
  /// split, the test split is evaluated so that every run ends with its test accuracy.
  public func run(_ source: SourceFile, baseDirectory: String?) -> Outcome? {
    guard let (statements, session) = prepare(source, baseDirectory: baseDirectory) else {
      return nil
    }
    do {
      for statement in statements { try session.execute(statement) }
      let lastTrain = statements.lastIndex { if case .train = $0.action { true } else { false } }
      let evaluated = statements.lastIndex { $0.action == .evaluate }
      if let lastTrain, evaluated.map({ $0 < lastTrain }) ?? true,
        session.state.dataShape?.hasTestSplit ?? false
      {
        try session.execute(CheckedStatement(.evaluate, at: statements[lastTrain].range))
      }
      return Outcome(session: session, succeeded: true)
    } catch {
      report([error.diagnostic], in: source)
      return Outcome(session: session, succeeded: false)
    }
  }

  func report(_ diagnostics: [Diagnostic], in source: SourceFile) {
    let renderer = DiagnosticRenderer(source: source, colour: console.colour)
    for diagnostic in diagnostics { console.err(renderer.render(diagnostic) + "\n") }
  }
}
