// JSON in and out of the local SkyDriver: request bodies to BSON for storage, stored BSON back to
// JSON (without Mongo's `_id`, which SkyDriver never returns), and JSON responses.

import GraphQLKit
import Resolvers

enum SkyDriverJSON {
    static func response(status: Int = 200, _ value: JSONValue) -> HTTPResponse {
        var writer = JSONWriter(capacity: 256)
        writer.write(value)
        return HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json; charset=UTF-8")]), body: writer.bytes)
    }

    static func bson(_ value: JSONValue) -> BSONValue {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        // Python's driver stores small ints as int32 and larger ones as int64; so do we.
        case .int(let i): return Int32(exactly: i).map(BSONValue.int32) ?? .int64(Int64(i))
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .list(let items): return .array(items.map(bson))
        case .object(let object): return .document(document(object))
        }
    }

    static func document(_ object: JSONObject) -> BSONDocument {
        BSONDocument(object.members.map { ($0.key, bson($0.value)) })
    }

    /// A stored document as SkyDriver returns it: without `_id`.
    static func json(_ document: BSONDocument) -> JSONObject {
        var object = JSONObject()
        object.reserveCapacity(document.count)
        for (key, value) in document where key != "_id" { object.append(key: key, value: value.jsonValue) }
        return object
    }
}

extension JSONValue {
    var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    var intValue: Int? {
        if case .int(let i) = self { return i }
        return nil
    }

    /// Any JSON number (JSON Schema's `number` accepts integers).
    var numberValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
}
