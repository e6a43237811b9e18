import Foundation
import Testing

@testable import MLPData

@Suite struct IDXTests {
  /// Two 2x3 images: header 00 00 08 03, dims 2, 2, 3 (big-endian UInt32), then 12 bytes.
  let images: [UInt8] =
    [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3]
    + [1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60]
  /// Two labels: header 00 00 08 01, dim 2, then the bytes 7 and 3.
  let labels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 2, 7, 3]

  @Test func parsesHeaderAndData() throws {
    let array = try IDX.parse(images, path: "i")
    #expect(array.dims == [2, 2, 3])
    #expect(array.bytes == [1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60])
  }

  @Test func readsDimensionsBigEndian() throws {
    // [1, 258]: 258 is 00 00 01 02.
    let bytes: [UInt8] = [0, 0, 8, 2, 0, 0, 0, 1, 0, 0, 1, 2] + Array(repeating: 9, count: 258)
    let array = try IDX.parse(bytes, path: "wide")
    #expect(array.dims == [1, 258])
    #expect(array.bytes.count == 258)
  }

  @Test func loadsAPairFromGzipAndPlainFiles() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try write(gzipped(images), to: directory + "/images.gz")
    try write(labels, to: directory + "/labels")

    let set = try IDX.loadPair(images: directory + "/images.gz", labels: directory + "/labels")
    #expect(set.count == 2)
    #expect(set.width == 6)
    #expect(set.imageShape?.rows == 2 && set.imageShape?.columns == 3)
    #expect(set.labels == [7, 3])
    guard case .bytes(let bytes) = set.features else {
      Issue.record("expected byte features")
      return
    }
    #expect(bytes == [1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60])
  }

  @Test func rejectsWrongMagic() {
    let error = dataError { try IDX.parse([0x1f, 0x8b] + images.dropFirst(2), path: "m") }
    #expect(
      error
        == DataError(path: "m", message: "expected IDX magic bytes 00 00, found 1f 8b", offset: 0))
  }

  @Test func namesAnUnsupportedElementType() {
    var floats = images
    floats[2] = 0x0D
    let error = dataError { try IDX.parse(floats, path: "f") }
    #expect(error?.message == "expected element type 08 (unsigned byte), found 0d (32-bit float)")
    #expect(error?.offset == 2)
    #expect(error?.description == "f: byte 2: " + (error?.message ?? ""))
  }

  @Test func rejectsBadDimensionCounts() {
    let none = dataError { try IDX.parse([0, 0, 8, 0], path: "d") }
    #expect(none?.message == "expected 1 to 4 dimensions, found 0")
    #expect(none?.offset == 3)
    let tiny = dataError { try IDX.parse([0, 0], path: "d") }
    #expect(tiny?.message == "expected an IDX header of at least 4 bytes, found 2")
  }

  @Test func rejectsAShortHeader() {
    let error = dataError { try IDX.parse(Array(images.prefix(13)), path: "h") }
    #expect(error?.message == "expected a 16-byte header for 3 dimensions, found 13 bytes")
    #expect(error?.offset == 13)
  }

  @Test func rejectsMissingAndExtraData() {
    let short = dataError { try IDX.parse(Array(images.dropLast(2)), path: "s") }
    #expect(short?.message == "expected 12 bytes of data for dimensions 2x2x3, found 10")
    #expect(short?.offset == 26)
    let long = dataError { try IDX.parse(images + [0, 0, 0, 0], path: "l") }
    #expect(
      long?.message
        == "expected the file to end after 12 bytes of data for dimensions 2x2x3, found 4 more")
    #expect(long?.offset == 28)
  }

  @Test func rejectsMismatchedCounts() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try write(images, to: directory + "/images")
    try write([0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3], to: directory + "/labels")

    let error = dataError {
      try IDX.loadPair(images: directory + "/images", labels: directory + "/labels")
    }
    #expect(error?.path == directory + "/labels")
    #expect(
      error?.message
        == "expected as many labels as images, found 3 labels in '\(directory)/labels' "
        + "and 2 images in '\(directory)/images'")
  }

  @Test func rejectsImagesOfNoValuesOrTooMany() throws {
    // Found while fuzzing the IDX reader: with no images, any dimensions match the 0 bytes present, and
    // 4294967295x4294967295 values an image overflowed Int.
    for dims in [[0, 0xFFFF_FFFF, 0xFFFF_FFFF], [0, 28, 0], [3, 0]] {
      let labels = IDXArray(dims: [dims[0]], bytes: Array(repeating: 0, count: dims[0]))
      let error = dataError {
        try IDX.dataset(images: IDXArray(dims: dims, bytes: []), labels: labels, from: ("i", "l"))
      }
      let shape = dims.map(String.init).joined(separator: "x")
      #expect(
        error?.message == "expected images of 1 to 16777216 values each, found dimensions \(shape)")
      #expect(error?.path == "i")
    }
    let header: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
    #expect(try IDX.parse(header, path: "i").dims == [0, 0xFFFF_FFFF, 0xFFFF_FFFF])
  }

  @Test func reportsATruncatedGzipFile() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let compressed = try gzipped(images)
    try write(Array(compressed.dropLast(8)), to: directory + "/cut.gz")

    let error = dataError { try IDX.read(path: directory + "/cut.gz") }
    #expect(error?.message == "gzip stream ends early, expected more compressed data")
    #expect(error?.offset == compressed.count - 8)
  }
}
