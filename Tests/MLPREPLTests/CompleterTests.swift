import Foundation
import MLPREPL
import MLPTestSupport
import Testing

@Suite struct CompleterTests {
  func words(_ line: String) -> [String] { Completer.complete(line).candidates }

  @Test func statementKeywordsAtTheStart() {
    #expect(words("drop") == ["dropout"])
    #expect(words("d") == ["data", "dense", "dropout"])
    #expect(words("dense 10; d") == ["data", "dense", "dropout"])
    #expect(Completer.complete("dense 10; dro").start == 10)
  }

  @Test func activationsAfterTheWidth() {
    #expect(words("dense 100 ") == ["linear", "relu", "sigmoid", "tanh", "softmax"])
    #expect(words("dense 100 s") == ["sigmoid", "softmax"])
    #expect(words("dense ") == [])
    #expect(words("dense 100 relu ") == [])
  }

  @Test func lossesOptimizersAndTheirOptions() {
    #expect(words("loss ") == ["crossentropy", "mse", "mae", "binary_crossentropy"])
    #expect(words("optimizer ") == ["adam", "sgd", "rmsprop"])
    #expect(words("optimizer sgd ") == ["lr", "momentum"])
    #expect(words("optimizer sgd lr ") == [])
    #expect(words("optimizer sgd lr 0.1 m") == ["momentum"])
  }

  @Test func dataSetsAndTrainOptions() {
    #expect(words("data ") == ["fashion-mnist", "mnist", "idx", "csv"])
    #expect(words("data csv \"a.csv\" l") == ["label"])
    #expect(words("data csv \"a.csv\" label ") == ["first", "last"])
    #expect(words("train ") == ["epochs", "batch", "validation", "checkpoint"])
    #expect(words("train validation ") == ["test", "none", "split"])
  }

  @Test func commandsAfterAColon() {
    #expect(words(":s") == [":summary", ":save"])
    #expect(words(":help dr") == ["dropout"])
  }

  @Test func pathsInsideQuotes() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data().write(to: folder.appendingPathComponent("train.csv"))
    try Data().write(to: folder.appendingPathComponent("test.csv"))
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("tables"), withIntermediateDirectories: true)
    let line = "data csv \"\(folder.path)/t"
    let (start, candidates) = Completer.complete(line)
    #expect(start == "data csv \"".utf8.count)
    #expect(
      candidates == [
        "\(folder.path)/tables/", "\(folder.path)/test.csv\"", "\(folder.path)/train.csv\"",
      ])
    #expect(words(":load \(folder.path)/tr") == ["\(folder.path)/train.csv"])
  }
}

@Suite struct HistoryStoreTests {
  @Test func deduplicatesKeepingTheLatestAndCaps() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = HistoryStore(path: folder.path + "/state/mlp/history", cap: 3)
    for line in ["a", "b", "a", "c", "d\nd", "  "] { store.append(line) }
    // "a" moves to its latest place; the blank entry is dropped; the cap keeps the newest three.
    #expect(store.load() == ["a", "c", "d d"])
  }

  @Test func compactsTheFileAtTwiceTheCap() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = HistoryStore(path: folder.path + "/history", cap: 2)
    for line in ["1", "2", "3", "4", "5"] { store.append(line) }
    // After the fifth line the file held 5 > 2 x 2 lines and was rewritten to the newest two.
    let text = try String(contentsOfFile: store.path, encoding: .utf8)
    #expect(text == "4\n5\n")
  }

  @Test func standardPlaceFollowsXDG() {
    #expect(
      HistoryStore.standard(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])?.path
        == "/s/mlp/history")
    #expect(
      HistoryStore.standard(environment: ["HOME": "/h"])?.path == "/h/.local/state/mlp/history")
    #expect(HistoryStore.standard(environment: [:]) == nil)
  }

  @Test func concurrentWritersLoseNoLine() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = HistoryStore(path: folder.path + "/history", cap: 10_000)
    DispatchQueue.concurrentPerform(iterations: 4) { worker in
      for index in 0..<200 { store.append("w\(worker) line \(index)") }
    }
    let lines = try String(contentsOfFile: store.path, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 800)
    #expect(Set(lines).count == 800)
  }
}
