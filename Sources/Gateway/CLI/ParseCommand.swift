// `runql parse FILE`: prints the canonical form of a GraphQL document, or its syntax error as
// `{"errors":[...]}` on stdout with exit status 1.

import GraphQLKit

enum ParseCommand {
    static func run(_ arguments: [String]) -> CommandResult {
        do throws(CommandFailure) {
            let options = try CommandOptions(arguments, known: [])
            guard options.positional.count == 1 else { throw CommandFailure(message: "usage: runql parse FILE", status: 2) }
            let path = options.positional[0]
            let source = Source(try CommandSupport.readText(path), name: path)
            do {
                let document = try GraphQLKit.parse(source)
                return CommandResult(status: 0, output: Printer.print(document) + "\n")
            } catch {
                return CommandResult(status: 1, output: CommandSupport.errorsJSON([error]))
            }
        } catch {
            return CommandResult(failure: error, command: "parse")
        }
    }
}
