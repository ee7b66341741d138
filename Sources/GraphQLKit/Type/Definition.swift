// The GraphQL type system (spec §3): named types, wrapping types, fields, arguments, input
// fields and enum values, as value types.
//
// Types refer to each other by name (`GraphQLType.named("Run")`), never by reference, so a schema
// is a flat array of structs with name indexes (see `Schema`) rather than a graph of objects.
// Every element keeps the AST node it was built from, with the index of its source in
// `Schema.sources`, so errors can point at the file, line and column where it was written.

/// An AST node together with the index of the source it was parsed from (in `Schema.sources`).
///
/// A class, so that copying a type or field (which lookups do) retains one box instead of every
/// reference inside the node: these nodes are only read when reporting errors or printing.
public final class ASTSite<Node: Sendable>: Sendable {
    public let node: Node
    public let source: Int
    public init(_ node: Node, source: Int) {
        self.node = node
        self.source = source
    }
}

// MARK: - Type references

/// A type as used by a field, argument or input field: a named type, possibly wrapped in lists
/// and non-null markers.
/// Only the wrapping cases are boxed, so a plain named type costs no allocation.
public enum GraphQLType: Sendable, Hashable, CustomStringConvertible {
    case named(String)
    indirect case list(GraphQLType)
    /// The wrapped type is never itself `.nonNull`.
    indirect case nonNull(GraphQLType)

    /// The name of the named type at the core of any wrapping.
    public var namedType: String {
        switch self {
        case .named(let n): n
        case .list(let t): t.namedType
        case .nonNull(let t): t.namedType
        }
    }

    public var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }

    public var isList: Bool {
        switch self {
        case .list: true
        case .nonNull(let t): t.isList
        case .named: false
        }
    }

    /// The type without its outer non-null marker.
    public var nullable: GraphQLType {
        if case .nonNull(let t) = self { return t }
        return self
    }

    /// `Run`, `[Run!]!`: the type as written in SDL.
    public var description: String {
        switch self {
        case .named(let n): n
        case .list(let t): "[" + t.description + "]"
        case .nonNull(let t): t.description + "!"
        }
    }

    /// The type of an AST type reference.
    public init(_ reference: TypeReference) {
        switch reference {
        case .named(let n): self = .named(n.name.value)
        case .list(let t, _): self = .list(GraphQLType(t))
        case .nonNull(let t, _): self = .nonNull(GraphQLType(t))
        }
    }
}

/// The kind of a type, as `__TypeKind` reports it.
public enum TypeKind: String, Sendable, Hashable, CaseIterable {
    case scalar = "SCALAR"
    case object = "OBJECT"
    case interface = "INTERFACE"
    case union = "UNION"
    case enumType = "ENUM"
    case inputObject = "INPUT_OBJECT"
    case list = "LIST"
    case nonNull = "NON_NULL"
}

// MARK: - Fields and input values

/// The reason given to `@deprecated` when none is written.
public let defaultDeprecationReason = "No longer supported"

/// A field of an object or interface type.
public struct GraphQLField: Sendable {
    public var name: String
    public var arguments: [GraphQLArgument]
    public var type: GraphQLType
    /// What execution rarely reads, in one box: copying a field (as lookups do) retains it once.
    private var details: FieldDetails

    private final class FieldDetails: Sendable {
        let description: String?
        let deprecationReason: String?
        let directives: [Directive]
        let astNode: ASTSite<FieldDefinition>?
        init(_ description: String?, _ deprecationReason: String?, _ directives: [Directive], _ astNode: ASTSite<FieldDefinition>?) {
            self.description = description
            self.deprecationReason = deprecationReason
            self.directives = directives
            self.astNode = astNode
        }
    }

    public init(
        name: String, type: GraphQLType, description: String? = nil, arguments: [GraphQLArgument] = [],
        deprecationReason: String? = nil, directives: [Directive] = [], astNode: ASTSite<FieldDefinition>? = nil
    ) {
        self.name = name
        self.arguments = arguments
        self.type = type
        self.details = FieldDetails(description, deprecationReason, directives, astNode)
    }

    public var description: String? {
        get { details.description }
        set { details = FieldDetails(newValue, details.deprecationReason, details.directives, details.astNode) }
    }
    /// Non-nil when the field is deprecated.
    public var deprecationReason: String? {
        get { details.deprecationReason }
        set { details = FieldDetails(details.description, newValue, details.directives, details.astNode) }
    }
    /// Directives applied to the definition, as written.
    public var directives: [Directive] {
        get { details.directives }
        set { details = FieldDetails(details.description, details.deprecationReason, newValue, details.astNode) }
    }
    public var astNode: ASTSite<FieldDefinition>? {
        get { details.astNode }
        set { details = FieldDetails(details.description, details.deprecationReason, details.directives, newValue) }
    }

    public var isDeprecated: Bool { deprecationReason != nil }

    /// Arguments are few, so a linear scan beats hashing.
    public func argument(named name: String) -> GraphQLArgument? {
        for a in arguments where a.name == name { return a }
        return nil
    }
}

/// An argument of a field or directive, or a field of an input object: a name, an input type
/// and an optional default value.
public struct GraphQLInputValue: Sendable {
    public var name: String
    public var description: String?
    public var type: GraphQLType
    /// The default value as a literal, exactly as written; coercion applies the type.
    public var defaultValue: Value?
    public var deprecationReason: String?
    public var directives: [Directive]
    public var astNode: ASTSite<InputValueDefinition>?

    public init(
        name: String, type: GraphQLType, description: String? = nil, defaultValue: Value? = nil,
        deprecationReason: String? = nil, directives: [Directive] = [], astNode: ASTSite<InputValueDefinition>? = nil
    ) {
        self.name = name
        self.description = description
        self.type = type
        self.defaultValue = defaultValue
        self.deprecationReason = deprecationReason
        self.directives = directives
        self.astNode = astNode
    }

    public var isDeprecated: Bool { deprecationReason != nil }

    /// Non-null without a default: a value must be provided (spec §3.6.1 "IsRequiredArgument").
    public var isRequired: Bool { type.isNonNull && defaultValue == nil }
}

public typealias GraphQLArgument = GraphQLInputValue
public typealias GraphQLInputField = GraphQLInputValue

public struct GraphQLEnumValue: Sendable {
    public var name: String
    public var description: String?
    public var deprecationReason: String?
    public var directives: [Directive]
    public var astNode: ASTSite<EnumValueDefinition>?

    public init(
        name: String, description: String? = nil, deprecationReason: String? = nil, directives: [Directive] = [],
        astNode: ASTSite<EnumValueDefinition>? = nil
    ) {
        self.name = name
        self.description = description
        self.deprecationReason = deprecationReason
        self.directives = directives
        self.astNode = astNode
    }

    public var isDeprecated: Bool { deprecationReason != nil }
}

// MARK: - Named types

/// The parts of a named type that lookups rarely read, boxed once per type. Opaque outside the
/// module: read them through the type's `description`, `directives`, `astNode` and
/// `extensionASTNodes`.
public final class TypeDetails<Node: Sendable>: Sendable {
    let description: String?
    let directives: [Directive]
    let astNode: ASTSite<Node>?
    let extensionASTNodes: [ASTSite<Node>]

    init(_ description: String?, _ directives: [Directive], _ astNode: ASTSite<Node>?, _ extensionASTNodes: [ASTSite<Node>]) {
        self.description = description
        self.directives = directives
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes
    }

    func with(description: String?) -> TypeDetails { TypeDetails(description, directives, astNode, extensionASTNodes) }
    func with(directives: [Directive]) -> TypeDetails { TypeDetails(description, directives, astNode, extensionASTNodes) }
    func with(astNode: ASTSite<Node>?) -> TypeDetails { TypeDetails(description, directives, astNode, extensionASTNodes) }
    func with(extensionASTNodes: [ASTSite<Node>]) -> TypeDetails {
        TypeDetails(description, directives, astNode, extensionASTNodes)
    }
}

/// A named type whose description, applied directives and AST nodes live in a `TypeDetails`
/// box; the accessors are written once here for all six kinds.
public protocol DetailedNamedType {
    associatedtype DefinitionNode: Sendable
    var details: TypeDetails<DefinitionNode> { get set }
}

extension DetailedNamedType {
    public var description: String? {
        get { details.description }
        set { details = details.with(description: newValue) }
    }
    public var directives: [Directive] {
        get { details.directives }
        set { details = details.with(directives: newValue) }
    }
    public var astNode: ASTSite<DefinitionNode>? {
        get { details.astNode }
        set { details = details.with(astNode: newValue) }
    }
    public var extensionASTNodes: [ASTSite<DefinitionNode>] {
        get { details.extensionASTNodes }
        set { details = details.with(extensionASTNodes: newValue) }
    }
}

/// Builds a name → position index, keeping the first of duplicate names (validation reports them).
func indexByName<T>(_ elements: [T], _ name: (T) -> String) -> [String: Int] {
    var index = [String: Int](minimumCapacity: elements.count)
    for (i, e) in elements.enumerated() where index[name(e)] == nil { index[name(e)] = i }
    return index
}

public struct GraphQLObjectType: Sendable, DetailedNamedType {
    public var name: String
    public private(set) var fields: [GraphQLField]
    /// Names of the interfaces this type declares it implements, in declaration order.
    public var interfaces: [String]
    private var fieldIndex: [String: Int]

    /// Description, applied directives and AST nodes in one box: copying the type (as lookups
    /// do) retains it once. Read them through `description`, `directives`, `astNode`.
    public var details: TypeDetails<ObjectTypeDefinition>

    public init(
        name: String, fields: [GraphQLField], interfaces: [String] = [], description: String? = nil,
        directives: [Directive] = [], astNode: ASTSite<ObjectTypeDefinition>? = nil,
        extensionASTNodes: [ASTSite<ObjectTypeDefinition>] = []
    ) {
        self.name = name
        self.details = TypeDetails(description, directives, astNode, extensionASTNodes)
        self.fields = fields
        self.interfaces = interfaces
        self.fieldIndex = indexByName(fields, \.name)
    }

    public func field(named name: String) -> GraphQLField? {
        guard let i = fieldIndex[name] else { return nil }
        return fields[i]
    }

    /// The position of a field in `fields`, for callers that cache plans by index.
    public func indexOfField(named name: String) -> Int? { fieldIndex[name] }
}

public struct GraphQLInterfaceType: Sendable, DetailedNamedType {
    public var name: String
    public private(set) var fields: [GraphQLField]
    public var interfaces: [String]
    private var fieldIndex: [String: Int]

    /// Description, applied directives and AST nodes in one box: copying the type (as lookups
    /// do) retains it once. Read them through `description`, `directives`, `astNode`.
    public var details: TypeDetails<InterfaceTypeDefinition>

    public init(
        name: String, fields: [GraphQLField], interfaces: [String] = [], description: String? = nil,
        directives: [Directive] = [], astNode: ASTSite<InterfaceTypeDefinition>? = nil,
        extensionASTNodes: [ASTSite<InterfaceTypeDefinition>] = []
    ) {
        self.name = name
        self.details = TypeDetails(description, directives, astNode, extensionASTNodes)
        self.fields = fields
        self.interfaces = interfaces
        self.fieldIndex = indexByName(fields, \.name)
    }

    public func field(named name: String) -> GraphQLField? {
        guard let i = fieldIndex[name] else { return nil }
        return fields[i]
    }

    public func indexOfField(named name: String) -> Int? { fieldIndex[name] }
}

public struct GraphQLUnionType: Sendable, DetailedNamedType {
    public var name: String
    /// Names of the member types, in declaration order.
    public var types: [String]

    /// Description, applied directives and AST nodes in one box: copying the type (as lookups
    /// do) retains it once. Read them through `description`, `directives`, `astNode`.
    public var details: TypeDetails<UnionTypeDefinition>

    public init(
        name: String, types: [String], description: String? = nil, directives: [Directive] = [],
        astNode: ASTSite<UnionTypeDefinition>? = nil, extensionASTNodes: [ASTSite<UnionTypeDefinition>] = []
    ) {
        self.name = name
        self.details = TypeDetails(description, directives, astNode, extensionASTNodes)
        self.types = types
    }
}

public struct GraphQLEnumType: Sendable, DetailedNamedType {
    public var name: String
    public private(set) var values: [GraphQLEnumValue]
    private var valueIndex: [String: Int]

    /// Description, applied directives and AST nodes in one box: copying the type (as lookups
    /// do) retains it once. Read them through `description`, `directives`, `astNode`.
    public var details: TypeDetails<EnumTypeDefinition>

    public init(
        name: String, values: [GraphQLEnumValue], description: String? = nil, directives: [Directive] = [],
        astNode: ASTSite<EnumTypeDefinition>? = nil, extensionASTNodes: [ASTSite<EnumTypeDefinition>] = []
    ) {
        self.name = name
        self.details = TypeDetails(description, directives, astNode, extensionASTNodes)
        self.values = values
        self.valueIndex = indexByName(values, \.name)
    }

    public func value(named name: String) -> GraphQLEnumValue? {
        guard let i = valueIndex[name] else { return nil }
        return values[i]
    }
}

public struct GraphQLInputObjectType: Sendable, DetailedNamedType {
    public var name: String
    public private(set) var fields: [GraphQLInputField]
    /// Declared `@oneOf`: exactly one field must be given, and it must not be null.
    public var isOneOf: Bool
    private var fieldIndex: [String: Int]

    /// Description, applied directives and AST nodes in one box: copying the type (as lookups
    /// do) retains it once. Read them through `description`, `directives`, `astNode`.
    public var details: TypeDetails<InputObjectTypeDefinition>

    public init(
        name: String, fields: [GraphQLInputField], isOneOf: Bool = false, description: String? = nil,
        directives: [Directive] = [], astNode: ASTSite<InputObjectTypeDefinition>? = nil,
        extensionASTNodes: [ASTSite<InputObjectTypeDefinition>] = []
    ) {
        self.name = name
        self.details = TypeDetails(description, directives, astNode, extensionASTNodes)
        self.fields = fields
        self.isOneOf = isOneOf
        self.fieldIndex = indexByName(fields, \.name)
    }

    public func field(named name: String) -> GraphQLInputField? {
        guard let i = fieldIndex[name] else { return nil }
        return fields[i]
    }
}

/// Any named type of a schema.
public enum GraphQLNamedType: Sendable {
    case scalar(GraphQLScalarType)
    case object(GraphQLObjectType)
    case interface(GraphQLInterfaceType)
    case union(GraphQLUnionType)
    case enumType(GraphQLEnumType)
    case inputObject(GraphQLInputObjectType)

    public var name: String {
        switch self {
        case .scalar(let t): t.name
        case .object(let t): t.name
        case .interface(let t): t.name
        case .union(let t): t.name
        case .enumType(let t): t.name
        case .inputObject(let t): t.name
        }
    }

    public var description: String? {
        switch self {
        case .scalar(let t): t.description
        case .object(let t): t.description
        case .interface(let t): t.description
        case .union(let t): t.description
        case .enumType(let t): t.description
        case .inputObject(let t): t.description
        }
    }

    public var kind: TypeKind {
        switch self {
        case .scalar: .scalar
        case .object: .object
        case .interface: .interface
        case .union: .union
        case .enumType: .enumType
        case .inputObject: .inputObject
        }
    }

    public var directives: [Directive] {
        switch self {
        case .scalar(let t): t.directives
        case .object(let t): t.directives
        case .interface(let t): t.directives
        case .union(let t): t.directives
        case .enumType(let t): t.directives
        case .inputObject(let t): t.directives
        }
    }

    /// Scalars, enums and input objects may be used for arguments and variables (spec §3 "Input and Output Types").
    public var isInputType: Bool {
        switch self {
        case .scalar, .enumType, .inputObject: true
        default: false
        }
    }

    /// Everything but input objects may be returned by a field.
    public var isOutputType: Bool {
        if case .inputObject = self { return false }
        return true
    }

    /// Scalars and enums: the leaves of a response.
    public var isLeafType: Bool {
        switch self {
        case .scalar, .enumType: true
        default: false
        }
    }

    /// Objects, interfaces and unions: the types a selection set can select from.
    public var isCompositeType: Bool {
        switch self {
        case .object, .interface, .union: true
        default: false
        }
    }

    /// Interfaces and unions.
    public var isAbstractType: Bool {
        switch self {
        case .interface, .union: true
        default: false
        }
    }

    /// The fields of an object or interface type; empty for other kinds.
    public var fields: [GraphQLField] {
        switch self {
        case .object(let t): t.fields
        case .interface(let t): t.fields
        default: []
        }
    }

    /// A field of an object or interface type.
    public func field(named name: String) -> GraphQLField? {
        switch self {
        case .object(let t): t.field(named: name)
        case .interface(let t): t.field(named: name)
        default: nil
        }
    }

    /// The interfaces an object or interface type declares.
    public var interfaces: [String] {
        switch self {
        case .object(let t): t.interfaces
        case .interface(let t): t.interfaces
        default: []
        }
    }

    /// Where the type was defined, if it came from SDL.
    var definitionSite: (location: SourceLocation, name: Name, source: Int)? {
        switch self {
        case .scalar(let t): t.astNode.map { ($0.node.location, $0.node.name, $0.source) }
        case .object(let t): t.astNode.map { ($0.node.location, $0.node.name, $0.source) }
        case .interface(let t): t.astNode.map { ($0.node.location, $0.node.name, $0.source) }
        case .union(let t): t.astNode.map { ($0.node.location, $0.node.name, $0.source) }
        case .enumType(let t): t.astNode.map { ($0.node.location, $0.node.name, $0.source) }
        case .inputObject(let t): t.astNode.map { ($0.node.location, $0.node.name, $0.source) }
        }
    }

    /// Where the type and each of its extensions were written (whole nodes).
    var allSites: [(location: SourceLocation, source: Int)] {
        func sites<N>(_ def: ASTSite<N>?, _ exts: [ASTSite<N>], _ loc: (N) -> SourceLocation) -> [(location: SourceLocation, source: Int)] {
            var out: [(location: SourceLocation, source: Int)] = []
            if let def { out.append((loc(def.node), def.source)) }
            for e in exts { out.append((loc(e.node), e.source)) }
            return out
        }
        switch self {
        case .scalar(let t): return sites(t.astNode, t.extensionASTNodes, \.location)
        case .object(let t): return sites(t.astNode, t.extensionASTNodes, \.location)
        case .interface(let t): return sites(t.astNode, t.extensionASTNodes, \.location)
        case .union(let t): return sites(t.astNode, t.extensionASTNodes, \.location)
        case .enumType(let t): return sites(t.astNode, t.extensionASTNodes, \.location)
        case .inputObject(let t): return sites(t.astNode, t.extensionASTNodes, \.location)
        }
    }
}
