import Foundation
import MLPData
import MLPExecutor
import MLPGraph

/// `mlp predict`: a saved model classifies the examples of input files, each an IDX file of
/// images, a CSV file of feature rows (with a label last, when a row has one more field than the
/// model's inputs), or a binary PGM image.
struct Predictor {
  let file: ModelFile
  let executor: Executor

  init(file: ModelFile) {
    self.file = file
    var random = Random(seed: 0)
    executor = Executor(graph: Graph.compile(file.model), random: &random)
    for (parameter, tensor) in zip(executor.graph.parameters, file.tensors) {
      executor.pointer(parameter.value).update(from: tensor.values, count: tensor.values.count)
    }
  }

  /// The examples of one input, and whether their labels are real (a CSV row's last field).
  func read(_ path: String) throws(DataError) -> (set: Dataset, labelled: Bool) {
    let bytes = try DataFile.readMaybeGzip(path: path)
    let width = file.model.inputWidth
    if bytes.starts(with: Array("P".utf8)) {
      let image = try PGM.parse(bytes, path: path)
      try checkImage(image, path: path, what: "the image is")
      return (image, false)
    }
    if bytes.count >= 4, bytes[0] == 0, bytes[1] == 0 {
      let array = try IDX.parse(bytes, path: path)
      guard array.dims.count == 2 || array.dims.count == 3 else {
        throw DataError(
          path: path,
          message: "expected images of dimensions [count, rows, columns] or [count, width], "
            + "found \(array.dims.count) dimension\(array.dims.count == 1 ? "" : "s")",
          help: array.dims.count == 1 ? "this looks like a label file; give the images" : nil)
      }
      let set = Dataset(
        features: .bytes(array.bytes), labels: Array(repeating: 0, count: array.dims[0]),
        width: array.dims.dropFirst().reduce(1, *),
        imageShape: array.dims.count == 3 ? (array.dims[1], array.dims[2]) : nil)
      try checkImage(set, path: path, what: "the images are")
      return (set, false)
    }
    guard let fields = Self.firstRowFields(bytes) else {
      throw DataError(
        path: path, message: "expected an IDX file, a CSV file or a binary PGM (P5) image",
        offset: 0)
    }
    guard fields == width || fields == width + 1 else {
      throw DataError(
        path: path,
        message: "expected \(width) numbers a row (or \(width + 1), with a label last) for the "
          + "model's \(width) inputs, found \(fields)", row: 1)
    }
    let labelled = fields == width + 1
    let set = try CSV.parse(
      bytes, path: path, options: CSVOptions(label: labelled ? .last : .none))
    return (set, labelled)
  }

  /// The field count of the first non-blank line, when the file looks like text.
  private static func firstRowFields(_ bytes: [UInt8]) -> Int? {
    guard !bytes.contains(0) else { return nil }
    let lines = bytes.split(separator: 0x0A)
    guard let line = lines.first(where: { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D } }) else {
      return nil
    }
    return line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).count
  }

  /// An image of another size than the model's inputs is an error naming both sizes.
  private func checkImage(_ set: Dataset, path: String, what: String) throws(DataError) {
    let width = file.model.inputWidth
    let size = set.imageShape.map { "\($0.columns)x\($0.rows)" } ?? "\(set.width) pixels"
    if let image = set.imageShape, let expected = file.imageShape {
      guard image.rows != expected.rows || image.columns != expected.columns else { return }
      throw DataError(
        path: path,
        message: "\(what) \(size) but the model takes \(expected.columns)x\(expected.rows) "
          + "images (\(width) inputs)")
    }
    guard set.width != width else { return }
    throw DataError(
      path: path, message: "\(what) \(size) (\(set.width) inputs) but the model takes \(width)")
  }

  /// Each example's class scores: the outputs themselves, or for a single output y, the two
  /// classes' 1 - y and y.
  func scores(_ set: Dataset) -> [[Float]] {
    let outputs = forwardOutputs(executor, on: set, transform: file.transform)
    let width = file.model.outputWidth
    return (0..<set.count).map { row in
      let values = Array(outputs[row * width..<(row + 1) * width])
      return width == 1 ? [1 - values[0], values[0]] : values
    }
  }

  func className(_ index: Int) -> String {
    index < file.classNames.count ? file.classNames[index] : String(index)
  }
}

extension CommandLineTool {
  /// Runs `mlp predict` on parsed arguments; returns the exit status.
  static func predict(
    model path: String, inputs: [String], top: Int, json: Bool, console: Console
  ) -> Int32 {
    let file: ModelFile
    do {
      file = try ModelFile.read(path: path)
    } catch {
      console.err(errorText(error))
      return 1
    }
    let predictor = Predictor(file: file)
    var status: Int32 = 0
    var reports: [String] = []
    for input in inputs {
      let set: Dataset
      let labelled: Bool
      do {
        (set, labelled) = try predictor.read(input)
      } catch {
        console.err(errorText(error))
        status = 1
        continue
      }
      let scores = predictor.scores(set)
      if json {
        reports.append(jsonReport(input, set, labelled, scores, top: top, predictor: predictor))
      } else {
        console.out(textReport(input, set, labelled, scores, top: top, predictor: predictor))
      }
    }
    if json {
      console.out(
        "{\"model\": \(jsonQuoted(path)), \"inputs\": [" + reports.joined(separator: ", ")
          + "]}\n")
    }
    return status
  }

  static func errorText(_ error: DataError) -> String {
    "mlp: \(error.description)\n" + (error.help.map { "help: \($0)\n" } ?? "")
  }

  /// The classes in order of score, best first, at most `top` of them.
  private static func ranked(_ scores: [Float], top: Int) -> [Int] {
    Array(scores.indices.sorted { (scores[$0], $1) > (scores[$1], $0) }.prefix(top))
  }

  private static func textReport(
    _ input: String, _ set: Dataset, _ labelled: Bool, _ scores: [[Float]], top: Int,
    predictor: Predictor
  ) -> String {
    var text = ""
    var correct = 0
    for (row, values) in scores.enumerated() {
      let best = ranked(values, top: top)
      let place = set.count == 1 && !labelled ? input : "\(input):\(row + 1)"
      text += place + "  "
      text += best.map { "\(predictor.className($0)) \(fixed(Double(values[$0]), 4))" }
        .joined(separator: "  ")
      if labelled {
        let label = Int(set.labels[row])
        if best.first == label { correct += 1 }
        text += "  (label \(predictor.className(label)))"
      }
      text += "\n"
    }
    if labelled {
      let accuracy = Double(correct) / Double(max(set.count, 1))
      text += "\(input): accuracy \(fixed(accuracy, 4)) (\(correct) of \(set.count))\n"
    }
    return text
  }

  private static func jsonReport(
    _ input: String, _ set: Dataset, _ labelled: Bool, _ scores: [[Float]], top: Int,
    predictor: Predictor
  ) -> String {
    var correct = 0
    let predictions = scores.enumerated().map { row, values in
      let best = ranked(values, top: top)
      let entries = best.map { index in
        "{\"class\": \(jsonQuoted(predictor.className(index))), \"index\": \(index), "
          + "\"probability\": \(values[index].description)}"
      }
      var fields = "\"row\": \(row + 1), \"top\": [" + entries.joined(separator: ", ") + "]"
      if labelled {
        let label = Int(set.labels[row])
        if best.first == label { correct += 1 }
        fields += ", \"label\": \(label)"
      }
      return "{" + fields + "}"
    }
    var report = "{\"file\": \(jsonQuoted(input)), \"predictions\": ["
    report += predictions.joined(separator: ", ") + "]"
    if labelled {
      report += ", \"accuracy\": \(Double(correct) / Double(max(set.count, 1)))"
    }
    return report + "}"
  }
}
