import Foundation
import MLPInterpreter

/// `mlp` with no arguments: an interactive session on a terminal, or, when standard input is
/// not a terminal, the same statements read line by line with no prompts and no line editing.
public enum REPL {
  /// Runs until `:quit`, Ctrl-D or the end of input; returns the exit status (1 when input was
  /// piped and any statement failed).
  public static func run(console: Console, environment: [String: String]) -> Int32 {
    Interrupt.install()
    let shell = Shell(console: console)
    guard isatty(STDIN_FILENO) == 1, let editor = makeEditor() else {
      return piped(shell)
    }
    let store = HistoryStore.standard(environment: environment)
    for line in store?.load() ?? [] { editor.addHistory(line) }
    shell.historyLines = { store?.load() ?? [] }
    console.out("mlp: type a statement, :help for help, Ctrl-D to leave\n")

    var pending = ""
    while true {
      switch editor.read(prompt: pending.isEmpty ? "mlp> " : "...> ") {
      case .end:
        console.out("\n")
        return 0
      case .interrupted:
        console.out("\n")
        pending = ""
        Interrupt.clear()
      case .line(let text):
        pending = joined(pending, text)
        guard Shell.continuation(of: pending) == .none else { continue }
        let input = pending
        pending = ""
        guard !input.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
        let entry = input.replacingOccurrences(of: "\n", with: " ")
        editor.addHistory(entry)
        store?.append(entry)
        if shell.submit(input) == .quit { return 0 }
      }
    }
  }

  /// Adds a line to unfinished input: after an open string it continues the string directly,
  /// otherwise it starts a new line.
  package static func joined(_ pending: String, _ line: String) -> String {
    if pending.isEmpty { return line }
    return Shell.continuation(of: pending) == .string ? pending + line : pending + "\n" + line
  }

  private static func makeEditor() -> LineEditor? {
    // libedit reads UTF-8 only under a UTF-8 locale.
    if let name = setlocale(LC_CTYPE, ""), String(cString: name).uppercased().contains("UTF") {
      // The user's locale is fine.
    } else {
      setlocale(LC_CTYPE, "C.UTF-8")
    }
    LineEditor.completer = Completer.complete
    return LineEditor(program: "mlp")
  }

  /// Statements from a pipe or file: each runs as typed would, and a failure does not stop the
  /// ones after it.
  static func piped(_ shell: Shell) -> Int32 {
    shell.sourceName = "<stdin>"
    var pending = ""
    while let line = readLine(strippingNewline: true) {
      pending = joined(pending, line.hasSuffix("\r") ? String(line.dropLast()) : line)
      guard Shell.continuation(of: pending) == .none else { continue }
      let input = pending
      pending = ""
      guard !input.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
      if shell.submit(input) == .quit { break }
    }
    if !pending.isEmpty { shell.submit(pending) }
    return shell.anyFailed ? 1 : 0
  }
}
