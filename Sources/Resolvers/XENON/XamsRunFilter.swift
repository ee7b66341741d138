// `XamsRunWhere` → a MongoDB filter on XAMS run documents. `processing_status` is a
// sub-document `{status, ...}` in amstrax's current code and a bare string in older documents:
// state filters match both forms. An absent `processing_failed` counts as 0.

import GraphQLKit

enum XamsRunFilter {
    static func filter(_ where_: JSONObject) throws(GraphQLError) -> BSONDocument {
        var c = FilterClauses()
        if let number = FilterPrimitives.object(where_["number"]),
           let ops = try FilterPrimitives.intOperators(number, argument: "where.number") {
            c.add("number", .document(ops))
        }
        if let detector = FilterPrimitives.string(where_["detector"]) { c.add("detector", .string(detector)) }
        if let mode = FilterPrimitives.string(where_["mode"]) { c.add("mode", .string(mode)) }
        if let tag = FilterPrimitives.string(where_["tag"]) { c.add("tags.name", .string(tag)) }
        if let none = FilterPrimitives.strings(where_["tagsNone"]), !none.isEmpty {
            c.add("tags.name", .document(["$nin": .array(none.map(BSONValue.string))]))
        }
        if let start = FilterPrimitives.object(where_["start"]),
           let clause = try FilterPrimitives.dateClauses(start, field: "start", argument: "where.start") {
            c.add(clause)
        }
        if let states = FilterPrimitives.strings(where_["processingState"]) {
            let stored = BSONValue.array(states.map { .string($0.lowercased()) })
            c.add("$or", .array([
                .document(["processing_status.status": .document(["$in": stored])]),
                .document(["processing_status": .document(["$in": stored])]),
            ]))
        }
        switch where_["hasProcessingStatus"] {
        case .bool(true)?: c.add("processing_status", .document(["$ne": .null]))
        case .bool(false)?: c.add("processing_status", .null)
        default: break
        }
        if let failures = FilterPrimitives.object(where_["processingFailures"]),
           let ops = try FilterPrimitives.intOperators(failures, argument: "where.processingFailures") {
            let stored: BSONDocument = ["processing_failed": .document(ops)]
            if FilterPrimitives.zeroSatisfies(failures) {
                c.add("$or", .array([.document(stored), .document(["processing_failed": .null])]))
            } else {
                c.add(stored)
            }
        }
        if let type = FilterPrimitives.string(where_["dataType"]) { c.add("data.type", .string(type)) }
        if let host = FilterPrimitives.string(where_["dataHost"]) { c.add("data.host", .string(host)) }
        if case .list(let all)? = where_["and"] {
            for case .object(let sub) in all { c.add(try filter(sub)) }
        }
        if case .list(let any)? = where_["or"] {
            guard !any.isEmpty else { throw RegistryError.badUserInput("where.or needs at least one filter.") }
            var subs: [BSONValue] = []
            for case .object(let sub) in any { subs.append(.document(try filter(sub))) }
            c.add("$or", .array(subs))
        }
        if let not = FilterPrimitives.object(where_["not"]) {
            c.add("$nor", .array([.document(try filter(not))]))
        }
        return c.document
    }
}
