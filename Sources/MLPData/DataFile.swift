import Foundation

/// Whole-file reads with errors that name the file: no such file, a directory, no permission.
///
/// `readMaybeGzip` decompresses when the bytes start with the gzip magic number, whatever the
/// file's name, so `train-images-idx3-ubyte` and `train-images-idx3-ubyte.gz` read the same.
public enum DataFile {
  public static func read(path: String) throws(DataError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw openError(path: path, errno: errno) }
    defer { close(descriptor) }

    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      throw DataError(path: path, message: "cannot read: \(reason(errno))")
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw DataError(path: path, message: "expected a file, found a directory")
    }

    var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
    var filled = 0
    var failure: Int32?
    bytes.withUnsafeMutableBytes { buffer in
      while filled < buffer.count {
        let got = Foundation.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
        if got < 0 && errno == EINTR { continue }
        if got < 0 {
          failure = errno
          return
        }
        if got == 0 { return }
        filled += got
      }
    }
    if let failure {
      throw DataError(path: path, message: "cannot read: \(reason(failure))", offset: filled)
    }
    // A file that shrank while being read keeps what was there.
    bytes.removeSubrange(filled...)
    return bytes
  }

  public static func readMaybeGzip(path: String) throws(DataError) -> [UInt8] {
    let bytes = try read(path: path)
    return Gzip.isGzip(bytes) ? try Gzip.decompress(bytes, path: path) : bytes
  }

  /// True when `path` names an existing file or directory.
  static func exists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  private static func openError(path: String, errno code: Int32) -> DataError {
    switch code {
    case ENOENT:
      return DataError(path: path, message: "no such file")
    case EACCES:
      return DataError(path: path, message: "permission denied")
    case ENOTDIR:
      return DataError(path: path, message: "no such file (a parent is not a directory)")
    default:
      return DataError(path: path, message: "cannot open: \(reason(code))")
    }
  }

  private static func reason(_ code: Int32) -> String {
    String(cString: strerror(code)).lowercased()
  }
}

/// Two lower-case hex digits, as error messages quote bytes.
func hexByte(_ byte: UInt8) -> String {
  let digits = String(byte, radix: 16)
  return digits.count == 1 ? "0" + digits : digits
}
