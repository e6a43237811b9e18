/// A problem found in a script, kept as data; `DiagnosticRenderer` turns it into text.
public struct Diagnostic: Sendable, Equatable {
  public enum Severity: String, Sendable {
    case error
    case warning
    case note
  }

  /// A secondary message, optionally at its own place (say, where an unclosed string opened).
  public struct Note: Sendable, Equatable {
    public var message: String
    public var range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
      self.message = message
      self.range = range
    }
  }

  public var severity: Severity
  /// Lower case, no final period, expected versus found.
  public var message: String
  /// Where the problem is; `nil` when it belongs to no place in the text (an empty script).
  public var range: SourceRange?
  public var notes: [Note]
  /// A short suggestion printed as `help: ...`.
  public var help: String?

  public init(
    _ severity: Severity, _ message: String, at range: SourceRange?, notes: [Note] = [],
    help: String? = nil
  ) {
    self.severity = severity
    self.message = message
    self.range = range
    self.notes = notes
    self.help = help
  }

  public static func error(
    _ message: String, at range: SourceRange?, notes: [Note] = [], help: String? = nil
  ) -> Diagnostic {
    Diagnostic(.error, message, at: range, notes: notes, help: help)
  }

  public static func warning(
    _ message: String, at range: SourceRange?, notes: [Note] = [], help: String? = nil
  ) -> Diagnostic {
    Diagnostic(.warning, message, at: range, notes: notes, help: help)
  }
}

extension Array where Element == Diagnostic {
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// Each diagnostic once, in the order of the text (those without a place first), ties in the
  /// order found: a model error found again at every `train` is reported at its first.
  public var inTextOrder: [Diagnostic] {
    var unique: [Diagnostic] = []
    for diagnostic in self where !unique.contains(diagnostic) { unique.append(diagnostic) }
    return unique.enumerated().sorted { a, b in
      let (x, y) = (a.element.range?.start ?? -1, b.element.range?.start ?? -1)
      return x != y ? x < y : a.offset < b.offset
    }.map(\.element)
  }
}

/// An error from outside the language (a data file, say) that knows what the user could try;
/// the checker prints it as the diagnostic's `help:` line.
public protocol HelpfulError: Error {
  var help: String? { get }
}
