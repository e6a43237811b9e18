/// The parser's messages: expected versus found, unknown words with the nearest known one.
extension ScriptParser {
  /// "expected the layer width after 'dense', found 'relu'"; a token the lexer rejected brings
  /// its own diagnostic instead, so a statement reports one error.
  func unexpected(_ token: Token, expected: String, help: String? = nil) -> SyntaxError {
    if let problem = token.problem { return SyntaxError(problem) }
    return SyntaxError(
      .error(
        "expected \(expected), found \(token.describe(in: source))", at: token.range, help: help))
  }

  /// "unknown statement 'dropuot'" with the closest keyword as help.
  func unknownStatement(_ keyword: Token) -> SyntaxError {
    let word = source.text(keyword.range)
    let help =
      closestMatch(to: word, in: Vocabulary.statements).map { "did you mean '\($0)'?" }
      ?? "a statement starts with \(list(Vocabulary.statements, joinedBy: "or"))"
    return SyntaxError(.error("unknown statement '\(word)'", at: keyword.range, help: help))
  }

  /// "unknown option 'epoch' of 'train'" with the closest option, or the list of them, as help.
  func unknownOption(_ option: Name, of statement: String, options: [String]) -> SyntaxError {
    let help =
      closestMatch(to: option.text, in: options).map { "did you mean '\($0)'?" }
      ?? optionsHelp(of: statement, options: options)
    return SyntaxError(
      .error("unknown option '\(option.text)' of '\(statement)'", at: option.range, help: help))
  }

  func optionsHelp(of statement: String, options: [String]) -> String {
    options.count == 1
      ? "the only option of '\(statement)' is '\(options[0])'"
      : "the options of '\(statement)' are \(list(options, joinedBy: "and"))"
  }

  /// `'a', 'b' and 'c'`.
  func list(_ words: [String], joinedBy conjunction: String) -> String {
    let quoted = words.map { "'\($0)'" }
    guard let last = quoted.last, quoted.count > 1 else { return quoted.first ?? "" }
    return quoted.dropLast().joined(separator: ", ") + " \(conjunction) " + last
  }
}
