import Foundation
import MLPInterpreter

/// The lines typed in earlier sessions, kept in `$XDG_STATE_HOME/mlp/history` (or
/// `~/.local/state/mlp/history`), one entry a line.
///
/// Each entry is appended under an exclusive `flock`, so two sessions typing at once never
/// interleave bytes. When the file grows to twice the cap it is rewritten, deduplicated (the
/// latest copy of a line wins) and cut to the newest `cap` entries, through a temporary file
/// renamed into place while the lock is held.
public struct HistoryStore: Sendable {
  public let path: String
  public let cap: Int

  public init(path: String, cap: Int = 1000) {
    self.path = path
    self.cap = cap
  }

  /// The default place, from the environment.
  public static func standard(environment: [String: String]) -> HistoryStore? {
    let state: String
    if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
      state = xdg
    } else if let home = environment["HOME"], !home.isEmpty {
      state = home + "/.local/state"
    } else {
      return nil
    }
    return HistoryStore(path: state + "/mlp/history")
  }

  /// The entries, oldest first, without duplicates (a repeated line keeps its latest place), at
  /// most `cap`.
  public func load() -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    return Self.deduplicated(lines, cap: cap)
  }

  package static func deduplicated(_ lines: [String], cap: Int) -> [String] {
    var seen = Set<String>()
    var kept: [String] = []
    for line in lines.reversed() where !line.isEmpty && seen.insert(line).inserted {
      kept.append(line)
      if kept.count == cap { break }
    }
    return kept.reversed()
  }

  /// Appends one entry (line breaks inside become spaces). Failures are silent: history is a
  /// convenience and must never stop the session.
  public func append(_ entry: String) {
    let line = entry.replacingOccurrences(of: "\n", with: " ")
      .trimmingCharacters(in: .whitespaces)
    guard !line.isEmpty else { return }
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    guard flock(descriptor, LOCK_EX) == 0 else { return }
    defer { flock(descriptor, LOCK_UN) }
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    compactIfLong()
  }

  /// Rewrites the file when it holds more than twice the cap; the caller holds the lock.
  private func compactIfLong() {
    guard let data = FileManager.default.contents(atPath: path) else { return }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    guard lines.count > 2 * cap else { return }
    let kept = Self.deduplicated(lines, cap: cap)
    try? writeAtomically(Data((kept.joined(separator: "\n") + "\n").utf8), to: path)
  }
}
