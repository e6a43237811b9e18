import Foundation
import MLPLanguage

/// The model as a table: each layer's output shape, its parameters written as their arithmetic,
/// and its activation; then the totals, the memory the parameters take, and the work of one
/// example (`B` is the batch):
///
///     layer               output     parameters                 activation
///     input               [B, 784]
///     dense1              [B, 100]   784 x 100 + 100 = 78,500   relu
///     ...
///     total                                           79,510
///
/// A width that is not known yet (no data, no input) is `?`.
package func modelSummary(_ state: ModelState) -> String {
  var rows: [SummaryRow] = [SummaryRow("input", state.inputWidth.map(batchShape) ?? "?")]
  var width = state.inputWidth
  var total = 0
  var products = 0
  var dense = 0
  var dropout = 0
  for layer in state.layers {
    switch layer.kind {
    case .dense(let units, let activation):
      dense += 1
      let inputs = width.map(formatCount) ?? "?"
      let count = width.map { $0 * units + units }
      total += count ?? 0
      products += (width ?? 0) * units
      rows.append(
        SummaryRow(
          "dense\(dense)", batchShape(units),
          arithmetic: "\(inputs) x \(formatCount(units)) + \(formatCount(units))",
          count: count.map(formatCount) ?? "?", activation: activation.rawValue))
      width = units
    case .dropout(let rate):
      dropout += 1
      rows.append(SummaryRow("dropout\(dropout) \(rate)", width.map(batchShape) ?? "?"))
    }
  }
  if let loss = state.loss { rows.append(SummaryRow("loss \(loss.rawValue)", "[B, 1]")) }
  rows.append(SummaryRow("total", "", count: formatCount(total)))

  var text = SummaryRow.layout(rows) + "\n"
  let (copies, kept) = optimizerCopies(state.optimizer.kind)
  text += "parameters as Float32: \(bytes(total * 4))\n"
  text += "with \(kept): \(bytes(total * 4 * copies))\n"
  text += "multiply-adds per example: \(formatCount(products))\n"
  return text
}

private func batchShape(_ width: Int) -> String { "[B, \(width)]" }

/// How many parameter-sized buffers training keeps (the parameters and the optimizer's state).
private func optimizerCopies(_ kind: OptimizerSpec.Kind) -> (copies: Int, state: String) {
  switch kind {
  case .adam: (3, "adam's moments m and v")
  case .sgd: (2, "sgd's velocity")
  case .rmsprop: (2, "rmsprop's mean square")
  }
}

/// `318,040 bytes (310.6 KiB)`.
private func bytes(_ count: Int) -> String {
  let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
  guard let (size, name) = units.first(where: { count >= $0.0 }) else {
    return "\(formatCount(count)) bytes"
  }
  return
    "\(formatCount(count)) bytes (\(String(format: "%.1f", Double(count) / Double(size))) \(name))"
}

/// One line of the summary table.
private struct SummaryRow {
  var layer: String
  var output: String
  var arithmetic = ""
  var count = ""
  var activation = ""

  init(
    _ layer: String, _ output: String, arithmetic: String = "", count: String = "",
    activation: String = ""
  ) {
    self.layer = layer
    self.output = output
    self.arithmetic = arithmetic
    self.count = count
    self.activation = activation
  }

  /// The rows in columns, the arithmetic right-aligned on its `=` and the counts on their last
  /// digit, with a header; trailing spaces trimmed.
  static func layout(_ rows: [SummaryRow]) -> String {
    let layerWidth = max(5, rows.map(\.layer.count).max() ?? 0) + 3
    let outputWidth = max(6, rows.map(\.output.count).max() ?? 0) + 3
    let arithmeticWidth = rows.map(\.arithmetic.count).max() ?? 0
    let countWidth = rows.map(\.count.count).max() ?? 0
    // "a x b + c = n", or the count alone under the others.
    let parametersWidth = max(10, arithmeticWidth + (arithmeticWidth > 0 ? 3 : 0) + countWidth) + 3
    var lines = [
      pad("layer", layerWidth) + pad("output", outputWidth) + pad("parameters", parametersWidth)
        + "activation"
    ]
    for row in rows {
      var parameters = ""
      if !row.count.isEmpty {
        let expression =
          row.arithmetic.isEmpty
          ? String(repeating: " ", count: arithmeticWidth + (arithmeticWidth > 0 ? 3 : 0))
          : leftPad(row.arithmetic, arithmeticWidth) + " = "
        parameters = expression + leftPad(row.count, countWidth)
      }
      let line =
        pad(row.layer, layerWidth) + pad(row.output, outputWidth) + pad(parameters, parametersWidth)
        + row.activation
      lines.append(String(line.reversed().drop(while: { $0 == " " }).reversed()))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

func pad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

func leftPad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}
