import MLPLanguage
import Testing

/// The dump of every token, as `--dump-tokens` prints it.
private func dump(_ text: String) -> [String] {
  Lexer.dump(SourceFile(name: "test.mlp", text: text)).split(separator: "\n").map(String.init)
}

private func lexerErrors(_ text: String) -> [String] {
  let source = SourceFile(name: "test.mlp", text: text)
  return Lexer.tokens(of: source).1.map {
    "\(source.location(of: $0.range?.start ?? -1)): \($0.message)"
  }
}

@Test func tokensOfAStatement() {
  #expect(
    dump("dense 100 relu\n")
      == [
        "1:1 name 'dense'", "1:7 number '100'", "1:11 name 'relu'", "1:15 newline",
        "2:1 end of file",
      ])
}

@Test func commentsBlanksAndTabsAreSkipped() {
  #expect(
    dump("# a model\n\tinput 784  # pixels\n;seed 1")
      == [
        "1:10 newline", "2:2 name 'input'", "2:8 number '784'", "2:21 newline", "3:1 semicolon ';'",
        "3:2 name 'seed'", "3:7 number '1'", "3:8 end of file",
      ])
}

@Test func crlfIsOneNewline() {
  #expect(
    dump("evaluate\r\nseed 2\r\n") == [
      "1:1 name 'evaluate'", "1:9 newline", "2:1 name 'seed'", "2:6 number '2'", "2:7 newline",
      "3:1 end of file",
    ])
  #expect(dump("evaluate # done\r\n").dropFirst().first == "1:16 newline")
}

@Test func namesHoldDashesUnderscoresAndDigits() {
  #expect(
    dump("fashion-mnist binary_crossentropy beta1 A") == [
      "1:1 name 'fashion-mnist'", "1:15 name 'binary_crossentropy'", "1:35 name 'beta1'",
      "1:41 name 'A'", "1:42 end of file",
    ])
}

@Test(arguments: ["10", "0.001", ".5", "1e-3", "2.5E+2", "10.", "1e5", "7.25e-10"])
func numberForms(_ text: String) {
  #expect(dump(text) == ["1:1 number '\(text)'", "1:\(text.count + 1) end of file"])
}

@Test func stringsWithEscapes() {
  #expect(
    dump(#""a\"b\\c" "données""#) == [
      #"1:1 string '"a\"b\\c"'"#, #"1:11 string '"données"'"#, "1:20 end of file",
    ])
}

@Test func malformedNumbers() {
  #expect(lexerErrors("dense 1e") == ["1:7: expected digits after the exponent in '1e'"])
  #expect(lexerErrors("lr 2.5E+") == ["1:4: expected digits after the exponent in '2.5E+'"])
  #expect(lexerErrors("dense 100relu") == ["1:10: expected a space between '100' and 'relu'"])
  #expect(lexerErrors("dense 1elu") == ["1:8: expected a space between '1' and 'elu'"])
}

@Test func malformedStrings() {
  let source = SourceFile(name: "test.mlp", text: "data mnist \"dir\nseed 1")
  let (tokens, diagnostics) = Lexer.tokens(of: source)
  #expect(diagnostics.map(\.message) == ["unterminated string"])
  #expect(diagnostics.first?.range == SourceRange(15, 15))
  #expect(
    diagnostics.first?.notes == [Diagnostic.Note("the string starts here", at: SourceRange(11, 12))]
  )
  #expect(tokens.map(\.kind) == [.name, .name, .error, .newline, .name, .number, .endOfFile])

  #expect(lexerErrors(#"data mnist "a\nb""#) == [#"1:14: unknown escape '\n' in a string"#])
  #expect(lexerErrors("data mnist \"a\\\r\n") == ["1:15: unterminated string"])
}

@Test func unknownCharacters() {
  #expect(
    lexerErrors("lr 0.1, momentum @") == [
      "1:7: unexpected character ','", "1:18: unexpected character '@'",
    ])
  #expect(lexerErrors("dense 10 rélu") == ["1:11: unexpected character 'é' in 'rélu'"])
  #expect(lexerErrors("λ") == ["1:1: unexpected character 'λ'"])
  #expect(
    lexerErrors("seed\r1\u{7} . \u{A0}") == [
      "1:5: unexpected character U+000D", "1:7: unexpected character U+0007",
      "1:9: unexpected character '.'", "1:11: unexpected character U+00A0",
    ])
}

@Test func anErrorTokenCoversWhatWasRejected() {
  let source = SourceFile(name: "test.mlp", text: "dense 100relu 1e ;")
  let (tokens, _) = Lexer.tokens(of: source)
  #expect(tokens.map { source.text($0.range) } == ["dense", "100relu", "1e", ";", ""])
  #expect(tokens.map(\.kind) == [.name, .error, .error, .semicolon, .endOfFile])
}

@Test func errorTokensInTheDump() {
  #expect(
    dump("seed 1e; @") == [
      "1:1 name 'seed'", "1:6 error '1e'", "1:8 semicolon ';'", "1:10 error '@'",
      "1:11 end of file",
    ])
}

@Test func hugeNumbersAreLeftToTheChecker() {
  guard case .seed(let number) = statement("seed 1e999")?.kind else {
    Issue.record("not a seed statement")
    return
  }
  #expect(number.value == .infinity)
}
