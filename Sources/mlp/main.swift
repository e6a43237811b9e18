import Foundation
import MLPInterpreter

let colour = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
let console = Console(
  out: { FileHandle.standardOutput.write(Data($0.utf8)) },
  err: { FileHandle.standardError.write(Data($0.utf8)) },
  colour: colour)
exit(CommandLineTool.main(Array(CommandLine.arguments.dropFirst()), console: console))
