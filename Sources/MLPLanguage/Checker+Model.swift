extension Checker {
  /// `train {option}`: the options, then the model as a whole.
  func checkTrain(
    _ options: [TrainOption], statement: StatementSyntax, state: inout ModelState,
    context: inout Context
  ) -> CheckedStatement.Action? {
    var spec = TrainSpec()
    for option in options {
      guard context.firstTime(option.name, at: option.keyword) else { continue }
      switch option {
      case .epochs(let number, _):
        if let epochs = context.count(number, what: "epochs", limit: 1_000_000) {
          spec.epochs = epochs
        }
      case .batch(let number, _):
        if let batch = context.count(number, what: "the batch size", limit: 1 << 20) {
          spec.batch = batch
        }
      case .validation(let name, let split, _):
        if let validation = validation(name, split, state: state, context: &context) {
          spec.validation = validation
        }
      case .checkpoint(let literal, _):
        if let path = file(literal, context: &context),
          writable(path, at: literal.range, context: &context)
        {
          spec.checkpoint = path
          state.filesWritten.insert(path)
        }
      }
    }
    if spec.checkpoint != nil,
      spec.validation == .none
        || (spec.validation == .test && !(state.dataShape?.hasTestSplit ?? true))
    {
      context.error(
        "a checkpoint keeps the epoch with the best validation accuracy, but this training has "
          + "no validation", at: statement.keyword,
        help: "add 'validation split 0.1', or give the data a test split")
    }
    let firstTrain = state.trainRange == nil
    guard let model = checkModel(state, at: statement.keyword, context: &context),
      !context.diagnostics.hasErrors,
      checkMemory(model, rows: max(spec.batch, 1000), at: statement.keyword, context: &context)
    else { return nil }
    if firstTrain { warnAboutOutput(model, state: state, context: &context) }
    state.trainRange = state.trainRange ?? statement.range
    return .train(spec)
  }

  private func validation(
    _ name: Name, _ split: Number?, state: ModelState, context: inout Context
  ) -> TrainSpec.Validation? {
    switch name.text {
    case "test":
      if let shape = state.dataShape, !shape.hasTestSplit {
        context.error(
          "the data has no test split to validate on", at: name.range,
          help: "use 'validation split 0.1' or 'validation none'")
        return nil
      }
      return .test
    case "none":
      return TrainSpec.Validation.none
    case "split":
      guard let split, split.value > 0, split.value < 1 else {
        context.error(
          "the validation split must be above 0 and below 1"
            + (split.map { ", found \($0.text)" } ?? ""),
          at: split?.range ?? name.range,
          help: "'validation split 0.1' keeps a tenth of the training examples for validation")
        return nil
      }
      return .split(split.value)
    default:
      context.unknown(name, what: "validation", known: ["test", "split", "none"])
      return nil
    }
  }

  /// The model as it stands, or an error at `range` saying what is missing or inconsistent.
  func checkModel(_ state: ModelState, at range: SourceRange, context: inout Context)
    -> ModelSpec?
  {
    // Where an earlier failed statement would have set what is missing, these checks would
    // only restate its error: the statement fails without a word.
    let wasQuiet = context.quiet
    defer { context.quiet = wasQuiet }
    func quietIf(_ keywords: String...) {
      context.quiet =
        wasQuiet || syntaxFailed || failures.contains { keywords.contains($0.keyword) }
    }
    quietIf("data", "input")
    guard let inputWidth = state.inputWidth else {
      context.error(
        "the model has no input width", at: range,
        help: "add a 'data' statement, or 'input N', before this line")
      return nil
    }
    quietIf("dense")
    guard state.layers.contains(where: { if case .dense = $0.kind { true } else { false } })
    else {
      context.error(
        "the model has no dense layer", at: range,
        help: "add a layer such as 'dense 10 softmax' before this line")
      return nil
    }
    quietIf("loss")
    guard let loss = state.loss else {
      context.error(
        "the model has no loss", at: range,
        help: "add 'loss crossentropy' before this line")
      return nil
    }
    let model = ModelSpec(
      inputWidth: inputWidth, layers: state.layers, loss: loss, lossRange: state.lossRange)
    // A dense statement that failed after the last good one may have been the output layer.
    let lastDense = state.layers.last { if case .dense = $0.kind { true } else { false } }
    context.quiet =
      wasQuiet || syntaxFailed
      || failures.contains { $0.keyword == "data" || $0.keyword == "input" }
      || failures.contains {
        $0.keyword == "dense" && $0.range.start > (lastDense?.range.start ?? 0)
      }
    guard checkOutputWidth(model, state: state, context: &context),
      checkSize(model, at: range, context: &context)
    else { return nil }
    return model
  }

  private func checkOutputWidth(_ model: ModelSpec, state: ModelState, context: inout Context)
    -> Bool
  {
    guard let shape = state.dataShape else { return true }
    let width = model.outputWidth
    let binary = shape.classes <= 2 && width == 1 && model.loss != .crossentropy
    guard width != shape.classes, !binary else { return true }
    let last = model.layers.last { if case .dense = $0.kind { true } else { false } }
    context.error(
      "the output layer has \(width) unit\(width == 1 ? "" : "s") but the data has "
        + "\(shape.classes) classes",
      at: last?.range,
      help: "make the last layer 'dense \(shape.classes) softmax'",
      notes: [.init("the data is loaded here", at: state.dataRange)])
    return false
  }

  /// At the end of a script. Statements after the last one that uses the model can change
  /// nothing (a run skips them): a warning at each. A script that never uses the model (one
  /// `mlp check` reads, say) has its final model checked here: the output width against the
  /// data, and its size (at its widest layer).
  public mutating func finish() -> [Diagnostic] {
    if state.usedModel {
      return state.sinceLastUse.map { statement in
        .warning(
          "'\(statement.keyword)' comes after the last statement that uses the model, so it has "
            + "no effect", at: statement.range,
          help: "move it above the 'train' it should change, or remove it")
      }
    }
    guard !syntaxFailed, failures.isEmpty,
      let loss = state.loss,
      let width = state.inputWidth,
      let widest = state.layers.max(by: { units($0) < units($1) }), units(widest) > 0
    else { return [] }
    var context = Context(diagnostics: [])
    let model = ModelSpec(
      inputWidth: width, layers: state.layers, loss: loss, lossRange: state.lossRange)
    guard checkOutputWidth(model, state: state, context: &context),
      checkSize(model, at: widest.range, context: &context)
    else { return context.diagnostics }
    _ = checkMemory(model, rows: 1000, at: widest.range, context: &context)
    return context.diagnostics
  }

  private func units(_ layer: LayerSpec) -> Int {
    if case .dense(let units, _) = layer.kind { units } else { 0 }
  }

  /// Refuses a run that would need more memory than the machine has: weights, gradients,
  /// optimizer moments and a copy (five floats a parameter), and the batch's tensors (about six
  /// a dense layer, three a dropout layer, two for the input), estimated before allocating.
  func checkMemory(_ model: ModelSpec, rows: Int, at range: SourceRange, context: inout Context)
    -> Bool
  {
    var perRow = 2 * model.inputWidth
    var width = model.inputWidth
    for layer in model.layers {
      switch layer.kind {
      case .dense(let units, _):
        perRow += 6 * units
        width = units
      case .dropout:
        perRow += 3 * width
      }
    }
    let parameters = model.parameterCount.multipliedReportingOverflow(by: 5)
    let batch = perRow.multipliedReportingOverflow(by: rows)
    let floats = parameters.partialValue.addingReportingOverflow(batch.partialValue)
    let overflow = parameters.overflow || batch.overflow || floats.overflow
    guard overflow || floats.partialValue > memoryLimit / 4 else { return true }
    let bytes = overflow ? "more than 2^63" : formatCount(floats.partialValue * 4)
    context.error(
      "the model needs about \(bytes) bytes to run with batches of \(formatCount(rows)) rows, "
        + "more than the \(formatCount(memoryLimit)) bytes it may use here",
      at: range, help: "use narrower layers or a smaller batch")
    return false
  }

  /// Refuses a model whose parameters, gradients and optimizer state would not fit in memory.
  private func checkSize(_ model: ModelSpec, at range: SourceRange, context: inout Context)
    -> Bool
  {
    var width = model.inputWidth
    var total = 0
    for layer in model.layers {
      guard case .dense(let units, _) = layer.kind else { continue }
      let (weights, overflow) = width.multipliedReportingOverflow(by: units + 1)
      total = overflow ? Int.max : total.addingReportingOverflow(weights).partialValue
      width = units
    }
    let limit = 1 << 31  // four copies of 4-byte floats: 32 GiB, more than the machine has
    guard total > limit else { return true }
    let bytes = total > Int.max / 16 ? "more than 2^63" : formatCount(total * 16)
    context.error(
      "the model has \(formatCount(total)) parameters, needing \(bytes) bytes for weights, "
        + "gradients and optimizer state",
      at: range, help: "use narrower layers")
    return false
  }

  private func warnAboutOutput(_ model: ModelSpec, state: ModelState, context: inout Context) {
    let activation = model.outputActivation
    let at = model.lossRange
    switch (model.loss, activation) {
    case (.crossentropy, .linear):
      context.warning(
        "crossentropy expects probabilities but the output layer is linear; mlp applies "
          + "softmax to it inside the loss", at: at,
        help: "write 'softmax' after the last layer's width to say so")
    case (.crossentropy, .softmax):
      break
    case (.crossentropy, _):
      context.warning(
        "crossentropy expects probabilities but the output activation is "
          + "\(activation.rawValue); mlp applies softmax to its outputs inside the loss", at: at,
        help: "use 'softmax' on the last layer")
    case (.binaryCrossentropy, .softmax):
      context.warning(
        "binary_crossentropy treats each output as an independent probability, but softmax "
          + "makes the outputs share a total of 1", at: at,
        help: "use 'loss crossentropy' with softmax, or 'sigmoid' on the last layer")
    case (.binaryCrossentropy, .linear), (.binaryCrossentropy, .relu),
      (.binaryCrossentropy, .tanh):
      context.warning(
        "binary_crossentropy treats each output as an independent probability, but the output "
          + "activation is \(activation.rawValue); outputs are clipped to 0..1 inside the loss",
        at: at, help: "use 'sigmoid' on the last layer, or 'loss crossentropy' with softmax")
    default:
      break
    }
  }
}

/// `1234567` as `1,234,567`.
public func formatCount(_ value: Int) -> String {
  let digits = String(value.magnitude)
  var result = ""
  for (index, digit) in digits.enumerated() {
    if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
    result.append(digit)
  }
  return value < 0 ? "-" + result : result
}
