import MLPGraph

/// A compiled graph drawn as boxes and arrows: the data flows down a column of operations, each
/// box naming its operation and the tensor it makes with its shape (`B` is the batch), and the
/// parameters and labels an operation reads come in from the left. With `backward`, a second
/// column lists the backward operations in the order they run.
package struct GraphDiagram {
  package var graph: Graph
  package var backward = false

  package init(graph: Graph, backward: Bool = false) {
    self.graph = graph
    self.backward = backward
  }

  /// The tensors a node reads that no node of the same pass makes: parameters and labels.
  private func sideInputs(_ node: Node) -> [TensorID] {
    node.inputs.filter { [.weight, .bias, .labels].contains(graph[$0].role) }
  }

  private func label(_ tensor: TensorID) -> String {
    "\(graph[tensor].name) \(graph[tensor].shape)"
  }

  private func outputs(_ node: Node) -> String { node.outputs.map(label).joined(separator: ", ") }

  // MARK: Text

  /// The forward pass as a column of boxes drawn with box characters.
  package var text: String {
    let width = (graph.forward.map { max($0.op.name.count, outputs($0).count) }.max() ?? 0) + 2
    var text = "  " + label(graph.input) + "\n  │\n"
    for (index, node) in graph.forward.enumerated() {
      let side = sideInputs(node).map { " ◀── " + label($0) }
      text += "┌─▼" + String(repeating: "─", count: width - 1) + "┐\n"
      text += "│ " + pad(node.op.name, width) + "│" + (side.first ?? "") + "\n"
      text += "│ " + pad(outputs(node), width) + "│" + (side.count > 1 ? side[1] : "") + "\n"
      for extra in side.dropFirst(2) {
        text += String(repeating: " ", count: width + 3) + extra + "\n"
      }
      let last = index == graph.forward.count - 1
      text += (last ? "└──" : "└─┬") + String(repeating: "─", count: width - 1) + "┘\n"
      if !last { text += "  │\n" }
    }
    return text
  }

  // MARK: Graphviz

  /// The graph in Graphviz's language: tensors that enter the graph as ellipses, operations as
  /// boxes, an edge from whatever makes a tensor to each operation that reads it.
  package var dot: String {
    var text = "digraph mlp {\n  rankdir=TB;\n  node [shape=box, fontname=\"monospace\"];\n"
    var maker: [TensorID: String] = [:]
    for (index, tensor) in graph.tensors.enumerated()
    where [.input, .labels, .weight, .bias].contains(tensor.role) {
      maker[TensorID(index)] = "t\(index)"
    }
    let nodes = graph.forward.map { ($0, "f") } + (backward ? graph.backward.map { ($0, "b") } : [])
    let used = Set(nodes.flatMap { $0.0.inputs })
    for (id, name) in maker.sorted(by: { $0.key < $1.key }) where used.contains(id) {
      text += "  \(name) [label=\"\(label(id))\", shape=ellipse];\n"
    }
    var counters = ["f": 0, "b": 0]
    for (node, pass) in nodes {
      let name = "\(pass)\(counters[pass, default: 0])"
      counters[pass, default: 0] += 1
      let style = pass == "b" ? ", style=dashed" : ""
      text += "  \(name) [label=\"\(node.op.name)\\n\(outputs(node))\"\(style)];\n"
      for input in node.inputs { if let from = maker[input] { text += "  \(from) -> \(name);\n" } }
      for output in node.outputs { maker[output] = name }
    }
    return text + "}\n"
  }

  // MARK: SVG

  private static let font = 13.0
  private static let rowHeight = 78.0
  private static let boxHeight = 48.0

  /// The diagram as an SVG document.
  package var svg: String {
    let font = Self.font
    let widest = graph.forward.map { max($0.op.name.count, outputs($0).count) }.max() ?? 10
    let boxWidth = SVG.textWidth(widest, size: font) + 28
    let sideWidth =
      SVG.textWidth(
        graph.forward.flatMap { sideInputs($0).map { label($0).count } }.max() ?? 10, size: font - 1
      )
      + 20
    let left = 20 + sideWidth + 50
    let backWidth =
      backward
      ? SVG.textWidth(
        graph.backward.map { max($0.op.name.count, outputs($0).count) }.max() ?? 10, size: font)
        + 28 : 0
    let rows = max(graph.forward.count, backward ? graph.backward.count : 0)
    var svg = SVG(
      width: left + boxWidth + (backward ? 60 + backWidth + 80 : 0) + 20,
      height: 100 + Double(rows) * Self.rowHeight)
    svg.text("forward", x: left + boxWidth / 2, y: 24, size: 15, anchor: .middle, bold: true)

    // The input, then one box an operation, each fed by the one above.
    let inputWidth = SVG.textWidth(label(graph.input).count, size: font) + 24
    let centre = left + boxWidth / 2
    svg.rect(
      x: centre - inputWidth / 2, y: 40, width: inputWidth, height: 30, fill: "#eeeeee",
      stroke: "#777", radius: 15)
    svg.text(label(graph.input), x: centre, y: 60, size: font, anchor: .middle)
    var above = 70.0
    for (index, node) in graph.forward.enumerated() {
      let top = 100 + Double(index) * Self.rowHeight
      svg.line(centre, above, centre, top, stroke: "#555", width: 1.5, arrow: true)
      box(&svg, node, x: left, y: top, width: boxWidth, fill: colour(node.op))
      for (offset, tensor) in sideInputs(node).enumerated() {
        let y = top + 4 + Double(offset) * 22
        let width = SVG.textWidth(label(tensor).count, size: font - 1) + 16
        svg.rect(
          x: left - 50 - width, y: y, width: width, height: 19, fill: "#efe6f7", stroke: "#9a7fb8",
          radius: 4)
        svg.text(
          label(tensor), x: left - 50 - width / 2, y: y + 14, size: font - 1, anchor: .middle)
        svg.line(left - 50, y + 9.5, left, y + 9.5, stroke: "#9a7fb8", width: 1.2, arrow: true)
      }
      above = top + Self.boxHeight
    }
    if backward { drawBackward(&svg, x: left + boxWidth + 60, width: backWidth) }
    return svg.document
  }

  private func drawBackward(_ svg: inout SVG, x: Double, width: Double) {
    svg.text("backward", x: x + width / 2, y: 24, size: 15, anchor: .middle, bold: true)
    // A gradient made by the box just above flows straight down; one made further up comes
    // round the right-hand side, each such arrow a little further out.
    var detour = 0.0
    for (index, node) in graph.backward.enumerated() {
      let top = 100 + Double(index) * Self.rowHeight
      for (made, earlier) in graph.backward[..<index].enumerated()
      where node.inputs.contains(where: earlier.outputs.contains) {
        if made == index - 1 {
          svg.line(x + width / 2, top - 30, x + width / 2, top, stroke: "#555", arrow: true)
          continue
        }
        detour += 12
        let from = 100 + Double(made) * Self.rowHeight + Self.boxHeight / 2
        let side = x + width + detour
        svg.arrowPath(
          [(x + width, from - 6), (side, from - 6), (side, top + 10), (x + width, top + 10)],
          stroke: "#777")
      }
      box(&svg, node, x: x, y: top, width: width, fill: "#f3f3f3", dashed: true)
    }
  }

  private func box(
    _ svg: inout SVG, _ node: Node, x: Double, y: Double, width: Double, fill: String,
    dashed: Bool = false
  ) {
    svg.rect(
      x: x, y: y, width: width, height: Self.boxHeight, fill: fill,
      stroke: dashed ? "#999" : "#555", radius: 6)
    svg.text(node.op.name, x: x + 12, y: y + 20, size: Self.font, bold: true)
    svg.text(outputs(node), x: x + 12, y: y + 38, size: Self.font, fill: "#333")
  }

  private func colour(_ op: Operation) -> String {
    switch op {
    case .matmul: "#dce9f8"
    case .addBias, .biasActivation, .activation: "#def3df"
    case .dropout: "#fcf1cf"
    case .loss, .softmaxCrossEntropy, .sigmoidBinaryCrossEntropy: "#f8dcdc"
    default: "#f3f3f3"
    }
  }
}
