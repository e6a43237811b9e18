import Foundation
import MLPData

extension CommandLineTool {
  /// Runs `mlp export`: the model file as ONNX, as a PyTorch script, or both; returns the exit
  /// status. Each output is written atomically.
  static func export(model path: String, onnx: String?, pytorch: String?, console: Console)
    -> Int32
  {
    let file: ModelFile
    do {
      file = try ModelFile.read(path: path)
    } catch {
      console.err(errorText(error))
      return 1
    }
    var outputs: [(path: String, bytes: [UInt8])] = []
    if let onnx { outputs.append((onnx, ONNXExport.encode(file))) }
    if let pytorch {
      let weights = URL(fileURLWithPath: path).standardizedFileURL.path
      outputs.append((pytorch, Array(PyTorchExport.script(file, weights: weights).utf8)))
    }
    for output in outputs {
      do {
        try writeAtomically(Data(output.bytes), to: output.path)
      } catch {
        console.err("mlp: \(output.path): cannot write: \(reason(error))\n")
        return 1
      }
      console.err("wrote \(output.path)\n")
    }
    return 0
  }
}
