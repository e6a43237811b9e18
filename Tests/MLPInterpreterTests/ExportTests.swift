import Foundation
import MLPData
import MLPInterpreter
import MLPLanguage
import MLPTestSupport
import Testing

/// `mlp export` and the saved file, checked by the Python packages users read them with. The
/// tests that need onnx, onnxruntime, safetensors and numpy run when MLP_PYTHON names a Python
/// that has them (CI's `.venv-ci`, made by `.ci/run`) and fail if a check fails.
@Suite(.enabled(if: fashionInstalled, "needs the dataset-fashion-mnist package"))
struct ExportTests {
  static let models = [
    "normalize standard\ndense 24 relu\ndropout 0.2\ndense 10 softmax\nloss crossentropy\n",
    "normalize 255\ndense 16 tanh\ndense 12 sigmoid\ndense 10 linear\nloss crossentropy\n",
  ]

  /// Trains one epoch of `model` on a small subset and saves it; returns the folder, the file
  /// and the session.
  func saved(_ model: String) throws -> (folder: URL, file: String, session: Session) {
    let folder = try fashionFolder(train: 300, test: 100)
    let script = "data mnist \".\"\n" + model + "seed 3\ntrain epochs 1\nsave \"m.safetensors\"\n"
    let run = runScript(script, in: folder)
    #expect(run.succeeded, "\(run.err)")
    return (folder, folder.appendingPathComponent("m.safetensors").path, try #require(run.session))
  }

  static let onnxCheck = """
    import sys
    import numpy as np
    import onnx
    import onnxruntime

    model_path, images_path, expected_path = sys.argv[1:4]
    model = onnx.load(model_path)
    onnx.checker.check_model(model, full_check=True)
    assert model.ir_version in (7, 8) and model.opset_import[0].version == 13
    assert [i.name for i in model.graph.input] == ["input"]
    data = open(images_path, "rb").read()
    images = np.frombuffer(data[16:], dtype=np.uint8).reshape(-1, 784).astype(np.float32)
    session = onnxruntime.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    (got,) = session.run(None, {"input": images})
    expected = np.fromfile(expected_path, dtype="<f4").reshape(got.shape)
    difference = float(np.max(np.abs(got - expected)))
    print(f"{session.get_outputs()[0].name} max abs difference {difference:.3g}")
    sys.exit(0 if difference <= 1e-5 else 1)
    """

  @Test(
    .enabled(if: ciPython != nil, "set MLP_PYTHON to a Python with onnx, onnxruntime and numpy"),
    arguments: models)
  func onnxRuntimeGivesMLPsOutputs(_ model: String) throws {
    let (folder, file, session) = try saved(model)
    defer { try? FileManager.default.removeItem(at: folder) }
    let onnx = folder.appendingPathComponent("m.onnx").path
    let export = try runMLP(["export", file, "--onnx", onnx])
    #expect(export.status == 0, "\(export.err)")

    let test = try #require(fashion?.test).prefix(100)
    let outputs = try session.outputs(for: test, at: SourceRange(0, 0))
    let expected = folder.appendingPathComponent("expected.f32")
    try outputs.withUnsafeBytes { try Data($0).write(to: expected) }
    let check = folder.appendingPathComponent("check.py")
    try Self.onnxCheck.write(to: check, atomically: true, encoding: .utf8)
    let images = folder.appendingPathComponent("t10k-images-idx3-ubyte").path
    let run = try runPython(try #require(ciPython), [check.path, onnx, images, expected.path])
    #expect(run.status == 0, "\(run.out)\(run.err)")
    #expect(run.out.contains("probabilities max abs difference"), "\(run.out)")
  }

  static let safetensorsCheck = """
    import json
    import sys
    from safetensors import safe_open

    with safe_open(sys.argv[1], framework="np") as f:
        shapes = {name: list(f.get_tensor(name).shape) for name in f.keys()}
        print(json.dumps({"shapes": shapes, "metadata": f.metadata()}))
    """

  @Test(.enabled(if: ciPython != nil, "set MLP_PYTHON to a Python with safetensors and numpy"))
  func safetensorsPackageReadsTheFile() throws {
    let (folder, file, _) = try saved(Self.models[0])
    defer { try? FileManager.default.removeItem(at: folder) }
    let check = folder.appendingPathComponent("check.py")
    try Self.safetensorsCheck.write(to: check, atomically: true, encoding: .utf8)
    let run = try runPython(try #require(ciPython), [check.path, file])
    #expect(run.status == 0, "\(run.err)")
    let object = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any]
    let shapes = try #require(object?["shapes"] as? [String: [Int]])
    #expect(
      shapes == [
        "dense1.weight": [784, 24], "dense1.bias": [24], "dense2.weight": [24, 10],
        "dense2.bias": [10],
      ])
    let metadata = try #require(object?["metadata"] as? [String: String])
    #expect(metadata["format"] == "mlp 1")
    #expect(
      metadata["model"]
        == "input 784\ndense 24 relu\ndropout 0.2\ndense 10 softmax\nloss crossentropy\n")
    #expect(metadata["normalization"] == "normalize standard")
    #expect(metadata["image"] == "28x28")
    let scale = try JSONSerialization.jsonObject(
      with: Data(try #require(metadata["normalization.scale"]).utf8))
    #expect((scale as? [Double])?.count == 784)
  }

  @Test(
    .enabled(if: anyPython != nil, "needs python3 to compile the script"), arguments: models)
  func pytorchScriptCompiles(_ model: String) throws {
    let (folder, file, _) = try saved(model)
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("model.py").path
    let export = try runMLP(["export", file, "--pytorch", script])
    #expect(export.status == 0, "\(export.err)")
    let text = try String(contentsOfFile: script, encoding: .utf8)
    #expect(text.contains("WEIGHTS = \"\(file)\""))
    #expect(text.contains("layer.weight.copy_(f.get_tensor(name + \".weight\").T)"))
    let run = try runPython(try #require(anyPython), ["-m", "py_compile", script])
    #expect(run.status == 0, "\(run.err)")
  }
}
