// The `mongoFilter: JSON` argument: a MongoDB filter as written for the runsDB's
// `POST /runs/query`, turned into BSON only if it uses the operators the SDL lists. Anything
// that runs code or computes (`$where`, `$function`, `$accumulator`, `$expr`) or that we do not
// know is refused with BAD_USER_INPUT naming the operator. Extended JSON `{"$oid"}` and
// `{"$date"}` are accepted because the runsDB API's own encoder writes them.

import GraphQLKit

enum MongoFilterAllowList {
    static let maxDepth = 20
    static let maxRegexLength = 256
    static let maxListLength = 10_000
    static let allowed = "$eq $ne $gt $gte $lt $lte $in $nin $exists $all $size $elemMatch $and $or $nor $not $regex"

    static func filter(_ json: JSONValue) throws(GraphQLError) -> BSONDocument {
        guard case .object(let object) = json else { throw bad("mongoFilter must be a JSON object.") }
        return try query(object, depth: 1)
    }

    private static func bad(_ message: String) -> GraphQLError { RegistryError.badUserInput(message) }

    private static func refuse(_ op: String) -> GraphQLError {
        bad("mongoFilter: operator \(op) is not allowed (allowed: \(allowed)).")
    }

    private static func checkDepth(_ depth: Int) throws(GraphQLError) {
        if depth > maxDepth { throw bad("mongoFilter is nested more than \(maxDepth) levels deep.") }
    }

    /// A query document: field conditions and `$and` / `$or` / `$nor`.
    private static func query(_ object: JSONObject, depth: Int) throws(GraphQLError) -> BSONDocument {
        try checkDepth(depth)
        var doc = BSONDocument()
        var extra: [BSONDocument] = []
        for member in object.members {
            let key = member.key
            switch key {
            case "$and", "$or", "$nor":
                guard case .list(let items) = member.value, !items.isEmpty else {
                    throw bad("mongoFilter: \(key) needs a non-empty list of filters.")
                }
                try checkDepth(depth + 1)
                var subs: [BSONValue] = []
                for item in items {
                    guard case .object(let o) = item else { throw bad("mongoFilter: \(key) items must be objects.") }
                    subs.append(.document(try query(o, depth: depth + 2)))
                }
                doc[key] = .array(subs)
            default:
                if key.hasPrefix("$") { throw refuse(key) }
                guard !key.isEmpty else { throw bad("mongoFilter: field names must not be empty.") }
                // BSON keys end at NUL: the driver refused such a key and the client was told the
                // database was unavailable.
                guard !key.utf8.contains(0) else { throw bad("mongoFilter: field names must not contain NUL characters.") }
                let (condition, alls) = try fieldCondition(member.value, depth: depth + 1, rewriteAll: true)
                if let condition { doc[key] = condition }
                // `$all` as equalities: SecantusDB's `$all` with several values on a path through
                // a list of documents matches nothing; `{f: a}, {f: b}` means the same.
                extra += alls.map { [key: $0] }
            }
        }
        guard !extra.isEmpty else { return doc }
        var clauses = doc.isEmpty ? [] : [BSONValue.document(doc)]
        clauses += extra.map(BSONValue.document)
        return ["$and": .array(clauses)]
    }

    /// A field's condition: an operator document (every key an operator) or a literal.
    /// With `rewriteAll`, `$all` values come back separately as equalities.
    private static func fieldCondition(_ value: JSONValue, depth: Int, rewriteAll: Bool) throws(GraphQLError) -> (BSONValue?, [BSONValue]) {
        guard case .object(let object) = value, let first = object.members.first, first.key.hasPrefix("$"),
              first.key != "$oid", first.key != "$date"
        else { return (try literal(value, depth: depth), []) }
        try checkDepth(depth)
        var ops = BSONDocument()
        var alls: [BSONValue] = []
        var emptyAll = false
        for member in object.members {
            let op = member.key
            switch op {
            case "$eq", "$ne", "$gt", "$gte", "$lt", "$lte":
                ops[op] = try literal(member.value, depth: depth + 1)
            case "$in", "$nin", "$all":
                guard case .list(let items) = member.value else { throw bad("mongoFilter: \(op) needs a list.") }
                guard items.count <= maxListLength else { throw bad("mongoFilter: \(op) has more than \(maxListLength) values.") }
                var values: [BSONValue] = []
                for item in items { values.append(try literal(item, depth: depth + 2)) }
                if op == "$all" && rewriteAll {
                    alls += values
                    if values.isEmpty { emptyAll = true }
                } else {
                    ops[op] = .array(values)
                }
            case "$exists":
                switch member.value {
                case .bool(let b): ops[op] = .bool(b)
                case .int(let i): ops[op] = .bool(i != 0)
                default: throw bad("mongoFilter: $exists needs true or false.")
                }
            case "$size":
                guard case .int(let n) = member.value, n >= 0 else { throw bad("mongoFilter: $size needs a non-negative integer.") }
                ops[op] = .int64(Int64(n))
            case "$elemMatch":
                guard case .object(let inner) = member.value else { throw bad("mongoFilter: $elemMatch needs an object.") }
                let isOperatorDocument = inner.members.first.map {
                    $0.key.hasPrefix("$") && !["$and", "$or", "$nor"].contains($0.key)
                } ?? false
                if isOperatorDocument {
                    let (cond, _) = try fieldCondition(member.value, depth: depth + 1, rewriteAll: false)
                    ops[op] = cond ?? .document([:])
                } else {
                    ops[op] = .document(try query(inner, depth: depth + 1))
                }
            case "$not":
                guard case .object(let inner) = member.value, let k = inner.members.first?.key, k.hasPrefix("$") else {
                    throw bad("mongoFilter: $not needs an operator object, e.g. {\"$not\": {\"$gt\": 5}}.")
                }
                let (cond, _) = try fieldCondition(member.value, depth: depth + 1, rewriteAll: false)
                ops[op] = cond ?? .document([:])
            case "$regex":
                guard case .string(let pattern) = member.value else { throw bad("mongoFilter: $regex needs a string.") }
                guard pattern.count <= maxRegexLength else {
                    throw bad("mongoFilter: $regex is longer than \(maxRegexLength) characters.")
                }
                if let problem = RegexSafety.problem(in: pattern) {
                    throw bad("mongoFilter: $regex \"\(pattern.prefix(80))\" is refused: \(problem), which can backtrack for hours.")
                }
                ops[op] = .string(pattern)
            case "$options":
                guard case .string(let options) = member.value, options.allSatisfy({ "imsx".contains($0) }) else {
                    throw bad("mongoFilter: $options may only hold the flags i, m, s, x.")
                }
                ops[op] = .string(options)
            default:
                throw refuse(op)
            }
        }
        if ops["$options"] != nil && ops["$regex"] == nil { throw bad("mongoFilter: $options needs $regex.") }
        if emptyAll { ops["$in"] = .array([]) }
        return (ops.isEmpty ? nil : .document(ops), alls)
    }

    /// A value to compare with: JSON as BSON, with extended JSON ObjectIds and dates.
    private static func literal(_ value: JSONValue, depth: Int) throws(GraphQLError) -> BSONValue {
        try checkDepth(depth)
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return Int32(exactly: i).map(BSONValue.int32) ?? .int64(Int64(i))
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .list(let items):
            var out: [BSONValue] = []
            for item in items { out.append(try literal(item, depth: depth + 1)) }
            return .array(out)
        case .object(let object):
            if object.count == 1, let m = object.members.first {
                switch m.key {
                case "$oid":
                    guard case .string(let hex) = m.value, let id = ObjectID(hex: hex) else {
                        throw bad("mongoFilter: $oid needs 24 hexadecimal digits.")
                    }
                    return .objectID(id)
                case "$date": return .datetime(try extendedDate(m.value))
                default: break
                }
            }
            var doc = BSONDocument()
            for m in object.members {
                if m.key.hasPrefix("$") { throw refuse(m.key) }
                guard !m.key.utf8.contains(0) else { throw bad("mongoFilter: field names must not contain NUL characters.") }
                doc[m.key] = try literal(m.value, depth: depth + 1)
            }
            return .document(doc)
        }
    }

    /// `{"$date": "2018-05-01T12:00:00Z"}`, `{"$date": 1525176000000}` or
    /// `{"$date": {"$numberLong": "1525176000000"}}` (bson.json_util writes all three).
    private static func extendedDate(_ value: JSONValue) throws(GraphQLError) -> BSONDateTime {
        switch value {
        case .string(let s):
            if let ms = DateTimeScalar.parse(s) { return BSONDateTime(millisecondsSinceEpoch: ms) }
        case .int(let ms):
            return BSONDateTime(millisecondsSinceEpoch: Int64(ms))
        case .object(let o):
            if case .string(let s)? = o["$numberLong"], let ms = Int64(s) { return BSONDateTime(millisecondsSinceEpoch: ms) }
        default: break
        }
        throw bad("mongoFilter: $date needs an RFC 3339 string or milliseconds since the epoch.")
    }
}
