import Foundation
import MLPData

/// A safetensors file in memory: string metadata and named Float32 tensors.
///
/// Layout: an 8-byte little-endian header length N, N bytes of JSON (an object with one entry
/// per tensor, `{"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}`, and a
/// `__metadata__` object of strings), padded with spaces to a multiple of 8, then the tensors'
/// little-endian bytes; offsets count from the end of the header. Only F32 is read or written.
/// Errors in a file carry the byte offset of the problem.
struct SafeTensors {
  struct Tensor: Equatable {
    var name: String
    var shape: [Int]
    var values: [Float]
  }

  var metadata: [String: String] = [:]
  /// In the order they are stored.
  var tensors: [Tensor] = []

  subscript(name: String) -> Tensor? { tensors.first { $0.name == name } }

  /// The file's bytes: metadata first in the header, keys sorted, then the tensors in order.
  func encoded() -> [UInt8] {
    var entries: [String] = []
    if !metadata.isEmpty {
      let pairs = metadata.sorted { $0.key < $1.key }.map {
        "\(jsonQuoted($0.key)): \(jsonQuoted($0.value))"
      }
      entries.append("\"__metadata__\": {" + pairs.joined(separator: ", ") + "}")
    }
    var offset = 0
    for tensor in tensors {
      let end = offset + 4 * tensor.values.count
      let shape = tensor.shape.map(String.init).joined(separator: ", ")
      entries.append(
        "\(jsonQuoted(tensor.name)): {\"dtype\": \"F32\", \"shape\": [\(shape)], "
          + "\"data_offsets\": [\(offset), \(end)]}")
      offset = end
    }
    var header = Array(("{" + entries.joined(separator: ", ") + "}").utf8)
    while header.count % 8 != 0 { header.append(0x20) }

    var bytes: [UInt8] = []
    bytes.reserveCapacity(8 + header.count + offset)
    withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes += $0 }
    bytes += header
    for tensor in tensors {
      for value in tensor.values {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
      }
    }
    return bytes
  }

  /// Reads a file's bytes; a truncated or foreign file is an error naming the byte offset.
  static func decode(_ bytes: [UInt8], path: String) throws(DataError) -> SafeTensors {
    func fail(_ message: String, at offset: Int, help: String? = nil) -> DataError {
      DataError(path: path, message: message, offset: offset, help: help)
    }
    guard bytes.count >= 8 else {
      throw fail(
        "expected an 8-byte header length, found a file of \(bytes.count) bytes", at: 0,
        help: "a model file is a .safetensors file written by 'save'")
    }
    var length: UInt64 = 0
    for i in (0..<8).reversed() { length = length << 8 | UInt64(bytes[i]) }
    guard length >= 2, length <= UInt64(bytes.count - 8) else {
      throw fail(
        "expected a header length of at most \(bytes.count - 8) bytes (the rest of the "
          + "file), found \(length)", at: 0,
        help: "the file is truncated, or not a .safetensors file")
    }
    let dataStart = 8 + Int(length)
    let json = try? JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
    guard let header = json as? [String: Any] else {
      throw fail("expected a JSON object as the header, found text that is not one", at: 8)
    }

    var file = SafeTensors()
    if let metadata = header["__metadata__"] {
      guard let strings = metadata as? [String: String] else {
        throw fail("expected '__metadata__' to map strings to strings", at: 8)
      }
      file.metadata = strings
    }
    var placed: [(begin: Int, tensor: Tensor)] = []
    for (name, entry) in header where name != "__metadata__" {
      let (shape, begin, end) = try describe(entry, name: name, fail: fail)
      let available = bytes.count - dataStart
      guard begin <= end, end <= available else {
        throw fail(
          "tensor '\(name)' has data_offsets [\(begin), \(end)] but the data holds "
            + "\(available) bytes", at: dataStart + min(begin, available),
          help: "the file is truncated")
      }
      let count = shape.reduce(1) { product, dim in
        let (next, overflow) = product.multipliedReportingOverflow(by: dim)
        return overflow || next > available ? available + 1 : next
      }
      guard end - begin == 4 * count else {
        throw fail(
          "tensor '\(name)' of shape \(shape) needs \(4 * count) bytes, found data_offsets "
            + "[\(begin), \(end)] (\(end - begin) bytes)", at: dataStart + begin)
      }
      var values = [Float](repeating: 0, count: count)
      for i in 0..<count {
        let at = dataStart + begin + 4 * i
        let bits =
          UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
          | UInt32(bytes[at + 3]) << 24
        values[i] = Float(bitPattern: bits)
      }
      placed.append((begin, Tensor(name: name, shape: shape, values: values)))
    }
    file.tensors = placed.sorted { ($0.begin, $0.tensor.name) < ($1.begin, $1.tensor.name) }
      .map(\.tensor)
    return file
  }

  /// A header entry's shape and data offsets, checked for form and dtype.
  private static func describe(
    _ entry: Any, name: String, fail: (String, Int, String?) -> DataError
  ) throws(DataError) -> (shape: [Int], begin: Int, end: Int) {
    guard let fields = entry as? [String: Any] else {
      throw fail("expected header entry '\(name)' to be an object", 8, nil)
    }
    guard let dtype = fields["dtype"] as? String else {
      throw fail("expected a dtype for tensor '\(name)', found none", 8, nil)
    }
    guard dtype == "F32" else {
      throw fail(
        "expected dtype 'F32' for tensor '\(name)', found '\(dtype)'", 8,
        "mlp reads 32-bit float tensors only")
    }
    guard let shape = fields["shape"] as? [Int], shape.allSatisfy({ $0 >= 0 && $0 < 1 << 31 })
    else {
      throw fail("expected a shape of non-negative whole numbers for tensor '\(name)'", 8, nil)
    }
    guard let offsets = fields["data_offsets"] as? [Int], offsets.count == 2,
      offsets.allSatisfy({ $0 >= 0 })
    else {
      throw fail("expected data_offsets [begin, end] for tensor '\(name)'", 8, nil)
    }
    return (shape, offsets[0], offsets[1])
  }
}
