import Foundation
import MLPGraph
import MLPLanguage

/// The `mlp` command: reads arguments, runs the sub-command, and turns every outcome into an
/// exit status in one place: 0 success, 1 an error in the script or its data, 2 a usage error.
public enum CommandLineTool {
  public static let usage = """
    usage: mlp [repl]
           mlp run FILE.mlp [--epochs N] [--seed N] [--json]
           mlp check FILE.mlp [--graph]
           mlp graph FILE.mlp [-o FILE.svg | -o FILE.dot] [--dot] [--backward]
           mlp predict MODEL.safetensors INPUT... [--top K] [--json]
           mlp export MODEL.safetensors [--onnx FILE.onnx] [--pytorch FILE.py]
           mlp help

    FILE may be '-' to read the script from standard input. An INPUT is an IDX file of
    images, a CSV file of rows (a label last, when a row has one more field than the model's
    inputs), or a binary PGM image.

    """

  struct UsageError: Error {
    var message: String
  }

  /// Runs the command and returns the exit status.
  public static func main(_ arguments: [String], console: Console) -> Int32 {
    do {
      return try dispatch(arguments, console: console)
    } catch {
      console.err("mlp: \(error.message)\n\(usage)")
      return 2
    }
  }

  private static func dispatch(_ arguments: [String], console: Console) throws(UsageError)
    -> Int32
  {
    guard let command = arguments.first else {
      console.err(usage)
      return 2
    }
    var options = Options(Array(arguments.dropFirst()))
    switch command {
    case "help", "--help", "-h":
      console.out(usage)
      return 0
    case "run":
      let epochs = try options.integer("--epochs", limit: 1_000_000)
      let seed = try options.integer("--seed")
      let json = options.flag("--json")
      let file = try options.file()
      let runner = Runner(
        console: console, epochsOverride: epochs, seedOverride: seed.map { UInt64($0) })
      let (source, base) = try read(file, console: console)
      guard let source else { return 1 }
      guard let outcome = runner.run(source, baseDirectory: base) else { return 1 }
      if json { console.out(outcome.session.json() + "\n") }
      return outcome.succeeded ? 0 : 1
    case "check":
      let graph = options.flag("--graph")
      let file = try options.file()
      let (source, base) = try read(file, console: console)
      guard let source else { return 1 }
      let runner = Runner(console: console)
      guard let (_, session) = runner.prepare(source, baseDirectory: base) else { return 1 }
      console.out(modelSummary(session.state))
      if graph { try printGraph(session.state, source: source, console: console) }
      return 0
    case "graph":
      return try graph(&options, console: console)
    case "predict":
      let top = try options.integer("--top") ?? 3
      guard top >= 1 else { throw UsageError(message: "--top must be at least 1") }
      let json = options.flag("--json")
      let files = try options.files(what: "a model file and at least one input", atLeast: 2)
      return predict(
        model: files[0], inputs: Array(files.dropFirst()), top: top, json: json,
        console: console)
    case "export":
      let onnx = try options.string("--onnx")
      let pytorch = try options.string("--pytorch")
      let model = try options.file(what: "model file")
      guard onnx != nil || pytorch != nil else {
        throw UsageError(message: "expected --onnx FILE or --pytorch FILE (or both)")
      }
      return export(model: model, onnx: onnx, pytorch: pytorch, console: console)
    default:
      throw UsageError(message: "unknown command '\(command)'")
    }
  }

  /// `mlp graph`: the compiled graph as SVG (or Graphviz text) on standard output or in a file.
  private static func graph(_ options: inout Options, console: Console) throws(UsageError) -> Int32
  {
    let output = try options.string("-o")
    let dot = options.flag("--dot") || (output?.lowercased().hasSuffix(".dot") ?? false)
    let backward = options.flag("--backward")
    if let output, !output.lowercased().hasSuffix(".svg"), !output.lowercased().hasSuffix(".dot") {
      throw UsageError(message: "-o expects a file ending in .svg or .dot, found '\(output)'")
    }
    if dot, let output, output.lowercased().hasSuffix(".svg") {
      throw UsageError(message: "--dot writes Graphviz text, but '\(output)' ends in .svg")
    }
    let file = try options.file()
    let (source, base) = try read(file, console: console)
    guard let source else { return 1 }
    guard let (_, session) = Runner(console: console).prepare(source, baseDirectory: base) else {
      return 1
    }
    guard let width = session.state.inputWidth, let loss = session.state.loss else {
      throw UsageError(message: "graph needs a complete model (input or data, layers, loss)")
    }
    let model = ModelSpec(
      inputWidth: width, layers: session.state.layers, loss: loss,
      lossRange: session.state.lossRange)
    let diagram = GraphDiagram(graph: Graph.compile(model), backward: backward)
    let text = dot ? diagram.dot : diagram.svg
    guard let output else {
      console.out(text)
      return 0
    }
    do {
      try writeAtomically(text, to: output)
    } catch {
      console.err("mlp: \(output): cannot write: \(error.localizedDescription)\n")
      return 1
    }
    console.err("wrote the graph to \(output)\n")
    return 0
  }

  private static func printGraph(_ state: ModelState, source: SourceFile, console: Console)
    throws(UsageError)
  {
    guard let width = state.inputWidth, let loss = state.loss else {
      throw UsageError(message: "--graph needs a complete model (input or data, layers, loss)")
    }
    let model = ModelSpec(
      inputWidth: width, layers: state.layers, loss: loss, lossRange: state.lossRange)
    console.out("\n" + Graph.compile(model).listing { source.location(of: $0.start).line })
  }

  /// The script's text and the folder its relative paths start from.
  private static func read(_ file: String, console: Console) throws(UsageError)
    -> (SourceFile?, String?)
  {
    if file == "-" {
      let data = FileHandle.standardInput.readDataToEndOfFile()
      if let problem = notText(data) {
        console.err("mlp: standard input: \(problem)\n")
        return (nil, nil)
      }
      return (SourceFile(name: "<stdin>", text: String(decoding: data, as: UTF8.self)), nil)
    }
    guard let data = FileManager.default.contents(atPath: file) else {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory)
      let reason =
        !exists ? "no such file" : (isDirectory.boolValue ? "is a directory" : "cannot be read")
      console.err("mlp: \(file): \(reason)\n")
      return (nil, nil)
    }
    if let problem = notText(data) {
      console.err("mlp: \(file): \(problem)\n")
      return (nil, nil)
    }
    let base = URL(fileURLWithPath: file).deletingLastPathComponent().path
    return (SourceFile(name: file, text: String(decoding: data, as: UTF8.self)), base)
  }

  /// Why `data` cannot be a script, if it cannot: a NUL byte (a binary file) or bytes that are
  /// not UTF-8, with the offset of the first.
  static func notText(_ data: Data) -> String? {
    let bytes = [UInt8](data)
    if let zero = bytes.firstIndex(of: 0) {
      return "not a text file: byte \(zero) is NUL; a script is UTF-8 text"
    }
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var offset = 0
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        offset += UTF8.width(scalar)
      case .emptyInput:
        return nil
      case .error:
        return "byte \(offset) is not UTF-8 text; save the script as UTF-8"
      }
    }
  }
}

/// The options after a sub-command: `--name value` pairs, flags, and one file.
struct Options {
  var rest: [String]

  init(_ arguments: [String]) { rest = arguments }

  mutating func flag(_ name: String) -> Bool {
    guard let index = rest.firstIndex(of: name) else { return false }
    rest.remove(at: index)
    return true
  }

  mutating func integer(_ name: String, limit: Int = Int.max) throws(CommandLineTool.UsageError)
    -> Int?
  {
    guard let index = rest.firstIndex(of: name) else { return nil }
    if rest[(index + 1)...].contains(name) {
      throw .init(message: "\(name) is given twice")
    }
    guard index + 1 < rest.count, let value = Int(rest[index + 1]), value >= 0 else {
      let found = index + 1 < rest.count ? "'\(rest[index + 1])'" : "nothing"
      throw .init(message: "\(name) expects a whole number, found \(found)")
    }
    if name == "--epochs", value == 0 {
      throw .init(message: "--epochs must be at least 1")
    }
    if value > limit {
      throw .init(message: "\(name) must be at most \(limit), found \(value)")
    }
    rest.removeSubrange(index...index + 1)
    return value
  }

  /// The value after `name` (`-o FILE`, `--onnx FILE`), removed from the arguments.
  mutating func string(_ name: String) throws(CommandLineTool.UsageError) -> String? {
    guard let index = rest.firstIndex(of: name) else { return nil }
    if rest[(index + 1)...].contains(name) {
      throw .init(message: "\(name) is given twice")
    }
    guard index + 1 < rest.count, !rest[index + 1].hasPrefix("-") else {
      throw .init(message: "\(name) expects a file name")
    }
    let value = rest[index + 1]
    rest.removeSubrange(index...index + 1)
    return value
  }

  /// The one remaining argument: the script (or the `what` named).
  mutating func file(what: String = "script file") throws(CommandLineTool.UsageError) -> String {
    if let unknown = rest.first(where: { $0.hasPrefix("--") }) {
      throw .init(message: "unknown option '\(unknown)'")
    }
    guard rest.count == 1, let file = rest.first else {
      throw .init(
        message: rest.isEmpty
          ? "expected a \(what)" : "expected one \(what), found \(rest.count)")
    }
    return file
  }

  /// The remaining arguments, at least `atLeast` of them.
  mutating func files(what: String, atLeast: Int) throws(CommandLineTool.UsageError) -> [String] {
    if let unknown = rest.first(where: { $0.hasPrefix("--") }) {
      throw .init(message: "unknown option '\(unknown)'")
    }
    guard rest.count >= atLeast else { throw .init(message: "expected \(what)") }
    return rest
  }
}
