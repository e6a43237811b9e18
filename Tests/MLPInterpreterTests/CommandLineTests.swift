import Foundation
import MLPTestSupport
import Testing

/// The `mlp` binary as a user meets it: exit statuses, messages on standard error, results on
/// standard output.
@Suite struct CommandLineTests {
  @Test func noArgumentsIsAUsageError() throws {
    let run = try runMLP([])
    #expect(run.status == 2)
    #expect(run.err.hasPrefix("usage: mlp run FILE.mlp"))
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
    // 784 x 100 + 100 = 78,500; 100 x 10 + 10 = 1,010; together 79,510.
    #expect(
      run.out == """
        layer               output   parameters
        input               784
        dense relu          100          78,500
        dropout 0.2         100
        dense softmax       10            1,010
        loss crossentropy
        total                            79,510

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
}
