/// A protocol buffer message being written, field by field, in the wire format: each field is a
/// key (`field number << 3 | wire type`) as a varint, then a varint (wire type 0), four
/// little-endian bytes (type 5), or a length as a varint and that many bytes (type 2, for
/// strings, bytes, packed repeated numbers and nested messages). Only what ONNX needs is here.
struct ProtobufMessage {
  private(set) var bytes: [UInt8] = []

  init() {}

  /// Builds a message with a closure that adds its fields.
  init(_ build: (inout ProtobufMessage) -> Void) {
    build(&self)
  }

  /// An integer field (int32, int64 or an enum): a varint. Negative values take ten bytes, as
  /// protobuf writes them (two's complement as UInt64).
  mutating func integer(_ field: Int, _ value: Int) {
    key(field, wireType: 0)
    varint(UInt64(bitPattern: Int64(value)))
  }

  /// A float field: four little-endian bytes.
  mutating func float(_ field: Int, _ value: Float) {
    key(field, wireType: 5)
    let bits = value.bitPattern
    for shift in stride(from: 0, to: 32, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: bits >> shift))
    }
  }

  mutating func string(_ field: Int, _ value: String) {
    data(field, Array(value.utf8))
  }

  /// A bytes field, or any length-delimited payload.
  mutating func data(_ field: Int, _ value: [UInt8]) {
    key(field, wireType: 2)
    varint(UInt64(value.count))
    bytes += value
  }

  mutating func message(_ field: Int, _ value: ProtobufMessage) {
    data(field, value.bytes)
  }

  /// A repeated integer field, packed (one length-delimited run of varints).
  mutating func packedIntegers(_ field: Int, _ values: [Int]) {
    var run = ProtobufMessage()
    for value in values { run.varint(UInt64(bitPattern: Int64(value))) }
    data(field, run.bytes)
  }

  private mutating func key(_ field: Int, wireType: UInt64) {
    varint(UInt64(field) << 3 | wireType)
  }

  /// Seven bits a byte, low bits first, the high bit set on every byte but the last.
  mutating func varint(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }
}
