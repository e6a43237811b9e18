import Foundation

/// Writes `text` to a temporary file in the target's folder and renames it into place, so an
/// interrupted write leaves the old file whole.
package func writeAtomically(_ text: String, to path: String) throws {
  let target = URL(fileURLWithPath: path)
  let temporary = target.deletingLastPathComponent()
    .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp")
  try Data(text.utf8).write(to: temporary)
  guard rename(temporary.path, target.path) == 0 else {
    let error = String(cString: strerror(errno))
    try? FileManager.default.removeItem(at: temporary)
    throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: error])
  }
}
