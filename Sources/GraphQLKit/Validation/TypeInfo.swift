// TypeInfo: what the schema says about the node being visited (spec §5 needs it everywhere):
// the parent composite type, the field definition, the expected input type and its default,
// the directive and the argument. Kept as stacks updated on enter and leave, so one walk over
// a document serves every rule. Types and fields are kept as the memoized boxes of a
// `SchemaLookup`, so moving through the document copies no schema structs.

public struct TypeInfo {
    public let lookup: SchemaLookup
    public var schema: Schema { lookup.schema }
    /// Output types with their named types: one stack, so entering a field appends once.
    private var typeStack: [(type: GraphQLType?, named: ResolvedType?)] = []
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
    /// The named type of the variable definition being visited, nil when unknown.
    private(set) var variableNamedType: ResolvedType?

    /// The node kinds `enter` and `leave` act on.
    static let kinds = ASTNode.KindSet([
        .operationDefinition, .selectionSet, .field, .directive, .inlineFragment, .fragmentDefinition,
        .variableDefinition, .argument, .listValue, .objectField,
    ])

    public init(schema: Schema) { self.init(lookup: SchemaLookup(schema: schema)) }

    public init(lookup: SchemaLookup) {
        self.lookup = lookup
        typeStack.reserveCapacity(32)
        parentTypeStack.reserveCapacity(32)
        fieldStack.reserveCapacity(32)
        inputTypeStack.reserveCapacity(16)
        defaultValueStack.reserveCapacity(16)
    }

    /// Empties the stacks for another document, keeping their storage (see `ValidationRun`).
    mutating func reset() {
        typeStack.removeAll(keepingCapacity: true)
        parentTypeStack.removeAll(keepingCapacity: true)
        fieldStack.removeAll(keepingCapacity: true)
        inputTypeStack.removeAll(keepingCapacity: true)
        defaultValueStack.removeAll(keepingCapacity: true)
        resolvedDirective = nil
        hasArgumentDefinition = false
        argumentName = nil
        variableNamedType = nil
    }

    /// The output type of the current field, operation root or fragment condition.
    public var type: GraphQLType? { typeStack.last?.type ?? nil }
    /// The named type of `type`.
    public var namedType: ResolvedType? { typeStack.last?.named ?? nil }
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

    /// Updates the stacks for a node given as an `ASTNode` (the validation walk calls the
    /// typed functions below directly).
    mutating func enter(_ node: ASTNode) {
        switch node {
        case .selectionSet: enterSelectionSet()
        case .field(let field): enterField(field)
        case .directive(let d): enterDirective(d)
        case .operationDefinition(let op): enterOperation(op)
        case .inlineFragment(let fragment): enterInlineFragment(fragment)
        case .fragmentDefinition(let fragment): pushOutputType(named: fragment.typeCondition.name.value)
        case .variableDefinition(let definition): enterVariableDefinition(definition)
        case .argument(let a): enterArgument(a)
        case .listValue: enterListValue()
        case .objectField(let f): enterObjectField(f)
        default: break
        }
    }

    mutating func leave(_ node: ASTNode) {
        switch node {
        case .selectionSet: leaveSelectionSet()
        case .field: leaveField()
        case .directive: leaveDirective()
        case .operationDefinition, .inlineFragment, .fragmentDefinition: leaveOutputType()
        case .variableDefinition: leaveVariableDefinition()
        case .argument: leaveArgument()
        case .listValue, .objectField: leaveInputValue()
        default: break
        }
    }

    mutating func enterSelectionSet() {
        let named = namedType
        parentTypeStack.append(named?.isComposite == true ? named : nil)
    }

    mutating func leaveSelectionSet() { parentTypeStack.removeLast() }

    mutating func enterField(_ field: Field) {
        var resolved: ResolvedField? = nil
        if let parent = resolvedParentType { resolved = lookup.field(named: field.name.value, on: parent) }
        fieldStack.append(resolved)
        typeStack.append((resolved?.definition.type, resolved.flatMap(lookup.namedType(of:))))
    }

    mutating func leaveField() {
        fieldStack.removeLast()
        typeStack.removeLast()
    }

    mutating func enterDirective(_ directive: Directive) {
        resolvedDirective = lookup.directive(named: directive.name.value)
    }

    mutating func leaveDirective() { resolvedDirective = nil }

    mutating func enterOperation(_ op: OperationDefinition) {
        let root = lookup.schema.rootTypeName(for: op.operation).flatMap(lookup.type(named:))
        let valid = root?.isObject == true ? root : nil
        typeStack.append((valid.map { .named($0.name) }, valid))
    }

    mutating func enterInlineFragment(_ fragment: InlineFragment) {
        if let condition = fragment.typeCondition {
            pushOutputType(named: condition.name.value)
        } else {
            // No condition: the enclosing type carries on.
            let named = namedType
            typeStack.append((named.map { .named($0.name) }, named))
        }
    }

    /// Leaves an operation, inline fragment or fragment definition.
    mutating func leaveOutputType() {
        typeStack.removeLast()
    }

    mutating func enterVariableDefinition(_ definition: VariableDefinition) {
        var input: GraphQLType? = nil
        let named = lookup.type(named: definition.type.namedType.name.value)
        if let named, named.isInput { input = GraphQLType(definition.type) }
        variableNamedType = named
        inputTypeStack.append(input)
    }

    mutating func leaveVariableDefinition() {
        variableNamedType = nil
        inputTypeStack.removeLast()
    }

    mutating func enterArgument(_ a: Argument) {
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
    }

    mutating func leaveArgument() {
        hasArgumentDefinition = false
        argumentName = nil
        defaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }

    mutating func enterListValue() {
        let listType = inputType?.nullable
        var itemType = listType
        if case .list(let item)? = listType { itemType = item }
        defaultValueStack.append(nil)
        inputTypeStack.append(itemType)
    }

    mutating func enterObjectField(_ f: ObjectField) {
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
    }

    /// Leaves a list value or an object field.
    mutating func leaveInputValue() {
        defaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }

    private mutating func pushOutputType(named name: String) {
        guard let t = lookup.type(named: name), !t.isInput || t.isLeaf else {
            typeStack.append((nil, nil))
            return
        }
        typeStack.append((.named(name), t))
    }
}
