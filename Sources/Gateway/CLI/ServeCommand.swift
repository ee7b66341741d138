// `runql serve [--schema PATH] [--data ROOT.json] [--host H] [--port P]`: the gateway.
// Until the registries land it serves the schema with default resolvers over a JSON root value
// (the demo data); SIGTERM or SIGINT stop it gracefully.

import Dispatch
import Foundation
import GraphQLKit
import Resolvers

enum ServeCommand {
    static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        do throws(CommandFailure) {
            let options = try CommandOptions(arguments, known: ["schema", "data", "host", "port"])
            guard options.positional.isEmpty else { throw CommandFailure(message: "unexpected \(options.positional[0])", status: 2) }
            var configuration = HTTPServerConfiguration()
            configuration.host = options.values["host"] ?? environment["RUNQL_HOST"] ?? configuration.host
            if let port = options.values["port"] ?? environment["RUNQL_PORT"] {
                guard let p = Int(port), (0...65535).contains(p) else { throw CommandFailure(message: "invalid port \(port)", status: 2) }
                configuration.port = p
            }
            let schema = try CommandSupport.loadSchema(at: options.values["schema"] ?? CommandSupport.defaultSchemaPath)
            let executable = try CommandSupport.executableSchema(schema)
            let root = try options.values["data"].map { (path) throws(CommandFailure) in try CommandSupport.readJSON(path) } ?? .null
            let graphQL = GraphQLHTTPHandler(executable: executable, rootValue: .json(root))
            let router = Router(graphQL: graphQL, readiness: { await SourceReadiness.check(environment: environment) })
            let server = HTTPServer(configuration: configuration) { request in await router.handle(request) }
            do { try server.start() } catch {
                throw CommandFailure(message: "cannot listen on \(configuration.host):\(configuration.port): \(error)", status: 1)
            }
            // Written unbuffered: the run script and tests wait for this line.
            FileHandle.standardOutput.write(Data("""
                RunQL is serving GraphQL at http://\(configuration.host):\(server.port)/graphql
                Explorer: http://\(configuration.host):\(server.port)/   (Ctrl-C stops)

                """.utf8))
            let signals = stopOnSignals(server)
            server.wait()
            withExtendedLifetime(signals) {}
            FileHandle.standardOutput.write(Data("RunQL stopped.\n".utf8))
            return 0
        } catch {
            FileHandle.standardError.write(Data("runql serve: \(error.message)\n".utf8))
            return error.status
        }
    }

    /// SIGTERM and SIGINT: stop accepting, finish in-flight requests within 10 s, then exit 0.
    private static func stopOnSignals(_ server: HTTPServer) -> [DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { server.shutdown(deadline: 10) }
            source.resume()
            return source
        }
    }
}

/// Whether each configured source answers, for /readyz and `runql check`.
enum SourceReadiness {
    static func check(environment: [String: String]) async -> [(name: String, ready: Bool, detail: String)] {
        var results: [(name: String, ready: Bool, detail: String)] = []
        if let uri = environment["RUNQL_MONGO_URI"] {
            do {
                try await MongoClient(uri: uri, threads: 1).ping()
                results.append(("mongodb", true, "reachable"))
            } catch {
                results.append(("mongodb", false, "\(error)"))
            }
        }
        if let conninfo = environment["RUNQL_PG_CONNINFO"] {
            do {
                _ = try await PostgresPool(PostgresConfiguration(conninfo: conninfo, maximumConnections: 1)).query("SELECT 1")
                results.append(("postgresql", true, "reachable"))
            } catch {
                results.append(("postgresql", false, "\(error)"))
            }
        }
        return results
    }
}
