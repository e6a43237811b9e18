import Foundation
import Testing

@testable import MLPData

@Suite struct CatalogueTests {
  static let fashionDirectory = "/usr/share/datasets/fashion-mnist"
  static let installed = FileManager.default.fileExists(
    atPath: fashionDirectory + "/train-images-idx3-ubyte.gz")

  @Test func describesTheKnownSets() throws {
    #expect(Catalogue.names == ["fashion-mnist", "mnist"])
    let fashion = try #require(Catalogue.entry(named: "fashion-mnist"))
    #expect(fashion.width == 784 && fashion.classes == 10)
    #expect(fashion.imageShape.rows == 28 && fashion.imageShape.columns == 28)
    #expect(fashion.classNames[0] == "T-shirt/top" && fashion.classNames[9] == "Ankle boot")
    #expect(fashion.defaultDirectory == Self.fashionDirectory)
    #expect(fashion.installHint == "sudo apt-get install dataset-fashion-mnist")
    let digits = try #require(Catalogue.entry(named: "mnist"))
    #expect(digits.classNames == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
    #expect(digits.defaultDirectory == nil)
    #expect(Catalogue.entry(named: "cifar") == nil)
  }

  @Test(.enabled(if: installed, "needs the dataset-fashion-mnist package"))
  func loadsFashionMNIST() throws {
    let split = try Catalogue.load(name: "fashion-mnist", directory: nil)
    #expect(split.train.count == 60_000)
    #expect(split.train.width == 784)
    #expect(split.train.imageShape?.rows == 28)
    #expect(split.classes == 10)
    #expect(split.train.labels[0] == 9)
    #expect(split.classNames?[Int(split.train.labels[0])] == "Ankle boot")

    let test = try #require(split.test)
    #expect(test.count == 10_000)
    var perClass = [Int](repeating: 0, count: 10)
    for label in test.labels { perClass[Int(label)] += 1 }
    #expect(perClass == Array(repeating: 1000, count: 10))
  }

  @Test func listsEveryPathItTriedForAMissingDirectory() {
    let error = dataError { try Catalogue.load(name: "fashion-mnist", directory: "/nowhere/fm") }
    let tried = Catalogue.fileNames.flatMap { ["/nowhere/fm/\($0)", "/nowhere/fm/\($0).gz"] }
    #expect(error?.path == "/nowhere/fm")
    #expect(
      error?.message
        == "no such directory for 'fashion-mnist': looked for " + tried.joined(separator: ", "))
    // The folder is the user's, so installing the package would not help: name the files.
    #expect(
      error?.help == "name a directory that holds " + Catalogue.fileNames.joined(separator: ", "))
  }

  @Test func namesTheMissingFilesOfAnExistingDirectory() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for name in Catalogue.fileNames.dropLast() {
      try write([], to: "\(directory)/\(name)")
    }
    let error = dataError { try Catalogue.load(name: "mnist", directory: directory) }
    #expect(
      error?.message
        == "missing files for 'mnist': looked for \(directory)/t10k-labels-idx1-ubyte, "
        + "\(directory)/t10k-labels-idx1-ubyte.gz")
    #expect(error?.help?.hasPrefix("name a directory that holds train-images-idx3-ubyte") == true)
  }

  @Test func asksForADirectoryWhenTheSetHasNoDefault() {
    let error = dataError { try Catalogue.load(name: "mnist", directory: nil) }
    #expect(error?.message == "expected a directory holding the 'mnist' files, found none")
    let unknown = dataError { try Catalogue.load(name: "cifar", directory: nil) }
    #expect(unknown?.message == "unknown data set 'cifar'")
    #expect(unknown?.help == "known sets: fashion-mnist, mnist")
  }

  @Test func rejectsALabelBeyondTheClassCount() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // One 28x28 image per file; the test label 12 is too large for 10 classes.
    let image: [UInt8] =
      [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28] + Array(repeating: 0, count: 784)
    try write(image, to: "\(directory)/train-images-idx3-ubyte")
    try write([0, 0, 8, 1, 0, 0, 0, 1, 3], to: "\(directory)/train-labels-idx1-ubyte")
    try write(gzipped(image), to: "\(directory)/t10k-images-idx3-ubyte.gz")
    try write([0, 0, 8, 1, 0, 0, 0, 1, 12], to: "\(directory)/t10k-labels-idx1-ubyte")

    let error = dataError { try Catalogue.load(name: "mnist", directory: directory) }
    #expect(
      error
        == DataError(
          path: "\(directory)/t10k-labels-idx1-ubyte",
          message: "expected a class label below 10, found 12", offset: 8))
  }
}
