/// A training set, an optional test set of the same width, and the class count they share.
///
/// `classes` is the catalogue's count for a named set, otherwise the largest label over both
/// sets plus one. `classNames`, when known, has `classes` entries.
public struct DataSplit: Sendable {
  public var train: Dataset
  public var test: Dataset?
  public var classes: Int
  public var classNames: [String]?

  public init(train: Dataset, test: Dataset?, classes: Int, classNames: [String]? = nil) {
    self.train = train
    self.test = test
    self.classes = classes
    self.classNames = classNames
  }
}

/// Where the examples come from, as the data statement of a script names them.
public enum DataRequest: Sendable, Equatable {
  /// A catalogue set, from `directory` or the set's default directory.
  case named(String, directory: String?)
  /// IDX image and label files; the test pair is optional but must come whole.
  case idx(images: String, labels: String, testImages: String?, testLabels: String?)
  /// A CSV file; `split` holds out that last fraction of its rows as the test set, `test` names
  /// a separate test file instead.
  case csv(path: String, options: CSVOptions, split: Double?, test: String?)
}

/// Turns a `DataRequest` into a `DataSplit`, checking that the parts agree.
public enum DataLoader {
  public static func load(_ request: DataRequest) throws(DataError) -> DataSplit {
    switch request {
    case .named(let name, let directory):
      return try Catalogue.load(name: name, directory: directory)
    case .idx(let images, let labels, let testImages, let testLabels):
      return try loadIDX(
        images: images, labels: labels, testImages: testImages, testLabels: testLabels)
    case .csv(let path, let options, let split, let test):
      return try loadCSV(path: path, options: options, split: split, test: test)
    }
  }

  private static func loadIDX(
    images: String, labels: String, testImages: String?, testLabels: String?
  ) throws(DataError) -> DataSplit {
    let train = try IDX.loadPair(images: images, labels: labels)
    try requireExamples(train, path: images)
    var test: Dataset?
    switch (testImages, testLabels) {
    case (let testImages?, let testLabels?):
      let loaded = try IDX.loadPair(images: testImages, labels: testLabels)
      try requireSameWidth(loaded, as: train, path: testImages, trainPath: images)
      test = loaded
    case (let testImages?, nil):
      throw DataError(path: testImages, message: "expected test labels with the test images")
    case (nil, let testLabels?):
      throw DataError(path: testLabels, message: "expected test images with the test labels")
    case (nil, nil):
      break
    }
    return DataSplit(train: train, test: test, classes: classCount(train, test))
  }

  private static func loadCSV(
    path: String, options: CSVOptions, split: Double?, test testPath: String?
  ) throws(DataError) -> DataSplit {
    var train = try CSV.read(path: path, options: options)
    var test: Dataset?
    if let split {
      guard testPath == nil else {
        throw DataError(path: path, message: "expected a split or a test file, found both")
      }
      guard split > 0 && split < 1 else {
        throw DataError(
          path: path, message: "expected a split fraction between 0 and 1, found \(split)")
      }
      let held = Int((Double(train.count) * split).rounded())
      guard held >= 1 && held < train.count else {
        throw DataError(
          path: path,
          message: "expected a split that leaves rows on both sides, found \(held) of "
            + "\(train.count) rows held out")
      }
      test = train.slice(train.count - held..<train.count)
      train = train.prefix(train.count - held)
    } else if let testPath {
      let loaded = try CSV.read(path: testPath, options: options)
      try requireSameWidth(loaded, as: train, path: testPath, trainPath: path)
      test = loaded
    }
    return DataSplit(train: train, test: test, classes: classCount(train, test))
  }

  private static func requireExamples(_ set: Dataset, path: String) throws(DataError) {
    if set.count == 0 {
      throw DataError(path: path, message: "expected at least one example, found none")
    }
  }

  private static func requireSameWidth(
    _ test: Dataset, as train: Dataset, path: String, trainPath: String
  ) throws(DataError) {
    guard test.width == train.width else {
      throw DataError(
        path: path,
        message: "expected \(train.width) features per example as in '\(trainPath)', "
          + "found \(test.width)")
    }
  }

  private static func classCount(_ train: Dataset, _ test: Dataset?) -> Int {
    let top = max(train.labels.max() ?? -1, test?.labels.max() ?? -1)
    return Int(top) + 1
  }
}
