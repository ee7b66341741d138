// Subcommand dispatch for `runql`. Each subcommand lives in a file of its own.

import Foundation

enum RunQLCommandLine {
    static let usage = """
        usage: runql <command> [options]

        commands:
          check          reach every configured source and report what answers
          serve-static   serve a fixed reply (transport benchmark baseline)
          help           show this text

        Sources are configured by environment:
          RUNQL_MONGO_URI     MongoDB URI of the XENON / XAMS run databases
          RUNQL_PG_CONNINFO   libpq connection string of the CMS Run Registry database
        """

    static func run(_ arguments: [String]) async -> Int32 {
        guard let command = arguments.first else {
            print(usage)
            return 0
        }
        switch command {
        case "check":
            return await CheckCommand.run(environment: ProcessInfo.processInfo.environment)
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
