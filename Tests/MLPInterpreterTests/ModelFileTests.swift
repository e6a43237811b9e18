import Foundation
import MLPData
import MLPInterpreter
import MLPLanguage
import MLPTestSupport
import Testing

/// `save`, `load` and `train ... checkpoint`: safetensors files that rebuild a model exactly, and
/// the errors of files that do not fit or are not model files.
@Suite(.enabled(if: fashionInstalled, "needs the dataset-fashion-mnist package"))
struct ModelFileTests {
  let anywhere = SourceRange(0, 0)

  @Test func loadedModelGivesTheSavedModelsOutputsBitForBit() throws {
    let folder = try fashionFolder(train: 300, test: 100)
    defer { try? FileManager.default.removeItem(at: folder) }
    let trained = runScript(
      modelScript(normalize: "standard") + "train epochs 2\nsave \"model.safetensors\"\n",
      in: folder)
    #expect(trained.succeeded, "\(trained.err)")

    // Other training data: refitting 'normalize standard' would give another transform, so equal
    // outputs also show that the file's normalization is used.
    let other = try fashionFolder(train: 200, test: 100)
    defer { try? FileManager.default.removeItem(at: other) }
    try FileManager.default.copyItem(
      at: folder.appendingPathComponent("model.safetensors"),
      to: other.appendingPathComponent("model.safetensors"))
    let loaded = runScript(
      modelScript(normalize: "standard") + "load \"model.safetensors\"\n", in: other)
    #expect(loaded.succeeded, "\(loaded.err)")

    let test = try #require(fashion?.test).prefix(100)
    let before = try #require(trained.session).outputs(for: test, at: anywhere)
    let after = try #require(loaded.session).outputs(for: test, at: anywhere)
    #expect(before.count == 1000)
    #expect(before.map(\.bitPattern) == after.map(\.bitPattern))
  }

  @Test func fileHoldsTheModelItsNormalizationAndClasses() throws {
    let folder = try fashionFolder(train: 100, test: 50)
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = runScript(modelScript() + "train epochs 1\nsave \"m.safetensors\"\n", in: folder)
    #expect(run.succeeded, "\(run.err)")
    let file = try ModelFile.read(path: folder.appendingPathComponent("m.safetensors").path)
    #expect(file.model.inputWidth == 784)
    #expect(
      file.model.layers.map(\.kind) == [
        .dense(width: 32, activation: .relu), .dropout(rate: 0.2),
        .dense(width: 10, activation: .softmax),
      ])
    #expect(file.model.loss == .crossentropy)
    #expect(file.normalization == .divide(255))
    #expect(file.transform.scale == Array(repeating: 1 / Float(255), count: 784))
    #expect(file.transform.shift == Array(repeating: 0, count: 784))
    #expect(file.classNames == (0..<10).map(String.init))
  }

  @Test func tensorOfAnotherShapeIsAnErrorNamingItAndBothShapes() throws {
    let folder = try fashionFolder(train: 100, test: 50)
    defer { try? FileManager.default.removeItem(at: folder) }
    let saved = runScript(modelScript() + "train epochs 1\nsave \"m.safetensors\"\n", in: folder)
    #expect(saved.succeeded, "\(saved.err)")
    // A file that exists when the script is checked is compared with the model then, before
    // anything runs, layer by layer.
    let loaded = runScript(modelScript(hidden: 50) + "load \"m.safetensors\"\n", in: folder)
    #expect(!loaded.succeeded)
    #expect(
      loaded.err.hasPrefix(
        "test.mlp:8:6: error: the file's model has 'dense 32 relu' as dense layer 1 where this "
          + "model has 'dense 50 relu'\n"), "\(loaded.err)")
    #expect(loaded.err.contains("help: declare the model the file was saved from: dense 32 relu; "))
    // A file the script writes itself is compared when it is read: tensor by tensor.
    let path = folder.appendingPathComponent("w.safetensors").path
    let script =
      modelScript() + "train epochs 1\nsave \"w.safetensors\"\ndense 10 softmax\n"
      + "load \"w.safetensors\"\n"
    let written = runScript(script, in: folder)
    #expect(!written.succeeded)
    #expect(
      written.err.contains(
        "test.mlp:11:1: error: \(path): expected a tensor 'dense3.weight' of shape [10, 10]"),
      "\(written.err)")
  }

  @Test func loadIntoOtherActivationsIsRefusedBeforeTraining() throws {
    let folder = try fashionFolder(train: 100, test: 50)
    defer { try? FileManager.default.removeItem(at: folder) }
    let saved = runScript(modelScript() + "train epochs 1\nsave \"m.safetensors\"\n", in: folder)
    #expect(saved.succeeded, "\(saved.err)")
    let script =
      modelScript().replacingOccurrences(of: "relu", with: "tanh")
      + "train epochs 1\nload \"m.safetensors\"\n"
    let loaded = runScript(script, in: folder)
    #expect(!loaded.succeeded)
    #expect(
      loaded.err.hasPrefix(
        "test.mlp:9:6: error: the file's model has 'dense 32 relu' as dense layer 1 where this "
          + "model has 'dense 32 tanh'\n"), "\(loaded.err)")
    #expect(!loaded.err.contains("epoch 1/1"))
  }

  @Test func savingIntoAMissingFolderIsRefusedBeforeTraining() throws {
    let folder = try fashionFolder(train: 100, test: 50)
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = runScript(
      modelScript() + "train epochs 1\nsave \"nodir/m.safetensors\"\n", in: folder)
    #expect(!run.succeeded)
    #expect(
      run.err.hasPrefix(
        "test.mlp:9:6: error: cannot write '\(folder.path)/nodir/m.safetensors': the folder "
          + "'\(folder.path)/nodir' does not exist\n"), "\(run.err)")
    #expect(!run.err.contains("epoch 1/1"))
  }

  @Test func checkpointKeepsTheBestEpochAndLoadResumesFromIt() throws {
    let folder = try fashionFolder(train: 300, test: 100)
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = runScript(
      modelScript() + "train epochs 4 checkpoint \"best.safetensors\"\n", in: folder)
    #expect(run.succeeded, "\(run.err)")
    let best = try #require(run.session?.history.compactMap(\.validationAccuracy).max())

    // Validation ran on the test split, so evaluating the loaded file repeats the best epoch's.
    let resumed = runScript(
      modelScript() + "load \"best.safetensors\"\nevaluate\ntrain epochs 1\n", in: folder)
    #expect(resumed.succeeded, "\(resumed.err)")
    #expect(resumed.err.contains("loaded the weights from"))
    let session = try #require(resumed.session)
    #expect(session.history.count == 1)
    let evaluated = runScript(modelScript() + "load \"best.safetensors\"\nevaluate\n", in: folder)
    #expect(evaluated.session?.lastEvaluation?.accuracy == best)
  }

  /// A file written by `save`, for the tests that break it.
  func savedBytes(in folder: URL) throws -> [UInt8] {
    let run = runScript(modelScript() + "save \"m.safetensors\"\n", in: folder)
    #expect(run.succeeded, "\(run.err)")
    return try [UInt8](Data(contentsOf: folder.appendingPathComponent("m.safetensors")))
  }

  func readError(_ bytes: [UInt8], in folder: URL) throws -> String {
    let url = folder.appendingPathComponent("broken.safetensors")
    try Data(bytes).write(to: url)
    do {
      _ = try ModelFile.read(path: url.path)
    } catch {
      return error.description.replacingOccurrences(of: url.path, with: "F")
    }
    Issue.record("expected an error")
    return ""
  }

  @Test func truncatedAndForeignFilesAreErrorsWithTheirOffset() throws {
    let folder = try fashionFolder(train: 50, test: 10)
    defer { try? FileManager.default.removeItem(at: folder) }
    let bytes = try savedBytes(in: folder)
    let headerLength = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16
    let data = bytes.count - 8 - headerLength

    #expect(
      try readError(Array(bytes.prefix(5)), in: folder)
        == "F: byte 0: expected an 8-byte header length, found a file of 5 bytes")
    #expect(
      try readError(Array(bytes.prefix(100)), in: folder)
        == "F: byte 0: expected a header length of at most 92 bytes (the rest of the file), "
        + "found \(headerLength)")
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]
    #expect(try readError(png, in: folder).hasPrefix("F: byte 0: expected a header length"))
    let notJSON = [16, 0, 0, 0, 0, 0, 0, 0] + Array("{\"a\": nonsense }".utf8)
    #expect(
      try readError(notJSON, in: folder)
        == "F: byte 8: expected a JSON object as the header, found text that is not one")

    let cut = Array(bytes.prefix(bytes.count - 20))
    #expect(
      try readError(cut, in: folder)
        == "F: byte \(8 + headerLength + data - 40): tensor 'dense2.bias' has data_offsets [\(data - 40), "
        + "\(data)] but the data holds \(data - 20) bytes")

    let header = String(decoding: bytes[8..<8 + headerLength], as: UTF8.self)
    let f16 = header.replacingOccurrences(of: "\"F32\"", with: "\"F16\"")
    let wrongType = Array(bytes.prefix(8)) + Array(f16.utf8) + bytes.dropFirst(8 + headerLength)
    #expect(
      try readError(wrongType, in: folder).hasPrefix("F: byte 8: expected dtype 'F32' for tensor"))
  }

  @Test func predictOnABrokenModelFileFailsWithItsName() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = folder.appendingPathComponent("model.safetensors")
    try Data("not a model".utf8).write(to: model)
    let run = try runMLP(["predict", model.path, model.path])
    #expect(run.status == 1)
    #expect(run.err.hasPrefix("mlp: \(model.path): byte 0: expected a header length"))
  }
}
