/// One token of a script: what kind it is and the bytes it covers. Values are read from the text
/// when the parser needs them; a token the lexer could not make sense of is an `.error` token
/// carrying the diagnostic that explains it.
package struct Token: Sendable, Equatable {
  package enum Kind: Sendable, Equatable, CustomStringConvertible {
    case name
    case number
    case string
    case newline
    case semicolon
    case endOfFile
    /// Text the lexer rejected: an unknown character, `100relu`, `1e`, a bad string.
    case error

    package var description: String {
      switch self {
      case .name: "name"
      case .number: "number"
      case .string: "string"
      case .newline: "newline"
      case .semicolon: "semicolon"
      case .endOfFile: "end of file"
      case .error: "error"
      }
    }
  }

  package var kind: Kind
  package var range: SourceRange
  /// Why an `.error` token was rejected; `nil` for every other kind.
  package var problem: Diagnostic?

  package init(_ kind: Kind, at range: SourceRange, problem: Diagnostic? = nil) {
    self.kind = kind
    self.range = range
    self.problem = problem
  }

  /// Whether the token ends a statement: a newline, a `;` or the end of the file.
  package var endsStatement: Bool {
    kind == .newline || kind == .semicolon || kind == .endOfFile
  }

  /// One line for `--dump-tokens`: `1:1 name 'dense'`, `1:15 newline`.
  package func dump(in source: SourceFile) -> String {
    let location = source.location(of: range.start)
    switch kind {
    case .newline, .endOfFile: return "\(location) \(kind)"
    default: return "\(location) \(kind) '\(source.text(range))'"
    }
  }

  /// How a message names the token: its text in quotes, or "end of line".
  package func describe(in source: SourceFile) -> String {
    switch kind {
    case .newline, .endOfFile: "end of line"
    default: "'\(source.text(range))'"
    }
  }
}
