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
