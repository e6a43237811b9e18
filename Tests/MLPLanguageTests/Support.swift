import MLPLanguage
import Testing

/// Shared helpers; each forwards the caller's source location so a failure points at the test.

func parse(_ text: String) -> (ScriptSyntax, [Diagnostic]) {
  Parser.parse(SourceFile(name: "test.mlp", text: text))
}

/// The statements of a script that must parse cleanly, each summarised as canonical text.
func summaries(
  _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [String] {
  let (script, diagnostics) = parse(text)
  #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))", sourceLocation: sourceLocation)
  return script.statements.map { summary($0.kind) }
}

/// The one statement of a script that must parse cleanly.
func statement(
  _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> StatementSyntax? {
  let (script, diagnostics) = parse(text)
  #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))", sourceLocation: sourceLocation)
  #expect(script.statements.count == 1, sourceLocation: sourceLocation)
  return script.statements.first
}

/// Each diagnostic of a script as `LINE:COL: MESSAGE`.
func errors(_ text: String) -> [String] {
  let source = SourceFile(name: "test.mlp", text: text)
  let (_, diagnostics) = Parser.parse(source)
  return diagnostics.map { diagnostic in
    let place = diagnostic.range.map { "\(source.location(of: $0.start))" } ?? "-"
    return "\(place): \(diagnostic.message)"
  }
}

/// Expects exactly one error, at `place` (`"LINE:COL"`), with `message` and optionally `help`.
func expectError(
  _ text: String, at place: String, _ message: String, help: String? = nil,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  let (_, diagnostics) = parse(text)
  #expect(errors(text) == ["\(place): \(message)"], sourceLocation: sourceLocation)
  if let help {
    #expect(diagnostics.first?.help == help, sourceLocation: sourceLocation)
  }
}

func summary(_ kind: StatementSyntax.Kind) -> String {
  switch kind {
  case .data(let source): "data " + summary(source)
  case .normalize(let word): "normalize \(summary(word))"
  case .input(let width): "input \(width.text)"
  case .dense(let width, let activation):
    (["dense", width.text] + (activation.map { [$0.text] } ?? [])).joined(separator: " ")
  case .dropout(let rate): "dropout \(rate.text)"
  case .loss(let name): "loss \(name.text)"
  case .optimizer(let name, let options):
    (["optimizer", name.text] + options.map { "\($0.name.text) \($0.value.text)" })
      .joined(separator: " ")
  case .seed(let seed): "seed \(seed.text)"
  case .train(let options): (["train"] + options.map(summary)).joined(separator: " ")
  case .evaluate: "evaluate"
  case .save(let file): "save \"\(file.value)\""
  case .load(let file): "load \"\(file.value)\""
  case .summary: "summary"
  case .graph(let file): "graph" + (file.map { " \"\($0.value)\"" } ?? "")
  case .plot(let file): "plot" + (file.map { " \"\($0.value)\"" } ?? "")
  case .confusion: "confusion"
  case .show(let what, let count): "show \(what.text)" + (count.map { " \($0.text)" } ?? "")
  case .trace: "trace"
  }
}

private func summary(_ source: DataSourceSyntax) -> String {
  switch source {
  case .named(let name, let directory):
    ([name.text] + (directory.map { ["\"\($0.value)\""] } ?? [])).joined(separator: " ")
  case .idx(let images, let labels, let test):
    "idx \"\(images.value)\" \"\(labels.value)\""
      + (test.map { " test \"\($0.0.value)\" \"\($0.1.value)\"" } ?? "")
  case .csv(let path, let options):
    (["csv \"\(path.value)\""] + options.map(summary)).joined(separator: " ")
  }
}

private func summary(_ option: CSVOption) -> String {
  switch option {
  case .label(let word, _): "label \(summary(word))"
  case .header: "header"
  case .split(let fraction, _): "split \(fraction.text)"
  case .test(let path, _): "test \"\(path.value)\""
  }
}

private func summary(_ option: TrainOption) -> String {
  switch option {
  case .epochs(let count, _): "epochs \(count.text)"
  case .batch(let size, _): "batch \(size.text)"
  case .validation(let mode, let split, _):
    "validation \(mode.text)" + (split.map { " \($0.text)" } ?? "")
  case .checkpoint(let file, _): "checkpoint \"\(file.value)\""
  }
}

private func summary(_ word: Word) -> String {
  switch word {
  case .name(let name): name.text
  case .number(let number): number.text
  }
}
