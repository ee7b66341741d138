// Column values and statement parameters, typed.

import Foundation
import GraphQLKit

public enum PostgresValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    /// numeric, kept as its exact decimal text.
    case numeric(String)
    case text(String)
    case json(JSONValue)
    case timestamp(Date)
    case int4Range(PostgresInt4Range)
    case array([PostgresValue])

    public var isNull: Bool { self == .null }
    public var intValue: Int? { if case .int(let i) = self { i } else { nil } }
    public var stringValue: String? { if case .text(let s) = self { s } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var doubleValue: Double? {
        switch self {
        case .double(let d): d
        case .int(let i): Double(i)
        case .numeric(let s): Double(s)
        default: nil
        }
    }

    /// The value as JSON: numerics and ranges as their text, timestamps in ISO 8601 (UTC).
    public var jsonValue: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .numeric(let s), .text(let s): .string(s)
        case .json(let j): j
        case .timestamp(let date): .string(date.formatted(.iso8601))
        case .int4Range(let range): .string(range.description)
        case .array(let items): .list(items.map(\.jsonValue))
        }
    }
}

/// An int4range. PostgreSQL returns discrete ranges in canonical form, `[lower,upper)`.
public struct PostgresInt4Range: Sendable, Hashable, CustomStringConvertible {
    public var lower: Int32?
    public var upper: Int32?
    public var lowerInclusive: Bool
    public var upperInclusive: Bool
    public var isEmpty: Bool

    public init(lower: Int32?, upper: Int32?, lowerInclusive: Bool = true, upperInclusive: Bool = false) {
        self.lower = lower
        self.upper = upper
        self.lowerInclusive = lowerInclusive && lower != nil
        self.upperInclusive = upperInclusive && upper != nil
        self.isEmpty = false
    }

    public static let empty: PostgresInt4Range = {
        var r = PostgresInt4Range(lower: nil, upper: nil)
        r.isEmpty = true
        return r
    }()

    /// PostgreSQL's text form, e.g. `[1,10)`, `(,5)` or `empty`.
    public var description: String {
        if isEmpty { return "empty" }
        return (lowerInclusive ? "[" : "(") + (lower.map(String.init) ?? "") + ","
            + (upper.map(String.init) ?? "") + (upperInclusive ? "]" : ")")
    }
}

/// One result row: values in column order, with lookup by column name.
public struct PostgresRow: Sendable, Hashable {
    public let columns: [String]
    public let values: [PostgresValue]

    public subscript(column: String) -> PostgresValue? {
        guard let i = columns.firstIndex(of: column) else { return nil }
        return values[i]
    }

    public subscript(index: Int) -> PostgresValue { values[index] }
}

public struct PostgresResult: Sendable, Hashable {
    public let columns: [String]
    public let rows: [PostgresRow]
    /// Rows inserted, updated or deleted, for statements that report it.
    public let affectedRows: Int
    /// The size of the values' text as the server sent it (what decoding them allocated, roughly).
    public let textBytes: Int

    public init(columns: [String], rows: [PostgresRow], affectedRows: Int, textBytes: Int = 0) {
        self.columns = columns
        self.rows = rows
        self.affectedRows = affectedRows
        self.textBytes = textBytes
    }
}
