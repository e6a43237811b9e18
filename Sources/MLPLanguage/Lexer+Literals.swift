/// Numbers and strings, the two tokens that can go wrong half way through.
extension Lexer {
  /// NUMBER = ( digits [ "." [ digits ] ] | "." digits ) [ ( "e" | "E" ) [ "+" | "-" ] digits ] ;
  /// A number running straight into a name (`100relu`) is rejected as a whole.
  mutating func number() -> Token {
    let start = position
    skipDigits()
    if byte(at: position) == UInt8(ascii: ".") {
      position += 1
      skipDigits()
    }

    if let problem = exponent(numberStart: start) {
      return Token(.error, at: SourceRange(start, position), problem: problem)
    }

    guard isLetter(byte(at: position)) else {
      return Token(.number, at: SourceRange(start, position))
    }
    let numberEnd = position
    while let byte = byte(at: position), isNameByte(byte) { position += 1 }
    let number = source.text(SourceRange(start, numberEnd))
    let name = source.text(SourceRange(numberEnd, position))
    let problem = Diagnostic.error(
      "expected a space between '\(number)' and '\(name)'",
      at: SourceRange(numberEnd, position))
    return Token(.error, at: SourceRange(start, position), problem: problem)
  }

  /// Reads `e`, an optional sign and digits. An `e` followed by a letter is left alone (it is
  /// the start of a name written against the number); an `e` or sign without digits is an error.
  private mutating func exponent(numberStart: Int) -> Diagnostic? {
    guard let marker = byte(at: position), marker | 0x20 == UInt8(ascii: "e") else { return nil }
    var end = position + 1
    let hasSign = byte(at: end) == UInt8(ascii: "+") || byte(at: end) == UInt8(ascii: "-")
    if hasSign { end += 1 }

    if isDigit(byte(at: end)) {
      position = end
      skipDigits()
      return nil
    }
    if !hasSign, isLetter(byte(at: end)) { return nil }

    position = end
    let range = SourceRange(numberStart, position)
    return Diagnostic.error(
      "expected digits after the exponent in '\(source.text(range))'", at: range)
  }

  private mutating func skipDigits() {
    while isDigit(byte(at: position)) { position += 1 }
  }

  /// STRING = '"' { character - ( '"' | "\" | NEWLINE ) | "\" ( '"' | "\" ) } '"' ;
  /// An unterminated string runs to the end of its line; an unknown escape is reported after the
  /// closing quote is found, so the next token starts in the right place.
  mutating func string() -> Token {
    let start = position
    position += 1
    var badEscape: SourceRange?

    while let byte = byte(at: position) {
      if byte == UInt8(ascii: "\"") {
        position += 1
        let range = SourceRange(start, position)
        guard let badEscape else { return Token(.string, at: range) }
        let problem = Diagnostic.error(
          "unknown escape '\(source.text(badEscape))' in a string", at: badEscape,
          help: #"a string allows only the escapes '\"' and '\\'"#)
        return Token(.error, at: range, problem: problem)
      }
      if isLineBreak(at: position) { break }

      if byte == UInt8(ascii: "\\") {
        let next = self.byte(at: position + 1)
        if next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") {
          position += 2
          continue
        }
        if next != nil, !isLineBreak(at: position + 1), badEscape == nil {
          badEscape = SourceRange(position, position + 1 + scalar(at: position + 1).length)
        }
      }
      position += 1
    }

    let problem = Diagnostic.error(
      "unterminated string", at: SourceRange(position, position),
      notes: [Diagnostic.Note("the string starts here", at: SourceRange(start, start + 1))],
      help: #"close the string with '"' before the end of the line"#)
    return Token(.error, at: SourceRange(start, position), problem: problem)
  }

  private func isLineBreak(at offset: Int) -> Bool {
    let byte = byte(at: offset)
    return byte == UInt8(ascii: "\n")
      || (byte == UInt8(ascii: "\r") && self.byte(at: offset + 1) == UInt8(ascii: "\n"))
  }
}
