/// The statements that describe the model: its input, layers, loss, optimizer and seed.
extension ScriptParser {
  /// normalize = "normalize" ( NUMBER | NAME ) ;
  mutating func normalize() throws(SyntaxError) -> StatementSyntax.Kind {
    switch current.kind {
    case .number: return .normalize(.number(try number(advance())))
    case .name: return .normalize(.name(name(advance())))
    default:
      throw unexpected(
        current, expected: "a scale or a method after 'normalize'",
        help: "for example 'normalize 255' or 'normalize standard'")
    }
  }

  /// input = "input" NUMBER ;
  mutating func input() throws(SyntaxError) -> StatementSyntax.Kind {
    .input(try expectNumber("the input width after 'input'"))
  }

  /// dense = "dense" NUMBER [ NAME ] ;
  mutating func dense() throws(SyntaxError) -> StatementSyntax.Kind {
    let width = try expectNumber("the layer width after 'dense'")
    let activation = current.kind == .name ? name(advance()) : nil
    return .dense(width: width, activation: activation)
  }

  /// dropout = "dropout" NUMBER ;
  mutating func dropout() throws(SyntaxError) -> StatementSyntax.Kind {
    .dropout(rate: try expectNumber("the dropout rate after 'dropout'"))
  }

  /// loss = "loss" NAME ;
  mutating func loss() throws(SyntaxError) -> StatementSyntax.Kind {
    .loss(try expectName("a loss function after 'loss'"))
  }

  /// optimizer = "optimizer" NAME { optimizer-option } ;
  mutating func optimizer() throws(SyntaxError) -> StatementSyntax.Kind {
    let optimizer = try expectName("an optimizer after 'optimizer'")
    var options: [NumberOption] = []
    while current.kind == .name {
      options.append(try optimizerOption())
    }

    guard current.endsStatement else {
      throw unexpected(
        current, expected: "the name of an option",
        help: "an option of 'optimizer' is a name and a value, as in 'lr 0.001'")
    }
    return .optimizer(optimizer, options: options)
  }

  /// optimizer-option = NAME NUMBER ;
  mutating func optimizerOption() throws(SyntaxError) -> NumberOption {
    let option = name(advance())
    let value = try expectNumber("a value after '\(option.text)'")
    return NumberOption(name: option, value: value)
  }

  /// seed = "seed" NUMBER ;
  mutating func seed() throws(SyntaxError) -> StatementSyntax.Kind {
    .seed(try expectNumber("a number after 'seed'"))
  }
}
