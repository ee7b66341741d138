// Typed GraphQL filters (CmsRunWhere, CmsDatasetWhere) to SQL over RR's tables. Values always
// travel as parameters; only fixed expressions from this file are put into SQL text.
// JSONB attributes are compared as RR's backend compares them: numbers as double precision
// (only where the stored value is a JSON number), `like` case-insensitive (ILIKE).

import Foundation
import GraphQLKit

/// SQL text under construction with its parameters (`$1`, `$2`, ...).
struct SQLBuilder {
    private(set) var parameters: [PostgresValue] = []
    /// The triplet components the conditions name; the caller checks them against the registry
    /// (`TripletComponent.check`) before running the statement, or an unknown one matches nothing.
    private(set) var tripletComponents: Set<String> = []

    /// Parameters numbered by someone else from `parameters.count + 1` on.
    mutating func adopt(_ more: [PostgresValue]) { parameters += more }

    /// A translated `rrFilter`'s parameters and the components it names.
    mutating func adopt(_ condition: SQLCondition) {
        parameters += condition.parameters
        tripletComponents.formUnion(condition.tripletComponents)
    }

    mutating func noteTripletComponent(_ component: String) { tripletComponents.insert(component) }

    /// The placeholder for `value`, with a cast so the server never has to guess its type.
    mutating func bind(_ value: PostgresValue, as type: String) -> String {
        parameters.append(value)
        return "$\(parameters.count)::\(type)"
    }
}

enum CMSFilter {
    static let maxListLength = 10_000
    static let maxDepth = 16

    // MARK: Runs

    /// A JSON number attribute of `"Run"` as double precision; NULL when it is missing or not a number.
    static func number(_ column: String, _ key: String) -> String {
        "(CASE WHEN jsonb_typeof(\(column)->'\(key)') = 'number' THEN (\(column)->>'\(key)')::float8 END)"
    }

    static func time(_ column: String, _ key: String) -> String {
        "(CASE WHEN jsonb_typeof(\(column)->'\(key)') = 'string' THEN (\(column)->>'\(key)')::timestamptz END)"
    }

    /// The conditions of `where` on run alias `r` (true when empty).
    static func run(_ where: JSONObject, alias r: String, _ sql: inout SQLBuilder, depth: Int = 0) throws(GraphQLError) -> String {
        guard depth < maxDepth else { throw CMSError.badInput("CmsRunWhere is nested more than \(maxDepth) levels deep.") }
        var parts: [String] = []
        for member in `where`.members where member.value != .null {
            let v = member.value
            switch member.key {
            case "number": parts += try int(v, "\(r).run_number", &sql, field: "number")
            case "class": parts += try string(v, "(\(r).rr_attributes->>'class')", &sql, field: "class")
            case "state":
                let states = try enumList(v, field: "state")
                parts.append("(\(r).rr_attributes->>'state') = ANY(\(sql.bind(.array(states.map { .text($0) }), as: "text[]")))")
            case "significant":
                guard case .bool(let b) = v else { throw CMSError.badInput("significant must be a Boolean.") }
                parts.append("(\(r).rr_attributes->'significant') = to_jsonb(\(sql.bind(.bool(b), as: "boolean")))")
            case "stopReason": parts += try string(v, "(\(r).rr_attributes->>'stop_reason')", &sql, field: "stopReason")
            case "energy": parts += try float(v, number("\(r).oms_attributes", "energy"), &sql, field: "energy")
            case "bField": parts += try float(v, number("\(r).oms_attributes", "b_field"), &sql, field: "bField")
            case "hltKey": parts += try string(v, "(\(r).oms_attributes->>'hlt_key')", &sql, field: "hltKey")
            case "fillNumber": parts += try int(v, number("\(r).oms_attributes", "fill_number"), &sql, field: "fillNumber")
            case "lsDuration": parts += try int(v, number("\(r).oms_attributes", "ls_duration"), &sql, field: "lsDuration")
            case "startTime": parts += try dateTime(v, time("\(r).oms_attributes", "start_time"), &sql, field: "startTime")
            case "endTime": parts += try dateTime(v, time("\(r).oms_attributes", "end_time"), &sql, field: "endTime")
            case "included":
                guard case .list(let items) = v else { throw CMSError.badInput("included must be a list.") }
                for item in items {
                    guard case .object(let o) = item, case .string(let subsystem)? = o["subsystem"], case .bool(let included)? = o["included"] else {
                        throw CMSError.badInput("included needs subsystem and included.")
                    }
                    guard !subsystem.isEmpty, subsystem.count <= 64,
                          subsystem.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "_" }) else {
                        throw CMSError.badInput("included: \"\(subsystem)\" is not a subsystem name (letters, digits and _).")
                    }
                    parts.append("(\(r).oms_attributes->(\(sql.bind(.text(subsystem + "_included"), as: "text")))) = to_jsonb(\(sql.bind(.bool(included), as: "boolean")))")
                }
            case "triplets":
                for (component, status) in try triplets(v, &sql) {
                    parts.append("""
                        EXISTS (SELECT 1 FROM "DatasetTripletCache" c WHERE c.run_number = \(r).run_number AND c.name = 'online' \
                        AND (c.triplet_summary->\(sql.bind(.text(component), as: "text"))->>\(sql.bind(.text(status), as: "text")))::float8 > 0)
                        """)
                }
            case "and", "or", "not":
                parts += try logical(member.key, v, &sql) { (o, sql) throws(GraphQLError) in try run(o, alias: r, &sql, depth: depth + 1) }
            default:
                throw CMSError.badInput("CmsRunWhere has no field \"\(member.key)\".")
            }
        }
        return parts.isEmpty ? "true" : "(" + parts.joined(separator: " AND ") + ")"
    }

    // MARK: Datasets

    /// The conditions of `where` on dataset alias `d` (its run is alias `r`).
    static func dataset(_ where: JSONObject, alias d: String, run r: String, _ sql: inout SQLBuilder, depth: Int = 0) throws(GraphQLError) -> String {
        guard depth < maxDepth else { throw CMSError.badInput("CmsDatasetWhere is nested more than \(maxDepth) levels deep.") }
        var parts: [String] = []
        for member in `where`.members where member.value != .null {
            let v = member.value
            switch member.key {
            case "runNumber": parts += try int(v, "\(d).run_number", &sql, field: "runNumber")
            case "name": parts += try string(v, "\(d).name", &sql, field: "name")
            case "states":
                guard case .list(let items) = v else { throw CMSError.badInput("states must be a list.") }
                for item in items {
                    guard case .object(let o) = item, case .string(let workspace)? = o["workspace"], case .string(let state)? = o["state"] else {
                        throw CMSError.badInput("states needs workspace and state.")
                    }
                    parts.append("(\(d).dataset_attributes->>(\(sql.bind(.text(workspace + "_state"), as: "text")))) = \(sql.bind(.text(CMSValues.storedDatasetState(state)), as: "text"))")
                }
            case "triplets":
                for (component, status) in try triplets(v, &sql) {
                    parts.append("""
                        EXISTS (SELECT 1 FROM "DatasetTripletCache" c WHERE c.run_number = \(d).run_number AND c.name = \(d).name \
                        AND (c.triplet_summary->\(sql.bind(.text(component), as: "text"))->>\(sql.bind(.text(status), as: "text")))::float8 > 0)
                        """)
                }
            case "run":
                guard case .object(let o) = v else { throw CMSError.badInput("run must be an object.") }
                parts.append(try run(o, alias: r, &sql, depth: depth + 1))
            case "and", "or", "not":
                parts += try logical(member.key, v, &sql) { (o, sql) throws(GraphQLError) in try dataset(o, alias: d, run: r, &sql, depth: depth + 1) }
            default:
                throw CMSError.badInput("CmsDatasetWhere has no field \"\(member.key)\".")
            }
        }
        return parts.isEmpty ? "true" : "(" + parts.joined(separator: " AND ") + ")"
    }

    /// `and` (every filter holds), `or` (at least one) and `not` of a filter input, the same for
    /// every filter type: `condition` turns one nested filter into SQL.
    private static func logical(
        _ key: String, _ value: JSONValue, _ sql: inout SQLBuilder,
        _ condition: (JSONObject, inout SQLBuilder) throws(GraphQLError) -> String
    ) throws(GraphQLError) -> [String] {
        if key == "not" {
            guard case .object(let o) = value else { throw CMSError.badInput("not must be an object.") }
            return ["NOT coalesce(\(try condition(o, &sql)), false)"]
        }
        guard case .list(let items) = value else { throw CMSError.badInput("\(key) must be a list.") }
        var inner: [String] = []
        for item in items {
            guard case .object(let o) = item else { throw CMSError.badInput("\(key) items must be objects.") }
            inner.append(try condition(o, &sql))
        }
        if key == "and" { return inner }
        return [inner.isEmpty ? "false" : "(" + inner.joined(separator: " OR ") + ")"]
    }

    // MARK: Scalar filters

    private static func int(_ value: JSONValue, _ expression: String, _ sql: inout SQLBuilder, field: String) throws(GraphQLError) -> [String] {
        guard case .object(let o) = value else { throw CMSError.badInput("\(field) must be an IntFilter.") }
        var parts: [String] = []
        for m in o.members where m.value != .null {
            if m.key == "in" {
                guard case .list(let items) = m.value else { throw CMSError.badInput("\(field).in must be a list.") }
                guard items.count <= maxListLength else { throw CMSError.badInput("\(field).in has more than \(maxListLength) values.") }
                let ints = items.compactMap { if case .int(let i) = $0 { PostgresValue.int(i) } else { nil } }
                // A plain integer column keeps its index usable; JSON numbers compare as double precision.
                parts.append("\(expression) = ANY(\(sql.bind(.array(ints), as: expression.hasPrefix("(CASE") ? "float8[]" : "bigint[]")))")
                continue
            }
            guard case .int(let i) = m.value else { throw CMSError.badInput("\(field).\(m.key) must be an Int.") }
            parts.append("\(expression) \(try comparison(m.key, field: field)) \(sql.bind(.int(i), as: "bigint"))")
        }
        return parts
    }

    private static func float(_ value: JSONValue, _ expression: String, _ sql: inout SQLBuilder, field: String) throws(GraphQLError) -> [String] {
        guard case .object(let o) = value else { throw CMSError.badInput("\(field) must be a CmsFloatFilter.") }
        var parts: [String] = []
        for m in o.members where m.value != .null {
            let d: Double
            switch m.value {
            case .double(let x): d = x
            case .int(let i): d = Double(i)
            default: throw CMSError.badInput("\(field).\(m.key) must be a Float.")
            }
            parts.append("\(expression) \(try comparison(m.key, field: field)) \(sql.bind(.double(d), as: "float8"))")
        }
        return parts
    }

    private static func string(_ value: JSONValue, _ expression: String, _ sql: inout SQLBuilder, field: String) throws(GraphQLError) -> [String] {
        guard case .object(let o) = value else { throw CMSError.badInput("\(field) must be a CmsStringFilter.") }
        var parts: [String] = []
        for m in o.members where m.value != .null {
            if m.key == "in" {
                guard case .list(let items) = m.value, items.count <= maxListLength else {
                    throw CMSError.badInput("\(field).in must be a list of at most \(maxListLength) strings.")
                }
                let texts = items.compactMap { if case .string(let s) = $0 { PostgresValue.text(s) } else { nil } }
                parts.append("\(expression) = ANY(\(sql.bind(.array(texts), as: "text[]")))")
                continue
            }
            guard case .string(let s) = m.value else { throw CMSError.badInput("\(field).\(m.key) must be a String.") }
            let op: String
            switch m.key {
            case "eq": op = "="
            case "ne": op = "<>"
            case "like": op = "ILIKE"
            case "notLike": op = "NOT ILIKE"
            default: throw CMSError.badInput("\(field) has no operator \"\(m.key)\".")
            }
            parts.append("\(expression) \(op) \(sql.bind(.text(s), as: "text"))")
        }
        return parts
    }

    private static func dateTime(_ value: JSONValue, _ expression: String, _ sql: inout SQLBuilder, field: String) throws(GraphQLError) -> [String] {
        guard case .object(let o) = value else { throw CMSError.badInput("\(field) must be a DateTimeFilter.") }
        var parts: [String] = []
        for m in o.members where m.value != .null {
            if m.key == "exists" {
                guard case .bool(let b) = m.value else { throw CMSError.badInput("\(field).exists must be a Boolean.") }
                parts.append("\(expression) IS \(b ? "NOT NULL" : "NULL")")
                continue
            }
            guard let date = CMSValues.date(from: m.value) else {
                throw CMSError.badInput("\(field).\(m.key) must be an RFC 3339 timestamp or milliseconds since the epoch.")
            }
            parts.append("\(expression) \(try comparison(m.key, field: field)) \(sql.bind(.timestamp(date), as: "timestamptz"))")
        }
        return parts
    }

    private static func comparison(_ key: String, field: String) throws(GraphQLError) -> String {
        switch key {
        case "eq": "="
        case "ne": "<>"
        case "gt": ">"
        case "gte": ">="
        case "lt": "<"
        case "lte": "<="
        default: throw CMSError.badInput("\(field) has no operator \"\(key)\".")
        }
    }

    private static func enumList(_ value: JSONValue, field: String) throws(GraphQLError) -> [String] {
        guard case .list(let items) = value else { throw CMSError.badInput("\(field) must be a list.") }
        return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
    }

    /// (component, stored status) pairs of a `[CmsTripletCondition!]` value. A key that cannot be
    /// a component is refused here; the others are noted in `sql` for the registry check.
    private static func triplets(_ value: JSONValue, _ sql: inout SQLBuilder) throws(GraphQLError) -> [(String, String)] {
        guard case .list(let items) = value else { throw CMSError.badInput("triplets must be a list.") }
        var out: [(String, String)] = []
        for item in items {
            guard case .object(let o) = item, case .string(let component)? = o["component"], case .string(let status)? = o["status"] else {
                throw CMSError.badInput("triplets needs component and status.")
            }
            guard TripletComponent.hasShape(component) else { throw TripletComponent.unknown(component, prefix: "triplets: ") }
            sql.noteTripletComponent(component)
            out.append((component, Triplet.storedStatus(enumValue: status)))
        }
        return out
    }
}
