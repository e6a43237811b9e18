/// Turns diagnostics into the text a person reads:
///
///     fashion.mlp:3:11: error: unknown activation 'rleu'
///     dense 100 rleu
///               ^~~~
///     help: did you mean 'relu'?
///
/// The caret line copies each tab of the source line so it lines up in any terminal, and pads
/// with one space for every other Unicode scalar, as columns are counted. ANSI colour is added
/// only when asked for; deciding whether the output is a terminal is the caller's business.
public struct DiagnosticRenderer: Sendable {
  public var source: SourceFile
  public var colour: Bool

  public init(source: SourceFile, colour: Bool = false) {
    self.source = source
    self.colour = colour
  }

  /// The lines of one diagnostic, joined by newlines, without a final newline.
  public func render(_ diagnostic: Diagnostic) -> String {
    var lines = [header(diagnostic.severity.rawValue, diagnostic.message, at: diagnostic.range)]
    if let range = diagnostic.range { lines += snippet(range) }

    for note in diagnostic.notes {
      lines.append(header("note", note.message, at: note.range))
      if let range = note.range { lines += snippet(range) }
    }
    if let help = diagnostic.help {
      lines.append(paint("help:", Style.bold) + " " + help)
    }
    return lines.joined(separator: "\n")
  }

  /// Each diagnostic rendered and followed by a newline, ready to write to standard error.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { render($0) + "\n" }.joined()
  }

  // MARK: Parts

  /// `NAME:LINE:COL: SEVERITY: MESSAGE`, or `NAME: SEVERITY: MESSAGE` with no place.
  private func header(_ severity: String, _ message: String, at range: SourceRange?) -> String {
    let place =
      range.map { "\(source.name):\(source.location(of: $0.start)): " }
      ?? "\(source.name): "
    let style =
      switch severity {
      case "error": Style.red
      case "warning": Style.magenta
      default: Style.cyan
      }
    return paint(place, Style.bold) + paint(severity + ":", style)
      + paint(" " + message, Style.bold)
  }

  /// The source line of `range.start` and a caret line under the range (cut at the line's end).
  private func snippet(_ range: SourceRange) -> [String] {
    let start = source.location(of: range.start)
    let line = source.lineText(start.line)
    let scalars = Array(line.unicodeScalars)

    let before = scalars.prefix(start.column - 1)
    let padding = before.map { $0 == "\t" ? "\t" : " " }.joined()
    let end = source.location(of: max(range.start, range.end))
    let lastColumn = end.line == start.line ? end.column : scalars.count + 1
    let width = max(1, lastColumn - start.column)
    let marker = "^" + String(repeating: "~", count: width - 1)
    return [line, padding + paint(marker, Style.green)]
  }

  private enum Style {
    static let bold = "\u{1B}[1m"
    static let red = "\u{1B}[1;31m"
    static let magenta = "\u{1B}[1;35m"
    static let cyan = "\u{1B}[1;36m"
    static let green = "\u{1B}[32m"
    static let reset = "\u{1B}[0m"
  }

  private func paint(_ text: String, _ style: String) -> String {
    colour ? style + text + Style.reset : text
  }
}
