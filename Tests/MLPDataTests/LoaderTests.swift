import Foundation
import Testing

@testable import MLPData

@Suite struct LoaderTests {
  @Test func holdsOutTheLastRowsOfACSVFile() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try write(Array("0,1\n1,2\n2,3\n0,4\n1,5\n".utf8), to: directory + "/d.csv")

    // 5 rows * 0.4 = 2 held out: the rows labelled 0 and 1 at the end.
    let split = try DataLoader.load(
      .csv(path: directory + "/d.csv", options: CSVOptions(), split: 0.4, test: nil))
    #expect(split.train.labels == [0, 1, 2])
    #expect(split.test?.labels == [0, 1])
    guard case .floats(let held) = split.test?.features else {
      Issue.record("expected float features")
      return
    }
    #expect(held == [4, 5])
    #expect(split.classes == 3)
  }

  @Test func rejectsSplitsOutsideTheOpenInterval() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try write(Array("0,1\n1,2\n".utf8), to: directory + "/d.csv")
    let whole = dataError {
      try DataLoader.load(
        .csv(path: directory + "/d.csv", options: CSVOptions(), split: 1, test: nil))
    }
    #expect(whole?.message == "expected a split fraction between 0 and 1, found 1.0")
    let tiny = dataError {
      try DataLoader.load(
        .csv(path: directory + "/d.csv", options: CSVOptions(), split: 0.1, test: nil))
    }
    #expect(
      tiny?.message
        == "expected a split that leaves rows on both sides, found 0 of 2 rows held out")
  }

  @Test func checksATestFileHasTheTrainingWidth() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try write(Array("0,1,2\n1,2,3\n".utf8), to: directory + "/train.csv")
    try write(Array("0,1\n".utf8), to: directory + "/test.csv")
    try write(Array("5,1,1\n".utf8), to: directory + "/ok.csv")

    let error = dataError {
      try DataLoader.load(
        .csv(
          path: directory + "/train.csv", options: CSVOptions(), split: nil,
          test: directory + "/test.csv"))
    }
    #expect(error?.path == directory + "/test.csv")
    #expect(
      error?.message == "expected 2 features per example as in '\(directory)/train.csv', found 1")

    let split = try DataLoader.load(
      .csv(
        path: directory + "/train.csv", options: CSVOptions(), split: nil,
        test: directory + "/ok.csv"))
    #expect(split.classes == 6)  // the test label 5 counts too
  }

  @Test func loadsIDXFilesAndWantsTestPairsWhole() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try write([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 1, 10, 20], to: directory + "/img")
    try write([0, 0, 8, 1, 0, 0, 0, 2, 4, 1], to: directory + "/lab")

    let split = try DataLoader.load(
      .idx(
        images: directory + "/img", labels: directory + "/lab", testImages: directory + "/img",
        testLabels: directory + "/lab"))
    #expect(split.train.width == 1 && split.train.imageShape == nil)
    #expect(split.test?.count == 2)
    #expect(split.classes == 5)

    let half = dataError {
      try DataLoader.load(
        .idx(
          images: directory + "/img", labels: directory + "/lab", testImages: "t",
          testLabels: nil))
    }
    #expect(half == DataError(path: "t", message: "expected test labels with the test images"))
  }
}
