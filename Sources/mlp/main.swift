import Foundation
import MLPInterpreter
import MLPREPL

let environment = ProcessInfo.processInfo.environment
// NO_COLOR turns colour off when it is set and not empty.
let noColour = !(environment["NO_COLOR"] ?? "").isEmpty
let term = environment["TERM"] ?? ""
let colour = isatty(STDERR_FILENO) == 1 && !noColour
var pictures = Console.Pictures.plain
if isatty(STDOUT_FILENO) == 1, !noColour, !term.isEmpty, term != "dumb" {
  let depth = environment["COLORTERM"] ?? ""
  pictures = depth == "truecolor" || depth == "24bit" ? .trueColour : .palette
}
var size = winsize()
let columns =
  ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
let console = Console(
  out: { FileHandle.standardOutput.write(Data($0.utf8)) },
  err: { FileHandle.standardError.write(Data($0.utf8)) },
  colour: colour, interactive: isatty(STDERR_FILENO) == 1 && term != "dumb",
  pictures: pictures, columns: columns)
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.isEmpty || arguments == ["repl"] {
  exit(REPL.run(console: console, environment: environment))
}
exit(CommandLineTool.main(arguments, console: console))
