import Foundation

/// A small SVG writer: elements appended as text, attributes escaped, numbers rounded to one
/// decimal. Text uses a monospaced font, so widths can be estimated from character counts.
struct SVG {
  var width: Double
  var height: Double
  private var body: [String] = []

  /// The width of `count` characters of monospaced text at `size` pixels (0.6 em each).
  static func textWidth(_ count: Int, size: Double) -> Double { Double(count) * size * 0.6 }

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String = "none",
    radius: Double = 0
  ) {
    body.append(
      "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" "
        + "rx=\"\(n(radius))\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>"
    )
  }

  mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
    dash: String? = nil, arrow: Bool = false
  ) {
    var text = "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\""
    text += " stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
    if let dash { text += " stroke-dasharray=\"\(dash)\"" }
    if arrow { text += " marker-end=\"url(#arrow)\"" }
    body.append(text + "/>")
  }

  mutating func polyline(
    _ points: [(Double, Double)], stroke: String, width: Double, dash: String? = nil
  ) {
    let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
    var text = "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\""
    text += " stroke-width=\"\(n(width))\" stroke-linejoin=\"round\""
    if let dash { text += " stroke-dasharray=\"\(dash)\"" }
    body.append(text + "/>")
  }

  /// A path of straight segments through `points`, with an arrowhead at its end.
  mutating func arrowPath(_ points: [(Double, Double)], stroke: String) {
    let moves = points.enumerated().map {
      "\($0.offset == 0 ? "M" : "L") \(n($0.element.0)) \(n($0.element.1))"
    }
    body.append(
      "<path d=\"\(moves.joined(separator: " "))\" fill=\"none\" stroke=\"\(stroke)\" marker-end=\"url(#arrow)\"/>"
    )
  }

  mutating func circle(
    _ x: Double, _ y: Double, radius: Double, fill: String, stroke: String = "none"
  ) {
    body.append(
      "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>"
    )
  }

  enum Anchor: String {
    case start
    case middle
    case end
  }

  mutating func text(
    _ string: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
    fill: String = "#222", bold: Bool = false
  ) {
    var text = "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\""
    text += " text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\""
    if bold { text += " font-weight=\"bold\"" }
    body.append(text + ">\(escape(string))</text>")
  }

  /// The whole document, with a white background and an arrowhead marker for `line(arrow:)`.
  var document: String {
    var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    text +=
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\""
    text +=
      " viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\">\n"
    text += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
    text += " markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">"
    text += "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>\n"
    text += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    for element in body { text += element + "\n" }
    return text + "</svg>\n"
  }

  private func n(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }

  private func escape(_ string: String) -> String {
    string.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
