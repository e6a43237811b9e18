import Foundation
import MLPData
import MLPLanguage

/// Connects the language's data statements to the data library: sizes for the checker, and
/// loaded sets for the session, each file read once however often it is asked for.
public final class DataBridge: @unchecked Sendable {
  private var cache: [DataSpec: DataSplit] = [:]
  private let lock = NSLock()

  public init() {}

  /// The checker's view of a data set. Named sets are sized from the catalogue after checking
  /// that their files exist; files named in the script are read (and kept for the run).
  public func shape(of spec: DataSpec) throws -> DataShape {
    if case .named(let name, let directory) = spec, let entry = Catalogue.entry(named: name) {
      try Catalogue.locate(name: name, directory: directory)
      return DataShape(
        width: entry.width, classes: entry.classes, imageRows: entry.imageShape.rows,
        imageColumns: entry.imageShape.columns, hasTestSplit: true)
    }
    let split = try load(spec)
    return DataShape(
      width: split.train.width, classes: split.classes, imageRows: split.train.imageShape?.rows,
      imageColumns: split.train.imageShape?.columns, hasTestSplit: split.test != nil)
  }

  /// The data set itself.
  public func load(_ spec: DataSpec) throws -> DataSplit {
    lock.lock()
    defer { lock.unlock() }
    if let split = cache[spec] { return split }
    let split = try DataLoader.load(Self.request(spec))
    cache[spec] = split
    return split
  }

  static func request(_ spec: DataSpec) -> DataRequest {
    switch spec {
    case .named(let name, let directory):
      return .named(name, directory: directory)
    case .idx(let images, let labels, let testImages, let testLabels):
      return .idx(images: images, labels: labels, testImages: testImages, testLabels: testLabels)
    case .csv(let path, let label, let header, let split, let test):
      let column: LabelColumn =
        switch label {
        case .first: .first
        case .last: .last
        case .column(let n): .column(n)
        }
      return .csv(
        path: path, options: CSVOptions(label: column, header: header), split: split,
        test: test)
    }
  }
}

extension DataSpec: Hashable {
  public func hash(into hasher: inout Hasher) {
    hasher.combine(String(describing: self))
  }
}

extension DataError: HelpfulError {}
