import Foundation
import MLPExecutor
import MLPGraph
import MLPLanguage

/// The largest network `trace` prints: inputs, and units in any layer.
/// One example through the network, number by number, for checking a hand calculation: each
/// forward operation with its sums written out, the loss, every gradient of the backward pass,
/// and one step of the optimizer with each parameter before and after.
///
/// `executor` must hold the example in its input and label (one row) and is changed: its
/// workspace, gradients and parameters (the step is applied to them), so pass a clone;
/// likewise `optimizer`. Dropout is off, as in evaluation, so the trace repeats.
package func traceText(_ executor: Executor, optimizer: Optimizer, classNames: [String])
  -> String
{
  executor.reserve(rows: 1)
  let graph = executor.graph
  var unused = Random(seed: 0)
  executor.forward(rows: 1, training: false, random: &unused)
  let label = Int(executor.labels[0])
  let name =
    label < classNames.count && classNames[label] != String(label) ? " (\(classNames[label]))" : ""
  var text = "x \(graph[graph.input].shape) = \(values(executor, graph.input))\n"
  text += "label \(label)\(name)\n"

  text += "\nforward (dropout is off, as in evaluation)\n"
  for node in graph.forward { text += describeForward(node, executor) }

  executor.backward(rows: 1)
  text += "\nbackward (the gradients of the loss; with one example the batch mean is the loss)\n"
  for node in graph.backward {
    let inputs = node.inputs.map { graph[$0].name }.joined(separator: ", ")
    for output in node.outputs {
      text += "\(graph[output].name) \(graph[output].shape) = \(node.op.name)(\(inputs))\n"
      text += matrix(executor, output, indent: "  ")
    }
  }

  let before = (0..<executor.parameters.count).map { executor.parameters.base[$0] }
  optimizer.update(
    executor.parameters.base, gradients: executor.gradients.base,
    count: executor.parameters.count)
  text += "\n" + stepTitle(optimizer) + "\n"
  var offset = 0
  for (value, gradient) in graph.parameters {
    let count = graph[value].shape.count(batch: 1)
    let start = executor.pointer(value) - executor.parameters.base
    text += "\(graph[value].name) \(graph[value].shape): before -> after (gradient)\n"
    for i in 0..<count {
      let after = executor.pointer(value)[i]
      text += "  [\(index(i, graph[value].shape))] \(number(before[start + i])) -> "
      text += "\(number(after)) (\(number(executor.pointer(gradient)[i])))\n"
    }
    offset += count
  }
  return text
}

private func stepTitle(_ optimizer: Optimizer) -> String {
  let spec = optimizer.spec
  let lr = number(Float(spec.learningRate))
  switch spec.kind {
  case .adam:
    return "one adam step (step \(optimizer.step), lr \(lr), beta1 \(spec.beta1), "
      + "beta2 \(spec.beta2), epsilon \(spec.epsilon)):\n  m = beta1 m + (1 - beta1) g; "
      + "v = beta2 v + (1 - beta2) g^2;\n  w -= lr sqrt(1 - beta2^t) / (1 - beta1^t) m / (sqrt(v) + eps)"
  case .sgd:
    return "one sgd step (lr \(lr), momentum \(spec.momentum)): u = momentum u - lr g; w += u"
  case .rmsprop:
    return "one rmsprop step (lr \(lr), rho \(spec.rho), epsilon \(spec.epsilon)): "
      + "v = rho v + (1 - rho) g^2; w -= lr g / (sqrt(v) + eps)"
  }
}

/// A forward node with its arithmetic.
private func describeForward(_ node: Node, _ executor: Executor) -> String {
  let graph = executor.graph
  let output = node.outputs[0]
  let first = node.inputs[0]
  let head = "\(graph[output].name) \(graph[output].shape)"
  var text = ""
  switch node.op {
  case .matmul:
    let weight = node.inputs[1]
    text += "\(head) = \(graph[first].name) · \(graph[weight].name)\n"
    text += "  \(graph[weight].name) \(graph[weight].shape) =\n"
    text += matrix(executor, weight, indent: "    ")
    let x = executor.pointer(first)
    let w = executor.pointer(weight)
    let (rows, columns) = (graph[first].shape.columns, graph[output].shape.columns)
    for j in 0..<columns {
      let terms = (0..<rows).map { "\(number(x[$0])) × \(number(w[$0 * columns + j]))" }
      text +=
        "  [\(j)] = \(terms.joined(separator: " + ")) = \(number(executor.pointer(output)[j]))\n"
    }
  case .addBias, .biasActivation:
    let bias = node.inputs[1]
    let activation: Activation
    if case .biasActivation(let kind) = node.op { activation = kind } else { activation = .linear }
    let z = sums(executor, first, bias)
    let formula = "\(graph[first].name) + \(graph[bias].name)"
    text += "\(head) = " + (activation == .linear ? formula : "\(activation.rawValue)(\(formula))")
    text += "\n  \(graph[bias].name) = \(values(executor, bias))\n"
    text += activation == .linear ? "" : "  z = \(list(z))\n"
    text += activationLines(activation, z: z, output: executor, output)
  case .activation(let activation):
    let z = (0..<graph[first].shape.columns).map { executor.pointer(first)[$0] }
    text += "\(head) = \(activation.rawValue)(\(graph[first].name))\n"
    text += activationLines(activation, z: z, output: executor, output)
  case .dropout:
    text += "\(head) = \(graph[first].name) (dropout is off)\n"
  case .softmaxCrossEntropy, .sigmoidBinaryCrossEntropy:
    let softmax = node.op == .softmaxCrossEntropy
    let z = (0..<graph[first].shape.columns).map { executor.pointer(first)[$0] }
    text += "\(head) = \(softmax ? "softmax" : "sigmoid")(\(graph[first].name))\n"
    text += activationLines(softmax ? .softmax : .sigmoid, z: z, output: executor, output)
    text += lossLine(softmax ? .crossentropy : .binaryCrossentropy, executor, node)
  case .loss(let kind):
    text += lossLine(kind, executor, node)
  default:
    text += "\(head) = \(node.op.name)\n  \(values(executor, output))\n"
  }
  return text
}

private func activationLines(
  _ activation: Activation, z: [Float], output executor: Executor, _ output: TensorID
) -> String {
  let result = values(executor, output)
  switch activation {
  case .linear: return "  = \(list(z))\n"
  case .softmax:
    let largest = z.max() ?? 0
    let exps = z.map { exp(Double($0 - largest)) }
    var text = "  exp(z - max z) = \(list(exps.map { Float($0) }))"
    text += "; their sum \(number(Float(exps.reduce(0, +))))\n"
    return text + "  softmax = each over the sum = \(result)\n"
  case .relu: return "  relu = max(0, z) = \(result)\n"
  case .sigmoid: return "  sigmoid = 1 / (1 + exp(-z)) = \(result)\n"
  case .tanh: return "  tanh(z) = \(result)\n"
  }
}

private func lossLine(_ kind: Loss, _ executor: Executor, _ node: Node) -> String {
  let graph = executor.graph
  let value = number(executor.pointer(graph.loss)[0])
  let label = Int(executor.labels[0])
  let prediction = executor.pointer(node.outputs.count > 1 ? node.outputs[0] : node.inputs[0])
  switch kind {
  case .crossentropy:
    return "loss = -ln p[\(label)] = -ln \(number(prediction[label])) = \(value)\n"
  case .binaryCrossentropy:
    return "loss = -(y ln p + (1 - y) ln(1 - p)) with y = \(label) = \(value)\n"
  case .mse: return "loss = mean of (output - target)^2 = \(value)\n"
  case .mae: return "loss = mean of |output - target| = \(value)\n"
  }
}

/// The bias added to one row: z[j] = a[j] + b[j].
private func sums(_ executor: Executor, _ a: TensorID, _ b: TensorID) -> [Float] {
  let columns = executor.graph[a].shape.columns
  return (0..<columns).map { executor.pointer(a)[$0] + executor.pointer(b)[$0] }
}

/// A tensor's first row (or a bias) as `[a, b, c]`.
private func values(_ executor: Executor, _ tensor: TensorID) -> String {
  let columns = executor.graph[tensor].shape.columns
  return list((0..<columns).map { executor.pointer(tensor)[$0] })
}

/// A tensor as rows of aligned numbers (one row for a batch of one).
private func matrix(_ executor: Executor, _ tensor: TensorID, indent: String) -> String {
  let shape = executor.graph[tensor].shape
  let rows: Int
  if case .fixed(let count) = shape.rows { rows = count } else { rows = 1 }
  let cells = (0..<rows * shape.columns).map { number(executor.pointer(tensor)[$0]) }
  let width = cells.map(\.count).max() ?? 0
  var text = ""
  for row in 0..<rows {
    let line = cells[row * shape.columns..<(row + 1) * shape.columns].map { leftPad($0, width) }
    text += indent + "[" + line.joined(separator: "  ") + "]\n"
  }
  return text
}

private func index(_ i: Int, _ shape: Shape) -> String {
  if case .fixed(let rows) = shape.rows, rows > 1 {
    return "\(i / shape.columns), \(i % shape.columns)"
  }
  return "\(i)"
}

private func list(_ numbers: [Float]) -> String {
  "[" + numbers.map(number).joined(separator: ", ") + "]"
}

/// Six significant digits, as a hand calculation would keep them.
func number(_ value: Float) -> String {
  let text = String(format: "%.6g", Double(value))
  return text == "-0" ? "0" : text
}
