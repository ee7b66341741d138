// Subcommand dispatch for `runql`. Each subcommand lives in a file of its own.

import Foundation

enum RunQLCommandLine {
    static let usage = """
        usage: runql <command> [options]

        commands:
          serve [--config runql.json] [--schema PATH] [--data ROOT.json] [--host H] [--port P]
                         serve GraphQL over HTTP (default 127.0.0.1:4000), the explorer at /,
                         /healthz, /readyz and /metrics
          check [--config runql.json] [--schema PATH]
                         validate the configuration and schema, reach every configured source;
                         exit status 0 when all is well
          parse FILE     print a GraphQL document in canonical form (syntax errors as JSON)
          validate [--schema PATH] FILE
                         check a query against the schema; prints {"errors":[...]}
          execute --schema PATH --data ROOT.json --query FILE [--variables VARS.json] [--operation NAME]
                         run a query with default resolvers over JSON data; prints the response
          seed [--scale N] [--config runql.json] [--keep]
                         load the deterministic XENON1T, XENONnT and XAMS demo runs into MongoDB
                         (about 800 runs per unit of scale) and create the run indexes; drops and
                         rewrites the run collections unless --keep
          schema print|introspect [--schema PATH]
                         print the canonical SDL, or the answer to the full introspection query
          serve-static   serve a fixed reply (transport benchmark baseline)
          skydriver-local [--host H] [--port P] [--mongo-uri URI] [--database SkyDriver_DB] [--seed|--no-seed] [--token T]
                         a local SkyDriver-compatible REST upstream over MongoDB for the demo and tests;
                         seeds the demo scans when the database is empty (--seed: rewrite them)
          help           show this text

        Configuration: runql.json (--config, or RUNQL_CONFIG, or ./runql.json when present), then
        RUNQL_* environment variables, then flags. Common variables:
          RUNQL_HOST, RUNQL_PORT, RUNQL_SCHEMA, RUNQL_MAX_BODY_BYTES, RUNQL_LOG_REQUESTS
          RUNQL_MONGO_URI     MongoDB URI of the XENON / XAMS run databases
          RUNQL_PG_CONNINFO   libpq connection string of the CMS Run Registry database
          RUNQL_SKYDRIVER_URL, RUNQL_SKYDRIVER_TOKEN  SkyDriver REST API and its token
        Secrets (tokens, passwords, the JWT secret) come only from the environment or files.
        See docs/CONFIGURATION.md.
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
        case "check": return await CheckCommand.run(rest, environment: ProcessInfo.processInfo.environment)
        case "seed": return await SeedCommand.run(rest, environment: ProcessInfo.processInfo.environment)
        default: return nil
        }
    }

    private static func serviceCommand(_ arguments: [String]) async -> Int32 {
        guard let command = arguments.first else {
            print(usage)
            return 0
        }
        switch command {
        case "serve":
            return ServeCommand.run(Array(arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
        case "serve-static":
            return ServeStaticCommand.run(Array(arguments.dropFirst()))
        case "skydriver-local":
            return await SkyDriverLocalCommand.run(Array(arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
        case "help", "-h", "--help":
            print(usage)
            return 0
        default:
            FileHandle.standardError.write(Data("runql: unknown command '\(command)'\n\n\(usage)\n".utf8))
            return 2
        }
    }
}
