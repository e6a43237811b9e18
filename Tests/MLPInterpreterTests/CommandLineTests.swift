import Foundation
import MLPTestSupport
import Testing

/// The `mlp` binary as a user meets it: exit statuses, messages on standard error, results on
/// standard output.
@Suite struct CommandLineTests {
  @Test func unknownCommandIsAUsageError() throws {
    let run = try runMLP(["train"])
    #expect(run.status == 2)
    #expect(run.err.hasPrefix("mlp: unknown command 'train'\nusage: mlp [repl]\n"))
  }

  @Test func pipedStatementsRunWithoutPrompts() throws {
    // No terminal: no banner, no prompt; the failed line is reported and the run goes on.
    let run = try runMLP([], input: "input 4; dense 2 softmax\ndense 3 rleu\n:summary\n")
    #expect(run.status == 1)
    #expect(run.out.hasPrefix("layer "))
    #expect(run.out.contains("dense1   [B, 2]   4 x 2 + 2 = 10   softmax\n"))
    #expect(run.err.hasPrefix("<stdin>:2:9: error: unknown activation 'rleu'\n"))
  }

  @Test func pipedStatementsThatAllSucceedExitZero() throws {
    let run = try runMLP(["repl"], input: "input 4\ndense 2 softmax\n")
    #expect(run.status == 0)
    #expect(run.err == "")
  }

  @Test func binaryFileIsNotAScript() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("model.bin")
    try Data([0x64, 0x65, 0x6E, 0x00, 0xFF]).write(to: file)
    let run = try runMLP(["check", file.path])
    #expect(run.status == 1)
    #expect(
      run.err == "mlp: \(file.path): not a text file: byte 3 is NUL; a script is UTF-8 text\n")
    try Data([0x64, 0x65, 0xC3, 0x28]).write(to: file)
    #expect(
      try runMLP(["check", file.path]).err.hasSuffix(
        ": byte 2 is not UTF-8 text; save the script as UTF-8\n"))
  }

  @Test func optionGivenTwice() throws {
    let run = try runMLP(["run", "x.mlp", "--epochs", "1", "--epochs", "2"])
    #expect(run.status == 2)
    #expect(run.err.hasPrefix("mlp: --epochs is given twice\n"))
  }

  @Test func unknownOptionIsAUsageError() throws {
    let run = try runMLP(["run", "--epoch", "3", "x.mlp"])
    #expect(run.status == 2)
    #expect(run.err.hasPrefix("mlp: unknown option '--epoch'\n"))
  }

  @Test func missingScript() throws {
    let run = try runMLP(["run", "/nonexistent/net.mlp"])
    #expect(run.status == 1)
    #expect(run.err == "mlp: /nonexistent/net.mlp: no such file\n")
  }

  @Test func syntaxErrorFromStandardInput() throws {
    let run = try runMLP(["check", "-"], input: "dense 100 relu\ndropuot 0.2\n")
    #expect(run.status == 1)
    #expect(
      run.err == """
        <stdin>:2:1: error: unknown statement 'dropuot'
        dropuot 0.2
        ^~~~~~~
        help: did you mean 'dropout'?

        """)
    #expect(run.out == "")
  }

  @Test func checkPrintsTheLayerTable() throws {
    let script = "input 784\ndense 100 relu\ndropout 0.2\ndense 10 softmax\nloss crossentropy\n"
    let run = try runMLP(["check", "-"], input: script)
    #expect(run.status == 0)
    // 784 x 100 + 100 = 78,500; 100 x 10 + 10 = 1,010; together 79,510, at 4 bytes each
    // 318,040 bytes, and three times that with Adam's two moments; 78,400 + 1,000 products.
    #expect(
      run.out == """
        layer               output     parameters                 activation
        input               [B, 784]
        dense1              [B, 100]   784 x 100 + 100 = 78,500   relu
        dropout1 0.2        [B, 100]
        dense2              [B, 10]      100 x 10 + 10 =  1,010   softmax
        loss crossentropy   [B, 1]
        total                                            79,510

        parameters as Float32: 318,040 bytes (310.6 KiB)
        with adam's moments m and v: 954,120 bytes (931.8 KiB)
        multiply-adds per example: 79,400

        """)
  }

  @Test func checkGraphListsForwardAndBackward() throws {
    let script = "input 4\ndense 3 sigmoid\nloss binary_crossentropy\n"
    let run = try runMLP(["check", "-", "--graph"], input: script)
    #expect(run.status == 0)
    #expect(
      run.out.hasSuffix(
        """
        forward
          dense1.product [B, 3] = matmul(x, dense1.weight)   # line 2
          dense1.preactivation [B, 3] = add_bias(dense1.product, dense1.bias)   # line 2
          dense1.sigmoid [B, 3], loss [B, 1] = sigmoid_binary_crossentropy(dense1.preactivation, labels)   # line 3
        backward
          ddense1.preactivation [B, 3] = sigmoid_binary_crossentropy_grad(dense1.sigmoid, labels)   # line 3
          ddense1.bias [3] = bias_grad(ddense1.preactivation)   # line 2
          ddense1.weight [4, 3] = matmul transpose-a(x, ddense1.preactivation)   # line 2

        """))
  }

  @Test func missingDataFileNamesTheStatementAndFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("net.mlp")
    try Data("data csv \"rows.csv\" label last\n".utf8).write(to: script)
    let run = try runMLP(["run", script.path])
    #expect(run.status == 1)
    #expect(
      run.err == """
        \(script.path):1:1: error: \(folder.path)/rows.csv: no such file
        data csv "rows.csv" label last
        ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

        """)
  }

  @Test func layersAddedAfterTheLastTrainNeverReachTheClosingEvaluation() throws {
    // Such layers once reached the evaluation that ends a run: the wide pair aborted the process
    // while allocating, the narrow output was evaluated against three classes. Now they are
    // warned about and skipped, and the evaluation is of the model that was trained.
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let rows = (0..<12).map { "\($0 % 2),\($0 % 3 == 0 ? 1 : 0),\($0 % 3)" }
    try Data(rows.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("t.csv"))
    let script = folder.appendingPathComponent("net.mlp")
    let start =
      "data csv \"t.csv\" label last split 0.5\ndense 3 softmax\nloss crossentropy\nseed 2\n"
      + "train epochs 1\n"
    try Data(start.utf8).write(to: script)
    let alone = try runMLP(["run", script.path], timeout: 60)
    #expect(alone.status == 0)
    for layers in [
      "dense 16000000 relu\ndense 16000000 relu\ndense 3 softmax\n", "dense 1 softmax\n",
    ] {
      try Data((start + layers).utf8).write(to: script)
      let run = try runMLP(["run", script.path], timeout: 60)
      #expect(run.status == 0)
      #expect(
        run.err.hasPrefix(
          "\(script.path):6:1: warning: 'dense' comes after the last statement that uses the "
            + "model, so it has no effect"), "\(run.err)")
      #expect(run.out == alone.out)
    }
  }
}
