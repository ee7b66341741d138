// `Query.xamsRun`, `Query.xamsRuns` and the `XamsRun` fields that take arguments.

import GraphQLKit

struct XamsQueryResolvers: Sendable {
    let client: MongoClient
    let collections: RunCollections
    let lookup: RunLookup
    let log: FetchLog?

    var resolvers: [String: FieldResolver] {
        [
            "Query.xamsRun": xamsRun,
            "Query.xamsRuns": xamsRuns,
            "XamsRun.data": data,
            "XamsRun.doc": RunDocumentResolvers.doc,
            "XamsRunConnection.totalCount": RunConnectionValue.totalCount,
        ]
    }

    private var xamsRun: FieldResolver {
        let lookup = lookup
        return .async { _, arguments, _, info in
            let identifier = try RunQueryArguments.identifier(arguments, allowed: ["number", "objectId"], field: "xamsRun")
            let projection = RunProjection.projection(for: info.selection(on: "XamsRun"), paths: RunProjection.xamsPaths)
            let key = RunLookupKey(source: .xams, identifier: identifier, projection: projection)
            guard let document = try await info.load(lookup.loader, key: key) else { return .null }
            return .container(XamsRunValue(document: document))
        }
    }

    private var xamsRuns: FieldResolver {
        let client = client, collections = collections, log = log
        return .async { _, arguments, _, info in
            var filter = BSONDocument()
            if case .object(let w)? = arguments["where"] { filter = try XamsRunFilter.filter(w) }
            return try await RunConnectionValue.resolve(
                source: .xams, collection: RunSource.xams.collection(client, collections), filter: filter,
                userFilter: false, arguments: arguments, info: info, types: ("XamsRunEdge", "XamsRun"),
                paths: RunProjection.xamsPaths, log: log
            ) { .container(XamsRunValue(document: $0)) }
        }
    }

    /// `XamsRun.data(type:host:)`.
    private var data: FieldResolver {
        .sync { parent, arguments, _, _ in
            guard case .container(let c) = parent, let run = c as? XamsRunValue else { return .list([]) }
            let type = FilterPrimitives.string(arguments["type"]), host = FilterPrimitives.string(arguments["host"])
            return .list(DataLocationValue.list(run.document["data"])
                .filter { $0.matches(type: type, host: host, status: nil, rse: nil) }
                .map(FieldValue.container))
        }
    }
}
