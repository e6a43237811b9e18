// swift-tools-version: 6.0
import PackageDescription

// The pipeline, one target a stage: text -> checked model (MLPLanguage) -> graph (MLPGraph)
// -> forward and backward on the CPU (MLPExecutor), fed by MLPData, driven by MLPInterpreter.
// The executor's kernels and the batch gather are written with 16-lane SIMD types; on x86-64 they
// are compiled for Haswell-class processors (AVX2 and FMA, every x86 server and desktop since
// 2013) so that a
// lane group becomes two vector instructions instead of spilled SSE code.
#if arch(x86_64)
  let vectorFlags: [SwiftSetting] = [
    .unsafeFlags(["-target-cpu", "haswell", "-Xcc", "-fno-math-errno"])
  ]
#else
  let vectorFlags: [SwiftSetting] = []
#endif

let package = Package(
  name: "mlp",
  products: [
    .executable(name: "mlp", targets: ["mlp"])
  ],
  targets: [
    .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    .systemLibrary(name: "CEditLine", path: "Sources/CEditLine"),

    .target(name: "MLPLanguage"),
    .target(name: "MLPGraph", dependencies: ["MLPLanguage"]),
    .target(name: "MLPExecutor", dependencies: ["MLPGraph", "CBLAS"], swiftSettings: vectorFlags),
    .target(name: "MLPData", dependencies: ["CZlib"], swiftSettings: vectorFlags),
    .target(
      name: "MLPInterpreter",
      dependencies: ["MLPLanguage", "MLPGraph", "MLPExecutor", "MLPData"]),
    .target(name: "MLPREPL", dependencies: ["MLPInterpreter", "MLPData", "CEditLine"]),
    .executableTarget(name: "mlp", dependencies: ["MLPInterpreter", "MLPREPL"]),

    .target(
      name: "MLPTestSupport", dependencies: ["MLPInterpreter"], path: "Tests/MLPTestSupport"),
    // Diagnostics/ holds the golden scripts, read from the source tree by the tests.
    .testTarget(
      name: "MLPLanguageTests", dependencies: ["MLPLanguage"], exclude: ["Diagnostics"]),
    .testTarget(name: "MLPGraphTests", dependencies: ["MLPGraph", "MLPExecutor"]),
    .testTarget(name: "MLPDataTests", dependencies: ["MLPData"]),
    .testTarget(
      name: "MLPInterpreterTests",
      dependencies: [
        "MLPInterpreter", "MLPData", "MLPLanguage", "MLPGraph", "MLPExecutor", "MLPTestSupport",
        "mlp",
      ]),
    .testTarget(name: "MLPREPLTests", dependencies: ["MLPREPL", "MLPTestSupport", "mlp"]),
  ]
)
