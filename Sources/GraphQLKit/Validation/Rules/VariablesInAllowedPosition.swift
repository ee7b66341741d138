// All Variable Usages Are Allowed (spec §5.8.5): a variable's type must fit each position it is
// used in. A nullable variable may fill a non-null position when it or the position has a
// default; a field of a OneOf input object counts as a non-null position.

extension ValidationRule {
    public static let variablesInAllowedPosition = ValidationRule(name: "VariablesInAllowedPosition") { _ in
        VariablesInAllowedPositionRule()
    }
}

final class VariablesInAllowedPositionRule: ValidationRuleVisitor {
    var interests: ASTNode.KindSet { [.init(.document)] }

    func leave(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) {
        let schema = context.schema
        for index in context.operationIndices {
            guard case .operation(let op) = context.document.definitions[index], !op.variableDefinitions.isEmpty else {
                continue
            }
            // Each definition's type, once. A name defined twice (an error of its own) counts as
            // its last definition, as in the reference; one of an unknown type is not checked.
            var definitions: [String: (definition: VariableDefinition, type: GraphQLType?, hasNonNullDefault: Bool)] = [:]
            for d in op.variableDefinitions {
                var hasNonNullDefault = d.defaultValue != nil
                if let value = d.defaultValue, case .null = value { hasNonNullDefault = false }
                let known = schema.indexOfType(named: d.type.namedType.name.value) != nil
                definitions[d.variable.name.value] = (d, known ? GraphQLType(d.type) : nil, hasNonNullDefault)
            }
            for usage in context.recursiveVariableUsages(ofOperation: index) {
                let name = usage.variable.name.value
                guard let locationType = usage.type, let entry = definitions[name], let variableType = entry.type
                else { continue }
                let definition = entry.definition
                let hasNonNullDefault = entry.hasNonNullDefault
                if !isAllowed(variableType, hasNonNullDefault, locationType, usage.defaultValue != nil, schema) {
                    context.report(
                        "Variable \"$\(name)\" of type \"\(variableType)\" used in position expecting type \"\(locationType)\".",
                        at: [definition.location, usage.variable.location])
                } else if let oneOf = usage.oneOfParent, !variableType.isNonNull, !hasNonNullDefault {
                    context.report(
                        "Variable \"$\(name)\" is of type \"\(variableType)\" but must be non-nullable to be used for OneOf Input Object \"\(oneOf)\".",
                        at: [definition.location, usage.variable.location])
                }
                if context.isAborted { return }
            }
        }
    }

    private func isAllowed(
        _ variableType: GraphQLType, _ hasNonNullDefault: Bool, _ locationType: GraphQLType, _ hasLocationDefault: Bool,
        _ schema: Schema
    ) -> Bool {
        if case .nonNull(let inner) = locationType, !variableType.isNonNull {
            guard hasNonNullDefault || hasLocationDefault else { return false }
            return schema.isTypeSubType(variableType, of: inner)
        }
        return schema.isTypeSubType(variableType, of: locationType)
    }
}
