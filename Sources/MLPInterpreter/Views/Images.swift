/// An image to draw: gray levels in 0...1 (0 black), row after row, and the lines under it.
package struct Picture {
  package var pixels: [Float]
  package var rows: Int
  package var columns: Int
  package var caption: [String]

  package init(pixels: [Float], rows: Int, columns: Int, caption: [String]) {
    self.pixels = pixels
    self.rows = rows
    self.columns = columns
    self.caption = caption
  }
}

/// Images side by side, as many a line as fit in `width` columns. Each character cell holds two
/// pixel rows: on a terminal with colour as an upper half block `▀` whose foreground is the
/// upper pixel and background the lower one; otherwise as one of ` .:-=+*#%@` for their mean.
package func drawPictures(_ pictures: [Picture], mode: Console.Pictures, width: Int) -> String {
  guard let first = pictures.first else { return "" }
  let gap = 2
  let perLine = max(1, (width + gap) / (first.columns + gap))
  var text = ""
  var start = 0
  while start < pictures.count {
    let group = Array(pictures[start..<min(start + perLine, pictures.count)])
    let height = (first.rows + 1) / 2
    for line in 0..<height {
      let cells = group.map { cellLine($0, line: line, mode: mode) }
      text += cells.joined(separator: String(repeating: " ", count: gap)) + "\n"
    }
    let captions = group.map(\.caption.count).max() ?? 0
    for index in 0..<captions {
      let parts = group.map { picture in
        let caption = index < picture.caption.count ? picture.caption[index] : ""
        return pad(String(caption.prefix(picture.columns)), picture.columns)
      }
      let line = parts.joined(separator: String(repeating: " ", count: gap))
      text += String(line.reversed().drop(while: { $0 == " " }).reversed()) + "\n"
    }
    start += perLine
    if start < pictures.count { text += "\n" }
  }
  return text
}

/// One character line of a picture: pixel rows `2 * line` and `2 * line + 1`.
private func cellLine(_ picture: Picture, line: Int, mode: Console.Pictures) -> String {
  let ramp = Array(" .:-=+*#%@")
  var text = ""
  for column in 0..<picture.columns {
    let upper = picture.pixels[2 * line * picture.columns + column]
    let lowerRow = 2 * line + 1
    let lower = lowerRow < picture.rows ? picture.pixels[lowerRow * picture.columns + column] : 0
    switch mode {
    case .plain:
      let level = Int(((upper + lower) / 2 * Float(ramp.count - 1)).rounded())
      text.append(ramp[min(max(level, 0), ramp.count - 1)])
    case .palette:
      text += "\u{1B}[38;5;\(gray256(upper))m\u{1B}[48;5;\(gray256(lower))m▀"
    case .trueColour:
      let (top, bottom) = (byte(upper), byte(lower))
      text += "\u{1B}[38;2;\(top);\(top);\(top)m\u{1B}[48;2;\(bottom);\(bottom);\(bottom)m▀"
    }
  }
  return mode == .plain ? text : text + "\u{1B}[0m"
}

/// The nearest of the palette's black (16), 24 grays (232...255) and white (231).
private func gray256(_ value: Float) -> Int {
  let level = byte(value)
  if level < 4 { return 16 }
  if level > 246 { return 231 }
  return 232 + min(23, max(0, (level - 8 + 5) / 10))
}

private func byte(_ value: Float) -> Int { Int((min(max(value, 0), 1) * 255).rounded()) }
