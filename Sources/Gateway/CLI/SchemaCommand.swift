// `runql schema print [--schema PATH]` prints the canonical SDL; `runql schema introspect
// [--schema PATH]` prints the answer to the standard full introspection query.

import GraphQLKit

enum SchemaCommand {
    static func run(_ arguments: [String]) async -> CommandResult {
        do throws(CommandFailure) {
            guard let action = arguments.first, action == "print" || action == "introspect" else {
                throw CommandFailure(message: "usage: runql schema print|introspect [--schema PATH]", status: 2)
            }
            let options = try CommandOptions(Array(arguments.dropFirst()), known: ["schema"])
            guard options.positional.isEmpty else { throw CommandFailure(message: "unexpected \(options.positional[0])", status: 2) }
            let schema = try CommandSupport.loadSchema(at: options.values["schema"] ?? CommandSupport.defaultSchemaPath)
            if action == "print" {
                return CommandResult(status: 0, output: schema.printed())
            }
            let result = await (try CommandSupport.executableSchema(schema)).execute(query: Introspection.fullQuery)
            return CommandResult(status: result.errors.isEmpty ? 0 : 1, output: result.json + "\n")
        } catch {
            return CommandResult(failure: error, command: "schema")
        }
    }
}
