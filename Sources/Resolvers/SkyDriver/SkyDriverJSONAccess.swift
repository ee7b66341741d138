// Reading SkyDriver's JSON: typed views of JSONValue that answer nil for anything else, so an
// unexpected shape becomes a null field rather than a crash.

import GraphQLKit

extension JSONValue {
    var asString: String? { if case .string(let s) = self { s } else { nil } }
    var asBool: Bool? { if case .bool(let b) = self { b } else { nil } }
    var asObject: JSONObject? { if case .object(let o) = self { o } else { nil } }
    var asList: [JSONValue]? { if case .list(let l) = self { l } else { nil } }

    /// Whole numbers, also when written as a float (`12.0`), as Python's JSON may.
    var asInt: Int? {
        switch self {
        case .int(let i): i
        case .double(let d) where d.isFinite && d == d.rounded() && abs(d) < 9.0e15: Int(d)
        default: nil
        }
    }

    var asDouble: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// A GraphQL `Int` (32-bit) or null: larger numbers would fail serialization.
    var int32JSON: JSONValue {
        guard let i = asInt, Int32(exactly: i) != nil else { return .null }
        return .int(i)
    }

    var doubleJSON: JSONValue { asDouble.map(JSONValue.double) ?? .null }
    var stringJSON: JSONValue { asString.map(JSONValue.string) ?? .null }
    var boolJSON: JSONValue { asBool.map(JSONValue.bool) ?? .null }
}

extension Optional where Wrapped == JSONValue {
    var int32JSON: JSONValue { self?.int32JSON ?? .null }
    var doubleJSON: JSONValue { self?.doubleJSON ?? .null }
    var stringJSON: JSONValue { self?.stringJSON ?? .null }
    var boolJSON: JSONValue { self?.boolJSON ?? .null }
    /// Objects and lists as they are; null otherwise.
    var structuredJSON: JSONValue {
        switch self {
        case .object?, .list?: self ?? .null
        default: .null
        }
    }
}
