/// A problem reading a data file, kept as data; the interpreter decides how to show it.
///
/// `offset` is a 0-based byte offset (into the decompressed payload for an IDX file, into the
/// file itself for gzip and plain reads); `row` and `column` are 1-based CSV line and field
/// numbers. Unknown positions are `nil`. `description` renders the place and the message only;
/// `help`, when present, is for the caller to print on its own line.
public struct DataError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file (or, for a catalogue name, the name) the problem belongs to.
  public var path: String
  /// Lower case, no final period, expected versus found.
  public var message: String
  public var offset: Int?
  public var row: Int?
  public var column: Int?
  /// A short suggestion, printed by the caller as `help: ...`.
  public var help: String?

  public init(
    path: String, message: String, offset: Int? = nil, row: Int? = nil, column: Int? = nil,
    help: String? = nil
  ) {
    self.path = path
    self.message = message
    self.offset = offset
    self.row = row
    self.column = column
    self.help = help
  }

  /// `PATH:3:5: message` (row and column), `PATH:3: message`, `PATH: byte 16: message` or
  /// `PATH: message`.
  public var description: String {
    if let row {
      if let column {
        return "\(path):\(row):\(column): \(message)"
      }
      return "\(path):\(row): \(message)"
    }
    if let offset {
      return "\(path): byte \(offset): \(message)"
    }
    return "\(path): \(message)"
  }
}
