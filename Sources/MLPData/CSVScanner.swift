import Foundation

/// One field of a CSV row: the byte range of its content (inside the quotes when `quoted`), and
/// whether that content holds doubled quotes (`""`) still to be undone.
struct CSVField {
  var start: Int
  var end: Int
  var quoted: Bool
  var escaped: Bool
}

/// Splits CSV bytes into rows of fields without copying them.
///
/// Rows end at `\n` (a `\r` before it is dropped); blank rows are skipped; `line` is the 1-based
/// line number of the row last returned. A quoted field may hold commas and doubled quotes but
/// not a line break.
struct CSVScanner {
  let base: UnsafePointer<UInt8>
  let count: Int
  let path: String
  private(set) var position = 0
  private(set) var line = 0

  init(_ buffer: UnsafeBufferPointer<UInt8>, path: String) {
    // An empty array may have no base address; point at a constant byte we never read.
    base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
    count = buffer.count
    self.path = path
  }

  /// Fills `fields` with the next non-blank row; false at the end of the input.
  mutating func nextRow(into fields: inout [CSVField]) throws(DataError) -> Bool {
    while position < count {
      let start = position
      var end = count
      if let newline = memchr(base + start, 0x0A, count - start) {
        end = UnsafeRawPointer(base).distance(to: newline)
      }
      position = end + 1
      line += 1
      if end > start && base[end - 1] == 0x0D { end -= 1 }
      if isBlank(start, end) { continue }
      fields.removeAll(keepingCapacity: true)
      try split(start, end, into: &fields)
      return true
    }
    return false
  }

  private func isBlank(_ start: Int, _ end: Int) -> Bool {
    var i = start
    while i < end && (base[i] == 0x20 || base[i] == 0x09) { i += 1 }
    return i == end
  }

  private func split(_ start: Int, _ end: Int, into fields: inout [CSVField]) throws(DataError) {
    var i = start
    while true {
      while i < end && (base[i] == 0x20 || base[i] == 0x09) { i += 1 }
      var field = CSVField(start: i, end: i, quoted: false, escaped: false)
      if i < end && base[i] == 0x22 {
        field = try quoted(from: i, end: end, column: fields.count + 1)
        i = field.end + 1
        while i < end && (base[i] == 0x20 || base[i] == 0x09) { i += 1 }
        if i < end && base[i] != 0x2C {
          throw DataError(
            path: path,
            message: "expected a comma after the closing quote, found '\(character(at: i))'",
            row: line, column: fields.count + 1)
        }
      } else {
        while i < end && base[i] != 0x2C { i += 1 }
        field.end = i
        while field.end > field.start
          && (base[field.end - 1] == 0x20 || base[field.end - 1] == 0x09)
        {
          field.end -= 1
        }
      }
      fields.append(field)
      if i >= end { return }
      i += 1  // the comma
    }
  }

  /// The quoted field whose opening quote is at `open`.
  private func quoted(from open: Int, end: Int, column: Int) throws(DataError) -> CSVField {
    var field = CSVField(start: open + 1, end: open + 1, quoted: true, escaped: false)
    var i = open + 1
    while i < end {
      if base[i] == 0x22 {
        if i + 1 < end && base[i + 1] == 0x22 {
          field.escaped = true
          i += 2
          continue
        }
        field.end = i
        return field
      }
      i += 1
    }
    throw DataError(
      path: path, message: "expected a closing quote before the end of the row", row: line,
      column: column)
  }

  private func character(at i: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: base + i, count: 1), as: UTF8.self)
  }

  /// The field's text with doubled quotes undone, shortened for a message.
  func text(_ field: CSVField) -> String {
    let raw = String(
      decoding: UnsafeBufferPointer(start: base + field.start, count: field.end - field.start),
      as: UTF8.self)
    let text = field.escaped ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
    return text.count > 40 ? String(text.prefix(40)) + "..." : text
  }

  /// The field as a finite number, or nil. Whole numbers of up to 18 digits are read directly;
  /// anything with a point or an exponent goes through `strtod` on a stack copy.
  func number(_ field: CSVField) -> Double? {
    var i = field.start
    let end = field.end
    var negative = false
    if i < end && (base[i] == 0x2D || base[i] == 0x2B) {
      negative = base[i] == 0x2D
      i += 1
    }
    var value: UInt64 = 0
    let digitsStart = i
    while i < end && i - digitsStart < 18 && base[i] &- 0x30 < 10 {
      value = value &* 10 &+ UInt64(base[i] &- 0x30)
      i += 1
    }
    if i == end && i > digitsStart {
      return negative ? -Double(value) : Double(value)
    }
    return decimal(field)
  }

  private func decimal(_ field: CSVField) -> Double? {
    let length = field.end - field.start
    guard length > 0 && length < 64 else { return nil }
    for i in field.start..<field.end {
      let b = base[i]
      let allowed = b &- 0x30 < 10 || b == 0x2E || b == 0x2B || b == 0x2D || b == 0x65 || b == 0x45
      if !allowed { return nil }
    }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
      let chars = buffer.baseAddress!
      for k in 0..<length { chars[k] = CChar(bitPattern: base[field.start + k]) }
      chars[length] = 0
      var stop: UnsafeMutablePointer<CChar>?
      let value = strtod(chars, &stop)
      guard stop == chars + length, value.isFinite else { return nil }
      return value
    }
  }
}
