import Foundation
import MLPData
import MLPTestSupport
import Testing

/// Training end to end through the `mlp` binary, reading its `--json` report.
@Suite struct TrainingTests {
  /// Parses the last line of standard output as the JSON report.
  func report(_ run: Run) throws -> [String: Any] {
    let line = run.out.split(separator: "\n").last.map(String.init) ?? ""
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
    return try #require(object as? [String: Any], "not a JSON object: \(line)")
  }

  /// Writes an IDX file of unsigned bytes with the given dimensions.
  func writeIDX(_ dims: [Int], _ bytes: [UInt8], to url: URL) throws {
    var data: [UInt8] = [0, 0, 8, UInt8(dims.count)]
    for dim in dims {
      data += [
        UInt8(dim >> 24 & 255), UInt8(dim >> 16 & 255), UInt8(dim >> 8 & 255), UInt8(dim & 255),
      ]
    }
    try Data(data + bytes).write(to: url)
  }

  /// The first `count` examples of a split as the two IDX files `mnist "DIR"` expects.
  func writeSubset(_ set: Dataset, count: Int, prefix: String, in folder: URL) throws {
    guard case .bytes(let pixels) = set.features else {
      Issue.record("Fashion-MNIST images should be bytes")
      return
    }
    try writeIDX(
      [count, 28, 28], Array(pixels[0..<count * 784]),
      to: folder.appendingPathComponent("\(prefix)-images-idx3-ubyte"))
    try writeIDX(
      [count], set.labels[0..<count].map { UInt8($0) },
      to: folder.appendingPathComponent("\(prefix)-labels-idx1-ubyte"))
  }

  @Test(.enabled(if: fashionInstalled, "needs the dataset-fashion-mnist package"))
  func fashionSubsetOf2000Images() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let split = try Catalogue.load(name: "fashion-mnist", directory: nil)
    try writeSubset(split.train, count: 2000, prefix: "train", in: folder)
    let test = try #require(split.test)
    try writeSubset(test, count: 1000, prefix: "t10k", in: folder)
    let script = """
      data mnist "\(folder.path)"
      normalize 255
      dense 100 relu
      dropout 0.2
      dense 10 softmax
      loss crossentropy
      seed 3
      train epochs 10
      """
    let run = try runMLP(["run", "-", "--json"], input: script)
    #expect(run.status == 0, "\(run.err)")
    let json = try report(run)
    // 2,000 images are a thirtieth of the set; on the first 1,000 test images this network
    // reached 0.81 to 0.83 with seeds 1, 2, 3 and 4 when measured, against 0.10 for chance.
    let accuracy = try #require(json["test_accuracy"] as? Double)
    #expect(accuracy >= 0.75)
    #expect(json["parameters"] as? Int == 79_510)
    let epochs = try #require(json["epochs"] as? [[String: Any]])
    #expect(epochs.count == 10)
    #expect(epochs.map { $0["epoch"] as? Int } == Array(1...10))
    for key in ["loss", "accuracy", "val_loss", "val_accuracy", "seconds"] {
      #expect(epochs.allSatisfy { $0[key] is Double }, "\(key) in every epoch")
    }
    let firstLoss = try #require(epochs.first?["loss"] as? Double)
    let lastLoss = try #require(epochs.last?["loss"] as? Double)
    #expect(lastLoss < firstLoss / 2)
    #expect(run.err.contains("epoch 10/10  loss "))
  }

  /// Points on either side of the line x + y = 0, at least 0.2 away from it.
  func separableRows(_ count: Int, seed: UInt64) -> String {
    var generator = SplitMix(state: seed)
    var rows = ""
    var made = 0
    while made < count {
      let x = generator.unit() * 2 - 1
      let y = generator.unit() * 2 - 1
      guard abs(x + y) > 0.2 else { continue }
      rows += "\(x),\(y),\(x + y > 0 ? 1 : 0)\n"
      made += 1
    }
    return rows
  }

  @Test func separableCSVIsLearntPerfectly() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(separableRows(400, seed: 1).utf8).write(to: folder.appendingPathComponent("train.csv"))
    try Data(separableRows(200, seed: 2).utf8).write(to: folder.appendingPathComponent("test.csv"))
    let script = """
      data csv "train.csv" label last test "test.csv"
      dense 16 relu
      dense 2 softmax
      loss crossentropy
      optimizer adam lr 0.01
      seed 5
      train epochs 30 batch 16
      evaluate
      """
    let file = folder.appendingPathComponent("line.mlp")
    try Data(script.utf8).write(to: file)
    let run = try runMLP(["run", file.path, "--json"])
    #expect(run.status == 0, "\(run.err)")
    let json = try report(run)
    #expect(json["test_accuracy"] as? Double == 1.0)
    #expect(run.out.hasPrefix("test loss "))
  }

  @Test func seedMakesRunsRepeat() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(separableRows(100, seed: 9).utf8).write(to: folder.appendingPathComponent("d.csv"))
    let script = """
      data csv "\(folder.path)/d.csv" label last split 0.2
      dense 8 tanh
      dropout 0.3
      dense 2 softmax
      loss crossentropy
      train epochs 3
      """
    let first = try report(runMLP(["run", "-", "--json", "--seed", "11"], input: script))
    let second = try report(runMLP(["run", "-", "--json", "--seed", "11"], input: script))
    let losses = { (json: [String: Any]) in
      (json["epochs"] as? [[String: Any]])?.compactMap { $0["loss"] as? Double } ?? []
    }
    #expect(losses(first).count == 3)
    #expect(losses(first) == losses(second))
  }

  @Test func statementsAfterTrainDoNotReachBackIntoIt() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(separableRows(60, seed: 6).utf8).write(to: folder.appendingPathComponent("d.csv"))
    let start = """
      data csv "\(folder.path)/d.csv" label last split 0.25
      dense 2 softmax
      loss crossentropy
      seed 8
      train epochs 1
      evaluate

      """
    let alone = try runMLP(["run", "-"], input: start)
    let followed = try runMLP(
      ["run", "-"], input: start + "normalize 1000\ndropout 0.5\nloss mse\nevaluate\n")
    #expect(alone.status == 0 && followed.status == 0, "\(alone.err)\(followed.err)")
    let epoch = { (run: Run) in run.err.split(separator: "\n").first { $0.hasPrefix("epoch 1/1") } }
    #expect(epoch(alone) != nil)
    #expect(epoch(alone) == epoch(followed))
    let results = followed.out.split(separator: "\n")
    #expect(results.count == 2)
    #expect(
      results.first.map(String.init) == alone.out.split(separator: "\n").first.map(String.init))
    #expect(results.first != results.last)
  }

  @Test func epochsOverrideReplacesTheScripts() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(separableRows(50, seed: 4).utf8).write(to: folder.appendingPathComponent("d.csv"))
    let script = """
      data csv "\(folder.path)/d.csv" label last split 0.2
      dense 2 softmax
      loss crossentropy
      train epochs 7
      """
    let json = try report(runMLP(["run", "-", "--json", "--epochs", "2"], input: script))
    #expect((json["epochs"] as? [Any])?.count == 2)
  }
}

/// A tiny generator so the test's data does not depend on the code under test.
struct SplitMix {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func unit() -> Double {
    Double(next() >> 11) / Double(1 << 53)
  }

  /// A number in `0..<bound` (`bound` at least 1).
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}
