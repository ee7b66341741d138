// A page of runs as `XenonRunConnection` / `XamsRunConnection`: edges, nodes and pageInfo from
// the fetched page; `totalCount` is counted by its own resolver, only when selected.

import GraphQLKit

struct RunConnectionValue: FieldValueContainer {
    let page: RunPage
    let order: RunOrder
    /// The run type's value for a document (`XenonRunValue`, `XamsRunValue`).
    let node: @Sendable (BSONDocument) -> FieldValue
    let source: RunSource
    let collection: MongoCollection
    /// The filter `totalCount` counts (without the cursors' window).
    let filter: BSONDocument
    let userFilter: Bool

    func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "nodes": return .list(page.documents.map(node))
        case "edges":
            return .list(page.documents.map { doc in
                .container(RunEdgeValue(cursor: RunCursor(document: doc, order: order)?.encoded(order: order) ?? "", node: node(doc)))
            })
        case "pageInfo":
            let first = page.documents.first.flatMap { RunCursor(document: $0, order: order)?.encoded(order: order) }
            let last = page.documents.last.flatMap { RunCursor(document: $0, order: order)?.encoded(order: order) }
            return .json(.object([
                "hasNextPage": .bool(page.hasNextPage), "hasPreviousPage": .bool(page.hasPreviousPage),
                "startCursor": first.map(JSONValue.string) ?? .null, "endCursor": last.map(JSONValue.string) ?? .null,
            ]))
        default: return nil
        }
    }

    /// The `totalCount` resolver shared by both connection types.
    static let totalCount = FieldResolver.async { parent, _, _, _ in
        guard case .container(let c) = parent, let connection = c as? RunConnectionValue else { return .null }
        let count = try await withSource(connection.source.registryName, userFilter: connection.userFilter) { () throws(MongoError) in
            try await connection.collection.count(connection.filter)
        }
        return .json(.int(count))
    }
}

struct RunEdgeValue: FieldValueContainer {
    let cursor: String
    let node: FieldValue

    func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "cursor": .json(.string(cursor))
        case "node": node
        default: nil
        }
    }
}

extension RunConnectionValue {
    /// Resolves a `…Runs` root field: checks the page arguments, fetches the page with only the
    /// selected fields (nothing at all when only `totalCount` is selected).
    static func resolve(
        source: RunSource, collection: MongoCollection, filter: BSONDocument, userFilter: Bool,
        arguments: JSONObject, info: ResolveInfo, types: (edge: String, run: String), paths: [String: [String]],
        log: FetchLog?, node: @escaping @Sendable (BSONDocument) -> FieldValue
    ) async throws(GraphQLError) -> FieldValue {
        let order = try RunOrder(argument: arguments["orderBy"], scope: source.registryName)
        let request = try PageRequest(arguments: arguments, order: order)
        var needsPage = false
        var projections: [BSONDocument?] = []
        for field in info.selection() {
            switch field.name {
            case "nodes":
                needsPage = true
                projections.append(RunProjection.projection(for: field.selection(on: types.run), paths: paths))
            case "edges":
                needsPage = true
                for inner in field.selection(on: types.edge) where inner.name == "node" {
                    projections.append(RunProjection.projection(for: inner.selection(on: types.run), paths: paths))
                }
            case "pageInfo":
                needsPage = true
            default:
                break
            }
        }
        var page = RunPage(documents: [], hasNextPage: false, hasPreviousPage: false)
        if needsPage {
            let projection = RunProjection.union(projections.isEmpty ? [RunProjection.projection(paths: ["_id", "number"])] : projections)
            log?.record(FetchLog.Entry(source: source, filter: request.windowed(filter), projection: projection))
            page = try await withSource(source.registryName, userFilter: userFilter) { () throws(MongoError) in
                try await request.fetch(collection, filter: filter, projection: projection)
            }
        }
        return .container(RunConnectionValue(
            page: page, order: order, node: node, source: source, collection: collection, filter: filter, userFilter: userFilter))
    }
}
