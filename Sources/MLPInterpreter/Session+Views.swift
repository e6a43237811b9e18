import MLPLanguage

extension Session {
  /// The statements that show the model and its training.
  func view(_ action: CheckedStatement.Action, at range: SourceRange) throws(RuntimeFault) {
    switch action {
    case .summary:
      console.out(layerTable(state))
    default:
      throw RuntimeFault("this view is not built yet", at: range)
    }
  }
}
