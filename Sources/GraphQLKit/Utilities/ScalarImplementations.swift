// Custom scalars declared in SDL (`scalar DateTime`) pass values through unchanged until the
// application says how to coerce them. This gives an SDL-built schema the application's three
// operations for some of its scalars, keeping everything else (descriptions, `@specifiedBy`,
// AST nodes, type order) as it was.

/// How one custom scalar coerces results, variable values and literals.
public struct ScalarImplementation: Sendable {
    public var serialize: GraphQLScalarType.Serialize
    public var parseValue: GraphQLScalarType.ParseValue
    public var parseLiteral: GraphQLScalarType.ParseLiteral

    public init(
        serialize: @escaping GraphQLScalarType.Serialize,
        parseValue: @escaping GraphQLScalarType.ParseValue,
        parseLiteral: @escaping GraphQLScalarType.ParseLiteral
    ) {
        self.serialize = serialize
        self.parseValue = parseValue
        self.parseLiteral = parseLiteral
    }
}

extension Schema {
    /// This schema with the named custom scalars coerced by `implementations`. Throws when a
    /// name is not a custom scalar of the schema (the built-in five cannot be replaced).
    public func implementingScalars(_ implementations: [String: ScalarImplementation]) throws(SchemaError) -> Schema {
        var problems: [String] = []
        for name in implementations.keys.sorted() {
            guard let scalar = scalarType(named: name) else {
                problems.append("Scalar implementation \"\(name)\" names no scalar type of the schema.")
                continue
            }
            if scalar.isSpecified { problems.append("The built-in scalar \"\(name)\" cannot be reimplemented.") }
        }
        guard problems.isEmpty else {
            throw SchemaError(diagnostics: problems.map { SchemaError.Diagnostic(error: GraphQLError($0), sourceNames: []) })
        }
        let given: [GraphQLNamedType] = types.compactMap { type in
            if case .scalar(let s) = type {
                if s.isSpecified { return nil }
                if let implementation = implementations[s.name] {
                    var replaced = s
                    replaced.serialize = implementation.serialize
                    replaced.parseValue = implementation.parseValue
                    replaced.parseLiteral = implementation.parseLiteral
                    return .scalar(replaced)
                }
            }
            return Introspection.isIntrospectionType(type.name) ? nil : type
        }
        return Schema(
            query: queryTypeName, mutation: mutationTypeName, subscription: subscriptionTypeName, types: given,
            directives: directives, description: description, sources: sources, astNode: astNode,
            extensionASTNodes: extensionASTNodes)
    }
}
