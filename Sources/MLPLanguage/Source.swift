/// A named text with a table of line starts, so that byte offsets turn into 1-based line and
/// column numbers only when a message needs them.
public struct SourceFile: Sendable {
  /// The name shown in messages: a path, `<stdin>` or `<repl>`.
  public let name: String
  /// The text as UTF-8 bytes; every `SourceRange` indexes into these.
  public let bytes: [UInt8]
  /// Byte offset of the first byte of each line; `lineStarts[0] == 0`.
  public let lineStarts: [Int]

  public init(name: String, text: String) {
    self.name = name
    self.bytes = Array(text.utf8)
    var starts = [0]
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    self.lineStarts = starts
  }

  /// The 1-based line and column (counted in Unicode scalars) of a byte offset.
  public func location(of offset: Int) -> SourceLocation {
    let clamped = max(0, min(offset, bytes.count))
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
    }
    let start = lineStarts[low]
    let prefix = bytes[start..<clamped]
    let column = prefix.reduce(0) { count, byte in (byte & 0xC0) == 0x80 ? count : count + 1 }
    return SourceLocation(line: low + 1, column: column + 1)
  }

  /// The text of the 1-based line `line`, without its line break (and without a CR before it).
  public func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
  }

  /// The source text a range covers.
  public func text(_ range: SourceRange) -> String {
    let start = max(0, min(range.start, bytes.count))
    let end = max(start, min(range.end, bytes.count))
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}

/// A 1-based line and column.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public var description: String { "\(line):\(column)" }
}

/// A half-open range of UTF-8 byte offsets into a `SourceFile`.
public struct SourceRange: Sendable, Equatable, Hashable {
  public var start: Int
  public var end: Int

  public init(_ start: Int, _ end: Int) {
    self.start = start
    self.end = end
  }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(min(start, other.start), max(end, other.end))
  }
}
