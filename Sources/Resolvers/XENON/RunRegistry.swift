// The XENON1T / XENONnT and XAMS run registries' read side: every resolver the Query fields and
// run types need, over one MongoDB client.

import GraphQLKit

public struct RunRegistry: Sendable {
    public let client: MongoClient
    public let collections: RunCollections
    let lookup: RunLookup
    let log: FetchLog?

    public init(client: MongoClient, collections: RunCollections) {
        self.init(client: client, collections: collections, log: nil)
    }

    /// With `log`, every query the registry sends is recorded (tests check projections).
    init(client: MongoClient, collections: RunCollections, log: FetchLog?) {
        self.client = client
        self.collections = collections
        self.log = log
        lookup = RunLookup(client: client, collections: collections, log: log)
    }

    /// The Query coordinates this registry serves.
    public static let queryFields: [String] = [
        "Query.xenonRun", "Query.xenonRuns", "Query.xamsRun", "Query.xamsRuns", "Query.node", "Query.nodes",
    ]

    /// Every resolver, `Query.node`/`Query.nodes` included (over `nodeFetchers` alone; a
    /// gateway serving more registries builds `NodeResolvers` from all their fetchers and
    /// lets those two coordinates win).
    public var resolvers: [String: FieldResolver] {
        var all = XenonQueryResolvers(client: client, collections: collections, lookup: lookup, log: log).resolvers
        all.merge(XamsQueryResolvers(client: client, collections: collections, lookup: lookup, log: log).resolvers) { a, _ in a }
        all.merge(NodeResolvers(fetchers: nodeFetchers).resolvers) { a, _ in a }
        return all
    }

    public var typeResolvers: [String: TypeResolver] { NodeResolvers.typeResolvers }

    /// `XenonRun` ids (`XENONNT:<objectid>`) and `XamsRun` ids (`<objectid>`), through the
    /// same loader as `xenonRun`/`xamsRun`.
    public var nodeFetchers: [NodeFetcher] {
        let lookup = lookup
        return [
            NodeFetcher(typeName: "XenonRun") { keys, info in
                var runKeys: [RunLookupKey] = []
                var experiments: [XenonExperiment] = []
                let projection = RunProjection.projection(for: info.selection(on: "XenonRun"), paths: RunProjection.xenonPaths)
                for key in keys {
                    let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let e = XenonExperiment(rawValue: parts[0]), let id = ObjectID(hex: parts[1]) else {
                        throw RegistryError.badUserInput("Invalid XenonRun id key \"\(key)\".")
                    }
                    experiments.append(e)
                    runKeys.append(RunLookupKey(source: .xenon(e), identifier: .objectID(id), projection: projection))
                }
                let documents = try await info.loadMany(lookup.loader, keys: runKeys)
                return zip(documents, experiments).map { doc, e in
                    doc.map { .container(XenonRunValue(document: $0, experiment: e)) } ?? .null
                }
            },
            NodeFetcher(typeName: "XamsRun") { keys, info in
                let projection = RunProjection.projection(for: info.selection(on: "XamsRun"), paths: RunProjection.xamsPaths)
                var runKeys: [RunLookupKey] = []
                for key in keys {
                    guard let id = ObjectID(hex: key) else { throw RegistryError.badUserInput("Invalid XamsRun id key \"\(key)\".") }
                    runKeys.append(RunLookupKey(source: .xams, identifier: .objectID(id), projection: projection))
                }
                let documents = try await info.loadMany(lookup.loader, keys: runKeys)
                return documents.map { doc in doc.map { .container(XamsRunValue(document: $0)) } ?? .null }
            },
        ]
    }
}
