// All Variables Used (spec §5.8.4): every variable an operation defines must be used by it or
// by a fragment it reaches.

extension ValidationRule {
    public static let noUnusedVariables = ValidationRule(name: "NoUnusedVariables", typed: { _ in NoUnusedVariablesRule.shared })
}

final class NoUnusedVariablesRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = NoUnusedVariablesRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.document)]
    var leaveInterests: ASTNode.KindSet { Self.kinds }
    private static let scanLimit = 16

    func leave(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) {
        for index in context.operationIndices {
            guard case .operation(let op) = context.document.definitions[index], !op.variableDefinitions.isEmpty else {
                continue
            }
            // A few usages are scanned (cheaper than hashing every name into a set); many get a
            // set, so the rule stays linear.
            let usages = context.recursiveVariableUsages(ofOperation: index)
            let used: Set<String>? = usages.count > Self.scanLimit ? Set(usages.map(\.variable.name.value)) : nil
            for definition in op.variableDefinitions {
                let name = definition.variable.name.value
                if let used {
                    if used.contains(name) { continue }
                } else if usages.contains(where: { $0.variable.name.value == name }) {
                    continue
                }
                let message = op.name.map { "Variable \"$\(name)\" is never used in operation \"\($0.value)\"." }
                    ?? "Variable \"$\(name)\" is never used."
                context.report(message, at: definition.location)
                if context.isAborted { return }
            }
        }
    }
}
