import MLPLanguage

/// Where the interpreter's words go: results to `out`, progress and diagnostics to `err`. The
/// command line passes the process's streams; tests pass closures that collect text.
public struct Console: Sendable {
  public var out: @Sendable (String) -> Void
  public var err: @Sendable (String) -> Void
  /// Whether diagnostics may use ANSI colour (standard error is a terminal and NO_COLOR unset).
  public var colour: Bool
  /// Whether standard error is a terminal: progress rewrites one line per epoch with `\r`, and
  /// the curves are drawn after each `train`. Otherwise progress is one plain line per epoch.
  public var interactive: Bool
  /// How images are drawn on standard output.
  public var pictures: Pictures
  /// The terminal's width in columns (80 when it is not a terminal).
  public var columns: Int

  /// Images as characters: plain ones (` .:-=+*#%@`) anywhere, or half blocks (`▀`) with
  /// grayscale colours on a terminal that shows them.
  public enum Pictures: Sendable, Equatable {
    case plain
    /// The 24 grays of the 256-colour palette.
    case palette
    /// 24-bit colour (COLORTERM is truecolor or 24bit).
    case trueColour
  }

  public init(
    out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
    colour: Bool = false, interactive: Bool = false, pictures: Pictures = .plain,
    columns: Int = 80
  ) {
    self.out = out
    self.err = err
    self.colour = colour
    self.interactive = interactive
    self.pictures = pictures
    self.columns = columns
  }
}

/// A failure while running a statement (data that cannot be read, a loss that became NaN),
/// placed at the statement that caused it.
public struct RuntimeFault: Error, Sendable, Equatable {
  public var message: String
  public var range: SourceRange?
  public var help: String?

  public init(_ message: String, at range: SourceRange?, help: String? = nil) {
    self.message = message
    self.range = range
    self.help = help
  }

  public var diagnostic: Diagnostic { .error(message, at: range, help: help) }
}
