import Testing

@testable import MLPData

@Suite struct CSVTests {
  func parse(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> Dataset {
    try CSV.parse(Array(text.utf8), path: "d.csv", options: options)
  }

  func floats(_ set: Dataset) -> [Float] {
    guard case .floats(let values) = set.features else { return [] }
    return values
  }

  @Test func readsTheLabelFirst() throws {
    let set = try parse("1,0.5,2\n0,-3,4e1\n")
    #expect(set.count == 2)
    #expect(set.width == 2)
    #expect(set.labels == [1, 0])
    #expect(floats(set) == [0.5, 2, -3, 40])
  }

  @Test func readsTheLabelLastOrInAGivenColumn() throws {
    let last = try parse("0.5,2,1\n-3,4,0\n", CSVOptions(label: .last))
    #expect(last.labels == [1, 0])
    #expect(floats(last) == [0.5, 2, -3, 4])
    let middle = try parse("0.5,1,2\n-3,0,4\n", CSVOptions(label: .column(2)))
    #expect(middle.labels == [1, 0])
    #expect(floats(middle) == [0.5, 2, -3, 4])
  }

  @Test func skipsAHeaderAndQuotedNames() throws {
    let text = "label,\"pixel, first\",\"a \"\"b\"\"\"\n2,\"1.5\",3\n"
    let set = try parse(text, CSVOptions(header: true))
    #expect(set.labels == [2])
    #expect(floats(set) == [1.5, 3])
  }

  @Test func acceptsCRLFAndBlankLines() throws {
    let set = try parse("1,2,3\r\n\r\n  \n4,5,6\r\n\r\n\n")
    #expect(set.labels == [1, 4])
    #expect(floats(set) == [2, 3, 5, 6])
  }

  @Test func acceptsAWholeLabelWrittenWithAPoint() throws {
    #expect(try parse("2.0,1\n").labels == [2])
  }

  @Test func reportsARaggedRowAtItsFirstMissingField() {
    // Line 2 is blank, so the short row is on line 3.
    let error = dataError { try parse("1,2,3\n\n4,5\n") }
    #expect(
      error
        == DataError(
          path: "d.csv", message: "expected 3 fields as in row 1, found 2", row: 3, column: 3))
    #expect(error?.description == "d.csv:3:3: expected 3 fields as in row 1, found 2")
  }

  @Test func quotesANonNumericCell() {
    let error = dataError { try parse("1,2,3\n4,five,6\n") }
    #expect(error?.message == "expected a number, found 'five'")
    #expect(error?.row == 2 && error?.column == 2)
    #expect(error?.help == nil)
    let empty = dataError { try parse("1,2,3\n4,,6\n") }
    #expect(empty?.message == "expected a number, found an empty field")
  }

  @Test func suggestsAHeaderWhenTheFirstRowIsNames() {
    let error = dataError { try parse("label,x,y\n1,2,3\n") }
    #expect(error?.message == "expected a whole-number class label, found 'label'")
    #expect(error?.row == 1 && error?.column == 1)
    #expect(error?.help == "add 'header' to the data statement if the first row names the columns")
  }

  @Test func rejectsLabelsThatAreNotWholeNonNegativeNumbers() {
    let fraction = dataError { try parse("1,2\n2.5,3\n") }
    #expect(fraction?.message == "expected a whole-number class label, found '2.5'")
    #expect(fraction?.row == 2 && fraction?.column == 1)
    let negative = dataError { try parse("0.1,-1\n", CSVOptions(label: .last)) }
    #expect(negative?.message == "expected a non-negative class label, found '-1'")
    #expect(negative?.column == 2)
  }

  @Test func rejectsAnEmptyFile() {
    let error = dataError { try parse("\n \r\n") }
    #expect(
      error
        == DataError(
          path: "d.csv", message: "expected rows of comma-separated numbers, found no rows"))
    let headerOnly = dataError { try parse("a,b\n", CSVOptions(header: true)) }
    #expect(headerOnly?.message == "expected rows of numbers after the header, found no rows")
  }

  @Test func rejectsALabelColumnOutsideTheRow() {
    let error = dataError { try parse("1,2\n", CSVOptions(label: .column(3))) }
    #expect(error?.message == "expected a label column between 1 and 2, found 3")
    #expect(error?.row == 1)
  }

  @Test func rejectsAnUnclosedQuote() {
    let error = dataError { try parse("1,\"2\n") }
    #expect(error?.message == "expected a closing quote before the end of the row")
    #expect(error?.row == 1 && error?.column == 2)
  }

  @Test func parsesNumbersExactlyAsStrtodWould() throws {
    let set = try parse("0,123456789012345678901,-0.000125,1E-3,+7,.5\n")
    expectClose(floats(set), [1.234_567_9e20, -0.000125, 0.001, 7, 0.5], tolerance: 0)
  }
}
