import Foundation
import MLPData
import MLPLanguage

/// What Tab offers at the cursor: the words the language allows there. Statement keywords at the
/// start of a statement; activations after `dense N`; losses after `loss`; optimizers and their
/// options; data set names after `data`; file paths inside quotes; commands after `:`.
public enum Completer {
  /// The candidates for the word that ends at the end of `line` (the text before the cursor),
  /// and the UTF-8 offset where that word starts.
  public static func complete(_ line: String) -> (start: Int, candidates: [String]) {
    let bytes = Array(line.utf8)
    if let quote = openQuote(bytes) {
      // A file completes with the closing quote; a folder leaves the string open.
      let partial = String(decoding: bytes[(quote + 1)...], as: UTF8.self)
      let found = paths(matching: partial).map { $0.hasSuffix("/") ? $0 : $0 + "\"" }
      return (quote + 1, found)
    }
    var start = bytes.count
    while start > 0, !isBreak(bytes[start - 1]) { start -= 1 }
    let word = String(decoding: bytes[start...], as: UTF8.self)
    let statementStart = (bytes[..<start].lastIndex(of: UInt8(ascii: ";")) ?? -1) + 1
    let before = String(decoding: bytes[statementStart..<start], as: UTF8.self)
      .split(whereSeparator: \.isWhitespace).map(String.init)
    let options = candidates(after: before, commandLine: line.hasPrefix(":"))
    if options == ["<path>"] { return (start, paths(matching: word)) }
    return (start, options.filter { $0.hasPrefix(word) })
  }

  private static func isBreak(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ";")
  }

  /// The offset of an unclosed `"`, if the line has one.
  private static func openQuote(_ bytes: [UInt8]) -> Int? {
    var open: Int?
    var escaped = false
    for (index, byte) in bytes.enumerated() {
      if escaped {
        escaped = false
      } else if byte == UInt8(ascii: "\\"), open != nil {
        escaped = true
      } else if byte == UInt8(ascii: "\"") {
        open = open == nil ? index : nil
      }
    }
    return open
  }

  /// The words that may come next after the words `before` of the current statement.
  package static func candidates(after before: [String], commandLine: Bool) -> [String] {
    if commandLine {
      let commands = [
        ":help", ":summary", ":undo", ":reset", ":load", ":save", ":history", ":quit",
      ]
      guard let first = before.first else { return commands }
      switch first {
      case ":help": return before.count == 1 ? Vocabulary.statements : []
      case ":load", ":save": return ["<path>"]
      default: return []
      }
    }
    guard let keyword = before.first else { return Vocabulary.statements }
    let count = before.count
    switch keyword {
    case "dense": return count == 2 ? Activation.allCases.map(\.rawValue) : []
    case "loss": return count == 1 ? Loss.allCases.map(\.rawValue) : []
    case "normalize": return count == 1 ? ["standard", "minmax", "none"] : []
    case "optimizer":
      if count == 1 { return OptimizerSpec.Kind.allCases.map(\.rawValue) }
      guard count % 2 == 0, let kind = OptimizerSpec.Kind(rawValue: before[1]) else { return [] }
      return OptimizerSpec.options(of: kind)
    case "data": return dataCandidates(before)
    case "show": return count == 1 ? Vocabulary.showKinds : []
    case "train":
      if before.last == "validation" { return Vocabulary.validationModes }
      let last = before.last ?? ""
      return ["epochs", "batch", "split", "checkpoint"].contains(last)
        ? [] : Vocabulary.trainOptions
    default: return []
    }
  }

  private static func dataCandidates(_ before: [String]) -> [String] {
    if before.count == 1 { return Catalogue.names + ["idx", "csv"] }
    guard before[1] == "csv", before.count >= 3 else { return [] }
    switch before.last {
    case "label": return ["first", "last"]
    case "split", "test": return []
    default: return Vocabulary.csvOptions
    }
  }

  /// Files and folders whose path starts with `partial`; folders end with `/`.
  package static func paths(matching partial: String) -> [String] {
    let expanded = NSString(string: partial).expandingTildeInPath
    let folder: String
    let prefix: String
    if expanded.hasSuffix("/") {
      folder = expanded
      prefix = ""
    } else {
      folder = (expanded as NSString).deletingLastPathComponent
      prefix = (expanded as NSString).lastPathComponent
    }
    let listed = folder.isEmpty ? "." : folder
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: listed) else {
      return []
    }
    let shown = partial.hasSuffix("/") ? partial : String(partial.dropLast(prefix.count))
    return names.filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }
      .sorted()
      .map { name in
        var isDirectory: ObjCBool = false
        let full = (listed as NSString).appendingPathComponent(name)
        _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
        return shown + name + (isDirectory.boolValue ? "/" : "")
      }
  }
}
