// Scalar types (spec §3.5): the five built-in scalars with the spec's result and input coercion,
// and custom scalars whose three operations are supplied as closures.
//
// Runtime values are `JSONValue`s. Error messages are the reference implementation's, with values
// quoted by `inspect` (e.g. `Int cannot represent non-integer value: "1.5"`).

/// A value that a scalar cannot serialize or accept; `message` is what the user sees.
public struct ScalarCoercionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public struct GraphQLScalarType: Sendable, DetailedNamedType {
    public typealias Serialize = @Sendable (JSONValue) throws(ScalarCoercionError) -> JSONValue
    public typealias ParseValue = @Sendable (JSONValue) throws(ScalarCoercionError) -> JSONValue
    /// Receives the literal and the operation's variable values (for literals that hold variables).
    public typealias ParseLiteral = @Sendable (Value, JSONObject?) throws(ScalarCoercionError) -> JSONValue

    public var name: String
    /// The URL of the scalar's specification (`@specifiedBy(url:)`).
    public var specifiedByURL: String?
    /// Result coercion: a resolver's value → the value in the response.
    public var serialize: Serialize
    /// Input coercion of a variable's JSON value.
    public var parseValue: ParseValue
    /// Input coercion of a literal in a document.
    public var parseLiteral: ParseLiteral

    /// Description, applied directives and AST nodes in one box: copying the type (as lookups
    /// do) retains it once. Read them through `description`, `directives`, `astNode`.
    public var details: TypeDetails<ScalarTypeDefinition>

    /// A custom scalar. By default values pass through unchanged and literals become their
    /// plain JSON equivalent (enum literals as strings, variables substituted).
    public init(
        name: String, description: String? = nil, specifiedByURL: String? = nil,
        serialize: @escaping Serialize = { $0 },
        parseValue: @escaping ParseValue = { $0 },
        parseLiteral: @escaping ParseLiteral = { literal, variables in valueFromASTUntyped(literal, variables: variables) },
        directives: [Directive] = [], astNode: ASTSite<ScalarTypeDefinition>? = nil,
        extensionASTNodes: [ASTSite<ScalarTypeDefinition>] = []
    ) {
        self.name = name
        self.details = TypeDetails(description, directives, astNode, extensionASTNodes)
        self.specifiedByURL = specifiedByURL
        self.serialize = serialize
        self.parseValue = parseValue
        self.parseLiteral = parseLiteral
    }

    /// One of Int, Float, String, Boolean, ID.
    public var isSpecified: Bool { specifiedScalarNames.contains(name) }
}

/// The names of the built-in scalars, in the order the specification lists them.
public let specifiedScalarNames: [String] = ["Int", "Float", "String", "Boolean", "ID"]

extension GraphQLScalarType {
    public static let int = GraphQLScalarType(
        name: "Int",
        description: "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.",
        serialize: serializeInt, parseValue: parseIntValue, parseLiteral: parseIntLiteral)

    public static let float = GraphQLScalarType(
        name: "Float",
        description: "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).",
        serialize: serializeFloat, parseValue: parseFloatValue, parseLiteral: parseFloatLiteral)

    public static let string = GraphQLScalarType(
        name: "String",
        description: "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.",
        serialize: serializeString, parseValue: parseStringValue, parseLiteral: parseStringLiteral)

    public static let boolean = GraphQLScalarType(
        name: "Boolean",
        description: "The `Boolean` scalar type represents `true` or `false`.",
        serialize: serializeBoolean, parseValue: parseBooleanValue, parseLiteral: parseBooleanLiteral)

    public static let id = GraphQLScalarType(
        name: "ID",
        description: "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.",
        serialize: serializeID, parseValue: parseIDValue, parseLiteral: parseIDLiteral)

    /// The built-in scalars, in the specification's order.
    public static let specified: [GraphQLScalarType] = [.int, .float, .string, .boolean, .id]

    /// The built-in scalar with this name, if any.
    public static func specified(named name: String) -> GraphQLScalarType? {
        switch name {
        case "Int": .int
        case "Float": .float
        case "String": .string
        case "Boolean": .boolean
        case "ID": .id
        default: nil
        }
    }
}

// MARK: - Int (32-bit signed)

private let int32Range = Int(Int32.min)...Int(Int32.max)

/// A double holding a whole number, as an `Int`, or nil.
private func exactInteger(_ d: Double) -> Int? {
    guard isIntegral(d), abs(d) < 9.2e18 else { return nil }
    return Int(d)
}

private func checkedInt32(_ i: Int, _ shown: JSONValue) throws(ScalarCoercionError) -> JSONValue {
    guard int32Range.contains(i) else {
        throw ScalarCoercionError("Int cannot represent non 32-bit signed integer value: \(inspect(shown))")
    }
    return .int(i)
}

@Sendable func serializeInt(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
    switch value {
    case .int(let i): return try checkedInt32(i, value)
    case .bool(let b): return .int(b ? 1 : 0)
    case .double(let d):
        if let i = exactInteger(d) { return try checkedInt32(i, value) }
        if isIntegral(d) {
            throw ScalarCoercionError("Int cannot represent non 32-bit signed integer value: \(inspect(value))")
        }
    case .string(let s) where !s.isEmpty:
        // Numeric strings are accepted on output, as the reference does.
        if let i = Int(s) { return try checkedInt32(i, .int(i)) }
        if let d = Double(s), let i = exactInteger(d) { return try checkedInt32(i, .int(i)) }
    default: break
    }
    throw ScalarCoercionError("Int cannot represent non-integer value: \(inspect(value))")
}

@Sendable func parseIntValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
    switch value {
    case .int(let i): return try checkedInt32(i, value)
    case .double(let d):
        if let i = exactInteger(d) { return try checkedInt32(i, value) }
        if isIntegral(d) {
            throw ScalarCoercionError("Int cannot represent non 32-bit signed integer value: \(inspect(value))")
        }
    default: break
    }
    throw ScalarCoercionError("Int cannot represent non-integer value: \(inspect(value))")
}

@Sendable func parseIntLiteral(_ literal: Value, _ variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue {
    guard case .int(let node) = literal else {
        throw ScalarCoercionError("Int cannot represent non-integer value: \(Printer.print(literal))")
    }
    guard let i = Int(node.value), int32Range.contains(i) else {
        throw ScalarCoercionError("Int cannot represent non 32-bit signed integer value: \(node.value)")
    }
    return .int(i)
}

// MARK: - Float

@Sendable func serializeFloat(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
    switch value {
    case .int(let i): return .double(Double(i))
    case .double(let d) where d.isFinite: return value
    case .bool(let b): return .double(b ? 1 : 0)
    case .string(let s) where !s.isEmpty:
        if let d = Double(s), d.isFinite { return .double(d) }
    default: break
    }
    throw ScalarCoercionError("Float cannot represent non numeric value: \(inspect(value))")
}

@Sendable func parseFloatValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
    switch value {
    case .int(let i): return .double(Double(i))
    case .double(let d) where d.isFinite: return value
    default: throw ScalarCoercionError("Float cannot represent non numeric value: \(inspect(value))")
    }
}

@Sendable func parseFloatLiteral(_ literal: Value, _ variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue {
    switch literal {
    case .int(let node):
        if let d = Double(node.value) { return .double(d) }
    case .float(let node):
        if let d = Double(node.value), d.isFinite { return .double(d) }
    default: break
    }
    throw ScalarCoercionError("Float cannot represent non numeric value: \(Printer.print(literal))")
}

// MARK: - String

@Sendable func serializeString(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
    switch value {
    case .string: return value
    case .bool(let b): return .string(b ? "true" : "false")
    case .int(let i): return .string(String(i))
    case .double(let d) where d.isFinite: return .string(formatNumber(d))
    default: throw ScalarCoercionError("String cannot represent value: \(inspect(value))")
    }
}

@Sendable func parseStringValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
    guard case .string = value else {
        throw ScalarCoercionError("String cannot represent a non string value: \(inspect(value))")
    }
    return value
}

@Sendable func parseStringLiteral(_ literal: Value, _ variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue {
    guard case .string(let node) = literal else {
        throw ScalarCoercionError("String cannot represent a non string value: \(Printer.print(literal))")
    }
    return .string(node.value)
}

// MARK: - Boolean

@Sendable func serializeBoolean(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
    switch value {
    case .bool: return value
    case .int(let i): return .bool(i != 0)
    case .double(let d) where d.isFinite: return .bool(d != 0)
    default: throw ScalarCoercionError("Boolean cannot represent a non boolean value: \(inspect(value))")
    }
}

@Sendable func parseBooleanValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
    guard case .bool = value else {
        throw ScalarCoercionError("Boolean cannot represent a non boolean value: \(inspect(value))")
    }
    return value
}

@Sendable func parseBooleanLiteral(_ literal: Value, _ variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue {
    guard case .boolean(let node) = literal else {
        throw ScalarCoercionError("Boolean cannot represent a non boolean value: \(Printer.print(literal))")
    }
    return .bool(node.value)
}

// MARK: - ID (always a string in responses, spec §3.5.5)

@Sendable func serializeID(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
    switch value {
    case .string: return value
    case .int(let i): return .string(String(i))
    case .double(let d):
        if let i = exactInteger(d) { return .string(String(i)) }
    default: break
    }
    throw ScalarCoercionError("ID cannot represent value: \(inspect(value))")
}

@Sendable func parseIDValue(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
    switch value {
    case .string: return value
    case .int(let i): return .string(String(i))
    case .double(let d):
        if let i = exactInteger(d) { return .string(String(i)) }
    default: break
    }
    throw ScalarCoercionError("ID cannot represent value: \(inspect(value))")
}

@Sendable func parseIDLiteral(_ literal: Value, _ variables: JSONObject?) throws(ScalarCoercionError) -> JSONValue {
    switch literal {
    case .string(let node): return .string(node.value)
    case .int(let node): return .string(node.value)
    default:
        throw ScalarCoercionError("ID cannot represent a non-string and non-integer value: \(Printer.print(literal))")
    }
}

// MARK: - Untyped literals

/// A literal as plain JSON, with no type to guide it: what custom scalars receive by default.
/// Enum literals become strings; variables take their value (null when absent).
public func valueFromASTUntyped(_ literal: Value, variables: JSONObject?) -> JSONValue {
    switch literal {
    case .null: return .null
    case .boolean(let b): return .bool(b.value)
    case .int(let i):
        if let n = Int(i.value) { return .int(n) }
        return .double(Double(i.value) ?? 0)
    case .float(let f): return .double(Double(f.value) ?? 0)
    case .string(let s): return .string(s.value)
    case .enumValue(let e): return .string(e.value)
    case .list(let l): return .list(l.values.map { valueFromASTUntyped($0, variables: variables) })
    case .object(let o):
        var object = JSONObject()
        object.reserveCapacity(o.fields.count)
        for f in o.fields { object[f.name.value] = valueFromASTUntyped(f.value, variables: variables) }
        return .object(object)
    case .variable(let v): return variables?[v.name.value] ?? .null
    }
}
