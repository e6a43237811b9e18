import MLPLanguage

/// Where the interpreter's words go: results to `out`, progress and diagnostics to `err`. The
/// command line passes the process's streams; tests pass closures that collect text.
public struct Console: Sendable {
  public var out: @Sendable (String) -> Void
  public var err: @Sendable (String) -> Void
  /// Whether diagnostics may use ANSI colour (standard error is a terminal and NO_COLOR unset).
  public var colour: Bool

  public init(
    out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
    colour: Bool = false
  ) {
    self.out = out
    self.err = err
    self.colour = colour
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
