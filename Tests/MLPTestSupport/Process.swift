import Foundation

/// The output of one run of the `mlp` binary.
public struct Run {
  public var status: Int32
  public var out: String
  public var err: String
  /// Whether a signal ended the process (a crash, or the kill after a timeout).
  public var signalled = false
  /// Whether the process outlived its timeout and was killed.
  public var timedOut = false

  public init(
    status: Int32, out: String, err: String, signalled: Bool = false, timedOut: Bool = false
  ) {
    self.status = status
    self.out = out
    self.err = err
    self.signalled = signalled
    self.timedOut = timedOut
  }
}

/// The built `mlp` beside the test bundle (the package builds it for these tests).
public func mlpBinary() -> URL {
  let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let candidates = [
    bundle.appendingPathComponent("mlp"),
    bundle.deletingLastPathComponent().appendingPathComponent("mlp"),
  ]
  return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    ?? candidates[0]
}

/// Runs `mlp` with arguments (and optional standard input) and waits for it; after `timeout`
/// seconds, if given, it is killed and the run marked `timedOut`.
public func runMLP(
  _ arguments: [String], input: String? = nil, directory: URL? = nil,
  timeout: Double? = nil
) throws -> Run {
  let process = Process()
  process.executableURL = mlpBinary()
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = directory }
  var environment = ProcessInfo.processInfo.environment
  environment["NO_COLOR"] = "1"
  process.environment = environment
  let out = Pipe()
  let err = Pipe()
  let inPipe = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = inPipe
  try process.run()
  let deadline = DispatchWorkItem { [process] in
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
  }
  if let timeout {
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
  }
  if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
  try inPipe.fileHandleForWriting.close()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  deadline.cancel()
  let signalled = process.terminationReason == .uncaughtSignal
  return Run(
    status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
    err: String(decoding: errData, as: UTF8.self), signalled: signalled,
    timedOut: signalled && process.terminationStatus == SIGKILL && timeout != nil)
}

/// A fresh folder under the temporary directory, removed by the caller.
public func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "mlp-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// The package's root folder, found from this file's path (Tests/MLPTestSupport/Process.swift).
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

public let fashionDirectory = "/usr/share/datasets/fashion-mnist"
public let fashionInstalled = FileManager.default.fileExists(
  atPath: fashionDirectory + "/train-labels-idx1-ubyte.gz")
