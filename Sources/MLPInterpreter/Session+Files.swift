import MLPLanguage

extension Session {
  /// `save "FILE"`: the model and its weights as safetensors.
  func save(to path: String, at range: SourceRange) throws(RuntimeFault) {
    throw RuntimeFault("saving models is not built yet", at: range)
  }

  /// `load "FILE"`: weights from a safetensors file into the declared model.
  func load(from path: String, at range: SourceRange) throws(RuntimeFault) {
    throw RuntimeFault("loading models is not built yet", at: range)
  }
}
