/// Reads a script into its syntax tree, following `Grammar/mlp.ebnf` rule by rule.
public enum Parser {
  /// The statements of `source` and the problems found reading them, in text order. A statement
  /// with an error is left out of the tree and reported once; reading resumes after the next
  /// newline or `;`, so every bad statement of a script is reported in one pass.
  ///
  /// - Parameter offset: where to start reading; a REPL keeps its whole transcript as one source
  ///   and reads only what was typed last, so positions stay unique for the session. It must be
  ///   the start of a line.
  public static func parse(_ source: SourceFile, from offset: Int = 0)
    -> (ScriptSyntax, [Diagnostic])
  {
    let (all, _) = Lexer.tokens(of: source)
    let tokens = offset == 0 ? all : all.filter { $0.range.start >= offset }
    var parser = ScriptParser(source: source, tokens: tokens)
    let statements = parser.script()
    return (ScriptSyntax(source: source, statements: statements), parser.diagnostics)
  }
}

/// The one error of a statement; thrown out of the rule that found it, caught by `script`.
struct SyntaxError: Error {
  var diagnostic: Diagnostic

  init(_ diagnostic: Diagnostic) {
    self.diagnostic = diagnostic
  }
}

/// The parser's state: the tokens, where it is among them and what it has reported. Each rule of
/// the grammar is one method, in this file and the `Parser+*.swift` files named for what they read.
struct ScriptParser {
  let source: SourceFile
  /// The lexer's tokens; the last is always `.endOfFile`.
  let tokens: [Token]
  var index = 0
  /// The end of the last token taken, which is where a statement's range stops.
  var previousEnd = 0
  var diagnostics: [Diagnostic] = []

  init(source: SourceFile, tokens: [Token]) {
    self.source = source
    self.tokens =
      tokens.last?.kind == .endOfFile
      ? tokens
      : tokens + [Token(.endOfFile, at: SourceRange(source.bytes.count, source.bytes.count))]
  }

  // MARK: Script and statement

  /// script = { separator } [ statement { separator { separator } statement } { separator } ] EOF ;
  mutating func script() -> [StatementSyntax] {
    var statements: [StatementSyntax] = []
    // Each pass takes a separator or a statement, and `statement` always takes its first token.
    while current.kind != .endOfFile {
      if current.kind == .newline || current.kind == .semicolon {
        advance()
        continue
      }
      do {
        statements.append(try statement())
      } catch {
        diagnostics.append(error.diagnostic)
        skipToSeparator()
      }
    }
    return statements
  }

  /// statement = data | normalize | input | dense | dropout | loss | optimizer | seed | train
  ///           | evaluate ;
  mutating func statement() throws(SyntaxError) -> StatementSyntax {
    let keyword = advance()
    guard keyword.kind == .name else { throw unexpected(keyword, expected: "a statement") }

    let kind: StatementSyntax.Kind
    switch source.text(keyword.range) {
    case "data": kind = try data()
    case "normalize": kind = try normalize()
    case "input": kind = try input()
    case "dense": kind = try dense()
    case "dropout": kind = try dropout()
    case "loss": kind = try loss()
    case "optimizer": kind = try optimizer()
    case "seed": kind = try seed()
    case "train": kind = try train()
    case "evaluate": kind = .evaluate
    case "save": kind = .save(try expectString("a file name in quotes after 'save'"))
    case "load": kind = .load(try expectString("a file name in quotes after 'load'"))
    case "summary": kind = .summary
    case "graph": kind = .graph(try optionalString())
    case "plot": kind = .plot(try optionalString())
    case "confusion": kind = .confusion
    case "show": kind = try show()
    case "trace": kind = .trace
    default: throw unknownStatement(keyword)
    }

    try endOfStatement()
    let range = SourceRange(keyword.range.start, max(keyword.range.end, previousEnd))
    return StatementSyntax(kind, keyword: keyword.range, range: range)
  }

  /// A statement ends at a newline, a `;` or the end of the file; anything else is left over.
  mutating func endOfStatement() throws(SyntaxError) {
    guard !current.endsStatement else { return }
    if let problem = current.problem { throw SyntaxError(problem) }
    throw SyntaxError(
      .error(
        "unexpected \(current.describe(in: source)) after the statement; "
          + "statements are separated by a new line or ';'", at: current.range))
  }

  /// Skips the rest of a statement that went wrong, up to (not past) its separator.
  mutating func skipToSeparator() {
    while !current.endsStatement { advance() }
  }

  // MARK: Tokens

  var current: Token { tokens[min(index, tokens.count - 1)] }

  /// Whether the current token is the name `text`.
  func at(_ text: String) -> Bool {
    current.kind == .name && source.text(current.range) == text
  }

  /// Takes the current token; the end of the file is never passed.
  @discardableResult
  mutating func advance() -> Token {
    let token = current
    if token.kind != .endOfFile { index += 1 }
    previousEnd = token.range.end
    return token
  }

  mutating func expectName(_ expected: String) throws(SyntaxError) -> Name {
    guard current.kind == .name else { throw unexpected(current, expected: expected) }
    return name(advance())
  }

  mutating func expectNumber(_ expected: String) throws(SyntaxError) -> Number {
    guard current.kind == .number else { throw unexpected(current, expected: expected) }
    return try number(advance())
  }

  mutating func expectString(_ expected: String) throws(SyntaxError) -> StringLiteral {
    guard current.kind == .string else { throw unexpected(current, expected: expected) }
    return string(advance())
  }

  // MARK: Values of tokens

  func name(_ token: Token) -> Name {
    Name(source.text(token.range), at: token.range)
  }

  /// The lexer has checked the form of the number, so reading it fails only on a form `Double`
  /// does not take, which is reported rather than trusted.
  func number(_ token: Token) throws(SyntaxError) -> Number {
    let text = source.text(token.range)
    guard let value = Double(text) else {
      throw SyntaxError(.error("cannot read the number '\(text)'", at: token.range))
    }
    return Number(value, text: text, at: token.range)
  }

  /// The string between the quotes with `\"` and `\\` resolved (the lexer rejects any other
  /// escape); the range keeps the quotes.
  func string(_ token: Token) -> StringLiteral {
    let inner = source.bytes[
      (token.range.start + 1)..<max(token.range.start + 1, token.range.end - 1)]
    var value: [UInt8] = []
    value.reserveCapacity(inner.count)
    var escaped = false
    for byte in inner {
      if byte == UInt8(ascii: "\\"), !escaped {
        escaped = true
        continue
      }
      escaped = false
      value.append(byte)
    }
    return StringLiteral(String(decoding: value, as: UTF8.self), at: token.range)
  }
}
