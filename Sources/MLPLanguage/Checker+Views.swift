import Foundation

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
        writable(path, at: literal.range, context: &context),
        checkModel(state, at: at, context: &context) != nil
      else { return nil }
      state.filesWritten.insert(path)
      if state.trainRange == nil, !state.loaded {
        context.warning(
          "nothing has been trained or loaded yet; 'save' writes the initial random weights",
          at: at)
      }
      return .save(path)
    case .load(let literal):
      guard let path = file(literal, context: &context),
        let model = checkModel(state, at: at, context: &context),
        matchesFile(model, path, state: state, at: literal.range, context: &context)
      else { return nil }
      state.loaded = true
      return .load(path)
    case .summary:
      return .summary
    case .graph(let literal):
      var path: String?
      if let literal {
        guard let file = file(literal, endingIn: ["svg", "dot"], context: &context),
          writable(file, at: literal.range, context: &context)
        else { return nil }
        path = file
      }
      guard checkModel(state, at: at, context: &context) != nil else { return nil }
      return .graph(path)
    case .plot(let literal):
      var path: String?
      if let literal {
        guard let file = file(literal, endingIn: ["svg"], context: &context),
          writable(file, at: literal.range, context: &context)
        else { return nil }
        path = file
      }
      guard state.trainRange != nil || state.loaded else {
        context.error("nothing to plot yet: 'plot' draws the epochs of a 'train' above it", at: at)
        return nil
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
      guard let model = checkModel(state, at: at, context: &context) else { return nil }
      if let refusal = model.traceRefusal {
        context.error(
          refusal, at: at,
          help: "try it on a network such as 'input 2; dense 2 relu; dense 2 softmax'")
        return nil
      }
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

  /// Whether a file can be written where the string says: its folder must exist and be
  /// writable, checked before anything runs so that training is not lost to a typo.
  func writable(_ path: String, at range: SourceRange, context: inout Context) -> Bool {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      context.error("cannot write '\(path)': the folder '\(folder)' does not exist", at: range)
      return false
    }
    guard FileManager.default.isWritableFile(atPath: folder) else {
      context.error("cannot write '\(path)': the folder '\(folder)' is not writable", at: range)
      return false
    }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      context.error("cannot write '\(path)': it is a folder", at: range)
      return false
    }
    return true
  }

  /// A `load` of a file that exists before the script runs: the file's model must be the
  /// declared one, layer by layer (a different activation would run the weights through the
  /// wrong function). A dropout that differs changes only training, so it is a warning.
  private func matchesFile(
    _ model: ModelSpec, _ path: String, state: ModelState, at range: SourceRange,
    context: inout Context
  ) -> Bool {
    guard let modelFile, !state.filesWritten.contains(path) else { return true }
    let saved: ModelSpec
    do {
      saved = try modelFile(path)
    } catch {
      context.error(
        String(describing: error), at: range,
        help: (error as? any HelpfulError)?.help)
      return false
    }
    let dense = { (spec: ModelSpec) in spec.layerStatements.filter { $0.hasPrefix("dense") } }
    guard saved.inputWidth == model.inputWidth else {
      context.error(
        "the file's model takes \(saved.inputWidth) inputs but this one takes "
          + "\(model.inputWidth)", at: range)
      return false
    }
    let (file, script) = (dense(saved), dense(model))
    let common = min(file.count, script.count)
    let differing = (0..<common).first { file[$0] != script[$0] }
    if let index = differing ?? (file.count != script.count ? common : nil) {
      let theirs = index < file.count ? "'\(file[index])'" : "no layer"
      let ours = index < script.count ? "'\(script[index])'" : "no layer"
      context.error(
        "the file's model has \(theirs) as dense layer \(index + 1) where this model has \(ours)",
        at: range,
        help: "declare the model the file was saved from: "
          + saved.layerStatements.joined(separator: "; "))
      return false
    }
    if saved.layerStatements != model.layerStatements {
      context.warning(
        "the file's model has other dropout layers ("
          + saved.layerStatements.joined(separator: "; ")
          + "); the weights fit, and dropout only acts while training", at: range)
    }
    return true
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
