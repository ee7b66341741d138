// Fragments on Object, Interface or Union Types (spec §5.5.1.3).

extension ValidationRule {
    public static let fragmentsOnCompositeTypes = ValidationRule(name: "FragmentsOnCompositeTypes", typed: { _ in
        FragmentsOnCompositeTypesRule.shared
    })
}

final class FragmentsOnCompositeTypesRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = FragmentsOnCompositeTypesRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.inlineFragment), .init(.fragmentDefinition)]

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        switch node {
        case .inlineFragment(let fragment):
            guard let condition = fragment.typeCondition, let type = context.lookup.type(named: condition.name.value),
                !type.isComposite
            else { return .continue }
            context.report(
                "Fragment cannot condition on non composite type \"\(condition.name.value)\".", at: condition.location)
        case .fragmentDefinition(let fragment):
            let condition = fragment.typeCondition
            guard let type = context.lookup.type(named: condition.name.value), !type.isComposite else { return .continue }
            context.report(
                "Fragment \"\(fragment.name.value)\" cannot condition on non composite type \"\(condition.name.value)\".",
                at: condition.location)
        default:
            break
        }
        return .continue
    }
}
