extension Dataset {
  /// The examples in `range`, copied, with the same width and image shape.
  public func slice(_ range: Range<Int>) -> Dataset {
    precondition(range.lowerBound >= 0 && range.upperBound <= count, "slice out of range")
    let values = range.lowerBound * width..<range.upperBound * width
    let part: Features
    switch features {
    case .bytes(let bytes): part = .bytes(Array(bytes[values]))
    case .floats(let floats): part = .floats(Array(floats[values]))
    }
    return Dataset(
      features: part, labels: Array(labels[range]), width: width, imageShape: imageShape)
  }

  /// The first `n` examples (all of them when there are fewer).
  public func prefix(_ n: Int) -> Dataset {
    slice(0..<Swift.min(Swift.max(n, 0), count))
  }

  /// Writes the examples `rows` (in that order) to `output` as `rows.count * width` floats, each
  /// feature mapped to `x * scale + shift`.
  ///
  /// The hot path of training: sixteen features a step with SIMD, a scalar tail for widths that
  /// are not a multiple of 16, no allocation. `output` must have room for `rows.count * width`
  /// floats; every row must be in `0..<count` (checked, a trap otherwise).
  public func gather(
    rows: UnsafeBufferPointer<Int32>, transform: FeatureTransform,
    into output: UnsafeMutablePointer<Float>
  ) {
    precondition(transform.scale.count == width && transform.shift.count == width)
    transform.scale.withUnsafeBufferPointer { scale in
      transform.shift.withUnsafeBufferPointer { shift in
        let map = RowMap(scale: scale.baseAddress, shift: shift.baseAddress, width: width)
        switch features {
        case .bytes(let bytes):
          bytes.withUnsafeBufferPointer { source in
            for (i, row) in rows.enumerated() {
              precondition(row >= 0 && Int(row) < count, "row \(row) out of range")
              map.apply(source.baseAddress! + Int(row) * width, to: output + i * width)
            }
          }
        case .floats(let floats):
          floats.withUnsafeBufferPointer { source in
            for (i, row) in rows.enumerated() {
              precondition(row >= 0 && Int(row) < count, "row \(row) out of range")
              map.apply(source.baseAddress! + Int(row) * width, to: output + i * width)
            }
          }
        }
      }
    }
  }
}

/// `x * scale + shift` over one row, sixteen lanes at a time; loads and stores go through raw
/// pointers, so nothing needs to be aligned.
private struct RowMap {
  let scale: UnsafePointer<Float>?
  let shift: UnsafePointer<Float>?
  let width: Int

  @inline(__always)
  func apply(_ source: UnsafePointer<UInt8>, to output: UnsafeMutablePointer<Float>) {
    guard let scale, let shift else { return }
    let bytes = UnsafeRawPointer(source)
    var j = 0
    while j + 16 <= width {
      let x = SIMD16<Float>(bytes.loadUnaligned(fromByteOffset: j, as: SIMD16<UInt8>.self))
      store(x, at: j, output, scale, shift)
      j += 16
    }
    while j < width {
      output[j] = Float(source[j]) * scale[j] + shift[j]
      j += 1
    }
  }

  @inline(__always)
  func apply(_ source: UnsafePointer<Float>, to output: UnsafeMutablePointer<Float>) {
    guard let scale, let shift else { return }
    let floats = UnsafeRawPointer(source)
    var j = 0
    while j + 16 <= width {
      let x = floats.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
      store(x, at: j, output, scale, shift)
      j += 16
    }
    while j < width {
      output[j] = source[j] * scale[j] + shift[j]
      j += 1
    }
  }

  @inline(__always)
  private func store(
    _ x: SIMD16<Float>, at j: Int, _ output: UnsafeMutablePointer<Float>,
    _ scale: UnsafePointer<Float>, _ shift: UnsafePointer<Float>
  ) {
    let s = UnsafeRawPointer(scale).loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
    let h = UnsafeRawPointer(shift).loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
    UnsafeMutableRawPointer(output).storeBytes(
      of: x * s + h, toByteOffset: j * 4, as: SIMD16<Float>.self)
  }
}
