/// Which field of a CSV row holds the class label; `.column` counts from 1.
public enum LabelColumn: Sendable, Equatable {
  case first
  case last
  case column(Int)
  /// No label: every field is a feature and every label is 0 (inputs to classify).
  case none
}

/// How to read a CSV file: where the label is and whether the first row names the columns.
public struct CSVOptions: Sendable, Equatable {
  public var label: LabelColumn
  public var header: Bool

  public init(label: LabelColumn = .first, header: Bool = false) {
    self.label = label
    self.header = header
  }
}

/// Reader for comma-separated numbers: one example a row, one field the label (a whole number
/// from 0), the others the features, read as `Float`.
///
/// Every row must have as many fields as the first. Blank lines are skipped, CRLF is accepted,
/// simple double-quoted fields are accepted. Errors carry the 1-based line number as `row` and
/// the 1-based field number as `column`.
public enum CSV {
  public static func read(path: String, options: CSVOptions) throws(DataError) -> Dataset {
    try parse(DataFile.readMaybeGzip(path: path), path: path, options: options)
  }

  public static func parse(
    _ bytes: [UInt8], path: String, options: CSVOptions
  ) throws(DataError) -> Dataset {
    try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> Dataset in
      var reader = CSVReader(scanner: CSVScanner(buffer, path: path), options: options)
      return try reader.read(lineEstimate: newlines(buffer))
    }
  }

  private static func newlines(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
    var lines = 0
    for byte in buffer where byte == 0x0A { lines += 1 }
    return lines
  }
}

/// The row loop of `CSV.parse`, holding the shape fixed by the first row.
private struct CSVReader {
  var scanner: CSVScanner
  let options: CSVOptions
  var fields: [CSVField] = []
  var fieldCount = 0
  var firstLine = 0
  var labelIndex = 0
  var features: [Float] = []
  var rowValues: [Float] = []
  var labels: [Int32] = []

  init(scanner: CSVScanner, options: CSVOptions) {
    self.scanner = scanner
    self.options = options
  }

  mutating func read(lineEstimate: Int) throws(DataError) -> Dataset {
    guard try scanner.nextRow(into: &fields) else {
      throw error("expected rows of comma-separated numbers, found no rows")
    }
    try fixShape()
    let width = labelIndex < 0 ? fieldCount : fieldCount - 1
    rowValues = Array(repeating: 0, count: width)
    features.reserveCapacity((lineEstimate + 1) * width)
    labels.reserveCapacity(lineEstimate + 1)

    if options.header {
      guard try scanner.nextRow(into: &fields) else {
        throw error("expected rows of numbers after the header, found no rows")
      }
    }
    repeat {
      try readRow()
    } while try scanner.nextRow(into: &fields)
    return Dataset(features: .floats(features), labels: labels, width: width)
  }

  /// Takes the field count and the label's place from the first row.
  private mutating func fixShape() throws(DataError) {
    fieldCount = fields.count
    firstLine = scanner.line
    guard fieldCount >= 2 || options.label == .none else {
      throw error(
        "expected a label and at least one feature in each row, found 1 field", row: firstLine)
    }
    switch options.label {
    case .first:
      labelIndex = 0
    case .last:
      labelIndex = fieldCount - 1
    case .column(let k):
      guard (1...fieldCount).contains(k) else {
        throw error(
          "expected a label column between 1 and \(fieldCount), found \(k)", row: firstLine)
      }
      labelIndex = k - 1
    case .none:
      labelIndex = -1
    }
  }

  private mutating func readRow() throws(DataError) {
    let line = scanner.line
    guard fields.count == fieldCount else {
      throw error(
        "expected \(fieldCount) fields as in row \(firstLine), found \(fields.count)",
        row: line, column: min(fields.count, fieldCount) + 1)
    }
    // Features go to a reused row buffer and join `features` one row at a time.
    var failed: Int?
    var labelValue = 0.0
    rowValues.withUnsafeMutableBufferPointer { row in
      var k = 0
      for index in 0..<fieldCount {
        guard let value = scanner.number(fields[index]) else {
          failed = index
          return
        }
        if index == labelIndex {
          labelValue = value
        } else {
          row[k] = Float(value)
          k += 1
        }
      }
    }
    if let index = failed {
      let text = scanner.text(fields[index])
      let found = text.isEmpty ? "an empty field" : "'\(text)'"
      let what = index == labelIndex ? "a whole-number class label" : "a number"
      throw error("expected \(what), found \(found)", row: line, column: index + 1)
    }
    labels.append(
      labelIndex < 0 ? 0 : try label(labelValue, field: fields[labelIndex], column: labelIndex + 1))
    features.append(contentsOf: rowValues)
  }

  private func label(_ value: Double, field: CSVField, column: Int) throws(DataError) -> Int32 {
    let text = scanner.text(field)
    guard value == value.rounded() else {
      throw error(
        "expected a whole-number class label, found '\(text)'", row: scanner.line, column: column)
    }
    guard value >= 0 else {
      throw error(
        "expected a non-negative class label, found '\(text)'", row: scanner.line, column: column)
    }
    guard value <= Double(Int32.max) else {
      throw error(
        "expected a class label below 2147483648, found '\(text)'", row: scanner.line,
        column: column)
    }
    return Int32(value)
  }

  /// An error at this file; on the first row of a file read without a header, with the hint
  /// that the row may be one.
  private func error(_ message: String, row: Int? = nil, column: Int? = nil) -> DataError {
    var help: String?
    if !options.header && row == firstLine && column != nil {
      help = "add 'header' to the data statement if the first row names the columns"
    }
    return DataError(path: scanner.path, message: message, row: row, column: column, help: help)
  }
}
