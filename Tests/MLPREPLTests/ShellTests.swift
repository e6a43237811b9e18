import Foundation
import MLPInterpreter
import MLPREPL
import MLPTestSupport
import Testing

/// A folder with `train.csv` and `test.csv`: points on either side of x + y = 0.
func separableFolder() throws -> URL {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "mlp-shell-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  for (name, count, offset) in [("train.csv", 120, 0), ("test.csv", 40, 1000)] {
    var rows = ""
    for i in 0..<count {
      // A fixed spiral of points, away from the line: angle i, radius 0.3..1.
      let angle = Double(i + offset) * 2.399
      let radius = 0.3 + Double((i * 37 + offset) % 70) / 100
      let x = radius * cos(angle)
      let y = radius * sin(angle)
      rows += "\(x),\(y),\(x + y > 0 ? 1 : 0)\n"
    }
    try Data(rows.utf8).write(to: folder.appendingPathComponent(name))
  }
  return folder
}

@Suite struct ShellTests {
  @Test func statementsBuildTheModel() throws {
    let output = Transcript()
    let shell = Shell(console: output.console, seed: 1, baseDirectory: "/")
    #expect(shell.submit("input 4; dense 3 relu") == .succeeded)
    #expect(shell.submit("dense 2 softmax") == .succeeded)
    #expect(shell.session.state.layers.count == 2)
    #expect(shell.statements == ["input 4", "dense 3 relu", "dense 2 softmax"])
  }

  @Test func aFailedStatementChangesNothing() {
    let output = Transcript()
    let shell = Shell(console: output.console, seed: 1, baseDirectory: "/")
    shell.submit("input 4")
    #expect(shell.submit("dense 3 rleu") == .failed)
    #expect(shell.session.state.layers.isEmpty)
    #expect(
      output.err == """
        <repl>:2:9: error: unknown activation 'rleu'
        dense 3 rleu
                ^~~~
        help: did you mean 'relu'?

        """)
    #expect(shell.anyFailed)
  }

  @Test func statementsBeforeAFailureInOneLineStay() {
    let shell = Shell(console: Transcript().console, seed: 1, baseDirectory: "/")
    #expect(shell.submit("input 4; dense 3; dropout 7; dense 2") == .failed)
    #expect(shell.session.state.layers.count == 1)
  }

  @Test func undoTakesBackTheLastChange() {
    let output = Transcript()
    let shell = Shell(console: output.console, seed: 1, baseDirectory: "/")
    shell.submit("input 4; dense 3 relu; dense 2 softmax")
    #expect(shell.submit(":undo") == .succeeded)
    #expect(shell.session.state.layers.count == 1)
    #expect(shell.statements == ["input 4", "dense 3 relu"])
    #expect(output.out == "undid 'dense 2 softmax'\n")
    shell.submit(":undo")
    shell.submit(":undo")
    #expect(shell.submit(":undo") == .failed)
    #expect(output.err == "nothing to undo\n")
  }

  @Test func resetEmptiesTheSession() {
    let shell = Shell(console: Transcript().console, seed: 1, baseDirectory: "/")
    shell.submit("input 4; dense 2")
    shell.submit(":reset")
    #expect(shell.session.state.layers.isEmpty)
    #expect(shell.statements.isEmpty)
  }

  @Test func unknownCommandSuggests() {
    let output = Transcript()
    let shell = Shell(console: output.console, seed: 1, baseDirectory: "/")
    #expect(shell.submit(":sumary") == .failed)
    #expect(
      output.err == "unknown command ':sumary'; did you mean ':summary'? (:help lists them)\n")
  }

  @Test func helpExplainsAStatement() {
    let output = Transcript()
    let shell = Shell(console: output.console, seed: 1, baseDirectory: "/")
    shell.submit(":help dropout")
    #expect(
      output.out == "dropout 0.2\n  while training, switches off that fraction of the units at "
        + "random, against overfitting\n")
  }

  @Test func continuation() {
    #expect(Shell.continuation(of: "dense 10") == .none)
    #expect(Shell.continuation(of: "dense 10;") == .nextLine)
    #expect(Shell.continuation(of: "dense 10;  # more") == .nextLine)
    #expect(Shell.continuation(of: "data csv \"a.csv") == .string)
    #expect(Shell.continuation(of: "data csv \"a\\\"b") == .string)
    #expect(Shell.continuation(of: "data csv \"a;\"") == .none)
    #expect(REPL.joined("data csv \"/long/", "path.csv\"") == "data csv \"/long/path.csv\"")
    #expect(REPL.joined("dense 10;", "dense 2") == "dense 10;\ndense 2")
  }

  @Test func trainingContinuesAndChangedLayersAreNamed() throws {
    let folder = try separableFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = Transcript()
    let shell = Shell(console: output.console, seed: 4, baseDirectory: folder.path)
    shell.submit("data csv \"train.csv\" label last test \"test.csv\"")
    shell.submit("dense 8 relu; dense 2 softmax; loss crossentropy")
    #expect(shell.submit("train epochs 2") == .succeeded)
    #expect(shell.submit("train epochs 1") == .succeeded)
    #expect(shell.session.history.map(\.epoch) == [1, 2, 3])
    #expect(output.err.contains("epoch 3/3  loss "))
    shell.submit(":undo")
    #expect(shell.session.history.map(\.epoch) == [1, 2])
    shell.submit("dense 2 softmax")
    #expect(shell.submit("train epochs 1") == .succeeded)
    #expect(
      output.err.contains(
        "note: the model changed after training; dense3 starts from new weights, dense1, dense2 "
          + "keep their weights\n"))
  }

  @Test func saveWritesAScriptThatRunReproduces() throws {
    let folder = try separableFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let shell = Shell(console: Transcript().console, seed: 77, baseDirectory: folder.path)
    shell.submit("data csv \"train.csv\" label last test \"test.csv\"")
    shell.submit("dense 8 tanh; dropout 0.25; dense 2 softmax")
    shell.submit("loss crossentropy; optimizer sgd lr 0.1 momentum 0.9")
    shell.submit("dense 5")
    shell.submit(":undo")
    shell.submit("train epochs 3 batch 16")
    shell.submit("evaluate")
    let file = folder.appendingPathComponent("session.mlp")
    #expect(shell.submit(":save \(file.path)") == .succeeded)
    let saved = try String(contentsOf: file, encoding: .utf8)
    #expect(
      saved == """
        # written by mlp's :save; 'mlp run' on this file rebuilds the session
        seed 77
        data csv "train.csv" label last test "test.csv"
        dense 8 tanh
        dropout 0.25
        dense 2 softmax
        loss crossentropy
        optimizer sgd lr 0.1 momentum 0.9
        train epochs 3 batch 16

        """)
    let run = try runMLP(["run", file.path, "--json"])
    #expect(run.status == 0, "\(run.err)")
    let line = run.out.split(separator: "\n").last.map(String.init) ?? ""
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    // The report prints 6 significant digits; the same run agrees to within that rounding.
    let losses = (json["epochs"] as? [[String: Any]])?.compactMap { $0["loss"] as? Double } ?? []
    let expected = shell.session.history.map(\.loss)
    #expect(losses.count == 3)
    for (got, want) in zip(losses, expected) {
      #expect(abs(got - want) <= 5e-6 * abs(want), "expected \(want), got \(got)")
    }
  }

  @Test func loadRunsAScriptIntoTheSession() throws {
    let folder = try separableFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("part.mlp")
    try Data("input 2\ndense 4 relu\n# a comment\ndense 2 softmax\n".utf8).write(to: script)
    let shell = Shell(console: Transcript().console, seed: 1, baseDirectory: folder.path)
    #expect(shell.submit(":load \(script.path)") == .succeeded)
    #expect(shell.session.state.layers.count == 2)
    #expect(shell.submit(":load /nonexistent.mlp") == .failed)
  }
}
