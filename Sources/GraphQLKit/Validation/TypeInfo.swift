// TypeInfo: what the schema says about the node being visited (spec §5 needs it everywhere):
// the parent composite type, the field definition, the expected input type and its default,
// the directive and the argument. Kept as stacks updated on enter and leave, so one walk over
// a document serves every rule.

public struct TypeInfo {
    public let schema: Schema
    private var typeStack: [GraphQLType?] = []
    /// Names of the composite types selection sets select from (nil: unknown or not composite).
    private var parentTypeStack: [String?] = []
    private var fieldDefinitionStack: [GraphQLField?] = []
    private var inputTypeStack: [GraphQLType?] = []
    /// The default value the schema gives the current argument or input field, if any.
    private var defaultValueStack: [Value?] = []
    public private(set) var directive: GraphQLDirective?
    public private(set) var argument: GraphQLArgument?

    /// The node kinds `enter` and `leave` act on.
    static let kinds = ASTNode.KindSet([
        .operationDefinition, .selectionSet, .field, .directive, .inlineFragment, .fragmentDefinition,
        .variableDefinition, .argument, .listValue, .objectField,
    ])

    public init(schema: Schema) {
        self.schema = schema
        typeStack.reserveCapacity(32)
        parentTypeStack.reserveCapacity(32)
        fieldDefinitionStack.reserveCapacity(32)
        inputTypeStack.reserveCapacity(16)
        defaultValueStack.reserveCapacity(16)
    }

    /// The output type of the current field, operation root or fragment condition.
    public var type: GraphQLType? { typeStack.last ?? nil }
    /// The name of the composite type the current selection set selects from.
    public var parentTypeName: String? { parentTypeStack.last ?? nil }
    public var parentType: GraphQLNamedType? { parentTypeName.flatMap(schema.type(named:)) }
    public var fieldDefinition: GraphQLField? { fieldDefinitionStack.last ?? nil }
    /// The type a value in the current position must have.
    public var inputType: GraphQLType? { inputTypeStack.last ?? nil }
    /// The type of the value enclosing the current one (the input object of an object field).
    public var parentInputType: GraphQLType? {
        inputTypeStack.count >= 2 ? inputTypeStack[inputTypeStack.count - 2] : nil
    }
    public var defaultValue: Value? { defaultValueStack.last ?? nil }

    /// The schema type of a type written in a document, or nil when its named type is unknown.
    public func resolve(_ reference: TypeReference) -> GraphQLType? {
        guard schema.type(named: reference.namedType.name.value) != nil else { return nil }
        return GraphQLType(reference)
    }

    mutating func enter(_ node: ASTNode) {
        switch node {
        case .selectionSet:
            var parent: String? = nil
            if let name = type?.namedType, let t = schema.type(named: name), t.isCompositeType { parent = name }
            parentTypeStack.append(parent)
        case .field(let field):
            var definition: GraphQLField? = nil
            if let parent = parentTypeName { definition = schema.field(named: field.name.value, on: parent) }
            fieldDefinitionStack.append(definition)
            typeStack.append(definition?.type)
        case .directive(let d):
            directive = schema.directive(named: d.name.value)
        case .operationDefinition(let op):
            typeStack.append(schema.rootType(for: op.operation) != nil ? schema.rootTypeName(for: op.operation).map { .named($0) } : nil)
        case .inlineFragment(let fragment):
            if let condition = fragment.typeCondition {
                typeStack.append(outputType(named: condition.name.value))
            } else {
                typeStack.append(type.map { .named($0.namedType) })
            }
        case .fragmentDefinition(let fragment):
            typeStack.append(outputType(named: fragment.typeCondition.name.value))
        case .variableDefinition(let definition):
            var input: GraphQLType? = nil
            if let t = schema.type(named: definition.type.namedType.name.value), t.isInputType {
                input = GraphQLType(definition.type)
            }
            inputTypeStack.append(input)
        case .argument(let a):
            var definition: GraphQLArgument? = nil
            if let directive {
                definition = directive.argument(named: a.name.value)
            } else if let field = fieldDefinition {
                definition = field.argument(named: a.name.value)
            }
            argument = definition
            defaultValueStack.append(definition?.defaultValue)
            inputTypeStack.append(definition?.type)
        case .listValue:
            let listType = inputType?.nullable
            var itemType = listType
            if case .list(let item)? = listType { itemType = item }
            defaultValueStack.append(nil)
            inputTypeStack.append(itemType)
        case .objectField(let f):
            var fieldType: GraphQLType? = nil
            var fieldDefault: Value? = nil
            if let name = inputType?.namedType, let object = schema.inputObjectType(named: name),
                let definition = object.field(named: f.name.value)
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
            fieldDefinitionStack.removeLast()
            typeStack.removeLast()
        case .directive:
            directive = nil
        case .operationDefinition, .inlineFragment, .fragmentDefinition:
            typeStack.removeLast()
        case .variableDefinition:
            inputTypeStack.removeLast()
        case .argument:
            argument = nil
            defaultValueStack.removeLast()
            inputTypeStack.removeLast()
        case .listValue, .objectField:
            defaultValueStack.removeLast()
            inputTypeStack.removeLast()
        default:
            break
        }
    }

    private func outputType(named name: String) -> GraphQLType? {
        guard let t = schema.type(named: name), t.isOutputType else { return nil }
        return .named(name)
    }
}
