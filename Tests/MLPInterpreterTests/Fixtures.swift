import Foundation
import MLPData
import MLPInterpreter
import MLPLanguage
import MLPTestSupport
import Testing

/// Writes an IDX file of unsigned bytes with the given dimensions.
func writeIDX(_ dims: [Int], _ bytes: [UInt8], to url: URL) throws {
  var data: [UInt8] = [0, 0, 8, UInt8(dims.count)]
  for dim in dims {
    data += [
      UInt8(dim >> 24 & 255), UInt8(dim >> 16 & 255), UInt8(dim >> 8 & 255), UInt8(dim & 255),
    ]
  }
  try Data(data + bytes).write(to: url)
}

/// The first `count` examples of a split as the two IDX files `mnist "DIR"` expects.
func writeSubset(_ set: Dataset, count: Int, prefix: String, in folder: URL) throws {
  guard case .bytes(let pixels) = set.features else {
    Issue.record("Fashion-MNIST images should be bytes")
    return
  }
  try writeIDX(
    [count, 28, 28], Array(pixels[0..<count * 784]),
    to: folder.appendingPathComponent("\(prefix)-images-idx3-ubyte"))
  try writeIDX(
    [count], set.labels[0..<count].map { UInt8($0) },
    to: folder.appendingPathComponent("\(prefix)-labels-idx1-ubyte"))
}

/// Fashion-MNIST, read once for all the tests that cut subsets from it.
let fashion: DataSplit? = try? Catalogue.load(name: "fashion-mnist", directory: nil)

/// A folder with `train` training and `test` test images of Fashion-MNIST as IDX files.
func fashionFolder(train: Int, test: Int) throws -> URL {
  let split = try #require(fashion)
  let folder = try temporaryFolder()
  try writeSubset(split.train, count: train, prefix: "train", in: folder)
  try writeSubset(try #require(split.test), count: test, prefix: "t10k", in: folder)
  return folder
}

/// Runs a script in this process, its relative paths read from `folder`; returns the session
/// and everything it printed.
func runScript(_ text: String, in folder: URL) -> (session: Session?, succeeded: Bool, err: String)
{
  let transcript = Transcript()
  let outcome = Runner(console: transcript.console).run(
    SourceFile(name: "test.mlp", text: text), baseDirectory: folder.path)
  return (outcome?.session, outcome?.succeeded ?? false, transcript.err)
}

/// The Python named by MLP_PYTHON (CI's virtual environment with onnx, onnxruntime, safetensors
/// and numpy); tests that need those packages run only when it is set, and fail when it is set
/// but a check fails.
let ciPython = ProcessInfo.processInfo.environment["MLP_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }

/// A Python to compile scripts with: MLP_PYTHON, or python3 from the PATH.
let anyPython: String? =
  ciPython
  ?? ["/usr/bin/python3", "/usr/local/bin/python3"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

/// Runs a Python program with arguments; returns its exit status and its two streams.
func runPython(_ python: String, _ arguments: [String]) throws -> Run {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: python)
  process.arguments = arguments
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return Run(
    status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
    err: String(decoding: errData, as: UTF8.self))
}

/// The model most tests save: Fashion-MNIST pixels over 255, one hidden layer with dropout.
func modelScript(hidden: Int = 32, normalize: String = "255") -> String {
  """
  data mnist "."
  normalize \(normalize)
  dense \(hidden) relu
  dropout 0.2
  dense 10 softmax
  loss crossentropy
  seed 7

  """
}
