// All Variable Uses Defined (spec §5.8.3): every variable an operation uses, directly or through
// its fragments, must be defined by that operation. Checked once the whole document was walked,
// when the usages of every fragment are known.

extension ValidationRule {
    public static let noUndefinedVariables = ValidationRule(name: "NoUndefinedVariables", typed: { _ in NoUndefinedVariablesRule.shared })
}

final class NoUndefinedVariablesRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = NoUndefinedVariablesRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.document)]
    var leaveInterests: ASTNode.KindSet { Self.kinds }
    private static let scanLimit = 16

    func leave(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) {
        for index in context.operationIndices {
            guard case .operation(let op) = context.document.definitions[index] else { continue }
            // A few definitions are scanned (cheaper than hashing every name into a set); many
            // get a set, so the rule stays linear.
            let definitions = op.variableDefinitions
            let defined: Set<String>? =
                definitions.count > Self.scanLimit ? Set(definitions.map(\.variable.name.value)) : nil
            for usage in context.recursiveVariableUsages(ofOperation: index) {
                let name = usage.variable.name.value
                if let defined {
                    if defined.contains(name) { continue }
                } else if definitions.contains(where: { $0.variable.name.value == name }) {
                    continue
                }
                let message = op.name.map { "Variable \"$\(name)\" is not defined by operation \"\($0.value)\"." }
                    ?? "Variable \"$\(name)\" is not defined."
                context.report(message, at: [usage.variable.location, op.location])
                if context.isAborted { return }
            }
        }
    }
}
