import MLPLanguage
import Testing

@Test(arguments: [
  "data fashion-mnist",
  #"data mnist "/usr/share/datasets/mnist""#,
  #"data idx "train-images" "train-labels""#,
  #"data idx "a" "b" test "c" "d""#,
  #"data csv "train.csv""#,
  #"data csv "train.csv" label last header split 0.1 test "test.csv""#,
  #"data csv "t.csv" label 0 label first"#,
])
func dataForms(_ text: String) {
  #expect(summaries(text) == [text])
}

@Test func stringEscapesAreResolved() {
  guard case .data(.named(_, let directory)) = statement(#"data mnist "a\"b\\c""#)?.kind else {
    Issue.record("not a named data statement")
    return
  }
  #expect(directory?.value == #"a"b\c"#)
  #expect(directory?.range == SourceRange(11, 20))
}

@Test func csvOptionsKeepTheirKeywords() {
  let text = #"data csv "f" label 3 header split 0.25 test "t""#
  guard case .data(.csv(let path, let options)) = statement(text)?.kind else {
    Issue.record("not a csv data statement")
    return
  }
  #expect(path == StringLiteral("f", at: SourceRange(9, 12)))
  #expect(
    options == [
      .label(.number(Number(3, text: "3", at: SourceRange(19, 20))), keyword: SourceRange(13, 18)),
      .header(keyword: SourceRange(21, 27)),
      .split(Number(0.25, text: "0.25", at: SourceRange(34, 38)), keyword: SourceRange(28, 33)),
      .test(StringLiteral("t", at: SourceRange(44, 47)), keyword: SourceRange(39, 43)),
    ])
}

@Test func dataErrors() {
  expectError(
    "data", at: "1:5", "expected a data set name, 'idx' or 'csv' after 'data', found end of line")
  expectError(
    #"data idx "a""#, at: "1:13",
    "expected the path of the training labels after the images, found end of line")
  expectError(
    #"data idx "a" "b" tset "c" "d""#, at: "1:18", "unknown option 'tset' of 'data idx'",
    help: "did you mean 'test'?")
  expectError(
    #"data idx "a" "b" test "c""#, at: "1:26",
    "expected the path of the test labels after the test images, found end of line")
  expectError(
    #"data csv "f" lable first"#, at: "1:14", "unknown option 'lable' of 'data csv'",
    help: "did you mean 'label'?")
  expectError(
    #"data csv "f" colour red"#, at: "1:14", "unknown option 'colour' of 'data csv'",
    help: "the options of 'data csv' are 'label', 'header', 'split' and 'test'")
  expectError(
    #"data csv "f" label "x""#, at: "1:20",
    #"expected a column after 'label' ('first', 'last' or a number), found '"x"'"#)
  expectError(#"data csv "f" 3"#, at: "1:14", "expected an option of 'data csv', found '3'")
  expectError(
    #"data mnist "a" "b""#, at: "1:16",
    "unexpected '\"b\"' after the statement; statements are separated by a new line or ';'")
}
