/// The `data` statement: a set from the catalogue, IDX files or a CSV file.
extension ScriptParser {
  /// data = "data" ( idx-source | csv-source | named-source ) ;
  mutating func data() throws(SyntaxError) -> StatementSyntax.Kind {
    let source = try expectName("a data set name, 'idx' or 'csv' after 'data'")
    switch source.text {
    case "idx": return .data(try idxSource())
    case "csv": return .data(try csvSource())
    default: return .data(namedSource(source))
    }
  }

  /// named-source = NAME [ STRING ] ;
  mutating func namedSource(_ name: Name) -> DataSourceSyntax {
    let directory = current.kind == .string ? string(advance()) : nil
    return .named(name, directory: directory)
  }

  /// idx-source = "idx" STRING STRING [ "test" STRING STRING ] ;
  mutating func idxSource() throws(SyntaxError) -> DataSourceSyntax {
    let images = try expectString("the path of the training images after 'idx'")
    let labels = try expectString("the path of the training labels after the images")
    guard current.kind == .name else { return .idx(images: images, labels: labels, test: nil) }

    let option = name(advance())
    guard option.text == "test" else {
      throw unknownOption(option, of: "data idx", options: ["test"])
    }
    let testImages = try expectString("the path of the test images after 'test'")
    let testLabels = try expectString("the path of the test labels after the test images")
    return .idx(images: images, labels: labels, test: (testImages, testLabels))
  }

  /// csv-source = "csv" STRING { csv-option } ;
  mutating func csvSource() throws(SyntaxError) -> DataSourceSyntax {
    let path = try expectString("the path of the CSV file after 'csv'")
    var options: [CSVOption] = []
    while current.kind == .name {
      options.append(try csvOption())
    }

    guard current.endsStatement else {
      throw unexpected(
        current, expected: "an option of 'data csv'",
        help: optionsHelp(of: "data csv", options: Vocabulary.csvOptions))
    }
    return .csv(path: path, options: options)
  }

  /// csv-option = "label" ( NAME | NUMBER ) | "header" | "split" NUMBER | "test" STRING ;
  mutating func csvOption() throws(SyntaxError) -> CSVOption {
    let option = name(advance())
    switch option.text {
    case "label":
      switch current.kind {
      case .name: return .label(.name(name(advance())), keyword: option.range)
      case .number: return .label(.number(try number(advance())), keyword: option.range)
      default:
        throw unexpected(current, expected: "a column after 'label' ('first', 'last' or a number)")
      }
    case "header":
      return .header(keyword: option.range)
    case "split":
      let fraction = try expectNumber("the validation fraction after 'split'")
      return .split(fraction, keyword: option.range)
    case "test":
      let path = try expectString("the path of the test file after 'test'")
      return .test(path, keyword: option.range)
    default:
      throw unknownOption(option, of: "data csv", options: Vocabulary.csvOptions)
    }
  }
}
