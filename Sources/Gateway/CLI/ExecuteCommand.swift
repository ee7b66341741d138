// `runql execute --schema PATH --data ROOT.json --query FILE [--variables VARS.json] [--operation NAME]`:
// executes with default resolvers over a JSON root value (objects by key; abstract types by a
// `__typename` key in the data) and prints the complete GraphQL response.

import GraphQLKit

enum ExecuteCommand {
    static func run(_ arguments: [String]) async -> CommandResult {
        do throws(CommandFailure) {
            let options = try CommandOptions(arguments, known: ["schema", "data", "query", "variables", "operation"])
            guard let queryPath = options.values["query"], let dataPath = options.values["data"], options.positional.isEmpty else {
                throw CommandFailure(
                    message: "usage: runql execute --schema PATH --data ROOT.json --query FILE [--variables VARS.json] [--operation NAME]",
                    status: 2)
            }
            let schema = try CommandSupport.loadSchema(at: options.values["schema"] ?? CommandSupport.defaultSchemaPath)
            let executable = try CommandSupport.executableSchema(schema)
            let root = try CommandSupport.readJSON(dataPath)
            var variables: JSONObject?
            if let variablesPath = options.values["variables"] {
                guard case .object(let object) = try CommandSupport.readJSON(variablesPath) else {
                    throw CommandFailure(message: "\(variablesPath) must hold a JSON object", status: 2)
                }
                variables = object
            }
            let result = await executable.execute(
                query: try CommandSupport.readText(queryPath), operationName: options.values["operation"],
                variables: variables, rootValue: .json(root))
            return CommandResult(status: result.errors.isEmpty ? 0 : 1, output: result.json + "\n")
        } catch {
            return CommandResult(failure: error, command: "execute")
        }
    }
}
