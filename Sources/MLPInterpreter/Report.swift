import Foundation

extension Session {
  /// The run as one JSON object: parameters, test loss and accuracy, training time, epochs.
  public func json() -> String {
    var fields: [(String, String)] = []
    fields.append(("parameters", "\(compiled?.model.parameterCount ?? 0)"))
    fields.append(("test_loss", number(lastEvaluation?.loss)))
    fields.append(("test_accuracy", number(lastEvaluation?.accuracy)))
    fields.append(("train_seconds", number(trainSeconds)))
    fields.append(("evaluate_seconds", number(lastEvaluation?.seconds)))
    let epochs = history.map { record in
      let entries = [
        ("epoch", "\(record.epoch)"), ("loss", number(record.loss)),
        ("accuracy", number(record.accuracy)), ("val_loss", number(record.validationLoss)),
        ("val_accuracy", number(record.validationAccuracy)), ("seconds", number(record.seconds)),
      ]
      return "{" + entries.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }
    fields.append(("epochs", "[" + epochs.joined(separator: ", ") + "]"))
    return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
  }

  /// A JSON number, or null for a missing or non-finite value.
  private func number(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "null" }
    return String(format: "%.6g", value)
  }
}
