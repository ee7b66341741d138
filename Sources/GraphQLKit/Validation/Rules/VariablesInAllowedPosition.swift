// All Variable Usages Are Allowed (spec §5.8.5): a variable's type must fit each position it is
// used in. A nullable variable may fill a non-null position when it or the position has a
// default; a field of a OneOf input object counts as a non-null position.

extension ValidationRule {
    public static let variablesInAllowedPosition = ValidationRule(name: "VariablesInAllowedPosition", typed: { _ in
        VariablesInAllowedPositionRule.shared
    })
}

final class VariablesInAllowedPositionRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = VariablesInAllowedPositionRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.document)]
    var leaveInterests: ASTNode.KindSet { Self.kinds }
    /// Up to this many variable definitions, a name is found by scanning them.
    private static let scanLimit = 16

    func leave(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) {
        let schema = context.schema
        for index in context.operationIndices {
            guard case .operation(let op) = context.document.definitions[index], !op.variableDefinitions.isEmpty else {
                continue
            }
            // A name's definition is its last one (a name defined twice is an error of its own),
            // as in the reference; one of an unknown type is not checked. A few definitions are
            // scanned and each used one read where it is used: a dictionary of copied definitions
            // cost more than the rest of the rule. Many definitions get an index, so the rule
            // stays linear.
            let definitions = op.variableDefinitions
            var indexByName: [String: Int]? = nil
            if definitions.count > Self.scanLimit {
                var byName: [String: Int] = [:]
                for i in definitions.indices { byName[definitions[i].variable.name.value] = i }
                indexByName = byName
            }
            for usage in context.recursiveVariableUsages(ofOperation: index) {
                guard let locationType = usage.type else { continue }
                let name = usage.variable.name.value
                let found =
                    if let indexByName { indexByName[name] } else {
                        definitions.lastIndex { $0.variable.name.value == name }
                    }
                guard let found else { continue }
                // The usual case: the variable has exactly the position's type (allowed, and
                // its named type is the schema's), outside a OneOf object. Nothing is copied.
                if usage.oneOfParent == nil, sameType(definitions[found].type, locationType) { continue }
                let definition = definitions[found]
                guard context.lookup.type(named: definition.type.namedType.name.value) != nil else { continue }
                let variableType = GraphQLType(definition.type)
                var hasNonNullDefault = definition.defaultValue != nil
                if let value = definition.defaultValue, case .null = value { hasNonNullDefault = false }
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

    /// Whether a written type is the given schema type.
    private func sameType(_ written: TypeReference, _ type: GraphQLType) -> Bool {
        switch (written, type) {
        case (.named(let name), .named(let other)): return name.name.value == other
        case (.list(let item, _), .list(let other)): return sameType(item, other)
        case (.nonNull(let inner, _), .nonNull(let other)): return sameType(inner, other)
        default: return false
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
