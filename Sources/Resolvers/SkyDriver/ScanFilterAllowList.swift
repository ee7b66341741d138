// `scans(mongoFilter:)`: SkyDriver hands `/scans/find`'s filter to MongoDB unchanged, so RunQL
// decides what may pass. Every `$` key anywhere in the filter must be a query operator from
// this list; `$where`, `$expr`, `$function` and anything unknown are refused with
// BAD_USER_INPUT naming the operator. The filter itself goes upstream as written.

import GraphQLKit

enum ScanFilterAllowList {
    static let maxDepth = 20
    static let maxRegexLength = 256
    static let maxListLength = 10_000
    static let operators = [
        "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists", "$all", "$size", "$elemMatch",
        "$and", "$or", "$nor", "$not", "$regex", "$options",
    ]
    private static let allowed = Set(operators)

    /// The filter, checked; throws BAD_USER_INPUT for anything not allowed.
    static func check(_ filter: JSONValue) throws(GraphQLError) -> JSONObject {
        guard case .object(let object) = filter else { throw bad("mongoFilter must be a JSON object.") }
        try walk(filter, depth: 1)
        return object
    }

    private static func walk(_ value: JSONValue, depth: Int) throws(GraphQLError) {
        guard depth <= maxDepth else { throw bad("mongoFilter is nested more than \(maxDepth) levels deep.") }
        switch value {
        case .object(let object):
            for member in object.members {
                let key = member.key
                if key.hasPrefix("$") {
                    guard allowed.contains(key) else {
                        throw bad("mongoFilter: operator \(key) is not allowed (allowed: \(operators.joined(separator: " "))).")
                    }
                    try checkOperand(key, member.value)
                } else if key.isEmpty {
                    throw bad("mongoFilter: field names must not be empty.")
                } else if key.utf8.contains(0) {
                    throw bad("mongoFilter: field names must not contain NUL characters.")
                }
                try walk(member.value, depth: depth + 1)
            }
        case .list(let items):
            guard items.count <= maxListLength else { throw bad("mongoFilter: a list has more than \(maxListLength) values.") }
            for item in items { try walk(item, depth: depth + 1) }
        default:
            break
        }
    }

    private static func checkOperand(_ op: String, _ value: JSONValue) throws(GraphQLError) {
        switch op {
        case "$and", "$or", "$nor":
            guard case .list(let items) = value, !items.isEmpty, items.allSatisfy({ $0.asObject != nil }) else {
                throw bad("mongoFilter: \(op) needs a non-empty list of filters.")
            }
        case "$in", "$nin", "$all":
            guard case .list = value else { throw bad("mongoFilter: \(op) needs a list.") }
        case "$regex":
            guard case .string(let pattern) = value else { throw bad("mongoFilter: $regex needs a string.") }
            guard pattern.count <= maxRegexLength else { throw bad("mongoFilter: $regex is longer than \(maxRegexLength) characters.") }
            if let problem = RegexSafety.problem(in: pattern) {
                throw bad("mongoFilter: $regex \"\(pattern.prefix(80))\" is refused: \(problem), which can backtrack for hours.")
            }
        case "$options":
            guard case .string(let flags) = value, flags.allSatisfy({ "imsx".contains($0) }) else {
                throw bad("mongoFilter: $options may only hold the flags i, m, s, x.")
            }
        default:
            break
        }
    }

    private static func bad(_ message: String) -> GraphQLError { RegistryError.badUserInput(message) }
}
