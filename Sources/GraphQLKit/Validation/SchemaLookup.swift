// Schema lookups for one validation, memoized. A schema's types and fields are structs held by
// value, so every `schema.type(named:)` copies a type with all its fields; validation asks for
// the same few types and fields again and again (every rule, every node). Here each type,
// field and directive a document touches is copied once into a small shared box with the
// answers rules need precomputed, and later lookups are one hash (or none: a field's box
// remembers its named type's box).

/// A named type of the schema, with its kind's properties.
public final class ResolvedType {
    public let name: String
    public let type: GraphQLNamedType
    public let isComposite: Bool
    public let isLeaf: Bool
    public let isInput: Bool
    public let isAbstract: Bool
    public let isObject: Bool
    public let isInterface: Bool
    /// Fields by name as looked up so far (nil: no such field).
    fileprivate var fields: [String: ResolvedField?] = [:]
    /// A scalar's literal parser, kept so checking a literal copies nothing.
    let parseLiteral: GraphQLScalarType.ParseLiteral?

    init(_ type: GraphQLNamedType) {
        self.type = type
        name = type.name
        isComposite = type.isCompositeType
        isLeaf = type.isLeafType
        isInput = type.isInputType
        isAbstract = type.isAbstractType
        if case .object = type { isObject = true } else { isObject = false }
        if case .interface = type { isInterface = true } else { isInterface = false }
        if case .scalar(let s) = type { parseLiteral = s.parseLiteral } else { parseLiteral = nil }
    }
}

/// A field of an object or interface type (or a meta-field), as selected on `parentType`.
public final class ResolvedField {
    public let parentType: String
    public let definition: GraphQLField
    /// Arguments that must be given (non-null, no default); usually none.
    let requiredArguments: [GraphQLArgument]
    /// The box of the field's named type, once looked up.
    fileprivate var namedTypeCache: ResolvedType?? = nil

    init(parentType: String, definition: GraphQLField) {
        self.parentType = parentType
        self.definition = definition
        requiredArguments = definition.arguments.filter(\.isRequired)
    }
}

public final class ResolvedDirective {
    public let definition: GraphQLDirective
    let requiredArguments: [GraphQLArgument]
    let locations: Set<DirectiveLocation>

    init(_ definition: GraphQLDirective) {
        self.definition = definition
        requiredArguments = definition.arguments.filter(\.isRequired)
        locations = Set(definition.locations)
    }
}

public final class SchemaLookup {
    public let schema: Schema
    private var types: [String: ResolvedType?] = [:]
    private var directives: [String: ResolvedDirective?] = [:]

    public init(schema: Schema) {
        self.schema = schema
        types.reserveCapacity(32)
    }

    public func type(named name: String) -> ResolvedType? {
        if let cached = types[name] { return cached }
        let resolved = schema.type(named: name).map(ResolvedType.init)
        types[name] = .some(resolved)
        return resolved
    }

    /// The field `name` selected on `parent`, including `__typename` on any composite type and
    /// `__schema` / `__type` on the query root.
    public func field(named name: String, on parent: ResolvedType) -> ResolvedField? {
        if let cached = parent.fields[name] { return cached }
        let resolved = schema.field(named: name, on: parent.name).map {
            ResolvedField(parentType: parent.name, definition: $0)
        }
        parent.fields[name] = .some(resolved)
        return resolved
    }

    /// The named type a field returns.
    public func namedType(of field: ResolvedField) -> ResolvedType? {
        if let cached = field.namedTypeCache { return cached }
        let resolved = type(named: field.definition.type.namedType)
        field.namedTypeCache = .some(resolved)
        return resolved
    }

    public func directive(named name: String) -> ResolvedDirective? {
        if let cached = directives[name] { return cached }
        let resolved = schema.directive(named: name).map(ResolvedDirective.init)
        directives[name] = .some(resolved)
        return resolved
    }
}
