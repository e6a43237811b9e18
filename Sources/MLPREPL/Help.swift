/// One-line explanations for `:help`, written for a student meeting each idea for the first time.
enum Help {
  static let statements: [(String, String, String)] = [
    (
      "data", "data fashion-mnist",
      "where the examples come from: a named set, IDX files (data idx) or a CSV file (data csv)"
    ),
    (
      "normalize", "normalize 255",
      "scales the inputs before the first layer; dividing pixels by 255 puts them in 0..1"
    ),
    ("input", "input 784", "the number of inputs per example; usually taken from the data"),
    (
      "dense", "dense 100 relu",
      "a layer where every unit sees every input: width, then activation (relu, sigmoid, tanh, "
        + "softmax, or linear)"
    ),
    (
      "dropout", "dropout 0.2",
      "while training, switches off that fraction of the units at random, against overfitting"
    ),
    (
      "loss", "loss crossentropy",
      "what training minimizes: crossentropy for classes with softmax, also mse, mae, "
        + "binary_crossentropy"
    ),
    (
      "optimizer", "optimizer adam lr 0.001",
      "how weights move against the gradient: adam, sgd (lr, momentum) or rmsprop (lr, rho)"
    ),
    ("seed", "seed 42", "fixes the random numbers, so a run repeats exactly"),
    (
      "train", "train epochs 10 batch 32",
      "trains from the current weights; one epoch is one pass over the training examples; "
        + "options: epochs, batch, validation (test, none or split 0.1), checkpoint \"FILE\""
    ),
    ("evaluate", "evaluate", "loss and accuracy on the test examples, which training never saw"),
    (
      "save", "save \"model.safetensors\"",
      "writes the model and its trained weights to a file that 'load' and 'mlp predict' read"
    ),
    (
      "load", "load \"model.safetensors\"",
      "reads trained weights from a file into the model declared above, in place of training"
    ),
    (
      "summary", "summary",
      "the layer table: each layer's output shape and how its parameters add up"
    ),
    (
      "graph", "graph \"net.svg\"",
      "the network as a diagram of its operations and shapes; printed, or written as .svg/.dot"
    ),
    (
      "plot", "plot \"curves.svg\"",
      "loss and accuracy per epoch, training against validation; printed, or written as .svg"
    ),
    (
      "confusion", "confusion",
      "which classes the test examples are mistaken for, as a table of counts"
    ),
    (
      "show", "show mistakes 8",
      "draws examples in the terminal: 'samples' with their labels, 'mistakes' with the guess"
    ),
    (
      "trace", "trace",
      "follows one example through a small network number by number, gradients and update too"
    ),
  ]

  static let commands: [(String, String)] = [
    (":help [WORD]", "this list, or what a statement means"),
    (":summary", "the layer table: shapes and parameter counts"),
    (":undo", "takes back the last statement that changed the session"),
    (":reset", "starts an empty session"),
    (":load FILE.mlp", "runs a script into this session"),
    (":save FILE.mlp", "writes the statements that rebuild this session as a script"),
    (":history", "the lines typed before, newest last"),
    (":quit", "leaves (so does Ctrl-D on an empty line)"),
  ]

  /// The text of `:help` or `:help WORD`.
  static func text(for topic: String?) -> String {
    if let topic, !topic.isEmpty {
      let word = topic.hasPrefix(":") ? String(topic.dropFirst()) : topic
      if topic.hasPrefix(":"),
        let entry = commands.first(where: { $0.0.dropFirst().hasPrefix(word) })
      {
        return "\(entry.0)\n  \(entry.1)\n"
      }
      if let entry = statements.first(where: { $0.0 == word }) {
        return "\(entry.1)\n  \(entry.2)\n"
      }
      if let entry = commands.first(where: { $0.0.dropFirst().hasPrefix(word) }) {
        return "\(entry.0)\n  \(entry.1)\n"
      }
      return "no help for '\(topic)'; try :help for the list\n"
    }
    let width = max(
      statements.map(\.1.count).max() ?? 0, commands.map(\.0.count).max() ?? 0)
    func pad(_ text: String) -> String {
      text + String(repeating: " ", count: width + 2 - text.count)
    }
    var text = "statements (type one, or several separated by ';'):\n"
    for entry in statements { text += "  \(pad(entry.1))\(entry.2)\n" }
    text += "commands:\n"
    for entry in commands { text += "  \(pad(entry.0))\(entry.1)\n" }
    text += "Tab completes words; the up arrow recalls earlier lines; Ctrl-R searches them;\n"
    text += "Ctrl-C stops training and keeps the weights.\n"
    return text
  }
}
