// Answers introspection (spec §4.2, September 2025 edition): the `__schema` and `__type(name:)`
// meta-fields and every field of the introspection types, resolved from the `Schema` itself.
// `__typename` is written by the executor straight from the plan.

/// A schema element as introspection's runtime value.
enum IntrospectionNode: Sendable {
    case schema
    case type(GraphQLType)
    case field(GraphQLField)
    case inputValue(GraphQLInputValue)
    case enumValue(GraphQLEnumValue)
    case directive(GraphQLDirective)
}

/// The built-in resolver for `typeName.fieldName`, when it is an introspection field.
func introspectionResolver(typeName: String, fieldName: String, schema: Schema) -> FieldResolver.Sync? {
    if typeName == schema.queryTypeName {
        switch fieldName {
        case "__schema":
            return { _, _, _, _ in .opaque(IntrospectionNode.schema) }
        case "__type":
            return { _, arguments, _, info in
                guard case .string(let name)? = arguments["name"], info.schema.type(named: name) != nil else { return .null }
                return .opaque(IntrospectionNode.type(.named(name)))
            }
        default: break
        }
    }
    guard Introspection.isIntrospectionType(typeName) else { return nil }
    return { parent, arguments, _, info in
        guard case .opaque(let value) = parent, let node = value as? IntrospectionNode else { return .null }
        return resolveIntrospection(node, fieldName, arguments, info.schema)
    }
}

private func wrap(_ node: IntrospectionNode) -> FieldValue { .opaque(node) }

private func string(_ s: String?) -> FieldValue {
    guard let s else { return .null }
    return .json(.string(s))
}

private func includeDeprecated(_ arguments: JSONObject) -> Bool {
    if case .bool(true)? = arguments["includeDeprecated"] { return true }
    return false
}

private func resolveIntrospection(
    _ node: IntrospectionNode, _ field: String, _ arguments: JSONObject, _ schema: Schema
) -> FieldValue {
    switch node {
    case .schema:
        switch field {
        case "description": return string(schema.description)
        case "types": return .list(schema.types.map { wrap(.type(.named($0.name))) })
        case "queryType": return schema.queryTypeName.map { wrap(.type(.named($0))) } ?? .null
        case "mutationType": return schema.mutationTypeName.map { wrap(.type(.named($0))) } ?? .null
        case "subscriptionType": return schema.subscriptionTypeName.map { wrap(.type(.named($0))) } ?? .null
        case "directives": return .list(schema.directives.map { wrap(.directive($0)) })
        default: return .null
        }
    case .type(let type):
        return resolveType(type, field, arguments, schema)
    case .field(let f):
        switch field {
        case "name": return string(f.name)
        case "description": return string(f.description)
        case "args":
            let all = includeDeprecated(arguments)
            return .list(f.arguments.filter { all || !$0.isDeprecated }.map { wrap(.inputValue($0)) })
        case "type": return wrap(.type(f.type))
        case "isDeprecated": return .json(.bool(f.isDeprecated))
        case "deprecationReason": return string(f.deprecationReason)
        default: return .null
        }
    case .inputValue(let v):
        switch field {
        case "name": return string(v.name)
        case "description": return string(v.description)
        case "type": return wrap(.type(v.type))
        case "defaultValue": return string(schema.printedDefaultValue(v))
        case "isDeprecated": return .json(.bool(v.isDeprecated))
        case "deprecationReason": return string(v.deprecationReason)
        default: return .null
        }
    case .enumValue(let v):
        switch field {
        case "name": return string(v.name)
        case "description": return string(v.description)
        case "isDeprecated": return .json(.bool(v.isDeprecated))
        case "deprecationReason": return string(v.deprecationReason)
        default: return .null
        }
    case .directive(let d):
        switch field {
        case "name": return string(d.name)
        case "description": return string(d.description)
        case "isRepeatable": return .json(.bool(d.isRepeatable))
        case "locations": return .json(.list(d.locations.map { .string($0.rawValue) }))
        case "args":
            let all = includeDeprecated(arguments)
            return .list(d.arguments.filter { all || !$0.isDeprecated }.map { wrap(.inputValue($0)) })
        default: return .null
        }
    }
}

private func resolveType(_ type: GraphQLType, _ field: String, _ arguments: JSONObject, _ schema: Schema) -> FieldValue {
    switch type {
    case .nonNull(let inner), .list(let inner):
        switch field {
        case "kind": return string(type.isNonNull ? "NON_NULL" : "LIST")
        case "ofType": return wrap(.type(inner))
        default: return .null
        }
    case .named(let name):
        guard let named = schema.type(named: name) else { return .null }
        switch field {
        case "kind": return string(named.kind.rawValue)
        case "name": return string(name)
        case "description": return string(named.description)
        case "specifiedByURL":
            if case .scalar(let s) = named { return string(s.specifiedByURL) }
            return .null
        case "fields":
            switch named {
            case .object, .interface:
                let all = includeDeprecated(arguments)
                return .list(named.fields.filter { all || !$0.isDeprecated }.map { wrap(.field($0)) })
            default: return .null
            }
        case "interfaces":
            switch named {
            case .object, .interface: return .list(named.interfaces.map { wrap(.type(.named($0))) })
            default: return .null
            }
        case "possibleTypes":
            guard named.isAbstractType else { return .null }
            return .list(schema.possibleTypeNames(of: name).map { wrap(.type(.named($0))) })
        case "enumValues":
            guard case .enumType(let e) = named else { return .null }
            let all = includeDeprecated(arguments)
            return .list(e.values.filter { all || !$0.isDeprecated }.map { wrap(.enumValue($0)) })
        case "inputFields":
            guard case .inputObject(let i) = named else { return .null }
            let all = includeDeprecated(arguments)
            return .list(i.fields.filter { all || !$0.isDeprecated }.map { wrap(.inputValue($0)) })
        case "isOneOf":
            guard case .inputObject(let i) = named else { return .null }
            return .json(.bool(i.isOneOf))
        default: return .null
        }
    }
}
