/// A small, fast, seedable generator (xoshiro256**, seeded through SplitMix64), so that a `seed`
/// statement makes weight initialization, shuffling and dropout repeat exactly.
public struct Random: RandomNumberGenerator, Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  public init(seed: UInt64) {
    var state = seed
    func splitMix() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  @inline(__always)
  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// A uniform Float in [0, 1) from the top 24 bits.
  @inline(__always)
  public mutating func nextUnitFloat() -> Float {
    Float(next() >> 40) * (1.0 / 16_777_216.0)
  }

  /// A random permutation of `0..<count` as 32-bit indices (Fisher-Yates).
  public mutating func permutation(_ count: Int) -> [Int32] {
    var order = (0..<Int32(count)).map { $0 }
    if count < 2 { return order }
    for i in stride(from: count - 1, to: 0, by: -1) {
      let j = Int(next() % UInt64(i + 1))
      order.swapAt(i, j)
    }
    return order
  }
}
