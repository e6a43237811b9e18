extension Checker {
  /// `save`, `load`, and the statements that show the model: each needs the parts of the model
  /// and data it looks at, and a file name of the right kind.
  func checkView(_ statement: StatementSyntax, state: inout ModelState, context: inout Context)
    -> CheckedStatement.Action?
  {
    let at = statement.keyword
    switch statement.kind {
    case .save(let literal):
      guard let path = file(literal, context: &context),
        checkModel(state, at: at, context: &context) != nil
      else { return nil }
      if state.trainRange == nil, !state.loaded {
        context.warning(
          "nothing has been trained or loaded yet; 'save' writes the initial random weights",
          at: at)
      }
      return .save(path)
    case .load(let literal):
      guard let path = file(literal, context: &context),
        checkModel(state, at: at, context: &context) != nil
      else { return nil }
      state.loaded = true
      return .load(path)
    case .summary:
      return .summary
    case .graph(let literal):
      var path: String?
      if let literal {
        guard let file = file(literal, endingIn: ["svg", "dot"], context: &context) else {
          return nil
        }
        path = file
      }
      guard checkModel(state, at: at, context: &context) != nil else { return nil }
      return .graph(path)
    case .plot(let literal):
      var path: String?
      if let literal {
        guard let file = file(literal, endingIn: ["svg"], context: &context) else { return nil }
        path = file
      }
      return .plot(path)
    case .confusion:
      guard checkModel(state, at: at, context: &context) != nil,
        needsTestSplit(state, for: "confusion", at: at, context: &context)
      else { return nil }
      return .confusion
    case .show(let name, let number):
      guard let kind = context.lookup(name, in: CheckedStatement.ShowKind.self, what: "view")
      else { return nil }
      var count = 8
      if let number {
        guard let value = context.count(number, what: "the number of images", limit: 100)
        else { return nil }
        count = value
      }
      return checkShow(kind, count: count, state: state, at: at, context: &context)
    case .trace:
      guard checkModel(state, at: at, context: &context) != nil else { return nil }
      guard state.dataShape != nil else {
        context.error("'trace' follows one example from the data, but no data is loaded", at: at)
        return nil
      }
      return .trace
    default:
      return nil
    }
  }

  private func checkShow(
    _ kind: CheckedStatement.ShowKind, count: Int, state: ModelState, at: SourceRange,
    context: inout Context
  ) -> CheckedStatement.Action? {
    guard let shape = state.dataShape else {
      context.error("'show' draws examples of the data, but no data is loaded", at: at)
      return nil
    }
    guard shape.imageRows != nil else {
      context.error(
        "'show' draws images, but the examples of this data are rows of \(shape.width) numbers",
        at: at)
      return nil
    }
    if kind == .mistakes {
      guard checkModel(state, at: at, context: &context) != nil,
        needsTestSplit(state, for: "show mistakes", at: at, context: &context)
      else { return nil }
    }
    return .show(kind, count: count)
  }

  private func needsTestSplit(
    _ state: ModelState, for what: String, at: SourceRange, context: inout Context
  ) -> Bool {
    guard state.dataShape?.hasTestSplit ?? false else {
      context.error(
        "'\(what)' looks at the test split, but the data has none", at: at,
        help: "give the data a test set, or 'split 0.1' for a CSV file")
      return false
    }
    return true
  }

  /// A file name from a string: not empty, made absolute against the script's folder.
  func file(_ literal: StringLiteral, context: inout Context) -> String? {
    guard !literal.value.isEmpty else {
      context.error("expected a file name between the quotes", at: literal.range)
      return nil
    }
    return resolvePath(literal.value)
  }

  /// A file name that must end in one of `extensions`.
  func file(_ literal: StringLiteral, endingIn extensions: [String], context: inout Context)
    -> String?
  {
    guard let path = file(literal, context: &context) else { return nil }
    let suffix = path.split(separator: ".").last.map { String($0).lowercased() } ?? ""
    guard path.contains("."), extensions.contains(suffix) else {
      let list = extensions.map { "." + $0 }.joined(separator: " or ")
      context.error(
        "expected a file name ending in \(list), found '\(literal.value)'",
        at: literal.range)
      return nil
    }
    return path
  }
}
