import CZlib

/// Gzip decompression through the system zlib.
///
/// Accepts one gzip member or several concatenated (as `cat a.gz b.gz` makes them) and returns
/// the concatenated payloads. Errors carry the byte offset into the compressed input where zlib
/// stopped: not gzip (offset 0), corrupt data, a stream that ends early, or bytes after the last
/// member that do not start another one.
public enum Gzip {
  /// True when `bytes` start with the gzip magic number 1f 8b.
  public static func isGzip(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
  }

  public static func decompress(_ bytes: [UInt8], path: String) throws(DataError) -> [UInt8] {
    guard isGzip(bytes) else {
      let found = bytes.prefix(2).map { hexByte($0) }.joined(separator: " ")
      throw DataError(
        path: path,
        message: "expected gzip data starting with bytes 1f 8b, found "
          + (found.isEmpty ? "an empty file" : found),
        offset: 0)
    }
    var stream = z_stream()
    let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      throw DataError(path: path, message: "cannot start zlib (status \(status))")
    }
    defer { inflateEnd(&stream) }

    var output = [UInt8](repeating: 0, count: sizeHint(bytes))
    var produced = 0
    let result = bytes.withUnsafeBufferPointer { input in
      inflateAll(&stream, input: input, output: &output, produced: &produced, path: path)
    }
    if let error = result { throw error }
    output.removeSubrange(produced...)
    return output
  }

  /// Inflates every member of `input`; returns the error to throw, if any.
  private static func inflateAll(
    _ stream: inout z_stream, input: UnsafeBufferPointer<UInt8>, output: inout [UInt8],
    produced: inout Int, path: String
  ) -> DataError? {
    let base = input.baseAddress!
    var consumed = 0
    while true {
      if produced == output.count {
        output.append(contentsOf: repeatElement(0, count: max(output.count, 1 << 16)))
      }
      let chunkIn = min(input.count - consumed, Int(UInt32.max))
      stream.next_in = UnsafeMutablePointer(mutating: base + consumed)
      stream.avail_in = UInt32(chunkIn)
      let room = min(output.count - produced, Int(UInt32.max))
      let status = output.withUnsafeMutableBufferPointer { out in
        stream.next_out = out.baseAddress! + produced
        stream.avail_out = UInt32(room)
        return inflate(&stream, Z_NO_FLUSH)
      }
      consumed += chunkIn - Int(stream.avail_in)
      produced += room - Int(stream.avail_out)

      switch status {
      case Z_OK:
        continue
      case Z_STREAM_END:
        if consumed == input.count { return nil }
        guard input.count - consumed >= 2, base[consumed] == 0x1f, base[consumed + 1] == 0x8b
        else {
          return DataError(
            path: path,
            message: "expected another gzip member or the end of the file, found "
              + "\(input.count - consumed) more bytes",
            offset: consumed)
        }
        inflateReset(&stream)
      case Z_BUF_ERROR where stream.avail_out == 0:
        continue
      case Z_BUF_ERROR:
        return DataError(
          path: path, message: "gzip stream ends early, expected more compressed data",
          offset: consumed)
      case Z_MEM_ERROR:
        return DataError(path: path, message: "out of memory while decompressing", offset: consumed)
      default:
        let reason = stream.msg.map { String(cString: $0) } ?? "status \(status)"
        return DataError(path: path, message: "corrupt gzip data: \(reason)", offset: consumed)
      }
    }
  }

  /// The size the last member's trailer promises (ISIZE, the payload size modulo 2^32), clamped
  /// to a sane first allocation; the buffer still grows when the hint is short. Deflate expands
  /// at most 1032 times, so a short or corrupt file cannot ask for more than that.
  static func sizeHint(_ bytes: [UInt8]) -> Int {
    guard bytes.count >= 18 else { return 1 << 16 }
    let n = bytes.count
    let isize =
      Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16
      | Int(bytes[n - 1]) << 24
    return max(min(isize + 1, 1032 * n, 1 << 30), 1 << 16)
  }
}
