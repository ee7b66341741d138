// `runql serve [--config PATH] [--schema PATH] [--data ROOT.json] [--host H] [--port P]`: the
// gateway. Configuration comes from runql.json, then RUNQL_* variables, then these flags.
// The registries configured under `sources` answer their fields (see RegistryBinding); other
// fields read keys of an optional JSON root value (`--data`). SIGTERM or SIGINT stop it gracefully.

import Dispatch
import Foundation
import GraphQLKit
import Resolvers

enum ServeCommand {
    static let options: Set<String> = ["config", "schema", "data", "host", "port"]

    static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        do throws(CommandFailure) {
            let configuration = try loadConfiguration(arguments, environment: environment)
            let log = configuration.logging.requests ? RequestLog.standardError() : nil
            let (server, _) = try makeGateway(configuration, log: log)
            do { try server.start() } catch {
                throw CommandFailure(message: "cannot listen on \(configuration.server.host):\(configuration.server.port): \(error)", status: 1)
            }
            // Before the line below: whoever waits for it may signal at once.
            stopOnSignals(server, deadline: configuration.server.shutdownTimeout)
            let host = configuration.server.host
            // Written unbuffered: the run script and tests wait for this line.
            FileHandle.standardOutput.write(Data("""
                RunQL is serving GraphQL at http://\(host):\(server.port)/graphql
                Explorer: http://\(host):\(server.port)/   (Ctrl-C stops)

                """.utf8))
            server.wait()
            log?.stop()
            FileHandle.standardOutput.write(Data("RunQL stopped.\n".utf8))
            return 0
        } catch {
            FileHandle.standardError.write(Data("runql serve: \(error.message)\n".utf8))
            return error.status
        }
    }

    /// The configuration file and environment, with the command-line flags on top.
    static func loadConfiguration(_ arguments: [String], environment: [String: String]) throws(CommandFailure) -> GatewayConfiguration {
        let options = try CommandOptions(arguments, known: options)
        guard options.positional.isEmpty else { throw CommandFailure(message: "unexpected \(options.positional[0])", status: 2) }
        var configuration = try CommandSupport.configuration(flag: options.values["config"], environment: environment)
        if let host = options.values["host"] { configuration.server.host = host }
        if let port = options.values["port"] {
            guard let p = Int(port), (0...65535).contains(p) else {
                throw CommandFailure(message: "--port \(port): must be an integer between 0 and 65535", status: 2)
            }
            configuration.server.port = p
        }
        if let schema = options.values["schema"] { configuration.schema.path = schema }
        if let data = options.values["data"] { configuration.schema.data = data }
        return configuration
    }

    /// The server and router `configuration` describes (not started): what `runql serve` runs,
    /// and the seam end-to-end tests start. `resolvers` (by coordinate) replace the registries'
    /// and default resolvers, which read keys of the parent value.
    static func makeGateway(
        _ configuration: GatewayConfiguration, log: RequestLog?, resolvers: [String: FieldResolver] = [:]
    ) throws(CommandFailure) -> (HTTPServer, Router) {
        let bound = try RegistryBinding.bind(CommandSupport.loadSchema(at: configuration.schema.path), sources: configuration.sources)
        let policy: GatewayPolicy
        do { policy = try configuration.security.policy() } catch {
            // The loader checks tokens; this is for configurations built in code.
            throw CommandFailure(message: "invalid configuration: \(error.message)", status: 2)
        }
        // The handler installs the policy's operation and parser limits on the executable schema.
        let executable = try CommandSupport.executableSchema(
            bound.schema, resolvers: bound.resolvers.merging(resolvers) { _, given in given }, typeResolvers: bound.typeResolvers)
        let root = try configuration.schema.data.map { (path) throws(CommandFailure) in try CommandSupport.readJSON(path) } ?? .null
        let graphQL = GraphQLHTTPHandler(executable: executable, rootValue: .json(root), policy: policy)
        var metrics: GatewayMetrics?
        if configuration.logging.metrics {
            metrics = GatewayMetrics(collectors: [
                ProcessMetrics.documentCacheCollector(graphQL.executable.documentCache),
                ProcessMetrics.persistedQueryCollector(graphQL.persistedQueryStore),
                ProcessMetrics.collector(startTime: Date().timeIntervalSince1970),
                SourceCallMetrics.collector(bound.sourceCalls),
            ])
        }
        let sources = configuration.sources
        let router = Router(
            graphQL: graphQL,
            readiness: { await SourceReadiness.check(sources).map { ($0.name, $0.ready, $0.detail) } },
            observer: RequestObserver(metrics: metrics, log: log))
        let server = HTTPServer(configuration: configuration.server.httpConfiguration) { request in await router.handle(request) }
        return (server, router)
    }

    /// SIGTERM and SIGINT: stop accepting, finish in-flight requests within `deadline` seconds, then exit 0.
    private static func stopOnSignals(_ server: HTTPServer, deadline: Double) {
        TerminationSignals.onSignal { server.shutdown(deadline: deadline) }
    }
}
