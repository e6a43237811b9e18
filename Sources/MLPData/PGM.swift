/// Reader for binary 8-bit grayscale PGM images (Netpbm "P5" with maxval 255).
///
/// Layout: the magic `P5`, then width, height and maxval as decimal numbers separated by
/// whitespace (a `#` starts a comment that runs to the end of its line), one whitespace byte,
/// then `width * height` bytes, row after row. Errors carry the byte offset of the problem.
public enum PGM {
  public static func read(path: String) throws(DataError) -> Dataset {
    try parse(DataFile.read(path: path), path: path)
  }

  /// The image as a dataset of one example with label 0.
  public static func parse(_ bytes: [UInt8], path: String) throws(DataError) -> Dataset {
    guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "5") else {
      let found = bytes.prefix(2).map { String(UnicodeScalar($0)) }.joined()
      throw DataError(
        path: path,
        message: "expected a binary PGM image starting with 'P5', found '\(found)'", offset: 0,
        help: bytes.count >= 2 && bytes[0] == UInt8(ascii: "P")
          ? "only binary 8-bit grayscale PGM (P5) is read; convert the image to it" : nil)
    }
    var reader = HeaderReader(bytes: bytes, path: path, offset: 2)
    let width = try reader.number("the width")
    let height = try reader.number("the height")
    let maxvalOffset = reader.offset
    let maxval = try reader.number("the maximum value")
    guard maxval == 255 else {
      throw DataError(
        path: path, message: "expected the maximum value 255 (8-bit gray), found \(maxval)",
        offset: maxvalOffset)
    }
    guard width > 0, height > 0 else {
      throw DataError(
        path: path, message: "expected a non-empty image, found \(width)x\(height)", offset: 2)
    }
    // Exactly one whitespace byte separates the header from the pixels.
    let start = reader.offset + 1
    let (count, overflow) = width.multipliedReportingOverflow(by: height)
    guard !overflow, bytes.count - start >= count else {
      throw DataError(
        path: path,
        message: "expected \(overflow ? "more" : String(count)) bytes of pixels for a "
          + "\(width)x\(height) image, found \(max(bytes.count - start, 0))",
        offset: bytes.count)
    }
    return Dataset(
      features: .bytes(Array(bytes[start..<start + count])), labels: [0], width: count,
      imageShape: (height, width))
  }

  /// Reads the decimal numbers of the header, skipping whitespace and comments before each.
  private struct HeaderReader {
    let bytes: [UInt8]
    let path: String
    var offset: Int

    mutating func number(_ what: String) throws(DataError) -> Int {
      skipSpaceAndComments()
      let start = offset
      var value = 0
      while offset < bytes.count, (0x30...0x39).contains(bytes[offset]), value < 1 << 32 {
        value = value * 10 + Int(bytes[offset] - 0x30)
        offset += 1
      }
      guard offset > start else {
        let found = offset < bytes.count ? "'\(String(UnicodeScalar(bytes[offset])))'" : "the end"
        throw DataError(
          path: path, message: "expected \(what) in the PGM header, found \(found)",
          offset: offset)
      }
      guard offset < bytes.count, isSpace(bytes[offset]) else {
        throw DataError(
          path: path, message: "expected whitespace after \(what) in the PGM header",
          offset: offset)
      }
      return value
    }

    private mutating func skipSpaceAndComments() {
      while offset < bytes.count {
        if isSpace(bytes[offset]) {
          offset += 1
        } else if bytes[offset] == UInt8(ascii: "#") {
          while offset < bytes.count, bytes[offset] != 0x0A { offset += 1 }
        } else {
          return
        }
      }
    }

    private func isSpace(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
  }
}
