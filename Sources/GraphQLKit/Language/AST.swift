// The GraphQL abstract syntax tree (spec §2 Language, §3 Type System), as value types.
//
// Every node carries a `SourceLocation` (byte offsets into the source). Locations never take
// part in equality or hashing, so a document re-parsed from its printed form compares equal
// to the original: `parse(print(parse(doc))) == parse(doc)`.

/// Start and end byte offsets of a node in its `Source` (end exclusive).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Locations are metadata: two nodes that differ only in where they were written are equal.
    public static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}

    public var description: String { "\(start)..<\(end)" }

    /// A placeholder for nodes built in code rather than parsed.
    public static let synthetic = SourceLocation(start: 0, end: 0)
}

// MARK: - Shared leaves

public struct Name: Sendable, Hashable {
    public var value: String
    public var location: SourceLocation
    public init(_ value: String, location: SourceLocation = .synthetic) {
        self.value = value
        self.location = location
    }
}

public struct Description: Sendable, Hashable {
    public var value: StringValue
    public init(_ value: StringValue) { self.value = value }
}

// MARK: - Document

public struct Document: Sendable, Hashable {
    public var definitions: [Definition]
    public var location: SourceLocation
    public init(definitions: [Definition], location: SourceLocation = .synthetic) {
        self.definitions = definitions
        self.location = location
    }
}

public enum Definition: Sendable, Hashable {
    // Executable definitions
    case operation(OperationDefinition)
    case fragment(FragmentDefinition)
    // Type-system definitions
    case schema(SchemaDefinition)
    case type(TypeDefinition)
    case directive(DirectiveDefinition)
    // Type-system extensions
    case schemaExtension(SchemaExtension)
    case typeExtension(TypeExtension)

    public var location: SourceLocation {
        switch self {
        case .operation(let d): d.location
        case .fragment(let d): d.location
        case .schema(let d): d.location
        case .type(let d): d.location
        case .directive(let d): d.location
        case .schemaExtension(let d): d.location
        case .typeExtension(let d): d.location
        }
    }

    public var isExecutable: Bool {
        switch self {
        case .operation, .fragment: true
        default: false
        }
    }
}

// MARK: - Executable definitions

public enum OperationType: String, Sendable, Hashable, CaseIterable {
    case query, mutation, subscription
}

public struct OperationDefinition: Sendable, Hashable {
    public var description: Description?
    public var operation: OperationType
    public var name: Name?
    public var variableDefinitions: [VariableDefinition]
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var location: SourceLocation
    /// True for the `{ ... }` shorthand (no keyword, name, variables or directives).
    public var isShorthand: Bool {
        operation == .query && name == nil && variableDefinitions.isEmpty && directives.isEmpty && description == nil
    }

    public init(
        description: Description? = nil, operation: OperationType, name: Name? = nil,
        variableDefinitions: [VariableDefinition] = [], directives: [Directive] = [],
        selectionSet: SelectionSet, location: SourceLocation = .synthetic
    ) {
        self.description = description
        self.operation = operation
        self.name = name
        self.variableDefinitions = variableDefinitions
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }
}

public struct VariableDefinition: Sendable, Hashable {
    public var description: Description?
    public var variable: Variable
    public var type: TypeReference
    public var defaultValue: Value?
    public var directives: [Directive]
    public var location: SourceLocation

    public init(
        description: Description? = nil, variable: Variable, type: TypeReference, defaultValue: Value? = nil,
        directives: [Directive] = [], location: SourceLocation = .synthetic
    ) {
        self.description = description
        self.variable = variable
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.location = location
    }
}

public struct Variable: Sendable, Hashable {
    public var name: Name
    public var location: SourceLocation
    public init(name: Name, location: SourceLocation = .synthetic) {
        self.name = name
        self.location = location
    }
}

public struct SelectionSet: Sendable, Hashable {
    public var selections: [Selection]
    public var location: SourceLocation
    public init(selections: [Selection], location: SourceLocation = .synthetic) {
        self.selections = selections
        self.location = location
    }
}

public enum Selection: Sendable, Hashable {
    case field(Field)
    case fragmentSpread(FragmentSpread)
    case inlineFragment(InlineFragment)

    public var location: SourceLocation {
        switch self {
        case .field(let s): s.location
        case .fragmentSpread(let s): s.location
        case .inlineFragment(let s): s.location
        }
    }

    public var directives: [Directive] {
        switch self {
        case .field(let s): s.directives
        case .fragmentSpread(let s): s.directives
        case .inlineFragment(let s): s.directives
        }
    }
}

public struct Field: Sendable, Hashable {
    public var alias: Name?
    public var name: Name
    public var arguments: [Argument]
    public var directives: [Directive]
    public var selectionSet: SelectionSet?
    public var location: SourceLocation

    /// The key this field's value has in the response: the alias if present, else the name.
    public var responseKey: String { alias?.value ?? name.value }

    public init(
        alias: Name? = nil, name: Name, arguments: [Argument] = [], directives: [Directive] = [],
        selectionSet: SelectionSet? = nil, location: SourceLocation = .synthetic
    ) {
        self.alias = alias
        self.name = name
        self.arguments = arguments
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }
}

public struct Argument: Sendable, Hashable {
    public var name: Name
    public var value: Value
    public var location: SourceLocation
    public init(name: Name, value: Value, location: SourceLocation = .synthetic) {
        self.name = name
        self.value = value
        self.location = location
    }
}

public struct FragmentSpread: Sendable, Hashable {
    public var name: Name
    public var directives: [Directive]
    public var location: SourceLocation
    public init(name: Name, directives: [Directive] = [], location: SourceLocation = .synthetic) {
        self.name = name
        self.directives = directives
        self.location = location
    }
}

public struct InlineFragment: Sendable, Hashable {
    public var typeCondition: NamedType?
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var location: SourceLocation
    public init(
        typeCondition: NamedType? = nil, directives: [Directive] = [], selectionSet: SelectionSet,
        location: SourceLocation = .synthetic
    ) {
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }
}

public struct FragmentDefinition: Sendable, Hashable {
    public var description: Description?
    public var name: Name
    public var typeCondition: NamedType
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var location: SourceLocation
    public init(
        description: Description? = nil, name: Name, typeCondition: NamedType, directives: [Directive] = [],
        selectionSet: SelectionSet, location: SourceLocation = .synthetic
    ) {
        self.description = description
        self.name = name
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.location = location
    }
}

// MARK: - Values

// Not `indirect`: lists and objects already keep their elements in arrays, so a value needs no
// heap box of its own (one allocation fewer per literal).
public enum Value: Sendable, Hashable {
    case variable(Variable)
    case int(IntValue)
    case float(FloatValue)
    case string(StringValue)
    case boolean(BooleanValue)
    case null(NullValue)
    case enumValue(EnumValue)
    case list(ListValue)
    case object(ObjectValue)

    public var location: SourceLocation {
        switch self {
        case .variable(let v): v.location
        case .int(let v): v.location
        case .float(let v): v.location
        case .string(let v): v.location
        case .boolean(let v): v.location
        case .null(let v): v.location
        case .enumValue(let v): v.location
        case .list(let v): v.location
        case .object(let v): v.location
        }
    }
}

/// An integer literal, kept as written (range checks belong to coercion, not parsing).
public struct IntValue: Sendable, Hashable {
    public var value: String
    public var location: SourceLocation
    public init(_ value: String, location: SourceLocation = .synthetic) {
        self.value = value
        self.location = location
    }
}

/// A float literal, kept as written.
public struct FloatValue: Sendable, Hashable {
    public var value: String
    public var location: SourceLocation
    public init(_ value: String, location: SourceLocation = .synthetic) {
        self.value = value
        self.location = location
    }
}

public struct StringValue: Sendable, Hashable {
    /// The string's value after escapes (and, for block strings, indentation removal).
    public var value: String
    /// Written as a `"""` block string. Not part of equality: it is a matter of spelling.
    public var isBlock: Bool
    public var location: SourceLocation
    public init(_ value: String, isBlock: Bool = false, location: SourceLocation = .synthetic) {
        self.value = value
        self.isBlock = isBlock
        self.location = location
    }
    public static func == (lhs: StringValue, rhs: StringValue) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

public struct BooleanValue: Sendable, Hashable {
    public var value: Bool
    public var location: SourceLocation
    public init(_ value: Bool, location: SourceLocation = .synthetic) {
        self.value = value
        self.location = location
    }
}

public struct NullValue: Sendable, Hashable {
    public var location: SourceLocation
    public init(location: SourceLocation = .synthetic) { self.location = location }
}

public struct EnumValue: Sendable, Hashable {
    public var value: String
    public var location: SourceLocation
    public init(_ value: String, location: SourceLocation = .synthetic) {
        self.value = value
        self.location = location
    }
}

public struct ListValue: Sendable, Hashable {
    public var values: [Value]
    public var location: SourceLocation
    public init(_ values: [Value], location: SourceLocation = .synthetic) {
        self.values = values
        self.location = location
    }
}

public struct ObjectValue: Sendable, Hashable {
    public var fields: [ObjectField]
    public var location: SourceLocation
    public init(_ fields: [ObjectField], location: SourceLocation = .synthetic) {
        self.fields = fields
        self.location = location
    }
}

public struct ObjectField: Sendable, Hashable {
    public var name: Name
    public var value: Value
    public var location: SourceLocation
    public init(name: Name, value: Value, location: SourceLocation = .synthetic) {
        self.name = name
        self.value = value
        self.location = location
    }
}

// MARK: - Directives and type references

public struct Directive: Sendable, Hashable {
    public var name: Name
    public var arguments: [Argument]
    public var location: SourceLocation
    public init(name: Name, arguments: [Argument] = [], location: SourceLocation = .synthetic) {
        self.name = name
        self.arguments = arguments
        self.location = location
    }
}

public struct NamedType: Sendable, Hashable {
    public var name: Name
    public var location: SourceLocation
    public init(name: Name, location: SourceLocation = .synthetic) {
        self.name = name
        self.location = location
    }
}

/// A type as written in a document: `Name`, `[T]` or `T!`.
/// Only the wrapping cases are boxed, so the common named type costs no allocation.
public enum TypeReference: Sendable, Hashable {
    case named(NamedType)
    indirect case list(TypeReference, location: SourceLocation)
    /// The wrapped type is never itself `.nonNull` (the grammar forbids `T!!`).
    indirect case nonNull(TypeReference, location: SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .named(let n): n.location
        case .list(_, let l): l
        case .nonNull(_, let l): l
        }
    }

    /// The named type at the core of any wrapping.
    public var namedType: NamedType {
        switch self {
        case .named(let n): n
        case .list(let t, _): t.namedType
        case .nonNull(let t, _): t.namedType
        }
    }
}

// MARK: - Type-system definitions

public struct SchemaDefinition: Sendable, Hashable {
    public var description: Description?
    public var directives: [Directive]
    public var operationTypes: [OperationTypeDefinition]
    public var location: SourceLocation
    public init(
        description: Description? = nil, directives: [Directive] = [], operationTypes: [OperationTypeDefinition],
        location: SourceLocation = .synthetic
    ) {
        self.description = description
        self.directives = directives
        self.operationTypes = operationTypes
        self.location = location
    }
}

public struct OperationTypeDefinition: Sendable, Hashable {
    public var operation: OperationType
    public var type: NamedType
    public var location: SourceLocation
    public init(operation: OperationType, type: NamedType, location: SourceLocation = .synthetic) {
        self.operation = operation
        self.type = type
        self.location = location
    }
}

public enum TypeDefinition: Sendable, Hashable {
    case scalar(ScalarTypeDefinition)
    case object(ObjectTypeDefinition)
    case interface(InterfaceTypeDefinition)
    case union(UnionTypeDefinition)
    case enumType(EnumTypeDefinition)
    case inputObject(InputObjectTypeDefinition)

    public var name: Name {
        switch self {
        case .scalar(let d): d.name
        case .object(let d): d.name
        case .interface(let d): d.name
        case .union(let d): d.name
        case .enumType(let d): d.name
        case .inputObject(let d): d.name
        }
    }

    public var location: SourceLocation {
        switch self {
        case .scalar(let d): d.location
        case .object(let d): d.location
        case .interface(let d): d.location
        case .union(let d): d.location
        case .enumType(let d): d.location
        case .inputObject(let d): d.location
        }
    }
}

public struct ScalarTypeDefinition: Sendable, Hashable {
    public var description: Description?
    public var name: Name
    public var directives: [Directive]
    public var location: SourceLocation
    public init(description: Description? = nil, name: Name, directives: [Directive] = [], location: SourceLocation = .synthetic) {
        self.description = description
        self.name = name
        self.directives = directives
        self.location = location
    }
}

public struct ObjectTypeDefinition: Sendable, Hashable {
    public var description: Description?
    public var name: Name
    public var interfaces: [NamedType]
    public var directives: [Directive]
    public var fields: [FieldDefinition]
    public var location: SourceLocation
    public init(
        description: Description? = nil, name: Name, interfaces: [NamedType] = [], directives: [Directive] = [],
        fields: [FieldDefinition] = [], location: SourceLocation = .synthetic
    ) {
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.location = location
    }
}

public struct InterfaceTypeDefinition: Sendable, Hashable {
    public var description: Description?
    public var name: Name
    public var interfaces: [NamedType]
    public var directives: [Directive]
    public var fields: [FieldDefinition]
    public var location: SourceLocation
    public init(
        description: Description? = nil, name: Name, interfaces: [NamedType] = [], directives: [Directive] = [],
        fields: [FieldDefinition] = [], location: SourceLocation = .synthetic
    ) {
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.location = location
    }
}

public struct FieldDefinition: Sendable, Hashable {
    public var description: Description?
    public var name: Name
    public var arguments: [InputValueDefinition]
    public var type: TypeReference
    public var directives: [Directive]
    public var location: SourceLocation
    public init(
        description: Description? = nil, name: Name, arguments: [InputValueDefinition] = [], type: TypeReference,
        directives: [Directive] = [], location: SourceLocation = .synthetic
    ) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.type = type
        self.directives = directives
        self.location = location
    }
}

/// An argument definition or an input-object field definition.
public struct InputValueDefinition: Sendable, Hashable {
    public var description: Description?
    public var name: Name
    public var type: TypeReference
    public var defaultValue: Value?
    public var directives: [Directive]
    public var location: SourceLocation
    public init(
        description: Description? = nil, name: Name, type: TypeReference, defaultValue: Value? = nil,
        directives: [Directive] = [], location: SourceLocation = .synthetic
    ) {
        self.description = description
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.location = location
    }
}

public struct UnionTypeDefinition: Sendable, Hashable {
    public var description: Description?
    public var name: Name
    public var directives: [Directive]
    public var types: [NamedType]
    public var location: SourceLocation
    public init(
        description: Description? = nil, name: Name, directives: [Directive] = [], types: [NamedType] = [],
        location: SourceLocation = .synthetic
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.types = types
        self.location = location
    }
}

public struct EnumTypeDefinition: Sendable, Hashable {
    public var description: Description?
    public var name: Name
    public var directives: [Directive]
    public var values: [EnumValueDefinition]
    public var location: SourceLocation
    public init(
        description: Description? = nil, name: Name, directives: [Directive] = [], values: [EnumValueDefinition] = [],
        location: SourceLocation = .synthetic
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.values = values
        self.location = location
    }
}

public struct EnumValueDefinition: Sendable, Hashable {
    public var description: Description?
    public var name: Name
    public var directives: [Directive]
    public var location: SourceLocation
    public init(description: Description? = nil, name: Name, directives: [Directive] = [], location: SourceLocation = .synthetic) {
        self.description = description
        self.name = name
        self.directives = directives
        self.location = location
    }
}

public struct InputObjectTypeDefinition: Sendable, Hashable {
    public var description: Description?
    public var name: Name
    public var directives: [Directive]
    public var fields: [InputValueDefinition]
    public var location: SourceLocation
    public init(
        description: Description? = nil, name: Name, directives: [Directive] = [], fields: [InputValueDefinition] = [],
        location: SourceLocation = .synthetic
    ) {
        self.description = description
        self.name = name
        self.directives = directives
        self.fields = fields
        self.location = location
    }
}

public enum DirectiveLocation: String, Sendable, Hashable, CaseIterable {
    // Executable
    case query = "QUERY"
    case mutation = "MUTATION"
    case subscription = "SUBSCRIPTION"
    case field = "FIELD"
    case fragmentDefinition = "FRAGMENT_DEFINITION"
    case fragmentSpread = "FRAGMENT_SPREAD"
    case inlineFragment = "INLINE_FRAGMENT"
    case variableDefinition = "VARIABLE_DEFINITION"
    // Type system
    case schema = "SCHEMA"
    case scalar = "SCALAR"
    case object = "OBJECT"
    case fieldDefinition = "FIELD_DEFINITION"
    case argumentDefinition = "ARGUMENT_DEFINITION"
    case interface = "INTERFACE"
    case union = "UNION"
    case enumType = "ENUM"
    case enumValue = "ENUM_VALUE"
    case inputObject = "INPUT_OBJECT"
    case inputFieldDefinition = "INPUT_FIELD_DEFINITION"
}

public struct DirectiveDefinition: Sendable, Hashable {
    public var description: Description?
    public var name: Name
    public var arguments: [InputValueDefinition]
    public var isRepeatable: Bool
    /// Each location keeps its own `Name` so errors can point at it.
    public var locations: [Name]
    public var location: SourceLocation
    public init(
        description: Description? = nil, name: Name, arguments: [InputValueDefinition] = [], isRepeatable: Bool = false,
        locations: [Name], location: SourceLocation = .synthetic
    ) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.isRepeatable = isRepeatable
        self.locations = locations
        self.location = location
    }
}

// MARK: - Type-system extensions

public struct SchemaExtension: Sendable, Hashable {
    public var directives: [Directive]
    public var operationTypes: [OperationTypeDefinition]
    public var location: SourceLocation
    public init(directives: [Directive] = [], operationTypes: [OperationTypeDefinition] = [], location: SourceLocation = .synthetic) {
        self.directives = directives
        self.operationTypes = operationTypes
        self.location = location
    }
}

/// `extend scalar|type|interface|union|enum|input ...`. The payload reuses the definition
/// structs; their `description` is always nil (extensions cannot carry one).
public enum TypeExtension: Sendable, Hashable {
    case scalar(ScalarTypeDefinition)
    case object(ObjectTypeDefinition)
    case interface(InterfaceTypeDefinition)
    case union(UnionTypeDefinition)
    case enumType(EnumTypeDefinition)
    case inputObject(InputObjectTypeDefinition)

    public var name: Name {
        switch self {
        case .scalar(let d): d.name
        case .object(let d): d.name
        case .interface(let d): d.name
        case .union(let d): d.name
        case .enumType(let d): d.name
        case .inputObject(let d): d.name
        }
    }

    public var location: SourceLocation {
        switch self {
        case .scalar(let d): d.location
        case .object(let d): d.location
        case .interface(let d): d.location
        case .union(let d): d.location
        case .enumType(let d): d.location
        case .inputObject(let d): d.location
        }
    }
}

// MARK: - Schema coordinates (spec §2, "Schema Coordinates")

/// `Type`, `Type.field`, `Type.field(arg:)`, `@directive`, `@directive(arg:)`.
public enum SchemaCoordinate: Sendable, Hashable, CustomStringConvertible {
    case type(name: String)
    case member(type: String, member: String)
    case argument(type: String, field: String, argument: String)
    case directive(name: String)
    case directiveArgument(directive: String, argument: String)

    public var description: String {
        switch self {
        case .type(let n): n
        case .member(let t, let m): "\(t).\(m)"
        case .argument(let t, let f, let a): "\(t).\(f)(\(a):)"
        case .directive(let n): "@\(n)"
        case .directiveArgument(let d, let a): "@\(d)(\(a):)"
        }
    }
}
