import MLPLanguage

extension Graph {
  /// The graph as text, one operation a line with its inputs and output shape, forward then
  /// backward, each ending with the script line that made it:
  ///
  ///     dense1.relu [B, 100] = bias_relu(dense1.product, dense1.bias)   # line 3
  ///
  /// - Parameter line: turns a node's source range into a line number, when there is a file.
  public func listing(line: ((SourceRange) -> Int)? = nil) -> String {
    var text = "inputs\n"
    for (index, tensor) in tensors.enumerated() where used(TensorID(index)) {
      guard [.input, .labels, .weight, .bias].contains(tensor.role) else { continue }
      text += "  \(tensor.name) \(tensor.shape) \(tensor.role)\n"
    }
    text += "forward\n"
    for node in forward { text += describe(node, line: line) }
    text += "backward\n"
    for node in backward { text += describe(node, line: line) }
    return text
  }

  private func describe(_ node: Node, line: ((SourceRange) -> Int)?) -> String {
    let outputs = node.outputs.map { "\(self[$0].name) \(self[$0].shape)" }
    let inputs = node.inputs.map { self[$0].name }.joined(separator: ", ")
    var text = "  \(outputs.joined(separator: ", ")) = \(node.op.name)(\(inputs))"
    if let line, let source = node.source { text += "   # line \(line(source))" }
    return text + "\n"
  }

  private func used(_ tensor: TensorID) -> Bool {
    (forward + backward).contains { $0.inputs.contains(tensor) || $0.outputs.contains(tensor) }
  }
}
