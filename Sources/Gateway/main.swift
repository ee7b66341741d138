// The `runql` binary: dispatches to its subcommands.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let status = await RunQLCommandLine.run(arguments)
exit(status)
