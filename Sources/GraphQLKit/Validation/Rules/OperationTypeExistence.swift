// Operation Type Existence (spec §5.2.1.1, new in September 2025): the schema must have a root
// type for each kind of operation the document defines.

extension ValidationRule {
    public static let knownOperationTypes = ValidationRule(name: "KnownOperationTypes", typed: { _ in KnownOperationTypesRule.shared })
}

final class KnownOperationTypesRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = KnownOperationTypesRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.operationDefinition)]

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        guard case .operationDefinition(let op) = node else { return .continue }
        if context.schema.rootType(for: op.operation) == nil {
            context.report("The \(op.operation.rawValue) operation is not supported by the schema.", at: op.location)
        }
        return .skip
    }
}
