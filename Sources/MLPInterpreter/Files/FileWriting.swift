import Foundation

/// Writes `data` to a temporary file in the target's folder and renames it into place, so an
/// interrupted write leaves the old file whole and a reader never sees half a file.
package func writeAtomically(_ data: Data, to path: String) throws {
  let target = URL(fileURLWithPath: path)
  let temporary = target.deletingLastPathComponent()
    .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp")
  try data.write(to: temporary)
  guard rename(temporary.path, target.path) == 0 else {
    let error = String(cString: strerror(errno))
    try? FileManager.default.removeItem(at: temporary)
    throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: error])
  }
}

/// Why a write failed, in a few words ("Permission denied", "No such file or directory").
func reason(_ error: any Error) -> String {
  let error = error as NSError
  if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
    underlying.domain == NSPOSIXErrorDomain
  {
    return String(cString: strerror(Int32(underlying.code)))
  }
  return error.localizedDescription
}

/// `text` as a JSON string literal, quotes included.
func jsonQuoted(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case _ where scalar.value < 0x20:
      out += String(format: "\\u%04x", scalar.value)
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}

/// Floats as a JSON array, each in the shortest text that reads back as the same Float.
func jsonArray(_ values: [Float]) -> String {
  "[" + values.map { $0.description }.joined(separator: ", ") + "]"
}
