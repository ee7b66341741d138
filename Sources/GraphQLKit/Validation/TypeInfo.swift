// TypeInfo: what the schema says about the node being visited (spec §5 needs it everywhere):
// the parent composite type, the field definition, the expected input type and its default,
// the directive and the argument. Kept as stacks updated on enter and leave, so one walk over
// a document serves every rule. Types and fields are kept as the memoized boxes of a
// `SchemaLookup`, so moving through the document copies no schema structs.

public struct TypeInfo {
    public let lookup: SchemaLookup
    public var schema: Schema { lookup.schema }
    private var typeStack: [GraphQLType?] = []
    /// The named types of `typeStack`'s entries.
    private var namedTypeStack: [ResolvedType?] = []
    /// The composite types selection sets select from (nil: unknown or not composite).
    private var parentTypeStack: [ResolvedType?] = []
    private var fieldStack: [ResolvedField?] = []
    private var inputTypeStack: [GraphQLType?] = []
    /// The default value the schema gives the current argument or input field, if any.
    private var defaultValueStack: [Value?] = []
    public private(set) var resolvedDirective: ResolvedDirective?
    /// Whether the current argument is defined by its field or directive.
    public private(set) var hasArgumentDefinition = false
    private var argumentName: String?

    /// The node kinds `enter` and `leave` act on.
    static let kinds = ASTNode.KindSet([
        .operationDefinition, .selectionSet, .field, .directive, .inlineFragment, .fragmentDefinition,
        .variableDefinition, .argument, .listValue, .objectField,
    ])

    public init(schema: Schema) { self.init(lookup: SchemaLookup(schema: schema)) }

    public init(lookup: SchemaLookup) {
        self.lookup = lookup
        typeStack.reserveCapacity(32)
        namedTypeStack.reserveCapacity(32)
        parentTypeStack.reserveCapacity(32)
        fieldStack.reserveCapacity(32)
        inputTypeStack.reserveCapacity(16)
        defaultValueStack.reserveCapacity(16)
    }

    /// The output type of the current field, operation root or fragment condition.
    public var type: GraphQLType? { typeStack.last ?? nil }
    /// The named type of `type`.
    public var namedType: ResolvedType? { namedTypeStack.last ?? nil }
    /// The composite type the current selection set selects from.
    public var resolvedParentType: ResolvedType? { parentTypeStack.last ?? nil }
    public var parentTypeName: String? { resolvedParentType?.name }
    public var parentType: GraphQLNamedType? { resolvedParentType?.type }
    public var resolvedField: ResolvedField? { fieldStack.last ?? nil }
    public var fieldDefinition: GraphQLField? { resolvedField?.definition }
    public var directive: GraphQLDirective? { resolvedDirective?.definition }
    /// The definition of the current argument (of a field or directive).
    public var argument: GraphQLArgument? {
        guard hasArgumentDefinition, let argumentName else { return nil }
        if let resolvedDirective { return resolvedDirective.definition.argument(named: argumentName) }
        return resolvedField?.definition.argument(named: argumentName)
    }
    /// The type a value in the current position must have.
    public var inputType: GraphQLType? { inputTypeStack.last ?? nil }
    /// The type of the value enclosing the current one (the input object of an object field).
    public var parentInputType: GraphQLType? {
        inputTypeStack.count >= 2 ? inputTypeStack[inputTypeStack.count - 2] : nil
    }
    public var defaultValue: Value? { defaultValueStack.last ?? nil }

    mutating func enter(_ node: ASTNode) {
        switch node {
        case .selectionSet:
            let named = namedType
            parentTypeStack.append(named?.isComposite == true ? named : nil)
        case .field(let field):
            var resolved: ResolvedField? = nil
            if let parent = resolvedParentType { resolved = lookup.field(named: field.name.value, on: parent) }
            fieldStack.append(resolved)
            typeStack.append(resolved?.definition.type)
            namedTypeStack.append(resolved.flatMap(lookup.namedType(of:)))
        case .directive(let d):
            resolvedDirective = lookup.directive(named: d.name.value)
        case .operationDefinition(let op):
            let root = lookup.schema.rootTypeName(for: op.operation).flatMap(lookup.type(named:))
            let valid = root?.isObject == true ? root : nil
            typeStack.append(valid.map { .named($0.name) })
            namedTypeStack.append(valid)
        case .inlineFragment(let fragment):
            if let condition = fragment.typeCondition {
                pushOutputType(named: condition.name.value)
            } else {
                // No condition: the enclosing type carries on.
                let named = namedType
                typeStack.append(named.map { .named($0.name) })
                namedTypeStack.append(named)
            }
        case .fragmentDefinition(let fragment):
            pushOutputType(named: fragment.typeCondition.name.value)
        case .variableDefinition(let definition):
            var input: GraphQLType? = nil
            if let t = lookup.type(named: definition.type.namedType.name.value), t.isInput {
                input = GraphQLType(definition.type)
            }
            inputTypeStack.append(input)
        case .argument(let a):
            let name = a.name.value
            var type: GraphQLType? = nil
            var defaultValue: Value? = nil
            var found = false
            // Indices, not elements: looking at an argument copies only what is used of it.
            if let directive = resolvedDirective {
                let arguments = directive.definition.arguments
                if let i = arguments.firstIndex(where: { $0.name == name }) {
                    found = true
                    type = arguments[i].type
                    defaultValue = arguments[i].defaultValue
                }
            } else if let field = resolvedField {
                let arguments = field.definition.arguments
                if let i = arguments.firstIndex(where: { $0.name == name }) {
                    found = true
                    type = arguments[i].type
                    defaultValue = arguments[i].defaultValue
                }
            }
            hasArgumentDefinition = found
            argumentName = name
            defaultValueStack.append(defaultValue)
            inputTypeStack.append(type)
        case .listValue:
            let listType = inputType?.nullable
            var itemType = listType
            if case .list(let item)? = listType { itemType = item }
            defaultValueStack.append(nil)
            inputTypeStack.append(itemType)
        case .objectField(let f):
            var fieldType: GraphQLType? = nil
            var fieldDefault: Value? = nil
            if let name = inputType?.namedType, let object = lookup.type(named: name),
                case .inputObject(let input) = object.type, let definition = input.field(named: f.name.value)
            {
                fieldType = definition.type
                fieldDefault = definition.defaultValue
            }
            defaultValueStack.append(fieldDefault)
            inputTypeStack.append(fieldType)
        default:
            break
        }
    }

    mutating func leave(_ node: ASTNode) {
        switch node {
        case .selectionSet:
            parentTypeStack.removeLast()
        case .field:
            fieldStack.removeLast()
            typeStack.removeLast()
            namedTypeStack.removeLast()
        case .directive:
            resolvedDirective = nil
        case .operationDefinition, .inlineFragment, .fragmentDefinition:
            typeStack.removeLast()
            namedTypeStack.removeLast()
        case .variableDefinition:
            inputTypeStack.removeLast()
        case .argument:
            hasArgumentDefinition = false
            argumentName = nil
            defaultValueStack.removeLast()
            inputTypeStack.removeLast()
        case .listValue, .objectField:
            defaultValueStack.removeLast()
            inputTypeStack.removeLast()
        default:
            break
        }
    }

    private mutating func pushOutputType(named name: String) {
        guard let t = lookup.type(named: name), !t.isInput || t.isLeaf else {
            typeStack.append(nil)
            namedTypeStack.append(nil)
            return
        }
        typeStack.append(.named(name))
        namedTypeStack.append(t)
    }
}
