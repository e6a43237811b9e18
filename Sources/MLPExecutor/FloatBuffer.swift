/// A block of Float32 owned by the executor, aligned to 64 bytes (a cache line, and an AVX-512
/// register) and zeroed on allocation. It is a class only so that it can free its memory.
public final class FloatBuffer: @unchecked Sendable {
  public let count: Int
  public let base: UnsafeMutablePointer<Float>

  public init(count: Int) {
    self.count = count
    let bytes = max(count, 16) * MemoryLayout<Float>.stride
    let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    base = raw.bindMemory(to: Float.self, capacity: max(count, 16))
  }

  deinit { UnsafeMutableRawPointer(base).deallocate() }

  /// The values as an array (for tests, reports and saving).
  public var array: [Float] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

/// Unaligned 16-lane loads and stores through a pointer; the kernels' vector unit.
@inline(__always)
func load16(_ pointer: UnsafePointer<Float>, _ offset: Int) -> SIMD16<Float> {
  UnsafeRawPointer(pointer + offset).loadUnaligned(as: SIMD16<Float>.self)
}

@inline(__always)
func load16(_ pointer: UnsafeMutablePointer<Float>, _ offset: Int) -> SIMD16<Float> {
  UnsafeRawPointer(pointer + offset).loadUnaligned(as: SIMD16<Float>.self)
}

@inline(__always)
func store16(_ value: SIMD16<Float>, _ pointer: UnsafeMutablePointer<Float>, _ offset: Int) {
  UnsafeMutableRawPointer(pointer + offset).storeBytes(of: value, as: SIMD16<Float>.self)
}
