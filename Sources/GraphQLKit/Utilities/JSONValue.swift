// The one value type the engine passes around for variables, results and error extensions:
// null, bool, int, float, string, list, object. Objects keep their keys in insertion order,
// because GraphQL responses list fields in selection order.

public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([JSONValue])
    case object(JSONObject)
}

/// An insertion-ordered JSON object. Lookups are linear, which beats hashing for the
/// handful of keys a GraphQL object usually has.
public struct JSONObject: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var members: [Member]

    public init() { members = [] }
    public init(_ members: [Member]) { self.members = members }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = []
        members.reserveCapacity(elements.count)
        for (k, v) in elements { self[k] = v }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    /// Reading a missing key gives nil; assigning nil removes the key; assigning to an
    /// existing key replaces its value in place, keeping its position.
    public subscript(key: String) -> JSONValue? {
        get {
            for m in members where m.key == key { return m.value }
            return nil
        }
        set {
            if let i = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[i].value = newValue } else { members.remove(at: i) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// Replaces the value of the member at `index`, keeping its key and position.
    mutating func replaceValue(at index: Int, with value: JSONValue) {
        members[index].value = value
    }

    /// Appends without checking for an existing key: for builders that know keys are unique.
    public mutating func append(key: String, value: JSONValue) {
        members.append(Member(key: key, value: value))
    }

    public mutating func reserveCapacity(_ n: Int) { members.reserveCapacity(n) }
}
