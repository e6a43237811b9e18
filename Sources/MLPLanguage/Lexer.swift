/// Turns the bytes of a script into tokens, following the token rules at the end of
/// `Grammar/mlp.ebnf`. Spaces, tabs and `#` comments are skipped; CR LF is one newline. Text it
/// cannot read becomes an `.error` token holding its diagnostic, and lexing goes on after it.
package struct Lexer {
  let source: SourceFile
  var position = 0

  init(source: SourceFile) {
    self.source = source
  }

  /// Every token of `source`, ending with one `.endOfFile`, and the lexer's diagnostics in order
  /// (one for each `.error` token).
  package static func tokens(of source: SourceFile) -> ([Token], [Diagnostic]) {
    var lexer = Lexer(source: source)
    var tokens: [Token] = []
    var token: Token
    repeat {
      token = lexer.next()
      tokens.append(token)
    } while token.kind != .endOfFile
    return (tokens, tokens.compactMap(\.problem))
  }

  /// The tokens of `source`, one a line, as `--dump-tokens` prints them.
  package static func dump(_ source: SourceFile) -> String {
    tokens(of: source).0.map { $0.dump(in: source) }.joined(separator: "\n")
  }

  /// The next token. Each call moves past at least one byte until the end of the file.
  mutating func next() -> Token {
    skipBlanksAndComments()
    let start = position
    guard let byte = byte(at: position) else {
      return Token(.endOfFile, at: SourceRange(start, start))
    }

    switch byte {
    case UInt8(ascii: "\n"):
      position += 1
      return Token(.newline, at: SourceRange(start, position))
    case UInt8(ascii: "\r") where self.byte(at: position + 1) == UInt8(ascii: "\n"):
      position += 2
      return Token(.newline, at: SourceRange(start, position))
    case UInt8(ascii: ";"):
      position += 1
      return Token(.semicolon, at: SourceRange(start, position))
    case UInt8(ascii: "\""):
      return string()
    case UInt8(ascii: "0")...UInt8(ascii: "9"):
      return number()
    case UInt8(ascii: ".") where isDigit(self.byte(at: position + 1)):
      return number()
    default:
      if isLetter(byte) || isForeignLetter(at: position) { return word() }
      return unknownCharacter()
    }
  }

  // MARK: Blanks, words and stray characters

  private mutating func skipBlanksAndComments() {
    while let byte = byte(at: position) {
      if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
        position += 1
      } else if byte == UInt8(ascii: "#") {
        // The comment stops before its line break, which still ends the statement.
        while let inner = self.byte(at: position), inner != UInt8(ascii: "\n") {
          if inner == UInt8(ascii: "\r"), self.byte(at: position + 1) == UInt8(ascii: "\n") {
            return
          }
          position += 1
        }
      } else {
        return
      }
    }
  }

  /// NAME = letter { letter | digit | "_" | "-" } ; a word holding a letter outside ASCII
  /// (`rélu`) is read whole and rejected, so the error names the word the user wrote.
  private mutating func word() -> Token {
    let start = position
    var foreign: SourceRange?
    while let byte = byte(at: position) {
      if isNameByte(byte) {
        position += 1
      } else if isForeignLetter(at: position) {
        let length = scalar(at: position).length
        if foreign == nil { foreign = SourceRange(position, position + length) }
        position += length
      } else {
        break
      }
    }

    let range = SourceRange(start, position)
    guard let foreign else { return Token(.name, at: range) }
    let character = source.text(foreign)
    let message =
      foreign == range
      ? "unexpected character '\(character)'"
      : "unexpected character '\(character)' in '\(source.text(range))'"
    let problem = Diagnostic.error(
      message, at: foreign, help: "names are written with the letters a to z, digits, '_' and '-'")
    return Token(.error, at: range, problem: problem)
  }

  /// A character that starts no token: `@`, `,`, a lone `.` or CR, a control character.
  private mutating func unknownCharacter() -> Token {
    let start = position
    let (scalar, length) = scalar(at: position)
    position += length

    let range = SourceRange(start, position)
    let help: String? =
      switch scalar {
      case ",": "options and values are separated by spaces"
      case "-" where isDigit(byte(at: position)) || byte(at: position) == UInt8(ascii: "."):
        "no number in mlp is negative; write it without the '-'"
      case "\r": "lines end with LF or CR LF"
      default: nil
      }
    let problem = Diagnostic.error(
      "unexpected character \(Lexer.name(of: scalar))", at: range, help: help)
    return Token(.error, at: range, problem: problem)
  }

  /// `'@'` for a visible character, `U+0007` for one that would not show.
  static func name(of scalar: Unicode.Scalar) -> String {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .surrogate,
      .privateUse, .unassigned:
      let hex = String(scalar.value, radix: 16, uppercase: true)
      return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    default:
      return "'\(scalar)'"
    }
  }

  // MARK: Bytes

  func byte(at offset: Int) -> UInt8? {
    offset < source.bytes.count ? source.bytes[offset] : nil
  }

  func isDigit(_ byte: UInt8?) -> Bool {
    guard let byte else { return false }
    return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  func isLetter(_ byte: UInt8?) -> Bool {
    guard let byte else { return false }
    let lower = byte | 0x20
    return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
  }

  func isNameByte(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
  }

  /// Whether a letter outside ASCII (`é`, `λ`) starts at `offset`.
  private func isForeignLetter(at offset: Int) -> Bool {
    guard let byte = byte(at: offset), byte >= 0x80 else { return false }
    return scalar(at: offset).scalar.properties.isAlphabetic
  }

  /// The scalar whose UTF-8 encoding starts at `offset`, and how many bytes it takes; a byte that
  /// starts no valid encoding reads as U+FFFD, one byte long.
  func scalar(at offset: Int) -> (scalar: Unicode.Scalar, length: Int) {
    guard let lead = byte(at: offset) else { return ("\u{FFFD}", 1) }
    let length =
      switch lead {
      case 0..<0x80: 1
      case 0xC0..<0xE0: 2
      case 0xE0..<0xF0: 3
      case 0xF0..<0xF8: 4
      default: 0
      }
    guard length > 1 else {
      return length == 1 ? (Unicode.Scalar(lead), 1) : ("\u{FFFD}", 1)
    }

    var value = UInt32(lead) & (0xFF >> (length + 1))
    for index in 1..<length {
      guard let next = byte(at: offset + index), next & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
      value = value << 6 | UInt32(next & 0x3F)
    }
    guard let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", 1) }
    return (scalar, length)
  }
}
