/// One array from an IDX file (the format of MNIST and Fashion-MNIST): its dimensions and its
/// unsigned bytes, row-major, `dims.reduce(1, *)` of them.
public struct IDXArray: Sendable, Equatable {
  public var dims: [Int]
  public var bytes: [UInt8]

  public init(dims: [Int], bytes: [UInt8]) {
    self.dims = dims
    self.bytes = bytes
  }
}

/// Reader for IDX files, plain or gzip-compressed.
///
/// Layout: bytes 00 00, an element type (only 08, unsigned byte, is accepted), a dimension
/// count 1...4, one big-endian UInt32 per dimension, then exactly the promised data. Offsets in
/// errors count from the start of the decompressed file.
public enum IDX {
  public static func read(path: String) throws(DataError) -> IDXArray {
    try parse(DataFile.readMaybeGzip(path: path), path: path)
  }

  public static func parse(_ bytes: [UInt8], path: String) throws(DataError) -> IDXArray {
    guard bytes.count >= 4 else {
      throw DataError(
        path: path,
        message: "expected an IDX header of at least 4 bytes, found \(bytes.count)",
        offset: bytes.count)
    }
    guard bytes[0] == 0, bytes[1] == 0 else {
      throw DataError(
        path: path,
        message: "expected IDX magic bytes 00 00, found \(hexByte(bytes[0])) \(hexByte(bytes[1]))",
        offset: 0)
    }
    guard bytes[2] == 0x08 else {
      throw DataError(
        path: path,
        message: "expected element type 08 (unsigned byte), found \(typeName(bytes[2]))",
        offset: 2)
    }
    let rank = Int(bytes[3])
    guard (1...4).contains(rank) else {
      throw DataError(
        path: path, message: "expected 1 to 4 dimensions, found \(rank)", offset: 3)
    }

    let headerSize = 4 + 4 * rank
    guard bytes.count >= headerSize else {
      throw DataError(
        path: path,
        message: "expected a \(headerSize)-byte header for \(rank) dimensions, "
          + "found \(bytes.count) bytes",
        offset: bytes.count)
    }
    var dims: [Int] = []
    for d in 0..<rank {
      let at = 4 + 4 * d
      dims.append(
        Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8
          | Int(bytes[at + 3]))
    }

    let shape = dims.map(String.init).joined(separator: "x")
    let present = bytes.count - headerSize
    // Four UInt32 dimensions can overflow Int; any such product exceeds what is present.
    let expected = dims.reduce(1) { product, dim in
      let (next, overflow) = product.multipliedReportingOverflow(by: dim)
      return overflow ? Int.max : next
    }
    guard present >= expected else {
      throw DataError(
        path: path,
        message: "expected \(expected) bytes of data for dimensions \(shape), found \(present)",
        offset: bytes.count)
    }
    guard present == expected else {
      throw DataError(
        path: path,
        message: "expected the file to end after \(expected) bytes of data for dimensions "
          + "\(shape), found \(present - expected) more",
        offset: headerSize + expected)
    }
    return IDXArray(dims: dims, bytes: Array(bytes[headerSize...]))
  }

  /// Reads an image file (dims `[count, rows, columns]` or `[count, width]`) and its label file
  /// (dims `[count]`) into a dataset of bytes.
  public static func loadPair(images: String, labels: String) throws(DataError) -> Dataset {
    try dataset(images: read(path: images), labels: read(path: labels), from: (images, labels))
  }

  /// The dataset of an image array and its label array, read from the files `paths` names.
  static func dataset(
    images imageArray: IDXArray, labels labelArray: IDXArray,
    from paths: (images: String, labels: String)
  ) throws(DataError) -> Dataset {
    let (images, labels) = paths
    let dims = imageArray.dims
    guard dims.count == 2 || dims.count == 3 else {
      throw DataError(
        path: images,
        message: "expected image dimensions [count, rows, columns] or [count, width], "
          + "found \(dims.count) dimension\(dims.count == 1 ? "" : "s")")
    }
    guard labelArray.dims.count == 1 else {
      throw DataError(
        path: labels,
        message: "expected label dimensions [count], found \(labelArray.dims.count) dimensions")
    }
    guard dims[0] == labelArray.dims[0] else {
      throw DataError(
        path: labels,
        message: "expected as many labels as images, found \(labelArray.dims[0]) labels in "
          + "'\(labels)' and \(dims[0]) images in '\(images)'")
    }

    // With no images, the other dimensions can be anything: 0, or a product past Int.max.
    let width = dims.dropFirst().reduce(1) { product, dim in
      let (next, overflow) = product.multipliedReportingOverflow(by: dim)
      return overflow ? Int.max : next
    }
    guard (1...(1 << 24)).contains(width) else {
      let found = dims.map(String.init).joined(separator: "x")
      throw DataError(
        path: images,
        message: "expected images of 1 to \(1 << 24) values each, found dimensions \(found)")
    }
    let shape = dims.count == 3 ? (rows: dims[1], columns: dims[2]) : nil
    return Dataset(
      features: .bytes(imageArray.bytes), labels: labelArray.bytes.map { Int32($0) },
      width: width, imageShape: shape)
  }

  /// The IDX element type codes, for messages.
  private static func typeName(_ code: UInt8) -> String {
    let names: [UInt8: String] = [
      0x09: "signed byte", 0x0B: "16-bit integer", 0x0C: "32-bit integer",
      0x0D: "32-bit float", 0x0E: "64-bit float",
    ]
    return hexByte(code) + (names[code].map { " (\($0))" } ?? "")
  }
}
