import CEditLine
import Foundation

/// Line editing through libedit's native interface (histedit.h), chosen over its readline
/// emulation because it gives a completion function the whole line and lets the prompt change
/// between reads without global readline state; its variadic setters are reached through the
/// small inline functions in CEditLine/shim.h. Emacs key bindings, with Ctrl-R bound to
/// incremental history search.
final class LineEditor {
  private let editor: OpaquePointer
  private let history: OpaquePointer

  enum Read: Equatable {
    case line(String)
    /// Ctrl-C at the prompt: the line is dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the end of input.
    case end
  }

  /// The prompt shown by the next read, read by libedit's prompt callback.
  nonisolated(unsafe) static var prompt = strdup("mlp> ")
  /// Completion for the Tab callback: the text before the cursor in, candidates out.
  nonisolated(unsafe) static var completer: (String) -> (start: Int, candidates: [String]) = {
    _ in (0, [])
  }

  init?(program: String) {
    guard let input = fdopen(STDIN_FILENO, "r"), let output = fdopen(STDOUT_FILENO, "w"),
      let errors = fdopen(STDERR_FILENO, "w"),
      let editor = el_init(program, input, output, errors), let history = history_init()
    else { return nil }
    self.editor = editor
    self.history = history
    mlp_history_set_size(history, 1000)
    mlp_history_set_unique(history, 1)
    mlp_el_set_history(editor, history)
    mlp_el_set_editor(editor, "emacs")
    mlp_el_set_prompt(editor) { _ in LineEditor.prompt }
    mlp_el_add_function(editor, "mlp-complete", "complete the word", LineEditor.complete)
    mlp_el_bind(editor, "^I", "mlp-complete")
    mlp_el_bind(editor, "^R", "em-inc-search-prev")
    mlp_el_set_getc(editor, LineEditor.readCharacter)
  }

  deinit {
    el_end(editor)
    history_end(history)
  }

  func addHistory(_ line: String) {
    mlp_history_enter(history, line)
  }

  func read(prompt text: String) -> Read {
    free(LineEditor.prompt)
    LineEditor.prompt = strdup(text)
    var count: Int32 = 0
    Interrupt.clear()
    guard let line = el_gets(editor, &count) else {
      if Interrupt.requested {
        el_reset(editor)
        return .interrupted
      }
      return .end
    }
    var text = String(cString: line)
    if text.hasSuffix("\n") { text.removeLast() }
    return .line(text)
  }

  /// libedit's source of characters: one UTF-8 character from standard input. It waits in short
  /// polls and gives up (as an error, so `el_gets` returns) as soon as Ctrl-C has set the
  /// interrupt flag, whether the signal came while waiting or while keys were being handled.
  private static let readCharacter:
    @convention(c) (OpaquePointer?, UnsafeMutablePointer<wchar_t>?) -> Int32 = { _, result in
      guard let result, let first = LineEditor.readByte() else {
        return Interrupt.requested ? -1 : 0
      }
      var length = 1
      var scalar = UInt32(first)
      if first >= 0xF0 {
        (length, scalar) = (4, UInt32(first & 0x07))
      } else if first >= 0xE0 {
        (length, scalar) = (3, UInt32(first & 0x0F))
      } else if first >= 0xC0 {
        (length, scalar) = (2, UInt32(first & 0x1F))
      }
      for _ in 1..<max(length, 1) {
        guard let next = LineEditor.readByte(), next & 0xC0 == 0x80 else { return -1 }
        scalar = scalar << 6 | UInt32(next & 0x3F)
      }
      result.pointee = wchar_t(bitPattern: length == 1 || scalar <= 0x10FFFF ? scalar : 0xFFFD)
      return 1
    }

  /// The next byte of standard input; nil at its end, on an error, or when Ctrl-C was pressed.
  private static func readByte() -> UInt8? {
    var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    while !Interrupt.requested {
      let ready = poll(&descriptor, 1, 100)
      if ready < 0, errno != EINTR { return nil }
      guard ready > 0 else { continue }
      var byte: UInt8 = 0
      let count = Glibc.read(STDIN_FILENO, &byte, 1)
      if count == 1 { return byte }
      if count == 0 || errno != EINTR { return nil }
    }
    return nil
  }

  /// Tab: one candidate is inserted whole; several are narrowed to their common prefix, or
  /// listed under the line when they share no more.
  private static let complete: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { editor, _ in
    guard let editor, let info = el_line(editor) else { return UInt8(CC_ERROR) }
    let start = UnsafeRawPointer(info.pointee.buffer)
    let cursor = UnsafeRawPointer(info.pointee.cursor)
    guard let start, let cursor else { return UInt8(CC_ERROR) }
    let length = cursor - start
    let bytes = UnsafeRawBufferPointer(start: start, count: length)
    let line = String(decoding: bytes, as: UTF8.self)
    let (wordStart, candidates) = completer(line)
    let typed = line.utf8.count - wordStart
    guard let first = candidates.first else { return UInt8(CC_REFRESH_BEEP) }
    var common = first
    for candidate in candidates.dropFirst() {
      common = String(zip(common, candidate).prefix { $0 == $1 }.map(\.0))
    }
    var insertion = String(decoding: Array(common.utf8).dropFirst(typed), as: UTF8.self)
    if candidates.count == 1, !first.hasSuffix("/") { insertion += " " }
    if !insertion.isEmpty {
      el_insertstr(editor, insertion)
      return UInt8(CC_REFRESH)
    }
    let listing = "\n" + candidates.joined(separator: "  ") + "\n"
    FileHandle.standardOutput.write(Data(listing.utf8))
    return UInt8(CC_REDISPLAY)
  }
}
