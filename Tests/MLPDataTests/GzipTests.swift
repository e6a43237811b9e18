import Foundation
import Testing

@testable import MLPData

@Suite struct GzipTests {
  let payload: [UInt8] = Array("one two three, one two three, one two three\n".utf8)

  @Test func roundTripsAStreamMadeByGzip() throws {
    let compressed = try gzipped(payload)
    #expect(Gzip.isGzip(compressed))
    #expect(try Gzip.decompress(compressed, path: "a.gz") == payload)
  }

  @Test func concatenatesMembers() throws {
    let both = try gzipped(payload) + gzipped([1, 2, 3])
    #expect(try Gzip.decompress(both, path: "a.gz") == payload + [1, 2, 3])
  }

  @Test func growsPastTheSizeHint() throws {
    // 300 000 bytes is more than the 64 KiB first buffer when the hint is spoiled below.
    let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 ^ $0 >> 5) }
    var compressed = try gzipped(big)
    #expect(try Gzip.decompress(compressed, path: "big.gz") == big)
    compressed += try gzipped([])  // the trailer now promises 0 bytes
    #expect(try Gzip.decompress(compressed, path: "big.gz") == big)
  }

  @Test func rejectsBytesThatAreNotGzip() {
    let error = dataError { try Gzip.decompress([0x50, 0x4b, 3, 4], path: "z.zip") }
    #expect(error?.message == "expected gzip data starting with bytes 1f 8b, found 50 4b")
    #expect(error?.offset == 0)
    #expect(
      error?.description
        == "z.zip: byte 0: expected gzip data starting with bytes 1f 8b, found 50 4b")
  }

  @Test func reportsATruncatedStreamAtItsEnd() throws {
    let compressed = try gzipped(payload)
    let cut = Array(compressed.prefix(compressed.count - 6))
    let error = dataError { try Gzip.decompress(cut, path: "cut.gz") }
    #expect(error?.message == "gzip stream ends early, expected more compressed data")
    #expect(error?.offset == cut.count)
  }

  @Test func reportsCorruptData() throws {
    var compressed = try gzipped(payload)
    // Byte 3 holds the header flags; reserved bits set make zlib stop right there.
    compressed[3] = 0xE0
    let error = dataError { try Gzip.decompress(compressed, path: "bad.gz") }
    #expect(error?.message == "corrupt gzip data: unknown header flags set")
    #expect(error?.offset == 4)
  }

  @Test func aCorruptTrailerDoesNotAskForAGigabyte() throws {
    // Found by Fuzz/run idx: a trailer promising 4 GiB made a 60-byte file allocate 1 GiB.
    var compressed = try gzipped(payload)
    compressed.replaceSubrange((compressed.count - 4)..., with: [0xFF, 0xFF, 0xFF, 0xFF])
    #expect(Gzip.sizeHint(compressed) == 1 << 16)
    let error = dataError { try Gzip.decompress(compressed, path: "big.gz") }
    #expect(error?.message == "corrupt gzip data: incorrect length check")
    #expect(error?.offset == compressed.count)
  }

  @Test func rejectsTrailingGarbage() throws {
    let compressed = try gzipped(payload)
    let error = dataError { try Gzip.decompress(compressed + [0, 0, 0], path: "t.gz") }
    #expect(
      error?.message == "expected another gzip member or the end of the file, found 3 more bytes")
    #expect(error?.offset == compressed.count)
  }

  @Test func readsFilesPlainOrCompressed() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try write(payload, to: directory + "/plain")
    try write(gzipped(payload), to: directory + "/packed")
    #expect(try DataFile.readMaybeGzip(path: directory + "/plain") == payload)
    #expect(try DataFile.readMaybeGzip(path: directory + "/packed") == payload)
    #expect(try DataFile.read(path: directory + "/packed") != payload)
  }

  @Test func namesWhyAFileCannotBeRead() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let missing = dataError { try DataFile.read(path: directory + "/nothing") }
    #expect(missing == DataError(path: directory + "/nothing", message: "no such file"))
    let folder = dataError { try DataFile.read(path: directory) }
    #expect(folder?.message == "expected a file, found a directory")
  }
}
