import MLPLanguage

extension Graph {
  /// Compiles a checked model: the forward graph of primitive operations, then the fusion
  /// passes, then the backward graph derived from the fused forward one.
  public static func compile(_ model: ModelSpec) -> Graph {
    var graph = lowered(model)
    graph.fuseLoss()
    graph.fuseBiasActivation()
    graph.differentiate()
    return graph
  }

  /// The forward graph one primitive per step: matmul, add_bias, activation, dropout, loss.
  public static func lowered(_ model: ModelSpec) -> Graph {
    var graph = Graph()
    graph.input = graph.add("x", .batch(model.inputWidth), .input)
    graph.labels = graph.add("labels", .batch(1), .labels)
    var current = graph.input
    var width = model.inputWidth
    var denseCount = 0
    var dropoutCount = 0
    for layer in model.layers {
      switch layer.kind {
      case .dense(let units, let activation):
        denseCount += 1
        current = graph.addDense(
          "dense\(denseCount)", from: current, width: width, units: units,
          activation: activation, source: layer.range)
        width = units
      case .dropout(let rate):
        dropoutCount += 1
        let name = "dropout\(dropoutCount)"
        let output = graph.add(name, .batch(width), .activation)
        let mask = graph.add("\(name).mask", .batch(width), .mask)
        graph.forward.append(
          Node(.dropout(rate: rate), [current], [output, mask], source: layer.range))
        current = output
      }
    }
    graph.addLoss(model, prediction: current, width: width)
    return graph
  }

  private mutating func addDense(
    _ name: String, from input: TensorID, width: Int, units: Int, activation: Activation,
    source: SourceRange
  ) -> TensorID {
    let weight = add("\(name).weight", Shape(.fixed(width), units), .weight)
    let bias = add("\(name).bias", Shape(.fixed(1), units), .bias)
    let product = add("\(name).product", .batch(units), .activation)
    forward.append(
      Node(
        .matmul(transposeA: false, transposeB: false), [input, weight], [product],
        source: source))
    let biased = add("\(name).preactivation", .batch(units), .activation)
    forward.append(Node(.addBias, [product, bias], [biased], source: source))
    parameters.append((weight, TensorID(0)))
    parameters.append((bias, TensorID(0)))
    guard activation != .linear else { return biased }
    let output = add("\(name).\(activation.rawValue)", .batch(units), .activation)
    forward.append(Node(.activation(activation), [biased], [output], source: source))
    return output
  }

  /// The loss node. Crossentropy always sees probabilities: when the last layer is not softmax,
  /// a softmax is put in front of the loss (the checker warns about it).
  private mutating func addLoss(_ model: ModelSpec, prediction: TensorID, width: Int) {
    var prediction = prediction
    if model.loss == .crossentropy, model.outputActivation != .softmax {
      let probabilities = add("output.softmax", .batch(width), .activation)
      forward.append(
        Node(
          .activation(.softmax), [prediction], [probabilities],
          source: model.lossRange))
      prediction = probabilities
    }
    output = prediction
    loss = add("loss", .batch(1), .activation)
    forward.append(Node(.loss(model.loss), [prediction, labels], [loss], source: model.lossRange))
  }
}
