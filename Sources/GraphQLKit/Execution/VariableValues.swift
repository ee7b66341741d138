// Coercing an operation's variable values (spec §6.1.2 CoerceVariableValues): defaults, null
// versus absent, non-null checks, and every value problem reported with the variable's location.

extension Schema {
    static let maxVariableErrors = 50

    /// The coerced variable values of `operation`, or every problem found in `inputs`.
    /// `source` turns AST offsets into error locations.
    public func coerceVariableValues(
        _ inputs: JSONObject?, for operation: OperationDefinition, source: Source?
    ) throws(GraphQLErrors) -> JSONObject {
        var coerced = JSONObject()
        var errors: [GraphQLError] = []
        let inputs = inputs ?? JSONObject()
        for definition in operation.variableDefinitions {
            let name = definition.variable.name.value
            let type = GraphQLType(definition.type)
            let locations = positions([definition.location], in: source)
            guard let named = self.type(named: type.namedType), named.isInputType else {
                errors.append(GraphQLError(
                    "Variable \"$\(name)\" expected value of type \"\(type)\" which cannot be used as an input type.",
                    locations: positions([definition.type.location], in: source)))
                continue
            }
            guard let value = inputs[name] else {
                if let defaultLiteral = definition.defaultValue {
                    if let d = literalValue(defaultLiteral, type: type, variables: nil) {
                        coerced.append(key: name, value: d)
                    }
                } else if type.isNonNull {
                    errors.append(GraphQLError(
                        "Variable \"$\(name)\" of required type \"\(type)\" was not provided.", locations: locations))
                }
                continue
            }
            if case .null = value, type.isNonNull {
                errors.append(GraphQLError(
                    "Variable \"$\(name)\" of non-null type \"\(type)\" must not be null.", locations: locations))
                continue
            }
            var path: [PathComponent] = []
            var problems: [InputCoercionProblem] = []
            let result = coerceInputValue(value, to: type, path: &path, problems: &problems)
            if problems.isEmpty {
                coerced.append(key: name, value: result)
                continue
            }
            for p in problems {
                // Like the reference, stop after 50 errors: a hostile request could ask for millions.
                if errors.count >= Self.maxVariableErrors {
                    errors.append(GraphQLError(
                        "Too many errors processing variables, error limit reached. Execution aborted."))
                    throw GraphQLErrors(errors)
                }
                var prefix = "Variable \"$\(name)\" got invalid value \(inspect(p.value))"
                if !p.path.isEmpty { prefix += " at \"\(printInputPath(name, p.path))\"" }
                errors.append(GraphQLError(prefix + "; " + p.message, locations: locations))
            }
        }
        guard errors.isEmpty else { throw GraphQLErrors(errors) }
        return coerced
    }
}

/// Several errors at once: what a request that cannot start executing answers.
public struct GraphQLErrors: Error, Sendable, Hashable {
    public var errors: [GraphQLError]
    public init(_ errors: [GraphQLError]) { self.errors = errors }
}

/// Line and column of AST offsets, when the source is known.
func positions(_ locations: [SourceLocation], in source: Source?) -> [SourcePosition] {
    guard let source else { return [] }
    return locations.map { source.position(at: $0.start) }
}
