// What resolvers return and receive as their parent: plain JSON data, or an opaque value of the
// application's own (a struct, a BSON document) that only its own resolvers understand.
//
// A concrete enum rather than `any Sendable` everywhere: the executor switches on it instead of
// paying a dynamic cast per field, and JSON data (the common case) stays unboxed.

public enum FieldValue: Sendable {
    /// JSON data: a leaf value, a list, or an object the default resolver reads keys from.
    case json(JSONValue)
    /// A list of values that are not all plain JSON.
    case list([FieldValue])
    /// A dictionary-like application value (a BSON document, a row): the default resolver
    /// reads keys from it without a dynamic cast.
    case container(any FieldValueContainer)
    /// An application value. The default resolver reads keys from it when it is `FieldValueContainer`
    /// (prefer `.container` for those: no cast per field); abstract types resolve from `TypeNamed`
    /// or a `__typename` key.
    case opaque(any Sendable)

    public static let null = FieldValue.json(.null)

    public init(_ value: JSONValue) { self = .json(value) }
    public init(_ value: String) { self = .json(.string(value)) }
    public init(_ value: Int) { self = .json(.int(value)) }
    public init(_ value: Double) { self = .json(.double(value)) }
    public init(_ value: Bool) { self = .json(.bool(value)) }
    /// Nil becomes null.
    public init<T: Sendable>(_ value: T?) {
        guard let value else { self = .null; return }
        switch value {
        case let v as FieldValue: self = v
        case let v as JSONValue: self = .json(v)
        case let v as String: self = .json(.string(v))
        case let v as Int: self = .json(.int(v))
        case let v as Double: self = .json(.double(v))
        case let v as Bool: self = .json(.bool(v))
        case let v as any FieldValueContainer: self = .container(v)
        default: self = .opaque(value)
        }
    }

    public var isNull: Bool {
        if case .json(.null) = self { return true }
        return false
    }

    /// The value under `key` when this is a JSON object or a `FieldValueContainer`; nil otherwise.
    public subscript(key: String) -> FieldValue? {
        switch self {
        case .json(.object(let object)): return object[key].map(FieldValue.json)
        case .container(let container): return container.fieldValue(forKey: key)
        case .opaque(let value): return (value as? any FieldValueContainer)?.fieldValue(forKey: key)
        default: return nil
        }
    }

    /// The JSON form, when the value is plain data (opaque values have none).
    public var jsonValue: JSONValue? {
        switch self {
        case .json(let v): return v
        case .list(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for item in items {
                guard let j = item.jsonValue else { return nil }
                out.append(j)
            }
            return .list(out)
        case .container, .opaque: return nil
        }
    }
}

extension FieldValue: ExpressibleByNilLiteral, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(stringLiteral value: String) { self = .json(.string(value)) }
    public init(integerLiteral value: Int) { self = .json(.int(value)) }
    public init(floatLiteral value: Double) { self = .json(.double(value)) }
    public init(booleanLiteral value: Bool) { self = .json(.bool(value)) }
    public init(arrayLiteral elements: FieldValue...) { self = .list(elements) }
}

/// A dictionary-like application value (a BSON document, a row): the default resolver reads a
/// field's value from it by the field's name, so such values need no per-field resolvers.
public protocol FieldValueContainer: Sendable {
    /// The value stored under `key`, or nil when there is none (the field resolves to null).
    func fieldValue(forKey key: String) -> FieldValue?
}

/// An application value that knows which object type it is, for interfaces and unions.
public protocol TypeNamed: Sendable {
    var graphQLTypeName: String { get }
}
