// `scans(where:, mongoFilter:, includeDeleted:)` → the body of `POST /scans/find`. The typed
// conditions become MongoDB conditions on manifest paths (`event_metadata.run_id`, …); a
// `mongoFilter` joins them under `$and`. `is_deleted` stays at the top level, where SkyDriver
// looks for it before adding its own `is_deleted: false`.

import GraphQLKit

struct ScanFilter: Sendable, Hashable {
    var filter: JSONObject
    var includeDeleted: Bool

    init(where whereArgument: JSONValue?, mongoFilter: JSONValue?, includeDeleted: Bool) throws(GraphQLError) {
        var filter = JSONObject()
        if case .object(let w)? = whereArgument {
            if case .list(let ids)? = w["scanIds"] {
                // The schema's limit: without it, 10,001 ids went upstream and SkyDriver timed out.
                guard ids.count <= ScanFilterAllowList.maxListLength else {
                    throw RegistryError.badUserInput("where.scanIds: at most \(ScanFilterAllowList.maxListLength) scan ids.")
                }
                var checked: [JSONValue] = []
                for id in ids { if case .string(let s) = id { checked.append(.string(try ScanID(s).value)) } }
                filter["scan_id"] = .object(["$in": .list(checked)])
            }
            if let c = try Self.intFilter(w["runId"], "runId") { filter["event_metadata.run_id"] = c }
            if let c = try Self.intFilter(w["eventId"], "eventId") { filter["event_metadata.event_id"] = c }
            if case .string(let kind)? = w["eventKind"] { filter["event_metadata.is_real_event"] = .bool(kind == "REAL") }
            if case .string(let type)? = w["eventType"] { filter["event_metadata.event_type"] = .string(type) }
            if let c = try Self.intFilter(w["priority"], "priority") { filter["priority"] = c }
            if case .bool(let inBacklog)? = w["isInBacklog"] {
                filter["ewms_workflow_id"] = inBacklog ? .string(ScanValue.notYetRequested) : .object(["$ne": .string(ScanValue.notYetRequested)])
            }
            if case .bool(let replaced)? = w["isReplaced"] {
                filter["replaced_by_scan_id"] = replaced ? .object(["$ne": .null]) : .null
            }
            if let classifiers = w["classifiers"], classifiers != .null {
                guard case .object(let pairs) = classifiers else {
                    throw RegistryError.badUserInput("where.classifiers must be an object of classifier names and values.")
                }
                for m in pairs.members {
                    guard !m.key.isEmpty, !m.key.hasPrefix("$"), !m.key.contains("."), !m.key.utf8.contains(0) else {
                        throw RegistryError.badUserInput("where.classifiers: \"\(m.key)\" is not a classifier name.")
                    }
                    switch m.value {
                    case .object, .list: throw RegistryError.badUserInput("where.classifiers.\(m.key): give a string, number, boolean or null.")
                    default: filter["classifiers.\(m.key)"] = m.value
                    }
                }
            }
            if case .bool(let deleted)? = w["isDeleted"] { filter["is_deleted"] = .bool(deleted) }
        }
        if let mongoFilter, mongoFilter != .null {
            let checked = try ScanFilterAllowList.check(mongoFilter)
            if !checked.isEmpty { filter["$and"] = .list([.object(checked)]) }
        }
        self.filter = filter
        self.includeDeleted = includeDeleted
    }

    /// The `/scans/find` call, for the manifest fields in `projection` (nil: all SkyDriver allows).
    func call(projection: [String]?) -> UpstreamCall {
        var body: JSONObject = ["filter": .object(filter), "include_deleted": .bool(includeDeleted)]
        if let projection { body["manifest_projection"] = .list(projection.map(JSONValue.string)) }
        return UpstreamCall(method: .post, path: "/scans/find", body: .object(body))
    }

    /// `IntFilter` → `{"$eq": …, "$in": […]}`.
    private static func intFilter(_ value: JSONValue?, _ name: String) throws(GraphQLError) -> JSONValue? {
        guard case .object(let o)? = value else { return nil }
        var ops = JSONObject()
        for (field, op) in [("eq", "$eq"), ("ne", "$ne"), ("gt", "$gt"), ("gte", "$gte"), ("lt", "$lt"), ("lte", "$lte")] {
            if case .int(let i)? = o[field] { ops[op] = .int(i) }
        }
        if case .list(let items)? = o["in"] {
            guard items.count <= ScanFilterAllowList.maxListLength else {
                throw RegistryError.badUserInput("where.\(name).in has more than \(ScanFilterAllowList.maxListLength) values.")
            }
            ops["$in"] = .list(items)
        }
        return ops.isEmpty ? nil : .object(ops)
    }
}
