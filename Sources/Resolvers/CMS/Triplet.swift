// RR's certification triplet: a component's status at a lumisection with the shifter's comment
// and cause, as RR stores it inside lumisection JSON (`{"status":"GOOD","comment":"","cause":""}`).

import GraphQLKit

struct Triplet: Hashable, Sendable {
    var status: String
    var comment: String
    var cause: String

    /// What RR synthesises for a component that nothing assigned at a lumisection.
    static let empty = Triplet(status: "EMPTY", comment: "", cause: "")

    init(status: String, comment: String = "", cause: String = "") {
        self.status = status
        self.comment = comment
        self.cause = cause
    }

    /// Reads a stored triplet; anything that is not an object counts as nothing assigned.
    init(json: JSONValue?) {
        guard case .object(let o)? = json else { self = .empty; return }
        status = Self.text(o["status"]) ?? "EMPTY"
        comment = Self.text(o["comment"]) ?? ""
        cause = Self.text(o["cause"]) ?? ""
    }

    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)?: s
        case .int(let i)?: String(i)
        case .bool(let b)?: String(b)
        default: nil
        }
    }

    var json: JSONValue {
        .object(["status": .string(status), "comment": .string(comment), "cause": .string(cause)])
    }

    /// The GraphQL enum value for `status`; nil for a status outside RR's set.
    var statusEnumValue: String? {
        switch status {
        case "GOOD", "BAD", "STANDBY", "EXCLUDED", "NOTSET", "EMPTY": status
        case "NO VALUE FOUND": "NO_VALUE_FOUND"
        default: nil
        }
    }

    /// Resolves the `Triplet` GraphQL type's fields.
    var fieldValue: FieldValue {
        .json(.object([
            "status": statusEnumValue.map(JSONValue.string) ?? .null, "rawStatus": .string(status),
            "comment": .string(comment), "cause": .string(cause),
        ]))
    }

    /// RR's status names accepted in filters and enums, GraphQL spelling → stored spelling.
    static func storedStatus(enumValue: String) -> String { enumValue == "NO_VALUE_FOUND" ? "NO VALUE FOUND" : enumValue }
}

/// Whether the registry has the components a filter names: the part of `TripletComponent` (the
/// key checks are in RRFilter.swift) that needs the database.
extension TripletComponent {
    /// The components the registry knows: every `{workspace}-{column}` of its Workspace and
    /// WorkspaceColumn tables, online and offline (a hundred-odd short rows).
    static func known(_ database: CMSDatabase) async throws(GraphQLError) -> Set<String> {
        let result = try await database.query(#"""
            SELECT DISTINCT w.workspace || '-' || c.name FROM "Workspace" w JOIN "WorkspaceColumn" c ON c.id_workspace = w.id
            """#)
        return Set(result.rows.compactMap { $0[0].stringValue })
    }

    /// Refuses the first of `components` (sorted, so the answer is stable) that the registry does
    /// not know. No statement when there is nothing to check. A registry whose Workspace tables
    /// are empty (a replica without RR's configuration) cannot tell, so it lets every key through,
    /// as before.
    static func check(_ components: Set<String>, in database: CMSDatabase) async throws(GraphQLError) {
        guard !components.isEmpty else { return }
        let known = try await known(database)
        guard !known.isEmpty else { return }
        if let missing = components.sorted().first(where: { !known.contains($0) }) {
            throw unknown(missing, known: known.sorted())
        }
    }
}
