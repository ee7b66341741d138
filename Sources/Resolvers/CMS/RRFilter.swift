// RR's own filter JSON (`/runs_filtered_ordered`, `/datasets_filtered_ordered`) to SQL, with the
// backend's semantics (cms-run-registry.md §3):
// - keys: `run_number` (and `name` for datasets) are columns; `rr_attributes.<path>`,
//   `oms_attributes.<path>` and `dataset_attributes.<path>` are JSONB paths; `triplet_summary.
//   <component>.<STATUS>` reads the cache of the run's online dataset (runs) or of the dataset;
// - operators `=`, `<>`, `>`, `<`, `>=`, `<=`, `like`/`LIKE` (ILIKE), `notlike` (NOT ILIKE),
//   `NOTLIKE` (NOT LIKE), `and`/`or` lists, `contains` (datasets' `datasets_in_gui`, `@>`);
// - a JSON path compared with a number is cast to double precision, with a boolean to boolean.
// The client's transformation (§2) is applied to keys without a prefix, so the client's filters
// (`{"class": "Collisions18", "dt-dt": "GOOD", "hlt_key": {"like": "%x%"}}`) work too.
// Differences, on purpose: numbers compare numerically inside `and`/`or` lists under a JSON key
// too (RR would compare text with a number there and fail); a value that cannot be cast does not
// match instead of failing the request; an `or` mixing triplet and other conditions keeps its
// meaning (RR splits it into separately ANDed groups).

import GraphQLKit

enum RRFilter {
    enum Target { case runs, datasets }

    static let maxDepth = 32

    /// RR attributes of a run the client recognises without a prefix.
    static let rrAttributes: Set<String> = ["class", "state", "significant", "stop_reason", "short_run", "run_needs_to_be_updated_manually"]

    /// OMS attributes the client recognises without a prefix (attributes.py), plus `*_included`.
    static let omsAttributes: Set<String> = [
        "energy", "b_field", "hlt_key", "l1_key", "l1_menu", "fill_number", "start_time", "end_time", "duration", "ls_duration",
        "stable_beam", "injection_scheme", "recorded_lumi", "delivered_lumi", "cmssw_version", "clock_type", "sequence",
        "fill_type_party1", "fill_type_party2", "fill_type_runtime", "beams_present_and_stable", "l1_rate", "end_lumi", "init_lumi",
        "l1_hlt_mode", "last_update", "trigger_mode", "tier0_transfer", "l1_key_stripped", "hlt_physics_rate", "hlt_physics_size",
        "hlt_physics_counter", "l1_triggers_counter", "l1_hlt_mode_stripped", "hlt_physics_throughput", "initial_prescale_index",
    ]

    static let tripletStatuses: Set<String> = ["GOOD", "BAD", "STANDBY", "EXCLUDED", "NOTSET", "EMPTY"]

    /// The SQL condition of `filter` for runs (alias `r`) or datasets (alias `d`, run `r`).
    static func condition(_ filter: JSONValue, target: Target, _ sql: inout SQLBuilder) throws(GraphQLError) -> String {
        guard case .object(let o) = filter else { throw CMSError.badInput("rrFilter must be a JSON object.") }
        return try object(o, target: target, &sql, depth: 0)
    }

    private static func object(_ o: JSONObject, target: Target, _ sql: inout SQLBuilder, depth: Int) throws(GraphQLError) -> String {
        guard depth < maxDepth else { throw CMSError.badInput("rrFilter is nested more than \(maxDepth) levels deep.") }
        var parts: [String] = []
        for member in o.members {
            switch member.key {
            case "and", "AND", "or", "OR":
                guard case .list(let items) = member.value else { throw CMSError.badInput("rrFilter: \(member.key) takes a list of filters.") }
                var inner: [String] = []
                for item in items {
                    guard case .object(let io) = item else { throw CMSError.badInput("rrFilter: \(member.key) takes a list of filters.") }
                    inner.append(try object(io, target: target, &sql, depth: depth + 1))
                }
                let isAnd = member.key.lowercased() == "and"
                parts.append(inner.isEmpty ? (isAnd ? "true" : "false") : "(" + inner.joined(separator: isAnd ? " AND " : " OR ") + ")")
            default:
                guard let (key, value) = try transformed(member.key, member.value, target: target) else { continue }
                let operand = try self.operand(key, target: target, &sql)
                parts.append(try conditions(value, operand, key: key, &sql, depth: depth + 1))
            }
        }
        return parts.isEmpty ? "true" : "(" + parts.joined(separator: " AND ") + ")"
    }

    // MARK: Keys

    /// The client's transformation for keys without a prefix; nil drops the condition (as the
    /// client drops non-string triplet values).
    private static func transformed(_ key: String, _ value: JSONValue, target: Target) throws(GraphQLError) -> (String, JSONValue)? {
        if key == "run_number" || key.hasPrefix("rr_attributes.") || key.hasPrefix("oms_attributes.") || key.hasPrefix("triplet_summary.") {
            return (key, value)
        }
        if target == .datasets {
            if key == "name" || key.hasPrefix("dataset_attributes.") || key == "datasets_in_gui" { return (key, value) }
            if key == "dataset_name" { return ("name", value) }
            if key.hasSuffix("_state") || key == "appeared_in" { return ("dataset_attributes." + key, value) }
        }
        if rrAttributes.contains(key) { return ("rr_attributes." + key, value) }
        if omsAttributes.contains(key) || key.hasSuffix("_included") { return ("oms_attributes." + key, value) }
        if key.contains("-") {
            guard case .string(let status) = value else { return nil }
            let upper = status.uppercased()
            guard tripletStatuses.contains(upper) else {
                throw CMSError.badInput("rrFilter: \"\(key)\" takes one of GOOD, BAD, STANDBY, EXCLUDED, NOTSET, EMPTY; got \"\(status)\".")
            }
            return ("triplet_summary.\(key).\(upper)", .object([">": .int(0)]))
        }
        throw CMSError.badInput("rrFilter: unknown key \"\(key)\".")
    }

    private enum Operand {
        /// An integer column.
        case integer(String)
        /// A text column.
        case text(String)
        /// A JSONB column and a path inside it.
        case json(column: String, path: [String])
        /// The jsonb array `datasets_in_gui`.
        case jsonArray(String)
    }

    private static func operand(_ key: String, target: Target, _ sql: inout SQLBuilder) throws(GraphQLError) -> Operand {
        let run = "r", dataset = "d"
        if key == "run_number" { return .integer(target == .runs ? "\(run).run_number" : "\(dataset).run_number") }
        if key == "name" { return .text("\(dataset).name") }
        if key == "datasets_in_gui" { return .jsonArray("\(dataset).datasets_in_gui") }
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts.dropFirst().allSatisfy({ !$0.isEmpty }) else { throw CMSError.badInput("rrFilter: \"\(key)\" is not a valid path.") }
        let path = Array(parts.dropFirst())
        switch parts[0] {
        case "rr_attributes", "oms_attributes": return .json(column: "\(run).\(parts[0])", path: path)
        case "dataset_attributes": return .json(column: "\(dataset).dataset_attributes", path: path)
        case "triplet_summary":
            let owner = target == .runs ? "\(run).run_number AND c.name = 'online'" : "\(dataset).run_number AND c.name = \(dataset).name"
            return .json(column: #"(SELECT c.triplet_summary FROM "DatasetTripletCache" c WHERE c.run_number = \#(owner))"#, path: path)
        default: throw CMSError.badInput("rrFilter: unknown key \"\(key)\".")
        }
    }

    // MARK: Operators

    private static func conditions(_ value: JSONValue, _ operand: Operand, key: String, _ sql: inout SQLBuilder, depth: Int) throws(GraphQLError) -> String {
        guard depth < maxDepth else { throw CMSError.badInput("rrFilter is nested more than \(maxDepth) levels deep.") }
        guard case .object(let o) = value else {
            // A bare value means equality, as in Sequelize and the client.
            return try comparison("=", value, operand, key: key, &sql)
        }
        var parts: [String] = []
        for member in o.members {
            switch member.key {
            case "and", "AND", "or", "OR":
                guard case .list(let items) = member.value else { throw CMSError.badInput("rrFilter: \(key).\(member.key) takes a list.") }
                var inner: [String] = []
                for item in items { inner.append(try conditions(item, operand, key: key, &sql, depth: depth + 1)) }
                let isAnd = member.key.lowercased() == "and"
                parts.append(inner.isEmpty ? (isAnd ? "true" : "false") : "(" + inner.joined(separator: isAnd ? " AND " : " OR ") + ")")
            default:
                parts.append(try comparison(member.key, member.value, operand, key: key, &sql))
            }
        }
        return parts.isEmpty ? "true" : "(" + parts.joined(separator: " AND ") + ")"
    }

    private static func comparison(_ op: String, _ value: JSONValue, _ operand: Operand, key: String, _ sql: inout SQLBuilder) throws(GraphQLError) -> String {
        let symbol: String
        switch op {
        case "=": symbol = "="
        case "<>": symbol = "<>"
        case ">", "<", ">=", "<=": symbol = op
        case "like", "LIKE": symbol = "ILIKE"
        case "notlike": symbol = "NOT ILIKE"
        case "NOTLIKE": symbol = "NOT LIKE"
        case "contains": symbol = "@>"
        default:
            throw CMSError.badInput("rrFilter: unknown operator \"\(op)\" on \"\(key)\" (use =, <>, >, <, >=, <=, like, notlike, and, or).")
        }
        if case .jsonArray(let column) = operand {
            guard symbol == "@>" else { throw CMSError.badInput("rrFilter: \"\(key)\" takes only contains.") }
            let array: JSONValue = if case .list = value { value } else { .list([value]) }
            return "\(column) @> \(sql.bind(.text(array.jsonString), as: "jsonb"))"
        }
        guard symbol != "@>" else { throw CMSError.badInput("rrFilter: contains applies only to datasets_in_gui.") }
        let isPattern = symbol.hasSuffix("LIKE")
        if value == .null {
            guard symbol == "=" || symbol == "<>" else { throw CMSError.badInput("rrFilter: \(key) \(op) null is not a comparison.") }
            return "\(expression(operand, for: .null, &sql)) IS \(symbol == "=" ? "" : "NOT ")NULL"
        }
        if isPattern {
            guard case .string(let pattern) = value else { throw CMSError.badInput("rrFilter: \(op) on \"\(key)\" takes a string pattern.") }
            if case .integer = operand { throw CMSError.badInput("rrFilter: \(op) does not apply to run_number.") }
            return "\(expression(operand, for: .string(""), &sql)) \(symbol) \(sql.bind(.text(pattern), as: "text"))"
        }
        let bound: String
        switch value {
        case .int(let i): bound = sql.bind(.int(i), as: "float8")
        case .double(let d): bound = sql.bind(.double(d), as: "float8")
        case .bool(let b):
            if case .integer = operand { throw CMSError.badInput("rrFilter: run_number takes numbers.") }
            bound = sql.bind(.bool(b), as: "boolean")
        case .string(let s):
            if case .integer = operand {
                // Sequelize sends the literal and PostgreSQL reads it as the column's integer type.
                guard let n = Double(s) else { throw CMSError.badInput("rrFilter: run_number takes numbers, got \"\(s)\".") }
                return "\(expression(operand, for: .double(n), &sql)) \(symbol) \(sql.bind(.double(n), as: "float8"))"
            }
            bound = sql.bind(.text(s), as: "text")
        default: throw CMSError.badInput("rrFilter: \(key) \(op) takes a number, string or boolean.")
        }
        let left = expression(operand, for: value, &sql)
        return "\(left) \(symbol) \(bound)"
    }

    /// The left side, cast by the literal's JSON type as Sequelize does for JSON paths. The path
    /// is a parameter too: keys come from the client.
    private static func expression(_ operand: Operand, for literal: JSONValue, _ sql: inout SQLBuilder) -> String {
        switch operand {
        case .integer(let column), .text(let column), .jsonArray(let column): return column
        case .json(let column, let path):
            let text = "(\(column) #>> \(sql.bind(.array(path.map { .text($0) }), as: "text[]")))"
            switch literal {
            case .int, .double:
                return #"(CASE WHEN \#(text) ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN \#(text)::float8 END)"#
            case .bool:
                return "(CASE WHEN lower(\(text)) IN ('true', 'false', 't', 'f') THEN \(text)::boolean END)"
            default:
                return text
            }
        }
    }
}
