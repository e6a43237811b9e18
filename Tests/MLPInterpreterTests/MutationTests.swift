import Foundation
import MLPTestSupport
import Testing

/// The `mlp` command on thousands of damaged inputs: the example scripts and a tiny CSV and IDX
/// problem, mutated from a fixed seed (bytes flipped, inserted and deleted, lines duplicated,
/// files cut short, words swapped). Every run must end by itself with status 0, 1 or 2, and an
/// error must say where it is: `FILE:LINE:COL: error:` or the name of the file at fault.
@Suite(.serialized) struct MutationTests {
  /// Mutated example scripts, each checked.
  static let exampleMutations = 1_000
  /// Mutated tiny problems (script or data), each checked, and run when they check.
  static let tinyMutations = 1_200
  /// Processes at once.
  static let workers = 2

  @Test func damagedInputsEndInAnErrorNeverASignal() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let examples = try FileManager.default.contentsOfDirectory(
      at: packageRoot.appendingPathComponent("Examples"), includingPropertiesForKeys: nil
    ).filter { $0.pathExtension == "mlp" }.sorted { $0.path < $1.path }
      .map { try [UInt8](Data(contentsOf: $0)) }
    #expect(!examples.isEmpty)

    let failures = Failures()
    DispatchQueue.concurrentPerform(iterations: Self.workers) { worker in
      do {
        let folder = root.appendingPathComponent("worker\(worker)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let runner = CaseRunner(folder: folder, examples: examples, failures: failures)
        let total = Self.exampleMutations + Self.tinyMutations
        for index in stride(from: worker, to: total, by: Self.workers) {
          try runner.run(case: index, example: index < Self.exampleMutations)
        }
      } catch {
        failures.add("worker \(worker): \(error)")
      }
    }
    for failure in failures.all.prefix(20) { Issue.record(Comment(rawValue: failure)) }
    #expect(failures.all.count == 0)
    #expect(failures.runs >= 200, "only \(failures.runs) mutated scripts trained")
  }
}

/// What the workers found, shared between them.
private final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var found: [String] = []
  private var trained = 0

  func add(_ failure: String) { lock.withLock { found.append(failure) } }
  func ranOne() { lock.withLock { trained += 1 } }
  var all: [String] { lock.withLock { found } }
  var runs: Int { lock.withLock { trained } }
}

/// One worker: writes each case into its own folder and runs `mlp` on it.
private struct CaseRunner {
  let folder: URL
  let examples: [[UInt8]]
  let failures: Failures

  /// Case `index`: its own generator, so each case repeats alone whatever the worker count.
  func run(case index: Int, example: Bool) throws {
    var random = SplitMix(state: 0x6D6C_7000 &+ UInt64(index))
    var files = TinyProblem.files
    let script: String
    if example {
      script = "example.mlp"
      files[script] = examples[index % examples.count]
    } else {
      script = index % 2 == 0 ? "csv.mlp" : "idx.mlp"
    }
    // Mostly the script; a third of the tiny cases damage one of the data files instead.
    var target = script
    if !example, random.next() % 3 == 0 {
      target = TinyProblem.dataFiles[Int(random.next() % UInt64(TinyProblem.dataFiles.count))]
    }
    files[target] = mutate(files[target]!, &random)
    for (name, bytes) in files {
      try Data(bytes).write(to: folder.appendingPathComponent(name))
    }

    let path = folder.appendingPathComponent(script).path
    let what = "case \(index) (\(target) damaged)"
    let check = try runMLP(["check", path], timeout: 30)
    expectSound(check, what: what + ", check", files: Array(files.keys))

    // A tiny case that checks and stays small also trains for one epoch.
    guard !example, check.status == 0, parameters(check.out) < 100_000,
      !check.out.contains("fashion"),
      !String(decoding: files[script]!, as: UTF8.self)
        .contains("mnist")
    else { return }
    let run = try runMLP(["run", path, "--epochs", "1"], timeout: 60)
    failures.ranOne()
    expectSound(run, what: what + ", run", files: Array(files.keys))
  }

  /// Records a failure unless the run ended by itself with 0, 1 or 2, and an error says where.
  private func expectSound(_ run: Run, what: String, files: [String]) {
    let tail = run.err.suffix(600)
    if run.timedOut {
      failures.add("\(what): still running after the timeout\n\(tail)")
    } else if run.signalled {
      failures.add("\(what): killed by signal \(run.status)\n\(tail)")
    } else if ![0, 1, 2].contains(run.status) {
      failures.add("\(what): exit status \(run.status)\n\(tail)")
    } else if run.status == 1 {
      let placed = run.err.contains(/:\d+:\d+: error:/) || files.contains { run.err.contains($0) }
      if !placed { failures.add("\(what): an error with no place\n\(tail)") }
    }
  }

  /// The total of the layer table `mlp check` prints (`total   1,234`).
  private func parameters(_ table: String) -> Int {
    let line = table.split(separator: "\n").first { $0.hasPrefix("total") } ?? ""
    return Int(line.split(separator: " ").last?.replacing(",", with: "") ?? "") ?? Int.max
  }
}

/// One to three damages of the kinds a hand, an editor or a disk might do.
private func mutate(_ original: [UInt8], _ random: inout SplitMix) -> [UInt8] {
  var bytes = original
  let pieces: [[UInt8]] = [
    " ", "\n", ";", "\"", "#", "-", ".", "0", "9", "e", "\r", "\t", ",", "1e", "é", "\u{0}",
    "dense ", "train ", "epochs ", "split ", "test ", "99999999", "0.0", "relu", "softmax",
    "label ", "header ", "\u{FF}", "\u{7F}",
  ].map { Array($0.utf8) }
  for _ in 0...random.below(3) {
    let at = random.below(bytes.count + 1)
    switch random.below(7) {
    case 0 where !bytes.isEmpty:
      let i = min(at, bytes.count - 1)
      bytes[i] ^= 1 << UInt8(random.below(8))
    case 1:
      bytes.insert(contentsOf: pieces[random.below(pieces.count)], at: at)
    case 2:
      bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
    case 3:
      bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(8)))
    case 4:
      var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
      let i = random.below(lines.count)
      lines.insert(lines[i], at: random.below(lines.count + 1))
      bytes = Array(lines.joined(separator: [0x0A]))
    case 5:
      bytes.removeSubrange(at..<bytes.count)
    default:
      var words = bytes.split(separator: 0x20, omittingEmptySubsequences: false)
      guard words.count > 1 else { continue }
      let (i, j) = (random.below(words.count), random.below(words.count))
      words.swapAt(i, j)
      bytes = Array(words.joined(separator: [0x20]))
    }
  }
  return bytes
}

/// A three-class problem small enough to train in a blink, as CSV and as IDX (labels gzipped).
private enum TinyProblem {
  static let dataFiles = ["tiny.csv", "images.idx", "labels.idx.gz", "test-images.idx"]

  static var files: [String: [UInt8]] {
    let rows = (0..<24).map { i in "\(i % 5),\(Double(i) / 4),\(i % 3 == 0 ? 1 : 0),\(i % 3)" }
    let images: [UInt8] =
      [0, 0, 8, 3, 0, 0, 0, 12, 0, 0, 0, 2, 0, 0, 0, 2]
      + (0..<48).map {
        UInt8($0 * 5)
      }
    let testImages: [UInt8] =
      [0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2]
      + (0..<12).map {
        UInt8(255 - $0 * 7)
      }
    // 00 00 08 01, 12 labels 0 1 2 0 1 2 ..., gzipped.
    let labels: [UInt8] = [
      0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x63, 0x60, 0xe0, 0x60, 0x64,
      0x60, 0x60, 0xe0, 0x61, 0x60, 0x64, 0x82, 0x23, 0x00, 0x25, 0xe8, 0xaa, 0xfb, 0x14, 0x00,
      0x00, 0x00,
    ]
    let testLabels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 3, 2, 1, 0]
    return [
      "csv.mlp": Array(
        """
        data csv "tiny.csv" label last split 0.25
        normalize standard
        dense 8 relu
        dropout 0.1
        dense 3 softmax
        loss crossentropy
        optimizer sgd lr 0.1 momentum 0.9
        seed 1
        train epochs 2 batch 4 validation split 0.25
        evaluate

        """.utf8),
      "idx.mlp": Array(
        """
        data idx "images.idx" "labels.idx.gz" test "test-images.idx" "test-labels.idx"
        normalize 255
        dense 4 tanh
        dense 3 softmax
        loss crossentropy
        optimizer rmsprop lr 0.01
        train epochs 1 batch 4 validation test
        evaluate

        """.utf8),
      "tiny.csv": Array(rows.joined(separator: "\n").utf8),
      "images.idx": images,
      "labels.idx.gz": labels,
      "test-images.idx": testImages,
      "test-labels.idx": testLabels,
    ]
  }
}
