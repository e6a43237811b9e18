import Foundation

/// A line chart drawn with braille characters: each character cell holds 2 x 4 dots, so a chart
/// `width` cells wide has `2 * width` points across. Each series is a line through its points,
/// with a marker at each point (when there is room); on a terminal with colour each series has
/// its own colour. The y axis is labelled at its top, middle and bottom, the x axis with some
/// of the x values, and a legend names the series.
struct LineChart {
  struct Series {
    var name: String
    var marker: Character
    /// ANSI colour code (36 cyan, 33 yellow).
    var colour: Int
    /// One value per x position; nil where there is none.
    var values: [Double?]
  }

  var title: String
  var xLabels: [Int]
  var xName: String
  var series: [Series]
  var width = 56
  var height = 10
  /// Decimals of the y labels.
  var digits = 3

  func render(colour: Bool) -> String {
    let values = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
    guard var low = values.min(), var high = values.max() else { return title + ": no values\n" }
    if high - low < 1e-9 {
      low -= 0.5
      high += 0.5
    }
    let grid = plot(low: low, high: high)
    let labels = [
      0: String(format: "%.\(digits)f", high),
      (height - 1) / 2: String(format: "%.\(digits)f", (low + high) / 2),
      height - 1: String(format: "%.\(digits)f", low),
    ]
    let labelWidth = labels.values.map(\.count).max() ?? 0
    var text = title + "\n"
    for row in 0..<height {
      let label =
        labels[row].map { leftPad($0, labelWidth) + " ┤" } ?? String(
          repeating: " ", count: labelWidth) + " │"
      var line = label
      for column in 0..<width {
        let cell = grid[row][column]
        if colour, let owner = cell.owner {
          line += "\u{1B}[\(series[owner].colour)m\(cell.character)\u{1B}[0m"
        } else {
          line += String(cell.character)
        }
      }
      text += String(line.reversed().drop(while: { $0 == " " }).reversed()) + "\n"
    }
    text += String(repeating: " ", count: labelWidth + 1) + axis() + "\n"
    text += String(repeating: " ", count: labelWidth + 2) + ticks() + "  " + xName + "\n"
    let legend = series.map { item in
      let sample = "\(item.marker)⠒⠒"
      return (colour ? "\u{1B}[\(item.colour)m\(sample)\u{1B}[0m" : sample) + " " + item.name
    }
    text += String(repeating: " ", count: labelWidth + 2) + legend.joined(separator: "   ") + "\n"
    return text
  }

  private struct Cell {
    var dots: UInt8 = 0
    var marker: Character?
    var owner: Int?

    var character: Character {
      if let marker { return marker }
      return dots == 0 ? " " : Character(UnicodeScalar(0x2800 + UInt32(dots))!)
    }
  }

  /// The x dot of point `index`.
  private func dotX(_ index: Int) -> Int {
    let count = xLabels.count
    guard count > 1 else { return width }
    return Int((Double(index) / Double(count - 1) * Double(2 * width - 1)).rounded())
  }

  private func plot(low: Double, high: Double) -> [[Cell]] {
    var grid = [[Cell]](repeating: [Cell](repeating: Cell(), count: width), count: height)
    let dotsHigh = 4 * height - 1
    func dotY(_ value: Double) -> Int {
      Int(((high - value) / (high - low) * Double(dotsHigh)).rounded())
    }
    func set(_ x: Int, _ y: Int, _ owner: Int) {
      guard x >= 0, x < 2 * width, y >= 0, y <= dotsHigh else { return }
      let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
      grid[y / 4][x / 2].dots |= bits[x % 2][y % 4]
      grid[y / 4][x / 2].owner = owner
    }
    // Markers only where they leave room for the line between them.
    let markers = xLabels.count <= width / 3
    for (owner, item) in series.enumerated() {
      var previous: (Int, Int)?
      for (index, value) in item.values.enumerated() {
        guard let value, value.isFinite else {
          previous = nil
          continue
        }
        let point = (dotX(index), dotY(value))
        if let previous {
          line(from: previous, to: point) { set($0, $1, owner) }
        } else {
          set(point.0, point.1, owner)
        }
        previous = point
      }
    }
    if markers {
      for (owner, item) in series.enumerated() {
        for (index, value) in item.values.enumerated() {
          guard let value, value.isFinite else { continue }
          let (x, y) = (dotX(index), dotY(value))
          grid[min(y / 4, height - 1)][min(x / 2, width - 1)].marker = item.marker
          grid[min(y / 4, height - 1)][min(x / 2, width - 1)].owner = owner
        }
      }
    }
    return grid
  }

  /// Bresenham's line between two dots.
  private func line(from start: (Int, Int), to end: (Int, Int), _ set: (Int, Int) -> Void) {
    var (x, y) = start
    let dx = abs(end.0 - x)
    let dy = -abs(end.1 - y)
    let stepX = x < end.0 ? 1 : -1
    let stepY = y < end.1 ? 1 : -1
    var error = dx + dy
    while true {
      set(x, y)
      if x == end.0, y == end.1 { return }
      let doubled = 2 * error
      if doubled >= dy {
        error += dy
        x += stepX
      }
      if doubled <= dx {
        error += dx
        y += stepY
      }
    }
  }

  /// The columns that carry an x label: the first, the last, and evenly between where they fit.
  private func tickColumns() -> [(column: Int, label: String)] {
    guard !xLabels.isEmpty else { return [] }
    let widest = (xLabels.map { String($0).count }.max() ?? 1) + 3
    let room = max(1, width / widest)
    let step = max(1, Int((Double(xLabels.count - 1) / Double(room)).rounded(.up)))
    var indices = Array(stride(from: 0, to: xLabels.count, by: step))
    if let last = indices.last, last != xLabels.count - 1 {
      if dotX(xLabels.count - 1) / 2 - dotX(last) / 2 < widest { indices.removeLast() }
      indices.append(xLabels.count - 1)
    }
    return indices.map { (min(dotX($0) / 2, width - 1), String(xLabels[$0])) }
  }

  private func axis() -> String {
    var characters = [Character](repeating: "─", count: width)
    for tick in tickColumns() { characters[tick.column] = "┬" }
    return "└" + String(characters)
  }

  private func ticks() -> String {
    var characters = [Character](repeating: " ", count: width + 4)
    for tick in tickColumns() {
      for (offset, character) in tick.label.enumerated()
      where tick.column + offset < characters.count {
        characters[tick.column + offset] = character
      }
    }
    return String(String(characters).reversed().drop(while: { $0 == " " }).reversed())
  }
}
