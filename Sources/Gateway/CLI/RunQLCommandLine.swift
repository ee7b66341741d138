// Subcommand dispatch for `runql`. Each subcommand lives in a file of its own.

import Foundation

enum RunQLCommandLine {
    static let usage = """
        usage: runql <command> [options]

        commands:
          serve [--schema PATH] [--data ROOT.json] [--host H] [--port P]
                         serve GraphQL over HTTP (default 127.0.0.1:4000; env RUNQL_HOST, RUNQL_PORT)
          check          reach every configured source and report what answers
          parse FILE     print a GraphQL document in canonical form (syntax errors as JSON)
          validate [--schema PATH] FILE
                         check a query against the schema; prints {"errors":[...]}
          execute --schema PATH --data ROOT.json --query FILE [--variables VARS.json] [--operation NAME]
                         run a query with default resolvers over JSON data; prints the response
          schema print|introspect [--schema PATH]
                         print the canonical SDL, or the answer to the full introspection query
          serve-static   serve a fixed reply (transport benchmark baseline)
          help           show this text

        Sources are configured by environment:
          RUNQL_MONGO_URI     MongoDB URI of the XENON / XAMS run databases
          RUNQL_PG_CONNINFO   libpq connection string of the CMS Run Registry database
        """

    /// Runs a command and writes its output; returns the exit status.
    static func run(_ arguments: [String]) async -> Int32 {
        if let result = await developerCommand(arguments) {
            FileHandle.standardOutput.write(Data(result.output.utf8))
            FileHandle.standardError.write(Data(result.errorOutput.utf8))
            return result.status
        }
        return await serviceCommand(arguments)
    }

    /// The developer commands, whose whole output is returned rather than streamed.
    static func developerCommand(_ arguments: [String]) async -> CommandResult? {
        let rest = Array(arguments.dropFirst())
        switch arguments.first {
        case "parse": return ParseCommand.run(rest)
        case "validate": return ValidateCommand.run(rest)
        case "execute": return await ExecuteCommand.run(rest)
        case "schema": return await SchemaCommand.run(rest)
        default: return nil
        }
    }

    private static func serviceCommand(_ arguments: [String]) async -> Int32 {
        guard let command = arguments.first else {
            print(usage)
            return 0
        }
        switch command {
        case "check":
            return await CheckCommand.run(environment: ProcessInfo.processInfo.environment)
        case "serve":
            return ServeCommand.run(Array(arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
        case "serve-static":
            return ServeStaticCommand.run(Array(arguments.dropFirst()))
        case "help", "-h", "--help":
            print(usage)
            return 0
        default:
            FileHandle.standardError.write(Data("runql: unknown command '\(command)'\n\n\(usage)\n".utf8))
            return 2
        }
    }
}
