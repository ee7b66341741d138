// Lone Anonymous Operation (spec §5.2.2.1): an operation without a name must be the only one.

extension ValidationRule {
    public static let loneAnonymousOperation = ValidationRule(name: "LoneAnonymousOperation", typed: { _ in LoneAnonymousOperationRule.shared })
}

final class LoneAnonymousOperationRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = LoneAnonymousOperationRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.operationDefinition)]

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        guard case .operationDefinition(let op) = node else { return .skip }
        if op.name == nil, context.operationIndices.count > 1 {
            context.report("This anonymous operation must be the only defined operation.", at: op.location)
        }
        return .skip
    }
}
