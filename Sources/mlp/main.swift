import Foundation
import MLPInterpreter
import MLPREPL

let environment = ProcessInfo.processInfo.environment
// NO_COLOR turns colour off when it is set and not empty.
let colour = isatty(STDERR_FILENO) == 1 && (environment["NO_COLOR"] ?? "").isEmpty
let console = Console(
  out: { FileHandle.standardOutput.write(Data($0.utf8)) },
  err: { FileHandle.standardError.write(Data($0.utf8)) },
  colour: colour)
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.isEmpty || arguments == ["repl"] {
  exit(REPL.run(console: console, environment: environment))
}
exit(CommandLineTool.main(arguments, console: console))
