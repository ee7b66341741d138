// Resolving schema coordinates (spec §2 "Schema Coordinates", September 2025): `Type`,
// `Type.member`, `Type.field(arg:)`, `@directive` and `@directive(arg:)` to the schema element
// they name. Resolvers bind to the schema by coordinate, so errors say which part is missing.

/// A schema element: what a schema coordinate names.
public enum SchemaElement: Sendable {
    case type(GraphQLNamedType)
    case field(GraphQLField, parentType: String)
    case inputField(GraphQLInputField, parentType: String)
    case enumValue(GraphQLEnumValue, parentType: String)
    case argument(GraphQLArgument, field: String, parentType: String)
    case directive(GraphQLDirective)
    case directiveArgument(GraphQLArgument, directive: String)
}

extension Schema {
    /// The element a coordinate names, or nil when its last part does not exist. Throws when an
    /// enclosing part (the type, field or directive) does not exist or cannot have members.
    public func element(at coordinate: SchemaCoordinate) throws(GraphQLError) -> SchemaElement? {
        switch coordinate {
        case .type(let name):
            return type(named: name).map(SchemaElement.type)
        case .member(let typeName, let member):
            switch try containingType(typeName) {
            case .enumType(let e): return e.value(named: member).map { .enumValue($0, parentType: typeName) }
            case .inputObject(let i): return i.field(named: member).map { .inputField($0, parentType: typeName) }
            case .object(let o): return o.field(named: member).map { .field($0, parentType: typeName) }
            case .interface(let i): return i.field(named: member).map { .field($0, parentType: typeName) }
            case .scalar, .union:
                throw GraphQLError("Expected \"\(typeName)\" to be an Enum, Input Object, Object or Interface type.")
            }
        case .argument(let typeName, let fieldName, let argumentName):
            let type = try containingType(typeName)
            guard type.kind == .object || type.kind == .interface else {
                throw GraphQLError("Expected \"\(typeName)\" to be an object type or interface type.")
            }
            guard let field = type.field(named: fieldName) else {
                throw GraphQLError("Expected \"\(fieldName)\" to exist as a field of type \"\(typeName)\" in the schema.")
            }
            return field.argument(named: argumentName).map { .argument($0, field: fieldName, parentType: typeName) }
        case .directive(let name):
            return directive(named: name).map(SchemaElement.directive)
        case .directiveArgument(let directiveName, let argumentName):
            guard let directive = directive(named: directiveName) else {
                throw GraphQLError("Expected \"\(directiveName)\" to be defined as a directive in the schema.")
            }
            return directive.argument(named: argumentName).map { .directiveArgument($0, directive: directiveName) }
        }
    }

    /// The element a coordinate written as text names (`"XenonRun.data"`); see `element(at:)`.
    public func element(at coordinate: String) throws(GraphQLError) -> SchemaElement? {
        try element(at: parseSchemaCoordinate(coordinate))
    }

    private func containingType(_ name: String) throws(GraphQLError) -> GraphQLNamedType {
        guard let type = type(named: name) else {
            throw GraphQLError("Expected \"\(name)\" to be defined as a type in the schema.")
        }
        return type
    }
}
