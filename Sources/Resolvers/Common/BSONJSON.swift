// BSON → JSON for the fields that hand out stored data as it is (`doc`, `raw`, `meta`,
// `daqConfig`): ObjectIds as 24 hex digits, dates as RFC 3339 strings, Decimal128 as its exact
// string, binary as base64, 64-bit integers as integers.

import Foundation
import GraphQLKit

extension BSONValue {
    /// The JSON form a client receives.
    public var jsonValue: JSONValue {
        switch self {
        case .double(let d): return d.isFinite ? .double(d) : .string(String(d))
        case .string(let s): return .string(s)
        case .document(let d): return .object(d.jsonObject)
        case .array(let a): return .list(a.map(\.jsonValue))
        case .binary(let b): return .string(Data(b.data).base64EncodedString())
        case .objectID(let id): return .string(id.hex)
        case .bool(let b): return .bool(b)
        case .datetime(let t): return .string(DateTimeScalar.format(millisecondsSinceEpoch: t.millisecondsSinceEpoch))
        case .null: return .null
        case .regex(let pattern, let options): return .object(["$regex": .string(pattern), "$options": .string(options)])
        case .int32(let i): return .int(Int(i))
        case .timestamp(let t): return .object(["t": .int(Int(t.seconds)), "i": .int(Int(t.increment))])
        case .int64(let i): return .int(Int(i))
        case .decimal128(let s): return .string(s)
        case .minKey: return .object(["$minKey": .int(1)])
        case .maxKey: return .object(["$maxKey": .int(1)])
        }
    }

    /// The text of a string value.
    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// Any BSON number as a Double.
    var doubleValue: Double? {
        switch self {
        case .double(let d): d
        case .int32(let i): Double(i)
        case .int64(let i): Double(i)
        case .decimal128(let s): Double(s)
        default: nil
        }
    }

    /// A date as the DateTime scalar writes it; null for anything that is not a date.
    var dateTimeJSON: JSONValue {
        switch self {
        case .datetime(let t): return .string(DateTimeScalar.format(millisecondsSinceEpoch: t.millisecondsSinceEpoch))
        case .string(let s):
            // Some writers stored ISO strings (the runsDB API's `creation_time`); keep the readable ones.
            guard let ms = DateTimeScalar.parse(s) else { return .null }
            return .string(DateTimeScalar.format(millisecondsSinceEpoch: ms))
        default: return .null
        }
    }

    /// A sub-document's fields.
    var documentValue: BSONDocument? {
        if case .document(let d) = self { return d }
        return nil
    }

    /// An array's items.
    var arrayValue: [BSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }
}

extension BSONDocument {
    public var jsonObject: JSONObject {
        var object = JSONObject()
        object.reserveCapacity(count)
        for (key, value) in self { object.append(key: key, value: value.jsonValue) }
        return object
    }
}

extension Optional where Wrapped == BSONValue {
    /// A string, or JSON null.
    var stringJSON: JSONValue {
        if case .string(let s)? = self { return .string(s) }
        return .null
    }

    /// A whole number, or JSON null.
    var intJSON: JSONValue {
        if let i = self?.intValue { return .int(i) }
        return .null
    }

    /// Any number as a float, or JSON null.
    var doubleJSON: JSONValue {
        if let d = self?.doubleValue { return .double(d) }
        return .null
    }

    var dateTimeJSON: JSONValue { self?.dateTimeJSON ?? .null }
}
