import Foundation

/// Gives a parsed statement its meaning: resolves names against the vocabularies, checks every
/// number against its range, and keeps the model's shapes consistent. It runs one statement at a
/// time against a `ModelState`, so a script and a REPL session are checked the same way.
public struct Checker {
  /// Sizes of the data a `data` statement names; the caller reads headers or the catalogue.
  /// A thrown error's description becomes the diagnostic's message.
  public typealias DataShapeProvider = @Sendable (DataSpec) throws -> DataShape
  /// The model a saved file declares, read while checking a `load`.
  public typealias ModelFileProvider = @Sendable (String) throws -> ModelSpec

  public var state = ModelState()
  /// Errors found so far (the caller adds syntax errors, whose statements are lost).
  public var errorCount = 0
  /// Statements that failed, by keyword, with where: the checks of the model as a whole stay
  /// quiet about what such a statement would have set, since they would only report
  /// consequences of its error.
  var failures: [(keyword: String, range: SourceRange)] = []
  /// Set when statements were lost to syntax errors: then the model checks say nothing.
  public var syntaxFailed = false
  /// Bytes a run may use; a model that needs more is refused before anything is allocated.
  public var memoryLimit = Int(Double(ProcessInfo.processInfo.physicalMemory) * 0.8)
  let dataSetNames: [String]
  let dataShape: DataShapeProvider
  let baseDirectory: String?
  /// Set by the interpreter, which knows the file format; without it `load` is checked later.
  public var modelFile: ModelFileProvider?

  /// - Parameters:
  ///   - dataSetNames: names `data NAME` accepts, for suggestions.
  ///   - baseDirectory: the folder relative paths in strings are read from (the script's).
  public init(
    dataSetNames: [String], baseDirectory: String?, dataShape: @escaping DataShapeProvider
  ) {
    self.dataSetNames = dataSetNames
    self.baseDirectory = baseDirectory
    self.dataShape = dataShape
  }

  public mutating func forgetFailures() {
    failures = []
    errorCount = 0
  }

  /// Checks a whole script; stops adding statements after an error but keeps reporting.
  public mutating func check(_ script: ScriptSyntax) -> ([CheckedStatement], [Diagnostic]) {
    var checked: [CheckedStatement] = []
    var diagnostics: [Diagnostic] = []
    for statement in script.statements {
      let (result, found) = check(statement)
      diagnostics += found
      if let result { checked.append(result) }
    }
    return (checked, diagnostics)
  }

  /// Checks one statement. On an error the state is left as it was and no statement is returned.
  public mutating func check(_ statement: StatementSyntax) -> (CheckedStatement?, [Diagnostic]) {
    var next = state
    var diagnostics: [Diagnostic] = []
    var failed = false
    let action = resolve(statement, into: &next, diagnostics: &diagnostics, failed: &failed)
    guard let action, !diagnostics.hasErrors, !failed else {
      errorCount += 1
      failures.append((statement.kindName, statement.range))
      return (nil, diagnostics)
    }
    state = next
    if StatementSyntax.usesModel.contains(statement.kindName) {
      state.usedModel = true
      state.sinceLastUse = []
    } else {
      state.sinceLastUse.append((statement.kindName, statement.keyword))
    }
    return (CheckedStatement(action, at: statement.range), diagnostics)
  }

  private func resolve(
    _ statement: StatementSyntax, into state: inout ModelState, diagnostics: inout [Diagnostic],
    failed: inout Bool
  ) -> CheckedStatement.Action? {
    var context = Context(diagnostics: diagnostics)
    defer {
      diagnostics = context.diagnostics
      if context.failedQuietly { failed = true }
    }
    switch statement.kind {
    case .data(let source):
      return checkData(source, statement: statement, state: &state, context: &context)
    case .normalize(let word):
      guard let spec = normalization(word, context: &context) else { return nil }
      state.normalization = spec
      return .normalize(spec)
    case .input(let width):
      guard let width = context.count(width, what: "the input width") else { return nil }
      checkInput(width, at: statement.range, state: state, context: &context)
      state.input = width
      state.inputRange = statement.range
      return .input(width)
    case .dense(let width, let activationName):
      return checkDense(
        width, activationName, statement: statement, state: &state,
        context: &context)
    case .dropout(let rate):
      guard rate.value >= 0, rate.value < 1 else {
        context.error(
          "dropout rate must be at least 0 and below 1, found \(rate.text)", at: rate.range,
          help: "a rate of 0.2 drops a fifth of the units while training")
        return nil
      }
      let layer = LayerSpec(.dropout(rate: rate.value), at: statement.range)
      state.layers.append(layer)
      return .layer(layer)
    case .loss(let name):
      guard let loss = context.lookup(name, in: Loss.self, what: "loss") else { return nil }
      state.loss = loss
      state.lossRange = statement.range
      return .loss(loss)
    case .optimizer(let name, let options):
      guard let spec = optimizer(name, options, context: &context) else { return nil }
      state.optimizer = spec
      return .optimizer(spec)
    case .seed(let number):
      guard number.isInteger else {
        context.error(
          "expected a whole number for the seed, found \(number.text)", at: number.range)
        return nil
      }
      guard let seed = UInt64(number.text) else {
        context.error(
          "the seed must be at most \(UInt64.max), found \(number.text)", at: number.range)
        return nil
      }
      state.seed = seed
      return .seed(seed)
    case .train(let options):
      return checkTrain(options, statement: statement, state: &state, context: &context)
    case .save, .load, .summary, .graph, .plot, .confusion, .show, .trace:
      return checkView(statement, state: &state, context: &context)
    case .evaluate:
      guard let model = checkModel(state, at: statement.keyword, context: &context),
        checkMemory(model, rows: 1000, at: statement.keyword, context: &context)
      else { return nil }
      guard state.dataShape?.hasTestSplit ?? false else {
        context.error(
          "the data has no test split to evaluate on", at: statement.keyword,
          help: "give the data statement a test set, or 'split 0.1' for a CSV file")
        return nil
      }
      return .evaluate
    }
  }
}

/// The diagnostics of one statement, with the helpers every check uses.
struct Context {
  var diagnostics: [Diagnostic]
  /// While true, errors fail the statement without being reported.
  var quiet = false
  /// Whether an error was found while quiet.
  var failedQuietly = false
  /// Option names already given in this statement, to refuse one given twice.
  var seenOptions: [String: SourceRange] = [:]

  /// Records an option; false (with an error) when the statement already had it.
  mutating func firstTime(_ name: String, at range: SourceRange) -> Bool {
    if let earlier = seenOptions[name] {
      error("'\(name)' is given twice", at: range, notes: [.init("first given here", at: earlier)])
      return false
    }
    seenOptions[name] = range
    return true
  }

  mutating func error(
    _ message: String, at range: SourceRange?, help: String? = nil,
    notes: [Diagnostic.Note] = []
  ) {
    guard !quiet else {
      failedQuietly = true
      return
    }
    diagnostics.append(.error(message, at: range, notes: notes, help: help))
  }

  mutating func warning(_ message: String, at range: SourceRange?, help: String? = nil) {
    diagnostics.append(.warning(message, at: range, help: help))
  }

  /// A whole number of at least 1 (widths, epochs, batch sizes).
  mutating func count(_ number: Number, what: String, limit: Int = 1 << 24) -> Int? {
    guard number.isInteger else {
      error("expected a whole number for \(what), found \(number.text)", at: number.range)
      return nil
    }
    guard let value = Int(number.text), value <= limit else {
      error("\(what) must be at most \(limit), found \(number.text)", at: number.range)
      return nil
    }
    guard value >= 1 else {
      error("\(what) must be at least 1, found \(number.text)", at: number.range)
      return nil
    }
    return value
  }

  /// A name from one of the language's vocabularies, with a suggestion when it is misspelt.
  mutating func lookup<T: RawRepresentable & CaseIterable>(
    _ name: Name, in _: T.Type, what: String
  ) -> T? where T.RawValue == String {
    if let value = T(rawValue: name.text) { return value }
    let known = T.allCases.map(\.rawValue)
    unknown(name, what: what, known: known)
    return nil
  }

  mutating func unknown(_ name: Name, what: String, known: [String]) {
    if let match = closestMatch(to: name.text, in: known) {
      error("unknown \(what) '\(name.text)'", at: name.range, help: "did you mean '\(match)'?")
    } else {
      let list = known.map { "'\($0)'" }.joined(separator: ", ")
      error("unknown \(what) '\(name.text)'", at: name.range, help: "expected one of \(list)")
    }
  }
}
