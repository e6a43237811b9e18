import Foundation
import MLPREPL
import MLPTestSupport
import Testing

/// A terminal session with `mlp` inside tmux: keys go in through `send-keys`, the screen comes
/// back through `capture-pane`. Each test uses its own tmux server socket.
final class Terminal {
  let socket = "mlp-test-\(UUID().uuidString.prefix(8))"
  let tmux: String

  init(command: String) throws {
    tmux = try #require(
      ["/usr/bin/tmux", "/bin/tmux", "/usr/local/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
      }, "tmux is needed (scripts/setup installs it)")
    // The server this starts keeps its standard streams open, so they must not be pipes.
    try run(["new-session", "-d", "-s", "main", "-x", "150", "-y", "60", command], capture: false)
  }

  deinit { _ = try? run(["kill-server"]) }

  /// Runs one tmux command and returns what it printed. It is started with posix_spawn and
  /// reaped with waitpid: the server that `new-session` leaves behind inherits descriptors,
  /// which would keep a Foundation `Process` from ever seeing its client end.
  @discardableResult
  func run(_ arguments: [String], capture: Bool = true) throws -> String {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
      "\(socket)-\(UUID().uuidString).out"
    ).path
    defer { try? FileManager.default.removeItem(atPath: output) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(
      &actions, 1, capture ? output : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([tmux, "-L", socket] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    // The test runs on a pool thread that blocks signals; the tmux server and the mlp it starts
    // would inherit that mask, so start from an empty one.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    let status = posix_spawn(&pid, tmux, &actions, &attributes, argv, environ)
    guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
    var exit: Int32 = 0
    while waitpid(pid, &exit, 0) == -1 && errno == EINTR {}
    lastStatus = exit
    guard capture, let data = FileManager.default.contents(atPath: output) else { return "" }
    return String(decoding: data, as: UTF8.self)
  }

  private var lastStatus: Int32 = 0

  /// Sends keys: literal text, or tmux key names such as `Enter`, `Tab`, `Up`, `C-c`.
  func send(_ keys: String...) throws { try run(["send-keys", "-t", "main"] + keys) }

  func type(_ text: String) throws { try run(["send-keys", "-t", "main", "-l", text]) }

  var screen: String { (try? run(["capture-pane", "-p", "-t", "main", "-S", "-200"])) ?? "" }

  var alive: Bool {
    guard (try? run(["has-session", "-t", "main"], capture: false)) != nil else { return false }
    return lastStatus == 0
  }

  /// Waits until the screen satisfies `condition`, for at most `seconds`.
  @discardableResult
  func wait(
    _ what: String, seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation,
    until condition: (String) -> Bool
  ) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition(screen) { return true }
      Thread.sleep(forTimeInterval: 0.1)
    }
    Issue.record(
      "timed out waiting for \(what); the screen:\n\(screen)", sourceLocation: sourceLocation)
    return false
  }

  func waitFor(
    _ text: String, seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    wait("'\(text)'", seconds: seconds, sourceLocation: sourceLocation) { $0.contains(text) }
  }
}

@Suite(.serialized) struct TerminalTests {
  @Test(.enabled(if: fashionInstalled, "needs the dataset-fashion-mnist package"))
  func buildTrainInterruptAndLeave() throws {
    let state = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: state) }
    let terminal = try Terminal(
      command: "env XDG_STATE_HOME=\(state.path) NO_COLOR=1 \(mlpBinary().path)")
    terminal.waitFor("mlp>")  // capture-pane drops trailing spaces

    try terminal.type("data fashion-mnist")
    try terminal.send("Enter")
    try terminal.type("normalize 255; dense 100 relu")
    try terminal.send("Enter")
    try terminal.type("drop")
    try terminal.send("Tab")
    terminal.waitFor("mlp> dropout")
    try terminal.type("0.2")
    try terminal.send("Enter")
    try terminal.type("dense 10 softmax; loss crossentropy")
    try terminal.send("Enter")

    // The up arrow recalls the last line; Enter runs it again.
    try terminal.type("seed 1")
    try terminal.send("Enter")
    try terminal.send("Up")
    try terminal.send("Enter")
    terminal.wait("two 'seed 1' lines") { $0.components(separatedBy: "mlp> seed 1").count == 3 }

    // A long training run, stopped by Ctrl-C, keeps the session.
    try terminal.type("train epochs 50")
    try terminal.send("Enter")
    Thread.sleep(forTimeInterval: 1.5)
    try terminal.send("C-c")
    terminal.waitFor("; the weights are kept", seconds: 60)
    terminal.wait("the prompt after the interruption") {
      ($0.components(separatedBy: "the weights are kept").last ?? "").contains("mlp>")
    }
    // Where it stops depends on the machine's speed; that it stops long before the end does not.
    #expect(terminal.screen.contains("stopped in epoch "))
    #expect(!terminal.screen.contains("epoch 50/50"))
    try terminal.type(":summary")
    try terminal.send("Enter")
    terminal.waitFor("784 x 100 + 100 = 78,500")

    // Ctrl-C during a Ctrl-R search of the history ends the search, not the session.
    try terminal.send("C-r")
    try terminal.type("seed")
    terminal.waitFor("bck:seed")
    try terminal.send("C-c")
    terminal.wait("the prompt after the search") {
      ($0.components(separatedBy: "bck:seed").last ?? "").contains("mlp>")
    }
    #expect(terminal.alive)

    // Ctrl-C at the prompt clears the line; Ctrl-D on an empty line leaves.
    try terminal.type("dense 7")
    terminal.waitFor("mlp> dense 7")
    try terminal.send("C-c")
    // A person sees the fresh prompt before the next key; a key sent at once may arrive while
    // the terminal is switched back from line editing, which discards pending input.
    terminal.waitFor("dense 7\nmlp>")
    try terminal.send("C-d")
    terminal.wait("the session to end", seconds: 10) { _ in !terminal.alive }

    // Every line entered was appended (the recalled one twice); reading deduplicates.
    let path = state.path + "/mlp/history"
    let raw = try String(contentsOfFile: path, encoding: .utf8)
    #expect(raw.split(separator: "\n").count == 8)
    #expect(
      HistoryStore(path: path).load() == [
        "data fashion-mnist", "normalize 255; dense 100 relu", "dropout 0.2",
        "dense 10 softmax; loss crossentropy", "seed 1", "train epochs 50", ":summary",
      ])
  }
}
