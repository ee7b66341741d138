// The shared pieces of typed `where` inputs: IntFilter and DateTimeFilter to MongoDB operator
// documents, and the clause list every filter is built from.

import GraphQLKit

/// Conditions that must all hold, joined with `$and` only when there are several (so a single
/// condition stays an index-friendly plain filter).
struct FilterClauses {
    private(set) var clauses: [BSONDocument] = []

    mutating func add(_ clause: BSONDocument) { if !clause.isEmpty { clauses.append(clause) } }
    mutating func add(_ field: String, _ value: BSONValue) { clauses.append([field: value]) }

    var document: BSONDocument {
        switch clauses.count {
        case 0: [:]
        case 1: clauses[0]
        default: ["$and": .array(clauses.map(BSONValue.document))]
        }
    }
}

enum FilterPrimitives {
    static let maxInValues = 10_000

    /// `IntFilter` → `{$eq, $ne, $gt, $gte, $lt, $lte, $in}`; nil when nothing is given.
    static func intOperators(_ filter: JSONObject, argument: String) throws(GraphQLError) -> BSONDocument? {
        var ops = BSONDocument()
        for (name, op) in [("eq", "$eq"), ("ne", "$ne"), ("gt", "$gt"), ("gte", "$gte"), ("lt", "$lt"), ("lte", "$lte")] {
            if case .int(let v)? = filter[name] { ops[op] = .int64(Int64(v)) }
        }
        if case .list(let values)? = filter["in"] {
            guard values.count <= maxInValues else {
                throw RegistryError.badUserInput("\(argument).in has \(values.count) values; at most \(maxInValues) are allowed.")
            }
            ops["$in"] = .array(values.compactMap { if case .int(let v) = $0 { .int64(Int64(v)) } else { nil } })
        }
        return ops.isEmpty ? nil : ops
    }

    /// Whether 0 meets every condition of an IntFilter (absent counters count as 0).
    static func zeroSatisfies(_ filter: JSONObject) -> Bool {
        func v(_ k: String) -> Int? { if case .int(let i)? = filter[k] { i } else { nil } }
        if let x = v("eq"), x != 0 { return false }
        if let x = v("ne"), x == 0 { return false }
        if let x = v("gt"), !(0 > x) { return false }
        if let x = v("gte"), !(0 >= x) { return false }
        if let x = v("lt"), !(0 < x) { return false }
        if let x = v("lte"), !(0 <= x) { return false }
        if case .list(let values)? = filter["in"], !values.contains(.int(0)) { return false }
        return true
    }

    /// `DateTimeFilter` on `field` → clauses. `exists: false` also matches an explicit null:
    /// XENONnT writes `end: None` when a run starts.
    static func dateClauses(_ filter: JSONObject, field: String, argument: String) throws(GraphQLError) -> BSONDocument? {
        var ops = BSONDocument()
        for (name, op) in [("gt", "$gt"), ("gte", "$gte"), ("lt", "$lt"), ("lte", "$lte")] {
            guard case .string(let text)? = filter[name] else { continue }
            guard let ms = DateTimeScalar.parse(text) else {
                throw RegistryError.badUserInput("\(argument).\(name): \"\(text)\" is not a DateTime.")
            }
            ops[op] = .datetime(BSONDateTime(millisecondsSinceEpoch: ms))
        }
        var clauses = FilterClauses()
        if !ops.isEmpty { clauses.add(field, .document(ops)) }
        switch filter["exists"] {
        case .bool(true)?: clauses.add(field, .document(["$ne": .null]))
        case .bool(false)?: clauses.add(field, .null)
        default: break
        }
        let doc = clauses.document
        return doc.isEmpty ? nil : doc
    }

    /// A list of strings from an argument.
    static func strings(_ value: JSONValue?) -> [String]? {
        guard case .list(let items)? = value else { return nil }
        return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
    }

    static func string(_ value: JSONValue?) -> String? {
        if case .string(let s)? = value { return s }
        return nil
    }

    static func object(_ value: JSONValue?) -> JSONObject? {
        if case .object(let o)? = value { return o }
        return nil
    }
}
