// `runql validate [--schema PATH] FILE`: checks a query file against the schema and prints
// `{"errors":[...]}` (an empty list when it is valid); exit status 1 when there are errors.

import GraphQLKit

enum ValidateCommand {
    static func run(_ arguments: [String]) -> CommandResult {
        do throws(CommandFailure) {
            let options = try CommandOptions(arguments, known: ["schema"])
            guard options.positional.count == 1 else {
                throw CommandFailure(message: "usage: runql validate [--schema PATH] FILE", status: 2)
            }
            let schema = try CommandSupport.loadSchema(at: options.values["schema"] ?? CommandSupport.defaultSchemaPath)
            let path = options.positional[0]
            let source = Source(try CommandSupport.readText(path), name: path)
            let errors: [GraphQLError]
            do {
                errors = CommandSupport.validateRequest(Validator(schema: schema), try GraphQLKit.parse(source), source)
            } catch {
                errors = [error]
            }
            return CommandResult(status: errors.isEmpty ? 0 : 1, output: CommandSupport.errorsJSON(errors))
        } catch {
            return CommandResult(failure: error, command: "validate")
        }
    }
}
