import Foundation
import MLPTestSupport
import Testing

/// Every script in Examples/ parses and checks.
@Suite struct ExampleTests {
  static let examples: [String] =
    ((try? FileManager.default.contentsOfDirectory(
      atPath: packageRoot.appendingPathComponent("Examples").path)) ?? [])
    .filter { $0.hasSuffix(".mlp") }.sorted()

  @Test func thereAreExamples() {
    #expect(Self.examples.count >= 6)
    #expect(Self.examples.contains("fashion.mlp"))
  }

  @Test(
    .enabled(if: fashionInstalled, "needs the dataset-fashion-mnist package"),
    arguments: examples)
  func exampleChecks(_ name: String) throws {
    let path = packageRoot.appendingPathComponent("Examples").appendingPathComponent(name).path
    let run = try runMLP(["check", path])
    #expect(run.status == 0, "\(name): \(run.err)")
    #expect(run.out.contains("total"))
  }
}
