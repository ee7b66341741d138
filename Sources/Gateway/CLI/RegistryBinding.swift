// Binds the registries the configuration names to the schema: their resolvers where the schema
// has their fields, and, for a registry without a configured source, resolvers that fail with a
// message saying what to configure (so `runql serve` starts with whatever sources it has).

import Foundation
import GraphQLKit
import Resolvers

enum RegistryBinding {
    struct Bound: Sendable {
        var schema: Schema
        var resolvers: [String: FieldResolver] = [:]
        var typeResolvers: [String: TypeResolver] = [:]
        /// Each configured source's count of calls, for /metrics.
        var sourceCalls: [SourceCallCount] = []
    }

    /// `schema` with RunQL's scalars implemented and the registries' resolvers for the fields it has.
    static func bind(_ schema: Schema, sources: GatewayConfiguration.SourceSettings) throws(CommandFailure) -> Bound {
        let scalars = RunQLScalars.implementations.filter { schema.scalarType(named: $0.key) != nil }
        var bound: Bound
        do { bound = Bound(schema: try schema.implementingScalars(scalars)) } catch {
            throw CommandFailure(message: "invalid schema:\n\(error)", status: 1)
        }
        var resolvers: [String: FieldResolver] = [:]
        var nodeFetchers: [NodeFetcher] = []
        var runFeeds: [RunFeed] = []
        var unconfiguredRuns: [String: String] = [:]
        if let mongo = sources.mongo {
            let client: MongoClient
            do { client = try MongoClient(uri: mongo.uri.value) } catch {
                throw CommandFailure(message: "sources.mongo.uri (\(mongo.uri.redacted)): \(error)", status: 2)
            }
            bound.sourceCalls.append(SourceCallCount(source: "mongodb") { client.operationCount })
            let registry = RunRegistry(client: client, collections: mongo.collections)
            resolvers.merge(registry.resolvers) { a, _ in a }
            resolvers.merge(RunMutations(client: client, collections: mongo.collections).resolvers) { a, _ in a }
            nodeFetchers += registry.nodeFetchers
            runFeeds += registry.runFeeds
        } else {
            let message = "The XENON and XAMS registries are not configured: set sources.mongo.uri in runql.json or RUNQL_MONGO_URI."
            resolvers.merge(unconfigured(
                RunRegistry.queryFields.filter { !$0.hasPrefix("Query.node") } + RunMutations.mutationFields, message)) { a, _ in a }
            for experiment in ["XENON1T", "XENONNT", "XAMS"] { unconfiguredRuns[experiment] = message }
        }
        if let postgres = sources.postgres {
            let pool = PostgresPool(PostgresConfiguration(conninfo: postgres.conninfo.value, maximumConnections: postgres.poolSize))
            bound.sourceCalls.append(SourceCallCount(source: "postgresql") { pool.statementCount })
            let registry = CMSRegistry(pool: pool, callerName: { ($0 as? any CallerIdentifying)?.callerName })
            resolvers.merge(registry.resolvers) { a, _ in a }
            nodeFetchers += registry.nodeFetchers
            runFeeds.append(registry.runFeed)
        } else {
            let message = "The CMS Run Registry is not configured: set sources.postgres.conninfo in runql.json or RUNQL_PG_CONNINFO."
            resolvers.merge(unconfigured(CMSRegistry.queryFields + CMSRegistry.mutationFields, message)) { a, _ in a }
            unconfiguredRuns["CMS"] = message
        }
        if let sky = sources.skydriver {
            guard let url = URL(string: sky.baseURL) else {
                throw CommandFailure(message: "sources.skydriver.baseURL (\(Secret.redact(sky.baseURL))): not a URL", status: 2)
            }
            // The client is made here rather than by `SkyDriverRegistry(baseURL:)` so the gateway
            // holds its call counter (shared with the registry's write client).
            let calls = CallCounter()
            bound.sourceCalls.append(SourceCallCount(source: "skydriver") { calls.value })
            let registry = SkyDriverRegistry(client: RESTClient(RESTConfiguration(
                baseURL: url, bearerToken: sky.token?.value, timeout: sky.timeout, calls: calls)))
            resolvers.merge(registry.resolvers) { a, _ in a }
            nodeFetchers += registry.nodeFetchers
        } else {
            resolvers.merge(unconfigured(
                SkyDriverRegistry.queryFields + SkyDriverRegistry.mutationFields,
                "The SkyDriver registry is not configured: set sources.skydriver.baseURL in runql.json or RUNQL_SKYDRIVER_URL.")) { a, _ in a }
        }
        resolvers["Query.sources"] = sourceStatuses(sources)
        // `runs` merges every configured registry's runs; the others are reported as unavailable.
        // Only over RunQL's own `runs` (a schema of someone else's may have a `runs` of its own).
        if schema.type(named: "Query")?.field(named: "runs")?.type.namedType == "RunConnection" {
            resolvers.merge(MergedRuns(feeds: runFeeds, unconfigured: unconfiguredRuns).resolvers) { _, merged in merged }
        }
        // One `node`/`nodes` over every configured registry's ids (ids of the others are null).
        resolvers.merge(NodeResolvers(fetchers: nodeFetchers).resolvers) { _, all in all }
        bound.typeResolvers = NodeResolvers.typeResolvers.filter { schema.type(named: $0.key) != nil }
        bound.resolvers = resolvers.filter { has(schema, coordinate: $0.key) }
        return bound
    }

    /// `Query.sources`: each source probed now (concurrently), with no address in the answer.
    private static func sourceStatuses(_ sources: GatewayConfiguration.SourceSettings) -> FieldResolver {
        let all: [(name: String, kind: String, registries: [String], configured: Bool)] = [
            ("mongodb", "MONGODB", ["XENON1T", "XENONNT", "XAMS"], sources.mongo != nil),
            ("postgresql", "POSTGRESQL", ["CMS"], sources.postgres != nil),
            ("skydriver", "REST", ["ICECUBE"], sources.skydriver != nil),
        ]
        return .async { _, _, _, _ in
            let reports = await SourceReadiness.check(sources)
            return .json(.list(all.map { source in
                let report = reports.first { $0.name == source.name }
                return .object([
                    "name": .string(source.name), "kind": .string(source.kind),
                    "registries": .list(source.registries.map(JSONValue.string)), "configured": .bool(source.configured),
                    "reachable": report.map { .bool($0.ready) } ?? .null,
                    "latencyMs": report.map { .double(($0.latency * 1e6).rounded() / 1e3) } ?? .null,
                ])
            }))
        }
    }

    /// Resolvers for a registry without a configured source: its fields fail with `message`.
    private static func unconfigured(_ coordinates: [String], _ message: String) -> [String: FieldResolver] {
        let resolver = FieldResolver.sync { _, _, _, _ in
            throw GraphQLError(message, extensions: ["code": .string("SOURCE_NOT_CONFIGURED")])
        }
        return Dictionary(uniqueKeysWithValues: coordinates.map { ($0, resolver) })
    }

    private static func has(_ schema: Schema, coordinate: String) -> Bool {
        let parts = coordinate.split(separator: ".", maxSplits: 1)
        guard parts.count == 2 else { return false }
        return schema.type(named: String(parts[0]))?.field(named: String(parts[1])) != nil
    }
}

extension RequestContext: CallerIdentifying {
    /// The JWT's `sub` or the API token's name, for records such as `deleted_data.by`.
    public var callerName: String? { principal.subject }
}
