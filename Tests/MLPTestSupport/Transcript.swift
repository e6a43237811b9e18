import Foundation
import MLPInterpreter

/// Text written to a console, kept for the test to read.
public final class Transcript: @unchecked Sendable {
  private let lock = NSLock()
  private var outText = ""
  private var errText = ""

  public init() {}

  public var out: String { lock.withLock { outText } }
  public var err: String { lock.withLock { errText } }

  public var console: Console {
    Console(
      out: { text in self.lock.withLock { self.outText += text } },
      err: { text in self.lock.withLock { self.errText += text } })
  }
}
