// Variable Uniqueness (spec §5.8.1).

extension ValidationRule {
    public static let uniqueVariableNames = ValidationRule(name: "UniqueVariableNames", typed: { _ in UniqueVariableNamesRule.shared })
}

final class UniqueVariableNamesRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = UniqueVariableNamesRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.operationDefinition)]

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        guard case .operationDefinition(let op) = node, op.variableDefinitions.count > 1 else { return .skip }
        let definitions = op.variableDefinitions
        // Most operations have a few distinct variables: check that without building groups.
        var distinct = true
        for i in 1..<definitions.count where distinct {
            let name = definitions[i].variable.name.value
            for earlier in definitions[..<i] where earlier.variable.name.value == name {
                distinct = false
                break
            }
        }
        if distinct { return .skip }
        var groups: [String: [SourceLocation]] = [:]
        var order: [String] = []
        for definition in op.variableDefinitions {
            let name = definition.variable.name
            if groups[name.value] == nil { order.append(name.value) }
            groups[name.value, default: []].append(name.location)
        }
        for name in order {
            guard let locations = groups[name], locations.count > 1 else { continue }
            context.report("There can be only one variable named \"$\(name)\".", at: locations)
        }
        return .skip
    }
}
