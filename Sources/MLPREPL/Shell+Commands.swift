import Foundation
import MLPInterpreter
import MLPLanguage

extension Shell {
  /// `:name argument`.
  func command(_ text: String) -> Outcome {
    let parts = text.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
    let name = parts.first ?? ""
    let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
    switch name {
    case "help", "h", "?":
      console.out(Help.text(for: argument.isEmpty ? nil : argument))
    case "summary" where session.state.layers.isEmpty && session.state.inputWidth == nil:
      console.out(
        "the session has no model yet; start with 'data fashion-mnist' and a 'dense' layer\n")
    case "summary":
      console.out(modelSummary(session.state))
    case "undo":
      return undo()
    case "reset":
      return reset()
    case "load":
      return load(path(argument))
    case "save":
      return save(path(argument))
    case "history":
      for (index, line) in historyLines().enumerated() { console.out("\(index + 1)  \(line)\n") }
    case "quit", "q", "exit":
      return .quit
    default:
      let known = ["help", "summary", "undo", "reset", "load", "save", "history", "quit"]
      let hint = closestMatch(to: name, in: known).map { "; did you mean ':\($0)'?" } ?? ""
      console.err("unknown command ':\(name)'\(hint) (:help lists them)\n")
      return .failed
    }
    return .succeeded
  }

  /// A path argument, with quotes removed and `~` expanded.
  private func path(_ argument: String) -> String {
    var text = argument
    if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
      text = String(text.dropFirst().dropLast())
    }
    return NSString(string: text).expandingTildeInPath
  }

  /// `:load FILE`: the script's statements run into this session, in order, until one fails.
  func load(_ file: String) -> Outcome {
    guard !file.isEmpty else {
      console.err("expected a file after ':load'\n")
      return .failed
    }
    guard let data = FileManager.default.contents(atPath: file) else {
      console.err("\(file): no such file\n")
      return .failed
    }
    let text = String(decoding: data, as: UTF8.self)
    return submitStatements(of: text)
  }

  private func submitStatements(of text: String) -> Outcome {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var pending = ""
    for line in lines {
      pending += String(line).replacingOccurrences(of: "\r", with: "")
      if Shell.continuation(of: pending) == .string { continue }
      if submit(pending) == .failed { return .failed }
      pending = ""
    }
    return pending.isEmpty ? .succeeded : submit(pending)
  }

  /// `:save FILE`: the statements that rebuild this session, written atomically (a temporary
  /// file beside the target, then renamed over it).
  func save(_ file: String) -> Outcome {
    guard !file.isEmpty else {
      console.err("expected a file after ':save'\n")
      return .failed
    }
    var text = "# written by mlp's :save; 'mlp run' on this file rebuilds the session\n"
    if session.state.seed == nil { text += "seed \(seed)\n" }
    for statement in statements { text += statement + "\n" }
    if let interruption = session.interruption {
      text += "# the last train was \(interruption); this file trains it in full\n"
    }
    do {
      try writeAtomically(Data(text.utf8), to: file)
    } catch {
      console.err("\(file): cannot write: \(error.localizedDescription)\n")
      return .failed
    }
    console.out("saved \(statements.count) statements to \(file)\n")
    return .succeeded
  }
}
