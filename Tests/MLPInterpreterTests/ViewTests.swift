import Foundation
import MLPGraph
import MLPInterpreter
import MLPLanguage
import MLPTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The views' text and files, on values small enough to work out by hand.
@Suite struct ViewTests {
  let range = SourceRange(0, 0)

  @Test func summaryWritesEachCountAsItsArithmetic() {
    var state = ModelState()
    state.input = 3
    state.layers = [
      LayerSpec(.dense(width: 4, activation: .relu), at: range),
      LayerSpec(.dropout(rate: 0.5), at: range),
      LayerSpec(.dense(width: 2, activation: .softmax), at: range),
    ]
    state.loss = .crossentropy
    state.optimizer = OptimizerSpec(.sgd)
    // 3 x 4 + 4 = 16 and 4 x 2 + 2 = 10: 26 parameters, 104 bytes, 208 with sgd's velocity;
    // 3 * 4 + 4 * 2 = 20 multiply-adds.
    #expect(
      modelSummary(state) == """
        layer               output   parameters       activation
        input               [B, 3]
        dense1              [B, 4]   3 x 4 + 4 = 16   relu
        dropout1 0.5        [B, 4]
        dense2              [B, 2]   4 x 2 + 2 = 10   softmax
        loss crossentropy   [B, 1]
        total                                    26

        parameters as Float32: 104 bytes
        with sgd's velocity: 208 bytes
        multiply-adds per example: 20

        """)
  }

  /// Nine examples of three classes: cat 0, 0, 0 predicted cat, dog, cat; dog 1, 1 predicted
  /// dog, cat; bird 2, 2, 2, 2 predicted bird, dog, dog, bird.
  func matrix() -> ConfusionMatrix {
    ConfusionMatrix(
      names: ["cat", "dog", "bird"], actual: [0, 0, 0, 1, 1, 2, 2, 2, 2],
      predicted: [0, 1, 0, 1, 0, 2, 1, 1, 2])
  }

  @Test func confusionCountsEachPair() {
    let matrix = matrix()
    #expect(matrix.counts == [[2, 1, 0], [1, 1, 0], [0, 2, 2]])
    #expect(matrix.correct == 5)
    #expect(matrix.accuracy(of: 0) == 2.0 / 3)
    #expect(matrix.accuracy(of: 2) == 0.5)
    // bird -> dog twice; then cat -> dog and dog -> cat once each, in class order.
    #expect(
      matrix.mostConfused(3).map { [$0.actual, $0.predicted, $0.count] } == [
        [2, 1, 2], [0, 1, 1], [1, 0, 1],
      ])
  }

  @Test func confusionText() {
    #expect(
      matrix().text == """
        confusion on 9 test examples: a row per true class, a column per predicted class

        true \\ predicted      0    1    2   accuracy
        0 cat                 2    1    0      0.667
        1 dog                 1    1    0      0.500
        2 bird                0    2    2      0.500

        accuracy 0.5556 (5 of 9)
        most confused: bird taken for dog 2 times, cat for dog once and dog for cat once

        """)
  }

  /// Validation accuracy peaks at epoch 2 (0.80) and falls to 0.78 while training accuracy
  /// climbs from 0.82 to 0.90.
  func history() -> [EpochRecord] {
    let rows: [(Double, Double, Double, Double)] = [
      (0.9, 0.70, 0.8, 0.75), (0.6, 0.82, 0.6, 0.80), (0.4, 0.86, 0.65, 0.79),
      (0.3, 0.90, 0.7, 0.78),
    ]
    return rows.enumerated().map { index, row in
      EpochRecord(
        epoch: index + 1, loss: row.0, accuracy: row.1, validationLoss: row.2,
        validationAccuracy: row.3, seconds: 1)
    }
  }

  @Test func overfittingInWords() {
    let note = Curves(history: history()).overfitting
    #expect(
      note?.hasPrefix(
        "validation accuracy was best at epoch 2 (0.8000); since then training accuracy rose "
          + "from 0.8200 to 0.9000 (+0.0800) while validation accuracy fell to 0.7800 (-0.0200)")
        == true)
    // Still improving at the last epoch: nothing to say.
    #expect(Curves(history: Array(history().prefix(2))).overfitting == nil)
  }

  @Test func plotInTheTerminal() {
    let text = Curves(history: Array(history().prefix(3))).text(width: 20, colour: false)
    // Loss from 0.9 down to 0.4 (training) and 0.8, 0.6, 0.65 (validation); accuracy from 0.70
    // to 0.86 and 0.75, 0.80, 0.79: the labels are the extremes and their middle.
    #expect(
      text == """
        loss
        0.900 ┤●⢄
              │ ⠈⠢⡀
              │○⠤⡀⠈⠢⡀
              │  ⠈⠒⢄⠑⢄
        0.650 ┤     ⠉⠢⣑⢄
              │        ⠙⠦○⣀⠤⠤⠤⠒⠒⠒⠉○
              │          ⠈⠢⢄
              │             ⠑⢄⡀
              │               ⠈⠢⡀
        0.400 ┤                 ⠈⠑●
              └┬─────────┬────────┬
               1         2        3  epoch
               ●⠒⠒ training   ○⠒⠒ validation

        accuracy
        0.860 ┤                ⢀⡠⠔●
              │            ⢀⡠⠔⠊⠁
              │         ⢀●⠊⠁
              │        ⢠⠊○⣀⡀
        0.780 ┤      ⢀⡴⠓⠉  ⠈⠉⠉⠉⠉⠑⠒○
              │   ⣀⠤⢊⠏
              │○⠔⠊ ⡠⠃
              │   ⡔⠁
              │ ⢠⠊
        0.700 ┤●⠁
              └┬─────────┬────────┬
               1         2        3  epoch
               ●⠒⠒ training   ○⠒⠒ validation

        """
    )
  }

  @Test func picturesSideBySide() {
    // Two 4x4 images, a ramp and its mirror, drawn two rows a character.
    let ramp: [Float] = (0..<16).map { Float($0 % 4) / 3 }
    let pictures = [
      Picture(pixels: ramp, rows: 4, columns: 4, caption: ["one", "said two"]),
      Picture(pixels: ramp.reversed(), rows: 4, columns: 4, caption: ["two"]),
    ]
    // Each character is the mean of two equal rows: 0, 1/3, 2/3, 1 are ' ', '-', '*', '@'.
    #expect(
      drawPictures(pictures, mode: .plain, width: 80) == """
         -*@  @*-\u{20}
         -*@  @*-\u{20}
        one   two
        said

        """)
  }

  @Test func curvesAreAnSVGDocument() throws {
    let document = try XMLDocument(
      data: Data(Curves(history: history()).svg.utf8), options: [])
    let root = try #require(document.rootElement())
    #expect(root.name == "svg")
    // Two panels, each with a training and a validation line.
    #expect(try root.nodes(forXPath: "//*[local-name()='polyline']").count == 4)
    let texts = try root.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
    for label in ["loss", "accuracy", "training", "validation", "best validation", "epoch"] {
      #expect(texts.contains(label), "\(label)")
    }
  }

  @Test func graphDiagramIsAnSVGDocument() throws {
    let model = ModelSpec(
      inputWidth: 4,
      layers: [
        LayerSpec(.dense(width: 3, activation: .relu), at: range),
        LayerSpec(.dense(width: 2, activation: .softmax), at: range),
      ], loss: .crossentropy)
    let diagram = GraphDiagram(graph: Graph.compile(model), backward: true)
    let document = try XMLDocument(data: Data(diagram.svg.utf8), options: [])
    let texts = try #require(document.rootElement()).nodes(
      forXPath: "//*[local-name()='text']"
    ).compactMap(\.stringValue)
    for label in [
      "x [B, 4]", "matmul", "dense1.product [B, 3]", "dense1.weight [4, 3]", "bias_relu",
      "softmax_crossentropy", "labels [B, 1]", "softmax_crossentropy_grad", "backward",
    ] {
      #expect(texts.contains(label), "\(label)")
    }
    #expect(diagram.dot.hasPrefix("digraph mlp {\n"))
    #expect(diagram.dot.contains("  f0 [label=\"matmul\\ndense1.product [B, 3]\"];\n"))
  }

  @Test func graphCommandWritesSVGAndDot() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = "input 4\ndense 3 relu\ndense 2 softmax\nloss crossentropy\n"
    let svg = try runMLP(["graph", "-"], input: script)
    #expect(svg.status == 0, "\(svg.err)")
    #expect(try XMLDocument(data: Data(svg.out.utf8), options: []).rootElement()?.name == "svg")
    let file = folder.appendingPathComponent("net.dot")
    let dot = try runMLP(["graph", "-", "-o", file.path], input: script)
    #expect(dot.status == 0)
    #expect(dot.out == "")
    #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("digraph mlp {"))
  }
}
