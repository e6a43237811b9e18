// libFuzzer harness for the IDX reader and gzip: the input is parsed as a plain IDX file and,
// when it starts with the gzip magic, decompressed and the payload parsed as IDX; an array that
// parses is then paired with labels as an image file would be. Built by Fuzz/run with
// Sources/MLPData/*.swift compiled in.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  check(bytes)
  if let payload = try? Gzip.decompress(bytes, path: "fuzz.gz") { check(payload) }
  return 0
}

/// Parses `bytes`; a result must hold exactly the bytes its dimensions promise.
private func check(_ bytes: [UInt8]) {
  let array: IDXArray
  do {
    array = try IDX.parse(bytes, path: "fuzz.idx")
  } catch {
    precondition(!error.description.isEmpty)
    if let offset = error.offset { precondition(0 <= offset && offset <= bytes.count) }
    return
  }
  let product = array.dims.reduce(1) { product, dim in
    let (next, overflow) = product.multipliedReportingOverflow(by: dim)
    return overflow ? Int.max : next
  }
  precondition(array.dims.contains(0) ? array.bytes.isEmpty : product == array.bytes.count)

  // Labels for as many images as the array holds (a first dimension past 4096 gets none).
  let count = array.dims[0] <= 4096 ? array.dims[0] : 0
  let labels = IDXArray(dims: [count], bytes: (0..<count).map { UInt8($0 % 10) })
  if let set = try? IDX.dataset(images: array, labels: labels, from: ("i", "l")) {
    precondition(set.width >= 1 && set.count * set.width == array.bytes.count)
  }
}
