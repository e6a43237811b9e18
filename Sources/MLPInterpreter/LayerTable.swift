import Foundation
import MLPLanguage

/// The model as a table: each layer's output shape and parameter count, then the totals.
///
///     layer            output   parameters
///     input            784
///     dense relu       100      78,500
///     ...
public func layerTable(_ state: ModelState) -> String {
  var rows: [(String, String, String)] = [("layer", "output", "parameters")]
  var width = state.inputWidth
  rows.append(("input", width.map(String.init) ?? "?", ""))
  var total = 0
  for layer in state.layers {
    switch layer.kind {
    case .dense(let units, let activation):
      let count = width.map { $0 * units + units }
      total += count ?? 0
      rows.append(("dense \(activation.rawValue)", "\(units)", count.map(formatCount) ?? "?"))
      width = units
    case .dropout(let rate):
      rows.append(("dropout \(rate)", width.map(String.init) ?? "?", ""))
    }
  }
  if let loss = state.loss { rows.append(("loss \(loss.rawValue)", "", "")) }
  rows.append(("total", "", formatCount(total)))
  let first = rows.map(\.0.count).max() ?? 0
  let second = rows.map(\.1.count).max() ?? 0
  let third = rows.map(\.2.count).max() ?? 0
  return rows.map { row in
    let name = row.0.padding(toLength: first + 3, withPad: " ", startingAt: 0)
    let output = row.1.padding(toLength: second + 3, withPad: " ", startingAt: 0)
    let count = String(repeating: " ", count: third - row.2.count) + row.2
    return (name + output + count).replacingOccurrences(
      of: "\\s+$", with: "",
      options: .regularExpression)
  }.joined(separator: "\n") + "\n"
}
