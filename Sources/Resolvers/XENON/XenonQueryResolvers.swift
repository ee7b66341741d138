// `Query.xenonRun`, `Query.xenonRuns` and the `XenonRun` fields that take arguments.

import GraphQLKit

struct XenonQueryResolvers: Sendable {
    let client: MongoClient
    let collections: RunCollections
    let lookup: RunLookup
    let log: FetchLog?

    var resolvers: [String: FieldResolver] {
        [
            "Query.xenonRun": xenonRun,
            "Query.xenonRuns": xenonRuns,
            "XenonRun.data": data,
            "XenonRun.doc": RunDocumentResolvers.doc,
            "XenonRunConnection.totalCount": RunConnectionValue.totalCount,
        ]
    }

    static func experiment(_ arguments: JSONObject) throws(GraphQLError) -> XenonExperiment {
        guard case .string(let name)? = arguments["experiment"] else { return .xenonNT }
        guard let e = XenonExperiment(graphQLName: name) else { throw RegistryError.badUserInput("Unknown XENON experiment \(name).") }
        return e
    }

    private var xenonRun: FieldResolver {
        let lookup = lookup
        return .async { _, arguments, _, info in
            let experiment = try Self.experiment(arguments)
            let identifier = try RunQueryArguments.identifier(arguments, allowed: ["number", "name", "objectId"], field: "xenonRun")
            let projection = RunProjection.projection(for: info.selection(on: "XenonRun"), paths: RunProjection.xenonPaths)
            let key = RunLookupKey(source: .xenon(experiment), identifier: identifier, projection: projection)
            guard let document = try await info.load(lookup.loader, key: key) else { return .null }
            return .container(XenonRunValue(document: document, experiment: experiment))
        }
    }

    private var xenonRuns: FieldResolver {
        let client = client, collections = collections, log = log
        return .async { _, arguments, _, info in
            let experiment = try Self.experiment(arguments)
            var clauses = FilterClauses()
            if case .object(let w)? = arguments["where"] { clauses.add(try XenonRunFilter.filter(w, experiment: experiment)) }
            var userFilter = false
            if let raw = arguments["mongoFilter"], raw != .null {
                clauses.add(try MongoFilterAllowList.filter(raw))
                userFilter = true
            }
            let source = RunSource.xenon(experiment)
            return try await RunConnectionValue.resolve(
                source: source, collection: source.collection(client, collections), filter: clauses.document,
                userFilter: userFilter, arguments: arguments, info: info, types: ("XenonRunEdge", "XenonRun"),
                paths: RunProjection.xenonPaths, log: log
            ) { .container(XenonRunValue(document: $0, experiment: experiment)) }
        }
    }

    /// `XenonRun.data(type:host:status:rse:)`.
    private var data: FieldResolver {
        .sync { parent, arguments, _, _ in
            guard case .container(let c) = parent, let run = c as? XenonRunValue else { return .list([]) }
            let type = FilterPrimitives.string(arguments["type"]), host = FilterPrimitives.string(arguments["host"])
            let status = FilterPrimitives.string(arguments["status"]), rse = FilterPrimitives.string(arguments["rse"])
            return .list(DataLocationValue.list(run.document["data"])
                .filter { $0.matches(type: type, host: host, status: status, rse: rse) }
                .map(FieldValue.container))
        }
    }
}

/// Arguments shared by the single-run fields.
enum RunQueryArguments {
    /// Exactly one of the identifying arguments, checked.
    static func identifier(_ arguments: JSONObject, allowed: [String], field: String) throws(GraphQLError) -> RunIdentifier {
        let given = allowed.filter { arguments[$0] != nil && arguments[$0] != .null }
        guard given.count == 1 else {
            let list = allowed.map { "`\($0)`" }.joined(separator: ", ")
            throw RegistryError.badUserInput("\(field) needs exactly one of \(list); got \(given.count).")
        }
        switch (given[0], arguments[given[0]]) {
        case ("number", .int(let n)?): return .number(n)
        case ("name", .string(let s)?): return .name(s)
        case ("objectId", .string(let hex)?):
            guard let id = ObjectID(hex: hex) else {
                throw RegistryError.badUserInput("Invalid objectId \"\(hex)\": expected 24 hexadecimal digits.")
            }
            return .objectID(id)
        default:
            throw RegistryError.badUserInput("\(field): invalid \(given[0]).")
        }
    }
}

/// `doc(path:)` on both run types.
enum RunDocumentResolvers {
    static let doc = FieldResolver.sync { parent, arguments, _, _ in
        let document: BSONDocument
        switch parent {
        case .container(let run as XenonRunValue): document = run.document
        case .container(let run as XamsRunValue): document = run.document
        default: return .null
        }
        guard case .string(let text)? = arguments["path"] else { return .json(.object(document.jsonObject)) }
        let path = try DocumentPath(text)
        return .json(path.value(in: document)?.jsonValue ?? .null)
    }
}
