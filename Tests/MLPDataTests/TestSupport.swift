import Foundation
import Testing

@testable import MLPData

/// Gzip-compresses `bytes` with /usr/bin/gzip, so the tests exercise a compressor other than
/// the code under test.
func gzipped(_ bytes: [UInt8]) throws -> [UInt8] {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
  process.arguments = ["-c", "-n"]
  let input = Pipe()
  let output = Pipe()
  process.standardInput = input
  process.standardOutput = output
  try process.run()
  input.fileHandleForWriting.write(Data(bytes))
  try input.fileHandleForWriting.close()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return [UInt8](data)
}

/// A fresh directory under the system temporary directory, removed by the caller.
func temporaryDirectory() throws -> String {
  let path = NSTemporaryDirectory() + "mlpdata-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

func write(_ bytes: [UInt8], to path: String) throws {
  try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// The error `body` throws, or a recorded failure (at the caller's line) when it throws none or
/// throws something other than a `DataError`.
func dataError<T>(
  sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T
) -> DataError? {
  do {
    _ = try body()
    Issue.record("expected a DataError, got a result", sourceLocation: sourceLocation)
  } catch let error as DataError {
    return error
  } catch {
    Issue.record("expected a DataError, got \(error)", sourceLocation: sourceLocation)
  }
  return nil
}

/// Expects every element of `got` to be within `tolerance` of `expected`, reporting at the
/// caller's line.
func expectClose(
  _ got: [Float], _ expected: [Float], tolerance: Float = 1e-6,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(got.count == expected.count, sourceLocation: sourceLocation)
  for (index, (g, e)) in zip(got, expected).enumerated() where abs(g - e) > tolerance {
    Issue.record(
      "element \(index): expected \(e), got \(g), error \(abs(g - e)), tolerance \(tolerance)",
      sourceLocation: sourceLocation)
  }
}
