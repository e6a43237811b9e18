import Foundation
import MLPInterpreter
import MLPLanguage

/// The interactive session without the terminal: takes what the user typed, runs statements
/// against one `Session` and the `:` commands against the shell itself. The line editor and the
/// tests both drive it through `submit`.
///
/// Everything typed is kept as one transcript, so a diagnostic names the session's line
/// (`<repl>:12:7`) and messages about earlier statements point at them.
public final class Shell {
  public let console: Console
  public private(set) var session: Session
  /// The seed the session started with, written by `:save` when no `seed` statement was typed.
  public private(set) var seed: UInt64
  /// The statements that built the session, as typed, in order (what `:save` writes).
  public private(set) var statements: [String] = []
  /// Earlier history lines, shown by `:history`.
  public var historyLines: () -> [String] = { [] }
  /// Whether any statement or command has failed (the exit status of a piped session).
  public private(set) var anyFailed = false

  /// The name diagnostics give the typed text: `<repl>` on a terminal, `<stdin>` for a pipe.
  public var sourceName = "<repl>"
  private var transcript = ""
  private var undoStack: [(snapshot: Session.Snapshot, statements: Int, note: String)] = []
  private let undoLimit = 50
  private let baseDirectory: String

  public enum Outcome: Equatable {
    case succeeded
    case failed
    case quit
  }

  public init(console: Console, seed: UInt64? = nil, baseDirectory: String? = nil) {
    self.console = console
    self.seed = seed ?? UInt64.random(in: 0...UInt64(UInt32.max))
    self.baseDirectory = baseDirectory ?? FileManager.default.currentDirectoryPath
    self.session = Session(console: console, baseDirectory: self.baseDirectory, seed: self.seed)
    session.shouldStop = { Interrupt.requested }
  }

  /// How an unfinished input continues on the next line.
  public enum Continuation: Equatable {
    /// The input is complete.
    case none
    /// It ends with `;`: the next line is another statement.
    case nextLine
    /// A string is open: the next line continues it, joined without a line break.
    case string
  }

  /// Whether `text` is finished, or waits for more.
  public static func continuation(of text: String) -> Continuation {
    var inString = false
    var escaped = false
    var last: Character = " "
    for character in text {
      if inString {
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == "\"" {
          inString = false
        }
        continue
      }
      if character == "#" { break }
      if character == "\"" { inString = true }
      if !character.isWhitespace { last = character }
    }
    if inString { return .string }
    return last == ";" && !text.hasPrefix(":") ? .nextLine : .none
  }

  /// Runs one complete input: a `:` command, or one or more statements.
  @discardableResult
  public func submit(_ input: String) -> Outcome {
    let trimmed = input.trimmingCharacters(in: .whitespaces)
    let outcome: Outcome
    if trimmed.hasPrefix(":") {
      outcome = command(trimmed)
    } else {
      outcome = run(input)
    }
    if outcome == .failed { anyFailed = true }
    return outcome
  }

  /// Parses `input` as part of the transcript and runs its statements until one fails; a
  /// failed statement leaves the session as it was before that statement.
  private func run(_ input: String) -> Outcome {
    let start = transcript.utf8.count
    transcript += input.hasSuffix("\n") ? input : input + "\n"
    let source = SourceFile(name: sourceName, text: transcript)
    let (script, syntaxErrors) = Parser.parse(source, from: start)
    session.forgetFailures()
    let renderer = DiagnosticRenderer(source: source, colour: console.colour)
    guard !syntaxErrors.hasErrors else {
      for diagnostic in syntaxErrors { console.err(renderer.render(diagnostic) + "\n") }
      return .failed
    }
    for statement in script.statements {
      let before = session.snapshot()
      let (checked, diagnostics) = session.check(statement)
      for diagnostic in diagnostics { console.err(renderer.render(diagnostic) + "\n") }
      guard let checked else { return .failed }
      Interrupt.clear()
      do {
        try session.execute(checked)
      } catch {
        console.err(renderer.render(error.diagnostic) + "\n")
        session.restore(before)
        return .failed
      }
      guard checked.changesSession else { continue }
      let text = source.text(statement.range)
      remember(before, note: text)
      statements.append(text)
    }
    return .succeeded
  }

  private func remember(_ snapshot: Session.Snapshot, note: String) {
    undoStack.append((snapshot, statements.count, note))
    if undoStack.count > undoLimit { undoStack.removeFirst() }
  }

  /// `:undo`: the session as it was before the last statement that changed it.
  func undo() -> Outcome {
    guard let last = undoStack.popLast() else {
      console.err("nothing to undo\n")
      return .failed
    }
    session.restore(last.snapshot)
    statements.removeLast(statements.count - last.statements)
    console.out("undid '\(last.note)'\n")
    return .succeeded
  }

  /// `:reset`: an empty session (the history of typed lines stays).
  func reset() -> Outcome {
    session = Session(console: console, baseDirectory: baseDirectory, seed: seed)
    session.shouldStop = { Interrupt.requested }
    statements = []
    undoStack = []
    console.out("the session is empty\n")
    return .succeeded
  }
}
