// The XENON1T, XENONnT and XAMS runs as feeds of `Query.runs` across registries: one `find` per
// experiment and page, with the `RunWhere` condition translated by the registry's own typed
// filter, the merged cursor's position as a keyset condition, and a projection from the selection.

import GraphQLKit

extension RunRegistry {
    /// One feed per run collection.
    public var runFeeds: [RunFeed] {
        let client = client, collections = collections, log = log
        func feed(_ source: RunSource, _ experiment: String, typeName: String, paths: [String: [String]],
                  filter: @escaping @Sendable (JSONObject) throws(GraphQLError) -> BSONDocument,
                  value: @escaping @Sendable (BSONDocument) -> FieldValue) -> RunFeed {
            let collection = source.collection(client, collections)
            return RunFeed(
                experiment: experiment,
                page: { query in
                    let field = query.order.field == .number ? "number" : "start"
                    var clauses = FilterClauses()
                    if let w = query.filter { clauses.add(try filter(w)) }
                    if let bound = query.bound { clauses.add(try Self.keyset(bound, field: field, ascending: query.order.ascending)) }
                    let direction: BSONValue = .int32(query.order.ascending ? 1 : -1)
                    let projection = RunProjection.union(query.runFields.isEmpty
                        ? [RunProjection.projection(paths: ["_id", "number", field])]
                        : query.runFields.map { RunProjection.projection(for: $0.selection(on: typeName), paths: paths, extra: [field]) })
                    let options = FindOptions(projection: projection, sort: [field: direction, "_id": direction], limit: query.limit)
                    log?.record(FetchLog.Entry(source: source, filter: clauses.document, projection: projection))
                    let documents = try await withSource(source.registryName) { () throws(MongoError) in
                        try await collection.find(clauses.document, options: options)
                    }
                    return documents.compactMap { document in
                        guard case .objectID(let id)? = document["_id"] else { return nil }
                        return RunFeedItem(sortValue: Self.sortValue(document[field]), key: id.hex, value: value(document))
                    }
                },
                count: { where_ in
                    let condition = try where_.map { (w) throws(GraphQLError) in try filter(w) } ?? [:]
                    return try await withSource(source.registryName) { () throws(MongoError) in try await collection.count(condition) }
                })
        }
        return XenonExperiment.allCases.map { experiment in
            feed(.xenon(experiment), experiment.rawValue, typeName: "XenonRun", paths: RunProjection.xenonPaths,
                 filter: { (w) throws(GraphQLError) in try XenonRunFilter.filter(w, experiment: experiment) },
                 value: { .container(XenonRunValue(document: $0, experiment: experiment)) })
        } + [
            feed(.xams, "XAMS", typeName: "XamsRun", paths: RunProjection.xamsPaths,
                 filter: { (w) throws(GraphQLError) in try XamsRunFilter.filter(w) },
                 value: { .container(XamsRunValue(document: $0)) }),
        ]
    }

    /// A number as itself, a date as milliseconds; anything else (absent, null) has no value.
    static func sortValue(_ value: BSONValue?) -> Int64? {
        switch value {
        case .datetime(let t)?: t.millisecondsSinceEpoch
        case let v? where v.intValue != nil: Int64(v.intValue ?? 0)
        default: nil
        }
    }

    /// The runs at or beyond a merged cursor's position. MongoDB sorts missing values below all
    /// others, as the merge does.
    static func keyset(_ bound: RunFeedBound, field: String, ascending: Bool) throws(GraphQLError) -> BSONDocument {
        func bson(_ v: Int64) -> BSONValue {
            field == "start" ? .datetime(BSONDateTime(millisecondsSinceEpoch: v)) : .int64(v)
        }
        let missing: BSONDocument = [field: .null]
        let present: BSONDocument = [field: .document(["$ne": .null])]
        let never: BSONDocument = ["_id": .document(["$exists": .bool(false)])]
        switch bound {
        case .after(let value, let key):
            guard let id = ObjectID(hex: key) else { throw RegistryError.badUserInput("Invalid cursor in `after`: pass a cursor from `runs`.") }
            return RunCursor(value: value.map(bson) ?? .null, id: id).beyond(field: field, ascending: ascending)
        case .from(let value):
            guard let value else { return ascending ? [:] : missing }
            let op = ascending ? "$gte" : "$lte"
            let clause: BSONDocument = [field: .document([op: bson(value)])]
            return ascending ? clause : ["$or": .array([.document(clause), .document(missing)])]
        case .beyond(let value):
            guard let value else { return ascending ? present : never }
            let op = ascending ? "$gt" : "$lt"
            let clause: BSONDocument = [field: .document([op: bson(value)])]
            return ascending ? clause : ["$or": .array([.document(clause), .document(missing)])]
        }
    }
}
