/// The syntax tree of a script: what was written, with where, before any meaning is given.
/// Names stay names here; the checker resolves them against the language's vocabularies.
public struct ScriptSyntax: Sendable {
  public var source: SourceFile
  public var statements: [StatementSyntax]

  public init(source: SourceFile, statements: [StatementSyntax]) {
    self.source = source
    self.statements = statements
  }
}

/// A bare word such as `relu` or `fashion-mnist`.
public struct Name: Sendable, Equatable {
  public var text: String
  public var range: SourceRange

  public init(_ text: String, at range: SourceRange) {
    self.text = text
    self.range = range
  }
}

/// A decimal number as written; `text` is kept so the checker can tell `10` from `10.0`.
public struct Number: Sendable, Equatable {
  public var value: Double
  public var text: String
  public var range: SourceRange

  public init(_ value: Double, text: String, at range: SourceRange) {
    self.value = value
    self.text = text
    self.range = range
  }

  /// Whether it was written as a whole number (digits only).
  public var isInteger: Bool { text.allSatisfy(\.isWholeNumber) }
}

/// A quoted string with its escapes resolved; `range` includes the quotes.
public struct StringLiteral: Sendable, Equatable {
  public var value: String
  public var range: SourceRange

  public init(_ value: String, at range: SourceRange) {
    self.value = value
    self.range = range
  }
}

/// A value that may be a name or a number (`normalize 255` or `normalize standard`).
public enum Word: Sendable, Equatable {
  case name(Name)
  case number(Number)

  public var range: SourceRange {
    switch self {
    case .name(let name): name.range
    case .number(let number): number.range
    }
  }
}

/// One statement; `range` covers it from its keyword to its last token.
public struct StatementSyntax: Sendable, Equatable {
  public var kind: Kind
  public var keyword: SourceRange
  public var range: SourceRange

  public init(_ kind: Kind, keyword: SourceRange, range: SourceRange) {
    self.kind = kind
    self.keyword = keyword
    self.range = range
  }

  public enum Kind: Sendable, Equatable {
    case data(DataSourceSyntax)
    case normalize(Word)
    case input(Number)
    case dense(width: Number, activation: Name?)
    case dropout(rate: Number)
    case loss(Name)
    case optimizer(Name, options: [NumberOption])
    case seed(Number)
    case train(options: [TrainOption])
    case evaluate
    case save(StringLiteral)
    case load(StringLiteral)
    case summary
    case graph(StringLiteral?)
    case plot(StringLiteral?)
    case confusion
    /// `show samples 8`, `show mistakes 8`.
    case show(Name, count: Number?)
    case trace
  }
}

extension StatementSyntax {
  /// The statements that use the model, as opposed to declaring it.
  public static let usesModel: Set<String> = [
    "train", "load", "evaluate", "save", "summary", "graph", "plot", "confusion", "show", "trace",
  ]

  /// The statement's keyword.
  public var kindName: String {
    switch kind {
    case .data: "data"
    case .normalize: "normalize"
    case .input: "input"
    case .dense: "dense"
    case .dropout: "dropout"
    case .loss: "loss"
    case .optimizer: "optimizer"
    case .seed: "seed"
    case .train: "train"
    case .evaluate: "evaluate"
    case .save: "save"
    case .load: "load"
    case .summary: "summary"
    case .graph: "graph"
    case .plot: "plot"
    case .confusion: "confusion"
    case .show: "show"
    case .trace: "trace"
    }
  }
}

/// `name number`, as in `lr 0.001`.
public struct NumberOption: Sendable, Equatable {
  public var name: Name
  public var value: Number

  public init(name: Name, value: Number) {
    self.name = name
    self.value = value
  }
}

/// Where `data` reads from.
public enum DataSourceSyntax: Sendable, Equatable {
  /// `data fashion-mnist` or `data mnist "DIR"`.
  case named(Name, directory: StringLiteral?)
  /// `data idx "images" "labels" test "images" "labels"`.
  case idx(images: StringLiteral, labels: StringLiteral, test: (StringLiteral, StringLiteral)?)
  /// `data csv "train.csv" label last header split 0.1 test "test.csv"`.
  case csv(path: StringLiteral, options: [CSVOption])

  public static func == (lhs: DataSourceSyntax, rhs: DataSourceSyntax) -> Bool {
    switch (lhs, rhs) {
    case (.named(let a, let b), .named(let c, let d)): a == c && b == d
    case (.idx(let a, let b, let c), .idx(let d, let e, let f)):
      a == d && b == e && c?.0 == f?.0 && c?.1 == f?.1
    case (.csv(let a, let b), .csv(let c, let d)): a == c && b == d
    default: false
    }
  }
}

/// One option of `data csv`; `keyword` is the option's own name.
public enum CSVOption: Sendable, Equatable {
  case label(Word, keyword: SourceRange)
  case header(keyword: SourceRange)
  case split(Number, keyword: SourceRange)
  case test(StringLiteral, keyword: SourceRange)
}

extension CSVOption {
  /// The option's name, as written.
  public var name: String {
    switch self {
    case .label: "label"
    case .header: "header"
    case .split: "split"
    case .test: "test"
    }
  }

  /// Where the option's name is.
  public var keyword: SourceRange {
    switch self {
    case .label(_, let keyword), .header(let keyword), .split(_, let keyword),
      .test(_, let keyword):
      keyword
    }
  }
}

/// One option of `train`.
public enum TrainOption: Sendable, Equatable {
  case epochs(Number, keyword: SourceRange)
  case batch(Number, keyword: SourceRange)
  /// `validation test`, `validation none` (value `nil` and the name) or `validation split 0.1`.
  case validation(Name, split: Number?, keyword: SourceRange)
  /// `checkpoint "best.safetensors"`: keep the weights of the epoch with the best validation
  /// accuracy in that file.
  case checkpoint(StringLiteral, keyword: SourceRange)
}

extension TrainOption {
  public var name: String {
    switch self {
    case .epochs: "epochs"
    case .batch: "batch"
    case .validation: "validation"
    case .checkpoint: "checkpoint"
    }
  }

  public var keyword: SourceRange {
    switch self {
    case .epochs(_, let keyword), .batch(_, let keyword), .validation(_, _, let keyword),
      .checkpoint(_, let keyword):
      keyword
    }
  }
}
