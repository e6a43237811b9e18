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

  /// Parses and checks the whole script, printing every diagnostic (each once, in text order).
  /// Returns the statements and the session they were checked against, or nil on an error.
  public func prepare(_ source: SourceFile, baseDirectory: String?, data: DataBridge = .init())
    -> (statements: [StatementSyntax], checked: Session)?
  {
    let session = Session(console: console, baseDirectory: baseDirectory, data: data)
    let (script, syntaxErrors) = Parser.parse(source)
    var diagnostics = syntaxErrors
    session.syntaxFailed = syntaxErrors.hasErrors
    for statement in script.statements { diagnostics += session.check(statement).1 }
    diagnostics += session.finish()
    if script.statements.isEmpty, syntaxErrors.isEmpty {
      diagnostics.append(.warning("the script has no statements", at: nil))
    }
    report(diagnostics.inTextOrder, in: source)
    return diagnostics.hasErrors ? nil : (script.statements, session)
  }

  /// Runs a whole script: checks it all first, then runs the statements in order, each with
  /// the model as the statements before it left it. After the last `train` or `load`, if no
  /// `evaluate` follows and there is a test split, the test split is evaluated so that every run ends
  /// with its test accuracy.
  public func run(_ source: SourceFile, baseDirectory: String?) -> Outcome? {
    let data = DataBridge()
    guard let (statements, checked) = prepare(source, baseDirectory: baseDirectory, data: data)
    else {
      return nil
    }
    let session = Session(
      console: console, baseDirectory: baseDirectory, seed: seedOverride,
      data: data)
    session.epochsOverride = epochsOverride
    var lastTrain: SourceRange?
    var evaluatedAfter = false
    // Statements after the last one that uses the model would only change a model nothing
    // uses (the checker warned about them); the final evaluation must see the trained model.
    let unused = checked.state.usedModel ? checked.state.sinceLastUse.count : 0
    let end = statements.count - unused
    do throws(RuntimeFault) {
      for statement in statements[..<end] {
        // Checked again, against the model as the statements before left it; its
        // diagnostics were printed by `prepare`.
        guard var checked = session.check(statement).0 else {
          throw RuntimeFault("the statement could not be checked again", at: statement.range)
        }
        if case .seed = checked.action, let seedOverride { checked.action = .seed(seedOverride) }
        try session.execute(checked)
        switch checked.action {
        case .train, .load: (lastTrain, evaluatedAfter) = (checked.range, false)
        default: break
        }
        if checked.action == .evaluate { evaluatedAfter = true }
      }
      if let lastTrain, !evaluatedAfter, session.state.dataShape?.hasTestSplit ?? false {
        try session.execute(CheckedStatement(.evaluate, at: lastTrain))
      }
      return Outcome(session: session, succeeded: true)
    } catch {
      report([error.diagnostic], in: source)
      return Outcome(session: session, succeeded: false)
    }
  }

  /// At most this many errors are printed; a file that is not a script would print thousands.
  static let errorLimit = 20

  func report(_ diagnostics: [Diagnostic], in source: SourceFile) {
    let renderer = DiagnosticRenderer(source: source, colour: console.colour)
    var errors = 0
    for diagnostic in diagnostics {
      if diagnostic.severity == .error { errors += 1 }
      if errors > Self.errorLimit {
        let total = diagnostics.filter { $0.severity == .error }.count
        console.err("\(source.name): \(total - Self.errorLimit) more errors not shown\n")
        return
      }
      console.err(renderer.render(diagnostic) + "\n")
    }
  }
}
