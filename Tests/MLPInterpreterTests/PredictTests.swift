import Foundation
import MLPData
import MLPInterpreter
import MLPLanguage
import MLPTestSupport
import Testing

/// `mlp predict` on IDX, CSV and PGM inputs: its probabilities are the session's own forward
/// pass, and bad inputs are errors that name the file.
@Suite(.enabled(if: fashionInstalled, "needs the dataset-fashion-mnist package"))
struct PredictTests {
  /// A trained model saved in a folder of Fashion-MNIST subsets, and the session that trained it.
  func trainedModel() throws -> (folder: URL, model: String, session: Session) {
    let folder = try fashionFolder(train: 300, test: 100)
    let run = runScript(modelScript() + "train epochs 1\nsave \"model.safetensors\"\n", in: folder)
    #expect(run.succeeded, "\(run.err)")
    return (
      folder, folder.appendingPathComponent("model.safetensors").path, try #require(run.session)
    )
  }

  /// The session's outputs for the first `count` test images, one row of 10 per image.
  func expected(_ session: Session, count: Int) throws -> [[Float]] {
    let test = try #require(fashion?.test).prefix(count)
    let outputs = try session.outputs(for: test, at: SourceRange(0, 0))
    return (0..<count).map { Array(outputs[$0 * 10..<($0 + 1) * 10]) }
  }

  /// Each prediction's probabilities by class index, from `--json --top 10`.
  func probabilities(_ run: Run) throws -> [[[Float]]] {
    let object = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any]
    let inputs = try #require(object?["inputs"] as? [[String: Any]])
    return try inputs.map { input in
      let predictions = try #require(input["predictions"] as? [[String: Any]])
      return try predictions.map { prediction in
        var row = [Float](repeating: -1, count: 10)
        for entry in try #require(prediction["top"] as? [[String: Any]]) {
          let index = try #require(entry["index"] as? Int)
          row[index] = Float(try #require(entry["probability"] as? Double))
        }
        return row
      }
    }
  }

  func expectClose(
    _ got: [[Float]], _ expected: [[Float]],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    #expect(got.count == expected.count, sourceLocation: sourceLocation)
    for (g, e) in zip(got, expected) {
      let difference = zip(g, e).map { abs($0 - $1) }.max() ?? 0
      #expect(difference <= 1e-6, "got \(g), expected \(e)", sourceLocation: sourceLocation)
    }
  }

  @Test func idxImagesGetTheSessionsProbabilities() throws {
    let (folder, model, session) = try trainedModel()
    defer { try? FileManager.default.removeItem(at: folder) }
    let images = folder.appendingPathComponent("t10k-images-idx3-ubyte").path
    let run = try runMLP(["predict", model, images, "--json", "--top", "10"])
    #expect(run.status == 0, "\(run.err)")
    expectClose(try probabilities(run)[0], try expected(session, count: 100))

    let text = try runMLP(["predict", model, images])
    let lines = text.out.split(separator: "\n")
    #expect(lines.count == 100)
    #expect(lines[0].hasPrefix("\(images):1  "))
    #expect(lines[0].split(separator: "  ").count == 4)
  }

  @Test func csvRowsWithALabelAlsoGiveTheAccuracy() throws {
    let (folder, model, session) = try trainedModel()
    defer { try? FileManager.default.removeItem(at: folder) }
    let test = try #require(fashion?.test)
    guard case .bytes(let pixels) = test.features else { return }
    let rows = (0..<20).map { row in
      (pixels[row * 784..<(row + 1) * 784].map(String.init) + ["\(test.labels[row])"])
        .joined(separator: ",")
    }
    let labelled = folder.appendingPathComponent("labelled.csv")
    try (rows.joined(separator: "\n") + "\n").write(to: labelled, atomically: true, encoding: .utf8)
    let unlabelled = folder.appendingPathComponent("plain.csv")
    try rows.map { String($0[..<$0.lastIndex(of: ",")!]) }.joined(separator: "\n")
      .write(to: unlabelled, atomically: true, encoding: .utf8)

    let run = try runMLP([
      "predict", model, labelled.path, unlabelled.path, "--json", "--top", "10",
    ])
    #expect(run.status == 0, "\(run.err)")
    let expected = try expected(session, count: 20)
    let got = try probabilities(run)
    expectClose(got[0], expected)
    expectClose(got[1], expected)

    let text = try runMLP(["predict", model, labelled.path, "--top", "1"])
    let correct = (0..<20).filter { row in
      expected[row].indices.max { expected[row][$0] < expected[row][$1] } == Int(test.labels[row])
    }.count
    let accuracy = String(format: "%.4f", Double(correct) / 20)
    #expect(text.out.hasSuffix("\(labelled.path): accuracy \(accuracy) (\(correct) of 20)\n"))
    #expect(text.out.contains("(label \(test.labels[0]))"))
  }

  @Test func pgmImageIsClassifiedAndAnotherSizeIsAnError() throws {
    let (folder, model, session) = try trainedModel()
    defer { try? FileManager.default.removeItem(at: folder) }
    let test = try #require(fashion?.test)
    guard case .bytes(let pixels) = test.features else { return }
    let image = folder.appendingPathComponent("shoe.pgm")
    try Data(Array("P5\n# the first test image\n28 28\n255\n".utf8) + pixels[0..<784])
      .write(to: image)
    let run = try runMLP(["predict", model, image.path, "--json", "--top", "10"])
    #expect(run.status == 0, "\(run.err)")
    expectClose(try probabilities(run)[0], try expected(session, count: 1))

    let large = folder.appendingPathComponent("large.pgm")
    try Data(Array("P5 32 32 255\n".utf8) + [UInt8](repeating: 0, count: 1024)).write(to: large)
    let wrong = try runMLP(["predict", model, large.path])
    #expect(wrong.status == 1)
    #expect(
      wrong.err == "mlp: \(large.path): the image is 32x32 but the model takes 28x28 images "
        + "(784 inputs)\n")

    let ascii = folder.appendingPathComponent("ascii.pgm")
    try Data("P2 2 2 255\n0 0 0 0\n".utf8).write(to: ascii)
    let refused = try runMLP(["predict", model, ascii.path])
    #expect(refused.status == 1)
    #expect(refused.err.hasPrefix("mlp: \(ascii.path): byte 0: expected a binary PGM image"))
  }

  @Test func usageErrorsExitWithTwo() throws {
    #expect(try runMLP(["predict", "model.safetensors"]).status == 2)
    #expect(try runMLP(["predict", "m", "x", "--top", "0"]).status == 2)
    #expect(try runMLP(["export", "model.safetensors"]).status == 2)
    let missing = try runMLP(["predict", "/nonexistent/model.safetensors", "x.pgm"])
    #expect(missing.status == 1)
    #expect(missing.err.hasPrefix("mlp: /nonexistent/model.safetensors: "))
  }
}
