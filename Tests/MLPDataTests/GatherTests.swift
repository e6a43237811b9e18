import Testing

@testable import MLPData

@Suite struct GatherTests {
  /// Gathers `rows` of `set` through `transform` into a fresh array.
  func gather(_ set: Dataset, _ rows: [Int32], _ transform: FeatureTransform) -> [Float] {
    var output = [Float](repeating: .nan, count: rows.count * set.width)
    rows.withUnsafeBufferPointer { rows in
      output.withUnsafeMutableBufferPointer { output in
        set.gather(rows: rows, transform: transform, into: output.baseAddress!)
      }
    }
    return output
  }

  @Test func dividesBytes() {
    let set = Dataset(features: .bytes([0, 255, 51]), labels: [0], width: 3)
    let transform = FeatureTransform.fit(.divide(255), on: set)
    expectClose(gather(set, [0], transform), [0, 1, 0.2])
  }

  @Test func standardizesPerFeature() {
    // Feature 0 is 1, 2, 3: mean 2, population variance (1 + 0 + 1) / 3 = 2/3, std 0.816497.
    // Feature 1 is 10, 10, 10: std 0, so scale 1 and shift -10 send it to 0.
    // Feature 2 is 0, 0, 6: mean 2, variance (4 + 4 + 16) / 3 = 8, std 2.828427.
    let set = Dataset(
      features: .floats([1, 10, 0, 2, 10, 0, 3, 10, 6]), labels: [0, 1, 0], width: 3)
    let transform = FeatureTransform.fit(.standard, on: set)
    expectClose(transform.scale, [1.224745, 1, 0.353553])
    expectClose(transform.shift, [-2.449490, -10, -0.707107])
    expectClose(
      gather(set, [2, 0], transform), [1.224745, 0, 1.414214, -1.224745, 0, -0.707107],
      tolerance: 1e-5)
  }

  @Test func mapsMinimumAndMaximumToZeroAndOne() {
    // Feature 0 spans 50...250, feature 1 is constant (so 0), feature 2 spans 0...4.
    let set = Dataset(
      features: .bytes([50, 7, 4, 250, 7, 0, 100, 7, 1]), labels: [0, 0, 0], width: 3)
    let transform = FeatureTransform.fit(.minmax, on: set)
    expectClose(gather(set, [0, 1, 2], transform), [0, 0, 1, 1, 0, 0, 0.25, 0, 0.25])
  }

  @Test func gathersRowsInOrderThroughTheSIMDPathAndTheTail() {
    // Width 37 = two 16-lane steps and a 5-feature tail; feature j of row r is 40 r + j.
    let width = 37
    let rowCount = 5
    let bytes = (0..<rowCount * width).map { UInt8($0 / width * 40 + $0 % width) }
    let set = Dataset(
      features: .bytes(bytes), labels: Array(repeating: 0, count: rowCount), width: width)
    let scale = (0..<width).map { Float($0 % 3 + 1) }
    let shift = (0..<width).map { Float(-$0) }
    let transform = FeatureTransform(scale: scale, shift: shift)

    let rows: [Int32] = [3, 0, 4, 3]
    let expected = rows.flatMap { row in
      (0..<width).map { j in Float(40 * Int(row) + j) * scale[j] + shift[j] }
    }
    let got = gather(set, rows, transform)
    expectClose(got, expected, tolerance: 0)
    #expect(got[width + 36] == 36 * 1 - 36)  // row 0, feature 36, in the tail

    let floats = Dataset(
      features: .floats(bytes.map(Float.init)), labels: set.labels, width: width)
    expectClose(gather(floats, rows, transform), expected, tolerance: 0)
  }

  @Test func slicesAndTakesPrefixes() {
    let set = Dataset(
      features: .bytes([1, 2, 3, 4, 5, 6]), labels: [7, 8, 9], width: 2,
      imageShape: (rows: 1, columns: 2))
    let middle = set.slice(1..<3)
    #expect(middle.labels == [8, 9])
    guard case .bytes(let bytes) = middle.features else {
      Issue.record("expected byte features")
      return
    }
    #expect(bytes == [3, 4, 5, 6])
    #expect(middle.imageShape?.columns == 2)
    #expect(set.prefix(1).labels == [7])
    #expect(set.prefix(10).count == 3)
  }
}
