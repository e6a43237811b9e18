import Foundation

extension Checker {
  /// `data ...`: resolves the source and asks the provider for its sizes.
  func checkData(
    _ source: DataSourceSyntax, statement: StatementSyntax, state: inout ModelState,
    context: inout Context
  ) -> CheckedStatement.Action? {
    guard let spec = dataSpec(source, context: &context) else { return nil }
    let shape: DataShape
    do {
      shape = try dataShape(spec)
    } catch {
      context.error(
        String(describing: error), at: statement.range,
        help: (error as? any HelpfulError)?.help)
      return nil
    }
    if let input = state.input, input != shape.width {
      context.error(
        "the data has \(shape.width) features per example but 'input' declares \(input)",
        at: statement.range, notes: [.init("input declared here", at: state.inputRange)])
      return nil
    }
    state.data = spec
    state.dataShape = shape
    state.dataRange = statement.range
    return .data(spec, shape)
  }

  private func dataSpec(_ source: DataSourceSyntax, context: inout Context) -> DataSpec? {
    switch source {
    case .named(let name, let directory):
      if let directory, !nonEmpty(directory, context: &context) { return nil }
      guard dataSetNames.contains(name.text) else {
        context.unknown(name, what: "data set", known: dataSetNames + ["idx", "csv"])
        return nil
      }
      return .named(name.text, directory: directory.map { resolvePath($0.value) })
    case .idx(let images, let labels, let test):
      let strings = [images, labels] + (test.map { [$0.0, $0.1] } ?? [])
      guard strings.allSatisfy({ nonEmpty($0, context: &context) }) else { return nil }
      return .idx(
        images: resolvePath(images.value), labels: resolvePath(labels.value),
        testImages: test.map { resolvePath($0.0.value) },
        testLabels: test.map { resolvePath($0.1.value) })
    case .csv(let file, let options):
      guard nonEmpty(file, context: &context) else { return nil }
      return csvSpec(file, options, context: &context)
    }
  }

  private func nonEmpty(_ path: StringLiteral, context: inout Context) -> Bool {
    guard path.value.isEmpty else { return true }
    context.error("expected a file name between the quotes", at: path.range)
    return false
  }

  private func csvSpec(_ file: StringLiteral, _ options: [CSVOption], context: inout Context)
    -> DataSpec?
  {
    var label = DataSpec.LabelColumn.last
    var header = false
    var split: Double?
    var test: String?
    for option in options {
      guard context.firstTime(option.name, at: option.keyword) else { return nil }
      switch option {
      case .label(.name(let name), _):
        switch name.text {
        case "first": label = .first
        case "last": label = .last
        default:
          context.unknown(name, what: "label column", known: ["first", "last"])
          return nil
        }
      case .label(.number(let number), _):
        guard let column = context.count(number, what: "the label column") else { return nil }
        label = .column(column)
      case .header:
        header = true
      case .split(let fraction, _):
        guard fraction.value > 0, fraction.value < 1 else {
          context.error(
            "split must be above 0 and below 1, found \(fraction.text)",
            at: fraction.range, help: "'split 0.1' keeps the last tenth of the rows for testing")
          return nil
        }
        split = fraction.value
      case .test(let path, _):
        guard nonEmpty(path, context: &context) else { return nil }
        test = self.resolvePath(path.value)
      }
    }
    if split != nil, test != nil {
      context.error("a CSV source takes either 'split' or 'test', not both", at: file.range)
      return nil
    }
    return .csv(
      path: resolvePath(file.value), label: label, header: header, split: split, test: test)
  }

  /// A path as written, made absolute against the script's folder when it is relative.
  func resolvePath(_ written: String) -> String {
    guard let baseDirectory, !written.hasPrefix("/"), !written.isEmpty else { return written }
    let expanded = NSString(string: written).expandingTildeInPath
    if expanded.hasPrefix("/") { return expanded }
    return URL(fileURLWithPath: baseDirectory).appendingPathComponent(written).path
  }

  /// `normalize 255 | standard | minmax | none`.
  func normalization(_ word: Word, context: inout Context) -> NormalizationSpec? {
    switch word {
    case .number(let number):
      guard number.value > 0, number.value.isFinite else {
        context.error(
          "expected a positive number to divide by, found \(number.text)",
          at: number.range)
        return nil
      }
      return .divide(number.value)
    case .name(let name):
      switch name.text {
      case "standard": return .standard
      case "minmax": return .minmax
      case "none": return NormalizationSpec.none
      default:
        context.unknown(
          name, what: "normalization",
          known: ["standard", "minmax", "none"])
        return nil
      }
    }
  }

  func checkInput(_ width: Int, at range: SourceRange, state: ModelState, context: inout Context) {
    if let first = state.layers.first {
      context.error(
        "'input' must come before the first layer", at: range,
        notes: [.init("the first layer is here", at: first.range)])
    } else if let shape = state.dataShape, shape.width != width {
      context.error(
        "'input \(width)' does not match the data, which has \(shape.width) features per example",
        at: range, notes: [.init("the data is loaded here", at: state.dataRange)])
    }
  }

  /// `dense WIDTH [ACTIVATION]`.
  func checkDense(
    _ width: Number, _ activationName: Name?, statement: StatementSyntax,
    state: inout ModelState, context: inout Context
  ) -> CheckedStatement.Action? {
    guard let units = context.count(width, what: "the layer width") else { return nil }
    var activation = Activation.linear
    if let activationName {
      guard let found = context.lookup(activationName, in: Activation.self, what: "activation")
      else { return nil }
      activation = found
    }
    let layer = LayerSpec(.dense(width: units, activation: activation), at: statement.range)
    state.layers.append(layer)
    return .layer(layer)
  }

  /// `optimizer NAME {option value}`.
  func optimizer(_ name: Name, _ options: [NumberOption], context: inout Context)
    -> OptimizerSpec?
  {
    guard let kind = context.lookup(name, in: OptimizerSpec.Kind.self, what: "optimizer")
    else { return nil }
    var spec = OptimizerSpec(kind)
    let allowed = OptimizerSpec.options(of: kind)
    for option in options {
      let key = option.name.text == "learning_rate" ? "lr" : option.name.text
      guard context.firstTime(key, at: option.name.range) else { continue }
      guard allowed.contains(key) else {
        unknownOption(option.name, of: kind, allowed: allowed, context: &context)
        continue
      }
      let value = option.value.value
      let fraction = value >= 0 && value < 1
      guard value.isFinite else {
        context.error(
          "\(key) must be a finite number, found \(option.value.text)",
          at: option.value.range)
        continue
      }
      switch key {
      case "lr" where value > 0: spec.learningRate = value
      case "momentum" where fraction: spec.momentum = value
      case "beta1" where fraction: spec.beta1 = value
      case "beta2" where fraction: spec.beta2 = value
      case "rho" where fraction: spec.rho = value
      case "epsilon" where value > 0: spec.epsilon = value
      case "lr", "epsilon":
        context.error(
          "\(key) must be above 0, found \(option.value.text)",
          at: option.value.range)
      default:
        context.error(
          "\(key) must be at least 0 and below 1, found \(option.value.text)",
          at: option.value.range)
      }
    }
    return context.diagnostics.hasErrors ? nil : spec
  }

  /// "unknown option 'lerning_rate' of 'optimizer sgd'"; a misspelt `learning_rate`, the alias
  /// of `lr`, is pointed at `lr`.
  private func unknownOption(
    _ name: Name, of kind: OptimizerSpec.Kind, allowed: [String], context: inout Context
  ) {
    let match = closestMatch(to: name.text, in: allowed + ["learning_rate"])
    let list = allowed.map { "'\($0)'" }.joined(separator: ", ")
    context.error(
      "unknown option '\(name.text)' of 'optimizer \(kind.rawValue)'", at: name.range,
      help: match.map { "did you mean '\($0 == "learning_rate" ? "lr" : $0)'?" }
        ?? "expected one of \(list)")
  }
}
