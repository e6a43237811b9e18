// libFuzzer harness for the CSV reader: the first input byte picks the options (label first,
// last or in a numbered column; with or without a header), the rest is the file. Built by
// Fuzz/run with Sources/MLPData/*.swift compiled in.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let all = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  guard let selector = all.first else { return 0 }
  let bytes = Array(all.dropFirst())
  let labels: [LabelColumn] = [.first, .last, .column(2), .column(Int(selector >> 4))]
  let options = CSVOptions(label: labels[Int(selector & 3)], header: selector & 4 != 0)

  do {
    let dataset = try CSV.parse(bytes, path: "fuzz.csv", options: options)
    precondition(dataset.width >= 1)
    if case .floats(let features) = dataset.features {
      precondition(features.count == dataset.labels.count * dataset.width)
    }
    precondition(dataset.labels.allSatisfy { $0 >= 0 })
  } catch {
    precondition(!error.description.isEmpty)
    if let row = error.row { precondition(row >= 1) }
    if let column = error.column { precondition(column >= 1) }
  }
  return 0
}
