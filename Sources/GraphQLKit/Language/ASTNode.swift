// One value for "any AST node", used by the visitor and the printer.
//
// Each case is one node kind, as the spec names them (and graphql-js's `Kind`): the visitor hands
// nodes over as `ASTNode`, visitors answer with replacements as `ASTNode`. Names and
// descriptions are leaves of their owners, not nodes of their own.

public enum ASTNode: Sendable, Hashable {
    case document(Document)
    // Executable definitions
    case operationDefinition(OperationDefinition)
    case variableDefinition(VariableDefinition)
    case selectionSet(SelectionSet)
    case field(Field)
    case argument(Argument)
    case fragmentSpread(FragmentSpread)
    case inlineFragment(InlineFragment)
    case fragmentDefinition(FragmentDefinition)
    // Values
    case variable(Variable)
    case intValue(IntValue)
    case floatValue(FloatValue)
    case stringValue(StringValue)
    case booleanValue(BooleanValue)
    case nullValue(NullValue)
    case enumValue(EnumValue)
    case listValue(ListValue)
    case objectValue(ObjectValue)
    case objectField(ObjectField)
    // Directives and types
    case directive(Directive)
    case namedType(NamedType)
    /// A `[T]` type; the payload is the whole reference (always `.list`).
    case listType(TypeReference)
    /// A `T!` type; the payload is the whole reference (always `.nonNull`).
    case nonNullType(TypeReference)
    // Type-system definitions
    case schemaDefinition(SchemaDefinition)
    case operationTypeDefinition(OperationTypeDefinition)
    case scalarTypeDefinition(ScalarTypeDefinition)
    case objectTypeDefinition(ObjectTypeDefinition)
    case fieldDefinition(FieldDefinition)
    case inputValueDefinition(InputValueDefinition)
    case interfaceTypeDefinition(InterfaceTypeDefinition)
    case unionTypeDefinition(UnionTypeDefinition)
    case enumTypeDefinition(EnumTypeDefinition)
    case enumValueDefinition(EnumValueDefinition)
    case inputObjectTypeDefinition(InputObjectTypeDefinition)
    case directiveDefinition(DirectiveDefinition)
    // Type-system extensions
    case schemaExtension(SchemaExtension)
    case scalarTypeExtension(ScalarTypeDefinition)
    case objectTypeExtension(ObjectTypeDefinition)
    case interfaceTypeExtension(InterfaceTypeDefinition)
    case unionTypeExtension(UnionTypeDefinition)
    case enumTypeExtension(EnumTypeDefinition)
    case inputObjectTypeExtension(InputObjectTypeDefinition)

    /// The kind of node, without its payload.
    public enum Kind: UInt8, Sendable, Hashable, CaseIterable {
        case document
        case operationDefinition, variableDefinition, selectionSet, field, argument
        case fragmentSpread, inlineFragment, fragmentDefinition
        case variable, intValue, floatValue, stringValue, booleanValue, nullValue, enumValue
        case listValue, objectValue, objectField
        case directive, namedType, listType, nonNullType
        case schemaDefinition, operationTypeDefinition, scalarTypeDefinition, objectTypeDefinition
        case fieldDefinition, inputValueDefinition, interfaceTypeDefinition, unionTypeDefinition
        case enumTypeDefinition, enumValueDefinition, inputObjectTypeDefinition, directiveDefinition
        case schemaExtension, scalarTypeExtension, objectTypeExtension, interfaceTypeExtension
        case unionTypeExtension, enumTypeExtension, inputObjectTypeExtension
    }

    /// A set of node kinds, as a bit set (there are fewer than 64 kinds).
    public struct KindSet: OptionSet, Sendable, Hashable {
        public var rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue }
        public init(_ kind: Kind) { rawValue = 1 << UInt64(kind.rawValue) }
        public init(_ kinds: [Kind]) {
            rawValue = 0
            for kind in kinds { rawValue |= 1 << UInt64(kind.rawValue) }
        }
        public static let all = KindSet(rawValue: ~0)
        @inline(__always)
        public func contains(_ kind: Kind) -> Bool { rawValue & (1 << UInt64(kind.rawValue)) != 0 }
    }

    public var kind: Kind {
        switch self {
        case .document: .document
        case .operationDefinition: .operationDefinition
        case .variableDefinition: .variableDefinition
        case .selectionSet: .selectionSet
        case .field: .field
        case .argument: .argument
        case .fragmentSpread: .fragmentSpread
        case .inlineFragment: .inlineFragment
        case .fragmentDefinition: .fragmentDefinition
        case .variable: .variable
        case .intValue: .intValue
        case .floatValue: .floatValue
        case .stringValue: .stringValue
        case .booleanValue: .booleanValue
        case .nullValue: .nullValue
        case .enumValue: .enumValue
        case .listValue: .listValue
        case .objectValue: .objectValue
        case .objectField: .objectField
        case .directive: .directive
        case .namedType: .namedType
        case .listType: .listType
        case .nonNullType: .nonNullType
        case .schemaDefinition: .schemaDefinition
        case .operationTypeDefinition: .operationTypeDefinition
        case .scalarTypeDefinition: .scalarTypeDefinition
        case .objectTypeDefinition: .objectTypeDefinition
        case .fieldDefinition: .fieldDefinition
        case .inputValueDefinition: .inputValueDefinition
        case .interfaceTypeDefinition: .interfaceTypeDefinition
        case .unionTypeDefinition: .unionTypeDefinition
        case .enumTypeDefinition: .enumTypeDefinition
        case .enumValueDefinition: .enumValueDefinition
        case .inputObjectTypeDefinition: .inputObjectTypeDefinition
        case .directiveDefinition: .directiveDefinition
        case .schemaExtension: .schemaExtension
        case .scalarTypeExtension: .scalarTypeExtension
        case .objectTypeExtension: .objectTypeExtension
        case .interfaceTypeExtension: .interfaceTypeExtension
        case .unionTypeExtension: .unionTypeExtension
        case .enumTypeExtension: .enumTypeExtension
        case .inputObjectTypeExtension: .inputObjectTypeExtension
        }
    }

    public var location: SourceLocation {
        switch self {
        case .document(let n): n.location
        case .operationDefinition(let n): n.location
        case .variableDefinition(let n): n.location
        case .selectionSet(let n): n.location
        case .field(let n): n.location
        case .argument(let n): n.location
        case .fragmentSpread(let n): n.location
        case .inlineFragment(let n): n.location
        case .fragmentDefinition(let n): n.location
        case .variable(let n): n.location
        case .intValue(let n): n.location
        case .floatValue(let n): n.location
        case .stringValue(let n): n.location
        case .booleanValue(let n): n.location
        case .nullValue(let n): n.location
        case .enumValue(let n): n.location
        case .listValue(let n): n.location
        case .objectValue(let n): n.location
        case .objectField(let n): n.location
        case .directive(let n): n.location
        case .namedType(let n): n.location
        case .listType(let t), .nonNullType(let t): t.location
        case .schemaDefinition(let n): n.location
        case .operationTypeDefinition(let n): n.location
        case .scalarTypeDefinition(let n), .scalarTypeExtension(let n): n.location
        case .objectTypeDefinition(let n), .objectTypeExtension(let n): n.location
        case .fieldDefinition(let n): n.location
        case .inputValueDefinition(let n): n.location
        case .interfaceTypeDefinition(let n), .interfaceTypeExtension(let n): n.location
        case .unionTypeDefinition(let n), .unionTypeExtension(let n): n.location
        case .enumTypeDefinition(let n), .enumTypeExtension(let n): n.location
        case .enumValueDefinition(let n): n.location
        case .inputObjectTypeDefinition(let n), .inputObjectTypeExtension(let n): n.location
        case .directiveDefinition(let n): n.location
        case .schemaExtension(let n): n.location
        }
    }
}

// MARK: - Conversions between positions and nodes

extension ASTNode {
    public init(_ value: Value) {
        switch value {
        case .variable(let v): self = .variable(v)
        case .int(let v): self = .intValue(v)
        case .float(let v): self = .floatValue(v)
        case .string(let v): self = .stringValue(v)
        case .boolean(let v): self = .booleanValue(v)
        case .null(let v): self = .nullValue(v)
        case .enumValue(let v): self = .enumValue(v)
        case .list(let v): self = .listValue(v)
        case .object(let v): self = .objectValue(v)
        }
    }

    public init(_ selection: Selection) {
        switch selection {
        case .field(let s): self = .field(s)
        case .fragmentSpread(let s): self = .fragmentSpread(s)
        case .inlineFragment(let s): self = .inlineFragment(s)
        }
    }

    public init(_ type: TypeReference) {
        switch type {
        case .named(let n): self = .namedType(n)
        case .list: self = .listType(type)
        case .nonNull: self = .nonNullType(type)
        }
    }

    public init(_ definition: Definition) {
        switch definition {
        case .operation(let d): self = .operationDefinition(d)
        case .fragment(let d): self = .fragmentDefinition(d)
        case .schema(let d): self = .schemaDefinition(d)
        case .directive(let d): self = .directiveDefinition(d)
        case .schemaExtension(let d): self = .schemaExtension(d)
        case .type(let t):
            switch t {
            case .scalar(let d): self = .scalarTypeDefinition(d)
            case .object(let d): self = .objectTypeDefinition(d)
            case .interface(let d): self = .interfaceTypeDefinition(d)
            case .union(let d): self = .unionTypeDefinition(d)
            case .enumType(let d): self = .enumTypeDefinition(d)
            case .inputObject(let d): self = .inputObjectTypeDefinition(d)
            }
        case .typeExtension(let t):
            switch t {
            case .scalar(let d): self = .scalarTypeExtension(d)
            case .object(let d): self = .objectTypeExtension(d)
            case .interface(let d): self = .interfaceTypeExtension(d)
            case .union(let d): self = .unionTypeExtension(d)
            case .enumType(let d): self = .enumTypeExtension(d)
            case .inputObject(let d): self = .inputObjectTypeExtension(d)
            }
        }
    }

    /// The node as a value, if it is one.
    public var asValue: Value? {
        switch self {
        case .variable(let v): .variable(v)
        case .intValue(let v): .int(v)
        case .floatValue(let v): .float(v)
        case .stringValue(let v): .string(v)
        case .booleanValue(let v): .boolean(v)
        case .nullValue(let v): .null(v)
        case .enumValue(let v): .enumValue(v)
        case .listValue(let v): .list(v)
        case .objectValue(let v): .object(v)
        default: nil
        }
    }

    /// The node as a selection, if it is one.
    public var asSelection: Selection? {
        switch self {
        case .field(let s): .field(s)
        case .fragmentSpread(let s): .fragmentSpread(s)
        case .inlineFragment(let s): .inlineFragment(s)
        default: nil
        }
    }

    /// The node as a type reference, if it is one.
    public var asTypeReference: TypeReference? {
        switch self {
        case .namedType(let n): .named(n)
        case .listType(let t), .nonNullType(let t): t
        default: nil
        }
    }

    /// The node as a document-level definition, if it is one.
    public var asDefinition: Definition? {
        switch self {
        case .operationDefinition(let d): .operation(d)
        case .fragmentDefinition(let d): .fragment(d)
        case .schemaDefinition(let d): .schema(d)
        case .directiveDefinition(let d): .directive(d)
        case .schemaExtension(let d): .schemaExtension(d)
        case .scalarTypeDefinition(let d): .type(.scalar(d))
        case .objectTypeDefinition(let d): .type(.object(d))
        case .interfaceTypeDefinition(let d): .type(.interface(d))
        case .unionTypeDefinition(let d): .type(.union(d))
        case .enumTypeDefinition(let d): .type(.enumType(d))
        case .inputObjectTypeDefinition(let d): .type(.inputObject(d))
        case .scalarTypeExtension(let d): .typeExtension(.scalar(d))
        case .objectTypeExtension(let d): .typeExtension(.object(d))
        case .interfaceTypeExtension(let d): .typeExtension(.interface(d))
        case .unionTypeExtension(let d): .typeExtension(.union(d))
        case .enumTypeExtension(let d): .typeExtension(.enumType(d))
        case .inputObjectTypeExtension(let d): .typeExtension(.inputObject(d))
        default: nil
        }
    }
}

// MARK: - Printing any node

extension Printer {
    public static func print(_ node: ASTNode) -> String {
        var out = PrintBuffer()
        out.node(node)
        return out.text
    }
}

extension PrintBuffer {
    mutating func node(_ node: ASTNode) {
        if let definition = node.asDefinition { return self.definition(definition) }
        if let value = node.asValue { return self.value(value) }
        if let selection = node.asSelection { return self.selection(selection) }
        if let type = node.asTypeReference { return typeReference(type) }
        switch node {
        case .document(let d): document(d)
        case .variableDefinition(let d): variableDefinition(d)
        case .selectionSet(let s): selectionSet(s)
        case .argument(let a): argument(a)
        case .objectField(let f): objectField(f)
        case .directive(let d): directive(d)
        case .operationTypeDefinition(let t):
            write(t.operation.rawValue)
            write(": ")
            write(t.type.name.value)
        case .fieldDefinition(let f): fieldDefinition(f)
        case .inputValueDefinition(let i): inputValueDefinition(i)
        case .enumValueDefinition(let e): enumValueDefinition(e)
        default: break  // every other kind was handled above
        }
    }
}
