// All Variables Used (spec §5.8.4): every variable an operation defines must be used by it or
// by a fragment it reaches.

extension ValidationRule {
    public static let noUnusedVariables = ValidationRule(name: "NoUnusedVariables") { _ in NoUnusedVariablesRule() }
}

final class NoUnusedVariablesRule: ValidationRuleVisitor {
    var interests: ASTNode.KindSet { [.init(.document)] }

    func leave(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) {
        for index in context.operationIndices {
            guard case .operation(let op) = context.document.definitions[index], !op.variableDefinitions.isEmpty else {
                continue
            }
            let used = Set(context.recursiveVariableUsages(ofOperation: index).map(\.variable.name.value))
            for definition in op.variableDefinitions where !used.contains(definition.variable.name.value) {
                let name = definition.variable.name.value
                let message = op.name.map { "Variable \"$\(name)\" is never used in operation \"\($0.value)\"." }
                    ?? "Variable \"$\(name)\" is never used."
                context.report(message, at: definition.location)
                if context.isAborted { return }
            }
        }
    }
}
