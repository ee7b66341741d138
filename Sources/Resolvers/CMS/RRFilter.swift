// The Run Registry's filter language, accepted unchanged, as SQL over RR's own tables.
//
// Both forms users have: the backend's (`{"oms_attributes.energy": {">=": 6000}}`,
// `{"triplet_summary.dt-dt.GOOD": {">": 0}}`, `and`/`or` lists) and the Python client's, which
// the client turns into the backend's before sending (bare values meaning `=`, bare attribute
// names, `{"dt-dt": "GOOD"}` meaning "at least one lumisection GOOD"). Semantics are the
// backend's: `like` is ILIKE, `notlike` NOT ILIKE, `NOTLIKE` NOT LIKE; a numeric literal compares
// the JSON value as a number, a boolean one as a boolean. Two deliberate differences: JSON text
// that is not a number never matches a numeric comparison (RR's CAST would fail the request),
// and an `or` mixing run and triplet conditions keeps its meaning (RR splits it into two ANDed
// groups). Every value is a statement parameter; keys become JSON path parameters too.

import GraphQLKit

/// What a filter selects.
enum RRFilterTarget: Sendable {
    case runs
    case datasets
}

/// A condition for a WHERE clause and its parameters, numbered from the translator's first one.
struct SQLCondition: Sendable, Equatable {
    var text: String
    var parameters: [PostgresValue]
    /// Whether the condition reads the triplet cache (the statement must join it).
    var readsTripletSummary = false
    /// The triplet components its keys name (`dt-dt`, `triplet_summary.dt-dt.GOOD`), for the
    /// registry check the caller makes (`TripletComponent.check`).
    var tripletComponents: Set<String> = []
}

/// Component keys (`{workspace}-{column}`) named in filters. RR stores triplets under these keys
/// in `triplet_summary`, and a key that is no column of the registry matched nothing, silently:
/// `dt-dtx` (a typo) and `dt-dt'; --` (an injection attempt) answered "no runs" where the schema
/// promises BAD_USER_INPUT. The shape is checked here, while a filter is translated (no statement
/// needed, and the rr-filter fuzz target builds this file alone); whether the registry has the
/// column is `check(_:in:)` in Triplet.swift, one statement per request.
enum TripletComponent {
    /// As `editLumisections` accepts: longer keys are no component of RR's.
    static let maximumLength = 100

    /// Letters, digits and `_` around at least one inner `-` (RR's workspace and column names are
    /// identifiers; `tracker-track_private` and `ctpps-rp45_210` are real components).
    static func hasShape(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        guard bytes.count >= 3, bytes.count <= maximumLength, bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-"),
              bytes.contains(UInt8(ascii: "-")) else { return false }
        return bytes.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
    }

    /// How a client finds the valid keys: the schema has no list of its own, but every run and
    /// dataset lists the components it has.
    static let howToList = "a component is {workspace}-{column} of the registry's Workspace and WorkspaceColumn tables, e.g. dt-dt or "
        + "tracker-strip; cmsRuns { nodes { tripletSummary { component } } } lists the online components, "
        + "cmsDatasets { nodes { tripletSummary { component } } } the offline ones"

    /// The refusal for `key` (BAD_USER_INPUT), with close known keys when there are any.
    static func unknown(_ key: String, prefix: String = "", known: [String] = []) -> GraphQLError {
        let shown = key.count > 80 ? String(key.prefix(80)) + "…" : key
        let hint = known.isEmpty ? "" : didYouMean(suggestionList(key, options: known))
        return RegistryError.badUserInput("\(prefix)unknown triplet component \"\(shown)\": \(howToList).\(hint)")
    }
}

struct RRFilterTranslator: Sendable {
    static let maxDepth = 20
    static let maxNodes = 2_000
    static let maxTextLength = 4_096

    let target: RRFilterTarget
    /// How the statement names RR's tables (aliases or qualified names).
    var run = #""Run""#
    var dataset = #""Dataset""#
    var tripletCache = #""DatasetTripletCache""#

    init(target: RRFilterTarget) { self.target = target }

    /// The attributes the client sends to `oms_attributes` (RR's client, attributes.py).
    static let omsAttributes: Set<String> = [
        "energy", "b_field", "hlt_key", "l1_key", "l1_menu", "fill_number", "start_time", "end_time", "duration",
        "ls_duration", "stable_beam", "injection_scheme", "recorded_lumi", "delivered_lumi", "cmssw_version",
        "clock_type", "sequence", "beams_present_and_stable", "hlt_physics_rate", "hlt_physics_counter",
        "hlt_physics_size", "hlt_physics_throughput", "initial_prescale_index", "init_lumi", "end_lumi", "last_lumisection_number",
    ]
    /// The attributes the client sends to `rr_attributes`.
    static let rrAttributes: Set<String> = ["class", "state", "significant", "stop_reason", "short_run", "run_needs_to_be_updated_manually"]
    static let tripletStatuses: Set<String> = ["GOOD", "BAD", "STANDBY", "EXCLUDED", "NOTSET", "EMPTY"]

    func translate(_ filter: JSONValue, firstParameter: Int = 1) throws(GraphQLError) -> SQLCondition {
        var state = State(next: firstParameter)
        let text = try conditions(filter, depth: 0, &state)
        return SQLCondition(
            text: text, parameters: state.parameters, readsTripletSummary: state.readsTripletSummary, tripletComponents: state.tripletComponents)
    }

    private struct State {
        var next: Int
        var parameters: [PostgresValue] = []
        var nodes = 0
        var readsTripletSummary = false
        var tripletComponents: Set<String> = []

        mutating func parameter(_ value: PostgresValue) -> String {
            parameters.append(value)
            defer { next += 1 }
            return "$\(next)"
        }
    }

    private func bad(_ message: String) -> GraphQLError { RegistryError.badUserInput("rrFilter: " + message) }

    private func count(_ depth: Int, _ state: inout State) throws(GraphQLError) {
        state.nodes += 1
        guard state.nodes <= Self.maxNodes else { throw bad("more than \(Self.maxNodes) conditions") }
        guard depth <= Self.maxDepth else { throw bad("nested deeper than \(Self.maxDepth) levels") }
    }

    /// An object of `column: condition` entries and `and`/`or` lists, all of which must hold.
    private func conditions(_ filter: JSONValue, depth: Int, _ state: inout State) throws(GraphQLError) -> String {
        try count(depth, &state)
        guard case .object(let object) = filter else { throw bad("a filter must be a JSON object, e.g. {\"run_number\": {\">\": 315000}}") }
        var parts: [String] = []
        for member in object.members {
            switch member.key {
            case "and", "AND", "or", "OR":
                guard case .list(let items) = member.value, !items.isEmpty else {
                    throw bad("\"\(member.key)\" needs a non-empty list of filters")
                }
                var inner: [String] = []
                for item in items { inner.append(try conditions(item, depth: depth + 1, &state)) }
                parts.append("(" + inner.joined(separator: member.key.lowercased() == "and" ? " AND " : " OR ") + ")")
            default:
                parts.append(try column(member.key, member.value, depth: depth + 1, &state))
            }
        }
        return parts.isEmpty ? "TRUE" : parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " AND ") + ")"
    }

    /// Where a key's values live.
    private enum Column {
        /// A plain column: `run_number` (integer) or `name` (text).
        case integer(String)
        case text(String)
        /// A path inside a JSONB column.
        case json(column: String, path: [String])
    }

    private func column(_ key: String, _ condition: JSONValue, depth: Int, _ state: inout State) throws(GraphQLError) -> String {
        guard !key.isEmpty, key.utf8.count <= 200 else { throw bad("a key must have 1 to 200 characters") }
        let owner = target == .runs ? run : dataset
        if key == "run_number" { return try compare(.integer(owner + ".run_number"), condition, depth: depth, &state) }
        if target == .datasets, key == "name" || key == "dataset_name" {
            return try compare(.text(dataset + ".name"), condition, depth: depth, &state)
        }
        if target == .datasets, key == "datasets_in_gui" {
            return try compare(.json(column: dataset + ".datasets_in_gui", path: []), condition, depth: depth, &state)
        }
        for (prefix, table, column) in [
            ("rr_attributes.", run, "rr_attributes"), ("oms_attributes.", run, "oms_attributes"),
            ("triplet_summary.", tripletCache, "triplet_summary"), ("dataset_attributes.", dataset, "dataset_attributes"),
        ] where key.hasPrefix(prefix) {
            if prefix == "dataset_attributes." && target != .datasets { break }
            let path = key.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !path.contains(where: \.isEmpty) else { throw bad("\"\(key)\" has an empty path part") }
            if column == "triplet_summary" {
                guard TripletComponent.hasShape(path[0]) else { throw TripletComponent.unknown(path[0], prefix: "rrFilter: ") }
                state.readsTripletSummary = true
                state.tripletComponents.insert(path[0])
            }
            return try compare(.json(column: table + "." + column, path: path), condition, depth: depth, &state)
        }
        // The Python client's forms, which it rewrites before sending.
        if key.contains("-") {
            // `{"dt-dt": "GOOD"}`: at least one lumisection of the component has that status.
            guard TripletComponent.hasShape(key) else { throw TripletComponent.unknown(key, prefix: "rrFilter: ") }
            guard case .string(let status) = condition, Self.tripletStatuses.contains(status.uppercased()) else {
                throw bad("\"\(key)\" is a {workspace}-{column} triplet: give one of \(Self.tripletStatuses.sorted().joined(separator: ", "))")
            }
            state.readsTripletSummary = true
            state.tripletComponents.insert(key)
            return try compare(
                .json(column: tripletCache + ".triplet_summary", path: [key, status.uppercased()]), .object([">": .int(0)]), depth: depth, &state)
        }
        if Self.omsAttributes.contains(key) || key.hasSuffix("_included") || key.hasPrefix("fill_type_") {
            return try compare(.json(column: run + ".oms_attributes", path: [key]), condition, depth: depth, &state)
        }
        if Self.rrAttributes.contains(key) {
            return try compare(.json(column: run + ".rr_attributes", path: [key]), condition, depth: depth, &state)
        }
        if target == .datasets, key.hasSuffix("_state") || key == "appeared_in" {
            return try compare(.json(column: dataset + ".dataset_attributes", path: [key]), condition, depth: depth, &state)
        }
        throw bad("unknown key \"\(key.prefix(80))\": use run_number\(target == .datasets ? ", name" : ""), an OMS or RR attribute, a {workspace}-{column} triplet, or a key starting with rr_attributes., oms_attributes., triplet_summary.\(target == .datasets ? " or dataset_attributes." : "")")
    }

    /// A condition on one column: a bare value (`=`) or an object of operators, all of which hold.
    private func compare(_ column: Column, _ condition: JSONValue, depth: Int, _ state: inout State) throws(GraphQLError) -> String {
        try count(depth, &state)
        guard case .object(let operators) = condition else {
            return try comparison(column, "=", condition, &state)
        }
        guard !operators.isEmpty else { throw bad("an empty condition") }
        var parts: [String] = []
        for member in operators.members {
            switch member.key {
            case "and", "AND", "or", "OR":
                guard case .list(let items) = member.value, !items.isEmpty else {
                    throw bad("\"\(member.key)\" needs a non-empty list of conditions")
                }
                var inner: [String] = []
                for item in items { inner.append(try compare(column, item, depth: depth + 1, &state)) }
                parts.append("(" + inner.joined(separator: member.key.lowercased() == "and" ? " AND " : " OR ") + ")")
            default:
                parts.append(try comparison(column, member.key, member.value, &state))
            }
        }
        return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " AND ") + ")"
    }

    private func comparison(_ column: Column, _ op: String, _ value: JSONValue, _ state: inout State) throws(GraphQLError) -> String {
        let sqlOperator: String
        switch op {
        case "=": sqlOperator = "="
        case "<>": sqlOperator = "<>"
        case ">", "<", ">=", "<=": sqlOperator = op
        case "like", "LIKE": sqlOperator = "ILIKE"
        case "notlike": sqlOperator = "NOT ILIKE"
        case "NOTLIKE": sqlOperator = "NOT LIKE"
        case "contains":
            // RR uses it on `datasets_in_gui` (a JSON array): `@>` containment.
            guard target == .datasets, case .json(let c, let path) = column else {
                throw bad("\"contains\" applies to datasets_in_gui and dataset attributes only")
            }
            let container = path.isEmpty ? c : "(\(c) #> \(state.parameter(.array(path.map(PostgresValue.text))))::text[])"
            return "(\(container) @> \(state.parameter(.json(value)))::jsonb)"
        default:
            throw bad("unknown operator \"\(op.prefix(40))\" (use =, <>, >, <, >=, <=, like, notlike, and, or)")
        }
        let isPattern = sqlOperator.hasSuffix("LIKE")
        switch value {
        case .null:
            guard op == "=" || op == "<>" else { throw bad("null can only be compared with = or <>") }
            return "(\(textExpression(column, &state)) IS \(op == "=" ? "" : "NOT ")NULL)"
        case .string(let s):
            guard s.utf8.count <= Self.maxTextLength else { throw bad("a value is longer than \(Self.maxTextLength) bytes") }
            return "(\(textExpression(column, &state)) \(sqlOperator) \(state.parameter(.text(s))))"
        case .int, .double:
            guard !isPattern else { throw bad("like and notlike take a text pattern, e.g. \"%commissioning%\"") }
            let number: PostgresValue = if case .int(let i) = value { .int(i) } else if case .double(let d) = value { .double(d) } else { .null }
            return "(\(numericExpression(column, &state)) \(sqlOperator) \(state.parameter(number)))"
        case .bool(let b):
            guard op == "=" || op == "<>" else { throw bad("true and false can only be compared with = or <>") }
            return "(\(booleanExpression(column, &state)) \(sqlOperator) \(state.parameter(.bool(b))))"
        case .list, .object:
            throw bad("operator \"\(op)\" needs a text, number, boolean or null value")
        }
    }

    private func textExpression(_ column: Column, _ state: inout State) -> String {
        switch column {
        case .integer(let c): "\(c)::text"
        case .text(let c): c
        case .json(let c, let path): "(\(c) #>> \(state.parameter(.array(path.map(PostgresValue.text))))::text[])"
        }
    }

    /// JSON text that is not a number reads as NULL, which matches nothing.
    private func numericExpression(_ column: Column, _ state: inout State) -> String {
        switch column {
        case .integer(let c): return c
        case .text(let c): return "(CASE WHEN \(c) ~ '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$' THEN CAST(\(c) AS DOUBLE PRECISION) END)"
        case .json:
            let text = textExpression(column, &state)
            return "(CASE WHEN \(text) ~ '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$' THEN CAST(\(text) AS DOUBLE PRECISION) END)"
        }
    }

    private func booleanExpression(_ column: Column, _ state: inout State) -> String {
        let text = textExpression(column, &state)
        return "(CASE WHEN lower(\(text)) IN ('true', 'false') THEN CAST(\(text) AS BOOLEAN) END)"
    }
}
