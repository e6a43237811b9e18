// libFuzzer harness for the IDX reader and gzip: the input is parsed as a plain IDX file and,
// when it starts with the gzip magic, decompressed and the payload parsed as IDX. Built by
// Fuzz/run with Sources/MLPData/*.swift compiled in.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  check(bytes)
  if let payload = try? Gzip.decompress(bytes, path: "fuzz.gz") { check(payload) }
  return 0
}

/// Parses `bytes`; a result must hold exactly the bytes its dimensions promise.
private func check(_ bytes: [UInt8]) {
  do {
    let array = try IDX.parse(bytes, path: "fuzz.idx")
    precondition(array.dims.reduce(1, *) == array.bytes.count)
  } catch {
    precondition(!error.description.isEmpty)
    if let offset = error.offset { precondition(0 <= offset && offset <= bytes.count) }
  }
}
