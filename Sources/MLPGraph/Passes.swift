import MLPLanguage

extension Graph {
  /// The forward nodes that read a tensor.
  func consumers(of tensor: TensorID) -> [Int] {
    forward.indices.filter { forward[$0].inputs.contains(tensor) }
  }

  /// The forward node that writes a tensor.
  func producer(of tensor: TensorID) -> Int? {
    forward.firstIndex { $0.outputs.contains(tensor) }
  }

  /// softmax followed by crossentropy becomes one `softmaxCrossEntropy` (and sigmoid followed by
  /// binary_crossentropy one `sigmoidBinaryCrossEntropy`): the gradient with respect to the
  /// logits is then simply p - y, exact where the separate steps would divide by tiny numbers.
  public mutating func fuseLoss() {
    guard let lossIndex = producer(of: loss), case .loss(let kind) = forward[lossIndex].op else {
      return
    }
    let prediction = forward[lossIndex].inputs[0]
    guard let activationIndex = producer(of: prediction),
      case .activation(let activation) = forward[activationIndex].op,
      consumers(of: prediction) == [lossIndex]
    else { return }
    let fused: Operation
    switch (activation, kind) {
    case (.softmax, .crossentropy): fused = .softmaxCrossEntropy
    case (.sigmoid, .binaryCrossentropy): fused = .sigmoidBinaryCrossEntropy
    default: return
    }
    let logits = forward[activationIndex].inputs[0]
    let node = Node(
      fused, [logits, labels], [prediction, loss],
      source: forward[lossIndex].source)
    forward[activationIndex] = node
    forward.remove(at: lossIndex)
  }

  /// add_bias followed by an activation becomes `biasActivation`: one pass over the product.
  public mutating func fuseBiasActivation() {
    var index = 0
    while index < forward.count {
      defer { index += 1 }
      guard forward[index].op == .addBias else { continue }
      let biased = forward[index].outputs[0]
      let readers = consumers(of: biased)
      guard readers.count == 1, let next = readers.first,
        case .activation(let activation) = forward[next].op
      else { continue }
      forward[index] = Node(
        .biasActivation(activation), forward[index].inputs,
        forward[next].outputs, source: forward[index].source)
      forward.remove(at: next)
    }
  }

  /// Appends the backward nodes: walks the forward nodes in reverse, writing for each the
  /// gradients of its inputs from the gradients of its outputs (reverse-mode differentiation).
  /// Each tensor of an MLP is read once, so no gradient needs summing.
  public mutating func differentiate() {
    backward = []
    var gradient: [TensorID: TensorID] = [:]
    let needsGradient = tensorsNeedingGradient()
    func gradientTensor(of tensor: TensorID) -> TensorID {
      add("d" + tensors[tensor.index].name, tensors[tensor.index].shape, .gradient)
    }
    for node in forward.reversed() {
      let source = node.source
      switch node.op {
      case .softmaxCrossEntropy, .sigmoidBinaryCrossEntropy:
        let logits = node.inputs[0]
        let d = gradientTensor(of: logits)
        let op: Operation =
          node.op == .softmaxCrossEntropy
          ? .softmaxCrossEntropyGradient : .sigmoidBinaryCrossEntropyGradient
        backward.append(Node(op, [node.outputs[0], labels], [d], source: source))
        gradient[logits] = d
      case .loss(let kind):
        let prediction = node.inputs[0]
        let d = gradientTensor(of: prediction)
        backward.append(Node(.lossGradient(kind), [prediction, labels], [d], source: source))
        gradient[prediction] = d
      case .activation(let activation), .biasActivation(let activation):
        guard let dy = gradient[node.outputs[0]] else { continue }
        var dz = dy
        if activation != .linear {
          dz = gradientTensor(of: node.inputs[0])
          backward.append(
            Node(
              .activationGradient(activation), [node.outputs[0], dy], [dz],
              source: source))
        }
        gradient[node.inputs[0]] = dz
        if case .biasActivation = node.op { addBiasGradient(node, dz, &gradient) }
      case .addBias:
        guard let dy = gradient[node.outputs[0]] else { continue }
        gradient[node.inputs[0]] = dy
        addBiasGradient(node, dy, &gradient)
      case .dropout:
        guard let dy = gradient[node.outputs[0]], needsGradient.contains(node.inputs[0])
        else { continue }
        let dx = gradientTensor(of: node.inputs[0])
        backward.append(Node(.dropoutGradient, [dy, node.outputs[1]], [dx], source: source))
        gradient[node.inputs[0]] = dx
      case .matmul:
        guard let dz = gradient[node.outputs[0]] else { continue }
        let (x, weight) = (node.inputs[0], node.inputs[1])
        let dw = gradientTensor(of: weight)
        backward.append(
          Node(
            .matmul(transposeA: true, transposeB: false), [x, dz], [dw],
            source: source))
        gradient[weight] = dw
        if needsGradient.contains(x) {
          let dx = gradientTensor(of: x)
          backward.append(
            Node(
              .matmul(transposeA: false, transposeB: true), [dz, weight], [dx],
              source: source))
          gradient[x] = dx
        }
      default:
        continue
      }
    }
    parameters = parameters.map { ($0.value, gradient[$0.value] ?? $0.gradient) }
  }

  private mutating func addBiasGradient(
    _ node: Node, _ dz: TensorID, _ gradient: inout [TensorID: TensorID]
  ) {
    let bias = node.inputs[1]
    let db = add("d" + tensors[bias.index].name, tensors[bias.index].shape, .gradient)
    backward.append(Node(.biasGradient, [dz], [db], source: node.source))
    gradient[bias] = db
  }

  /// Tensors that depend on a parameter: only they need a gradient.
  private func tensorsNeedingGradient() -> Set<TensorID> {
    var needs = Set(parameters.map(\.value))
    for node in forward where node.inputs.contains(where: needs.contains) {
      needs.formUnion(node.outputs)
    }
    return needs
  }
}
