/// The statements that run the model (`train` and its options, `evaluate`) and those that show
/// it (`show`, and the optional file of `graph` and `plot`).
extension ScriptParser {
  /// train = "train" { train-option } ;
  mutating func train() throws(SyntaxError) -> StatementSyntax.Kind {
    var options: [TrainOption] = []
    while current.kind == .name {
      options.append(try trainOption())
    }

    guard current.endsStatement else {
      throw unexpected(
        current, expected: "an option of 'train'",
        help: optionsHelp(of: "train", options: Vocabulary.trainOptions))
    }
    return .train(options: options)
  }

  /// train-option = "epochs" NUMBER | "batch" NUMBER
  ///              | "validation" ( "test" | "none" | "split" NUMBER ) | "checkpoint" STRING ;
  mutating func trainOption() throws(SyntaxError) -> TrainOption {
    let option = name(advance())
    switch option.text {
    case "epochs":
      return .epochs(try expectNumber("the number of epochs after 'epochs'"), keyword: option.range)
    case "batch":
      return .batch(try expectNumber("the batch size after 'batch'"), keyword: option.range)
    case "validation":
      return try validation(keyword: option)
    case "checkpoint":
      let file = try expectString("a file name in quotes after 'checkpoint'")
      return .checkpoint(file, keyword: option.range)
    default:
      throw unknownOption(option, of: "train", options: Vocabulary.trainOptions)
    }
  }

  /// The part of train-option after "validation": ( "test" | "none" | "split" NUMBER ).
  mutating func validation(keyword: Name) throws(SyntaxError) -> TrainOption {
    let expected = "'test', 'none' or 'split' after 'validation'"
    guard current.kind == .name else { throw unexpected(current, expected: expected) }

    let mode = name(advance())
    switch mode.text {
    case "test", "none":
      return .validation(mode, split: nil, keyword: keyword.range)
    case "split":
      let fraction = try expectNumber("the validation fraction after 'split'")
      return .validation(mode, split: fraction, keyword: keyword.range)
    default:
      let help = closestMatch(to: mode.text, in: Vocabulary.validationModes).map {
        "did you mean '\($0)'?"
      }
      throw SyntaxError(
        .error("expected \(expected), found '\(mode.text)'", at: mode.range, help: help))
    }
  }

  /// show = "show" NAME [ NUMBER ] ;
  mutating func show() throws(SyntaxError) -> StatementSyntax.Kind {
    let what = try expectName("'samples' or 'mistakes' after 'show'")
    let count = current.kind == .number ? try number(advance()) : nil
    return .show(what, count: count)
  }

  /// The optional file of `graph` and `plot`: [ STRING ].
  mutating func optionalString() throws(SyntaxError) -> StringLiteral? {
    guard current.kind == .string else { return nil }
    return try expectString("a file name in quotes")
  }
}
