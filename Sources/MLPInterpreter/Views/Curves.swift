import Foundation

/// Loss and accuracy per epoch, for training and (when there was any) validation: as two
/// braille charts for the terminal, as an SVG of two panels, and in words when the curves show
/// overfitting.
package struct Curves {
  package var history: [EpochRecord]

  package init(history: [EpochRecord]) { self.history = history }

  private var hasValidation: Bool { history.contains { $0.validationAccuracy != nil } }

  /// The two charts, `width` cells wide, and the overfitting note when there is one.
  package func text(width: Int, colour: Bool) -> String {
    let epochs = history.map(\.epoch)
    func chart(_ title: String, _ train: [Double?], _ validation: [Double?]) -> LineChart {
      var series = [LineChart.Series(name: "training", marker: "●", colour: 36, values: train)]
      if hasValidation {
        series.append(
          LineChart.Series(name: "validation", marker: "○", colour: 33, values: validation))
      }
      return LineChart(
        title: title, xLabels: epochs, xName: "epoch", series: series, width: width)
    }
    var text = chart("loss", history.map(\.loss), history.map(\.validationLoss)).render(
      colour: colour)
    text += "\n"
    text += chart("accuracy", history.map(\.accuracy), history.map(\.validationAccuracy))
      .render(colour: colour)
    if let note = overfitting { text += "\n" + wrap(note, width: width + 12) }
    return text
  }

  /// Says so when validation accuracy has not improved for at least two epochs since its best
  /// while training accuracy kept rising: which epoch was best, how far training accuracy rose
  /// since, and where validation accuracy ended.
  package var overfitting: String? {
    // An epoch stopped part way says little about the trend; leave it out.
    let scored = history.filter(\.complete).compactMap { record in
      record.validationAccuracy.map { (record, $0) }
    }
    guard let best = scored.max(by: { $0.1 < $1.1 }), let last = scored.last,
      last.0.epoch - best.0.epoch >= 2
    else { return nil }
    let rise = last.0.accuracy - best.0.accuracy
    guard rise > 0.002 else { return nil }
    let change = last.1 - best.1
    let validation =
      change < -0.0005
      ? "validation accuracy fell to \(fixed(last.1, 4)) (\(fixed(change, 4)))"
      : "validation accuracy stalled at \(fixed(last.1, 4))"
    return """
      validation accuracy was best at epoch \(best.0.epoch) (\(fixed(best.1, 4))); since then \
      training accuracy rose from \(fixed(best.0.accuracy, 4)) to \(fixed(last.0.accuracy, 4)) \
      (+\(fixed(rise, 4))) while \(validation): the network is learning its training examples \
      rather than what carries over to new ones (overfitting). The weights of epoch \
      \(best.0.epoch) generalized best; fewer epochs, more dropout or more data would help
      """
  }

  /// The two panels as an SVG document: loss on the left, accuracy on the right, training solid
  /// and validation dashed, the best validation epoch marked.
  package var svg: String {
    var svg = SVG(width: 900, height: 380)
    svg.text("Training curves", x: 450, y: 26, size: 16, anchor: .middle, bold: true)
    let best = history.filter { $0.validationAccuracy != nil }.max {
      $0.validationAccuracy! < $1.validationAccuracy!
    }
    panel(
      &svg, title: "loss", left: 70, train: history.map(\.loss),
      validation: history.map(\.validationLoss), best: nil)
    panel(
      &svg, title: "accuracy", left: 510, train: history.map(\.accuracy),
      validation: history.map(\.validationAccuracy), best: best?.epoch)
    // Legend.
    let legendY = 360.0
    svg.line(300, legendY - 4, 330, legendY - 4, stroke: trainColour, width: 2.5)
    svg.circle(315, legendY - 4, radius: 3.5, fill: trainColour)
    svg.text("training", x: 338, y: legendY)
    if hasValidation {
      svg.line(
        450, legendY - 4, 480, legendY - 4, stroke: validationColour, width: 2.5, dash: "6 4")
      svg.circle(465, legendY - 4, radius: 3.5, fill: "white", stroke: validationColour)
      svg.text("validation", x: 488, y: legendY)
    }
    return svg.document
  }

  private let trainColour = "#1f6fb4"
  private let validationColour = "#e07b10"

  private func panel(
    _ svg: inout SVG, title: String, left: Double, train: [Double], validation: [Double?],
    best: Int?
  ) {
    let (top, width, height) = (60.0, 360.0, 240.0)
    let values = (train + validation.compactMap { $0 }).filter(\.isFinite)
    let ticks = niceTicks(low: values.min() ?? 0, high: values.max() ?? 1)
    let (low, high) = (ticks.first ?? 0, ticks.last ?? 1)
    let epochs = history.map(\.epoch)
    let first = Double(epochs.first ?? 1)
    let span = Double(max((epochs.last ?? 1) - (epochs.first ?? 1), 1))
    func x(_ epoch: Int) -> Double { left + (Double(epoch) - first) / span * width }
    func y(_ value: Double) -> Double { top + (high - value) / max(high - low, 1e-12) * height }

    svg.text(title, x: left + width / 2, y: top - 14, size: 14, anchor: .middle, bold: true)
    svg.rect(x: left, y: top, width: width, height: height, fill: "#fafafa", stroke: "#999")
    for tick in ticks {
      svg.line(left, y(tick), left + width, y(tick), stroke: "#e2e2e2")
      svg.text(tickLabel(tick, ticks), x: left - 6, y: y(tick) + 4, size: 11, anchor: .end)
    }
    let step = max(1, Int((Double(epochs.count) / 10).rounded(.up)))
    let last = epochs.last ?? 1
    for epoch in epochs
    where ((epoch - epochs[0]) % step == 0 && last - epoch >= (step + 1) / 2) || epoch == last {
      svg.line(x(epoch), top + height, x(epoch), top + height + 5, stroke: "#999")
      svg.text(String(epoch), x: x(epoch), y: top + height + 18, size: 11, anchor: .middle)
    }
    svg.text("epoch", x: left + width / 2, y: top + height + 36, size: 12, anchor: .middle)
    if let best {
      svg.line(x(best), top, x(best), top + height, stroke: "#888", dash: "2 3")
      let flip = x(best) > left + width - 100
      svg.text(
        "best validation", x: x(best) + (flip ? -4 : 4), y: top + 14, size: 10,
        anchor: flip ? .end : .start, fill: "#666")
    }
    svg.polyline(
      zip(epochs, train).map { (x($0), y($1)) }, stroke: trainColour, width: 2.5)
    for (epoch, value) in zip(epochs, train) {
      svg.circle(x(epoch), y(value), radius: 3.5, fill: trainColour)
    }
    let checked = zip(epochs, validation).compactMap { epoch, value in value.map { (epoch, $0) } }
    guard !checked.isEmpty else { return }
    svg.polyline(
      checked.map { (x($0.0), y($0.1)) }, stroke: validationColour, width: 2.5, dash: "6 4")
    for (epoch, value) in checked {
      svg.circle(x(epoch), y(value), radius: 3.5, fill: "white", stroke: validationColour)
    }
  }
}

/// Round values that span `low...high`: steps of 1, 2 or 5 times a power of ten, about five.
func niceTicks(low: Double, high: Double) -> [Double] {
  var (low, high) = (low, high)
  if high - low < 1e-9 {
    low -= 0.5
    high += 0.5
  }
  let rough = (high - low) / 4
  let power = pow(10, floor(log10(rough)))
  let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
  let start = floor(low / step) * step
  var ticks: [Double] = []
  var value = start
  while value < high + step * 0.999 {
    ticks.append(value)
    if value >= high { break }
    value += step
  }
  return ticks
}

/// A tick with as many decimals as the step needs.
private func tickLabel(_ value: Double, _ ticks: [Double]) -> String {
  let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
  let decimals = max(0, Int(-floor(log10(step) + 1e-9)))
  return String(format: "%.\(decimals)f", value)
}

/// `text` broken into lines of at most `width` characters at spaces, each line ended.
func wrap(_ text: String, width: Int) -> String {
  var lines: [String] = []
  var line = ""
  for word in text.split(separator: " ") {
    if !line.isEmpty, line.count + 1 + word.count > width {
      lines.append(line)
      line = ""
    }
    line += (line.isEmpty ? "" : " ") + word
  }
  if !line.isEmpty { lines.append(line) }
  return lines.map { $0 + "\n" }.joined()
}
