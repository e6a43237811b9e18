/// What the catalogue knows about a named data set: its shape, its classes and where it lives.
public struct CatalogueEntry: Sendable {
  public var name: String
  /// Features per example.
  public var width: Int
  public var imageShape: (rows: Int, columns: Int)
  public var classes: Int
  /// One name per class, in label order.
  public var classNames: [String]
  /// Where the files are when no directory is given; `nil` when the user must give one.
  public var defaultDirectory: String?
  /// A command that installs the files, for help text.
  public var installHint: String?
}

/// Named data sets stored as the four standard IDX files (raw or `.gz`) in one directory.
///
/// `load` checks every label against the entry's class count and reports a missing directory
/// or file with every path it tried.
public enum Catalogue {
  public static let names = ["fashion-mnist", "mnist"]

  /// The four files of a set, training pair first, each looked for raw and with `.gz`.
  static let fileNames = [
    "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
  ]

  public static func entry(named name: String) -> CatalogueEntry? {
    switch name {
    case "fashion-mnist":
      return CatalogueEntry(
        name: name, width: 784, imageShape: (28, 28), classes: 10,
        classNames: [
          "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
          "Bag", "Ankle boot",
        ],
        defaultDirectory: "/usr/share/datasets/fashion-mnist",
        installHint: "sudo apt-get install dataset-fashion-mnist")
    case "mnist":
      return CatalogueEntry(
        name: name, width: 784, imageShape: (28, 28), classes: 10,
        classNames: (0..<10).map(String.init), defaultDirectory: nil, installHint: nil)
    default:
      return nil
    }
  }

  public static func load(name: String, directory: String?) throws(DataError) -> DataSplit {
    let paths = try locate(name: name, directory: directory)
    guard let entry = entry(named: name) else { throw unknown(name) }

    let train = try IDX.loadPair(images: paths[0], labels: paths[1])
    let test = try IDX.loadPair(images: paths[2], labels: paths[3])
    try check(train, imagesPath: paths[0], labelsPath: paths[1], against: entry)
    try check(test, imagesPath: paths[2], labelsPath: paths[3], against: entry)
    return DataSplit(
      train: train, test: test, classes: entry.classes, classNames: entry.classNames)
  }

  /// The paths of a named set's four files, or the error `load` would give; reads nothing.
  @discardableResult
  public static func locate(name: String, directory: String?) throws(DataError) -> [String] {
    guard let entry = entry(named: name) else { throw unknown(name) }
    guard let directory = directory ?? entry.defaultDirectory else {
      throw DataError(
        path: name, message: "expected a directory holding the '\(name)' files, found none",
        help: "name the directory that holds " + fileNames.joined(separator: ", "))
    }
    return try locate(entry, in: directory)
  }

  private static func unknown(_ name: String) -> DataError {
    DataError(
      path: name, message: "unknown data set '\(name)'",
      help: "known sets: " + names.joined(separator: ", "))
  }

  /// The path of each standard file, raw preferred to `.gz`.
  private static func locate(
    _ entry: CatalogueEntry, in directory: String
  ) throws(DataError) -> [String] {
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    var found: [String] = []
    var tried: [String] = []
    for file in fileNames {
      let candidates = ["\(base)/\(file)", "\(base)/\(file).gz"]
      if let path = candidates.first(where: DataFile.exists) {
        found.append(path)
      } else {
        tried += candidates
      }
    }
    guard tried.isEmpty else {
      let what = DataFile.isDirectory(base) ? "missing files" : "no such directory"
      throw DataError(
        path: directory,
        message: "\(what) for '\(entry.name)': looked for " + tried.joined(separator: ", "),
        help: directory == entry.defaultDirectory
          ? entry.installHint.map { "install it with '\($0)'" }
          : "name a directory that holds " + fileNames.joined(separator: ", "))
    }
    return found
  }

  private static func check(
    _ set: Dataset, imagesPath: String, labelsPath: String, against entry: CatalogueEntry
  ) throws(DataError) {
    guard set.width == entry.width else {
      throw DataError(
        path: imagesPath,
        message: "expected \(entry.width) pixels per image for '\(entry.name)', "
          + "found \(set.width)")
    }
    if let index = set.labels.firstIndex(where: { $0 >= entry.classes }) {
      throw DataError(
        path: labelsPath,
        message: "expected a class label below \(entry.classes), found \(set.labels[index])",
        offset: 8 + index)
    }
  }
}
