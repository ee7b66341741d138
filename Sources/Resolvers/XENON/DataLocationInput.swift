// A data location as a mutation receives it, checked and turned into the `data` entry cax,
// admix and the runsDB API write (snake_case keys, BSON dates). Every problem is reported
// before anything is written.

import Foundation
import GraphQLKit

enum DataLocationInput {
    /// Longest string accepted in a location's fields; paths and DIDs are far shorter.
    static let maxStringLength = 4096
    static let maxListLength = 100
    static let maxMetaDepth = 16

    /// The identifying triple production upserts on.
    struct Key: Sendable, Hashable {
        var type: String
        var host: String
        var location: String

        /// Matches the entry inside an `$elemMatch` or `$pull`.
        var bson: BSONDocument { ["type": .string(type), "host": .string(host), "location": .string(location)] }
        /// The same conditions on an array-filter identifier (`e.type`, ...).
        func arrayFilter(_ identifier: String) -> BSONDocument {
            [identifier + ".type": .string(type), identifier + ".host": .string(host), identifier + ".location": .string(location)]
        }
        func matches(_ entry: BSONDocument) -> Bool {
            entry["type"] == .string(type) && entry["host"] == .string(host) && entry["location"] == .string(location)
        }
        var description: String { "type \"\(type)\", host \"\(host)\", location \"\(location)\"" }
    }

    static func key(_ input: JSONObject, field: String) throws(GraphQLError) -> Key {
        Key(
            type: try requiredString(input, "type", field: field),
            host: try requiredString(input, "host", field: field),
            location: try requiredString(input, "location", field: field))
    }

    /// The entry to store, in the field order cax writes, and its key.
    static func entry(_ input: JSONObject, now: Date) throws(GraphQLError) -> (Key, BSONDocument) {
        let key = try key(input, field: "location")
        var entry: BSONDocument = ["type": .string(key.type), "host": .string(key.host), "location": .string(key.location)]
        entry["status"] = .string(try requiredString(input, "status", field: "location"))
        for (graphQLName, storedName) in [
            ("checksum", "checksum"), ("creationPlace", "creation_place"), ("paxVersion", "pax_version"),
            ("paxHash", "pax_hash"), ("did", "did"), ("protocol", "protocol"),
        ] {
            if let s = try optionalString(input, graphQLName, field: "location") { entry[storedName] = .string(s) }
        }
        if let value = input["creationTime"], value != .null {
            // The scalar has already checked and normalized it to RFC 3339 text.
            guard case .string(let text) = value, let ms = DateTimeScalar.parse(text) else {
                throw RegistryError.badUserInput("location.creationTime is not a DateTime.")
            }
            entry["creation_time"] = .datetime(BSONDateTime(millisecondsSinceEpoch: ms))
        } else {
            entry["creation_time"] = .datetime(BSONDateTime(now))
        }
        for (graphQLName, storedName) in [("rse", "rse"), ("ruleInfo", "rule_info")] {
            guard case .list(let items)? = input[graphQLName] else { continue }
            guard items.count <= maxListLength else {
                throw RegistryError.badUserInput("location.\(graphQLName) has \(items.count) items; at most \(maxListLength) are accepted.")
            }
            var out: [BSONValue] = []
            for item in items {
                guard case .string(let s) = item, !s.isEmpty, s.utf8.count <= maxStringLength else {
                    throw RegistryError.badUserInput("location.\(graphQLName) items must be non-empty strings of at most \(maxStringLength) bytes.")
                }
                out.append(.string(s))
            }
            entry[storedName] = .array(out)
        }
        if let meta = input["meta"], meta != .null {
            guard case .object = meta else { throw RegistryError.badUserInput("location.meta must be a JSON object.") }
            entry["meta"] = try storedValue(meta, path: "location.meta", depth: 0)
        }
        return (key, entry)
    }

    private static func requiredString(_ input: JSONObject, _ name: String, field: String) throws(GraphQLError) -> String {
        guard let s = try optionalString(input, name, field: field) else {
            throw RegistryError.badUserInput("\(field).\(name) must be a non-empty string.")
        }
        return s
    }

    private static func optionalString(_ input: JSONObject, _ name: String, field: String) throws(GraphQLError) -> String? {
        guard let value = input[name], value != .null else { return nil }
        guard case .string(let s) = value, !s.isEmpty, !s.allSatisfy(\.isWhitespace) else {
            throw RegistryError.badUserInput("\(field).\(name) must be a non-empty string.")
        }
        guard s.utf8.count <= maxStringLength else {
            throw RegistryError.badUserInput("\(field).\(name) is \(s.utf8.count) bytes long; at most \(maxStringLength) are accepted.")
        }
        return s
    }

    /// JSON → BSON for values stored in a run document: keys may not start with `$` or contain
    /// `.` (MongoDB would read them as operators or paths), and nesting is bounded.
    static func storedValue(_ value: JSONValue, path: String, depth: Int) throws(GraphQLError) -> BSONValue {
        guard depth <= maxMetaDepth else { throw RegistryError.badUserInput("\(path) nests deeper than \(maxMetaDepth) levels.") }
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int64(Int64(i))
        case .double(let d): return .double(d)
        case .string(let s):
            guard s.utf8.count <= maxStringLength else { throw RegistryError.badUserInput("\(path) holds a string longer than \(maxStringLength) bytes.") }
            return .string(s)
        case .list(let items):
            var out: [BSONValue] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() { out.append(try storedValue(item, path: "\(path).\(i)", depth: depth + 1)) }
            return .array(out)
        case .object(let object):
            var out = BSONDocument()
            for member in object.members {
                guard !member.key.isEmpty, !member.key.hasPrefix("$"), !member.key.contains(".") else {
                    throw RegistryError.badUserInput("\(path) has the key \"\(member.key.prefix(64))\": keys must be non-empty and may not start with $ or contain a dot.")
                }
                out[member.key] = try storedValue(member.value, path: path + "." + member.key, depth: depth + 1)
            }
            return .document(out)
        }
    }
}

