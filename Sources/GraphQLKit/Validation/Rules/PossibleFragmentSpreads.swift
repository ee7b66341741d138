// Fragment Spread Is Possible (spec §5.5.2.3): a fragment may only be spread where some object
// could be of both the parent type and the fragment's type.

extension ValidationRule {
    public static let possibleFragmentSpreads = ValidationRule(name: "PossibleFragmentSpreads") { _ in
        PossibleFragmentSpreadsRule()
    }
}

final class PossibleFragmentSpreadsRule: ValidationRuleVisitor {
    var interests: ASTNode.KindSet { [.init(.inlineFragment), .init(.fragmentSpread)] }

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        let schema = context.schema
        guard let parent = context.typeInfo.resolvedParentType else { return .continue }
        switch node {
        case .inlineFragment(let fragment):
            guard let type = context.typeInfo.namedType, type.isComposite, type !== parent else { return .continue }
            let name = type.name
            guard !schema.doTypesOverlap(name, parent.name)
            else { return .continue }
            context.report(
                "Fragment cannot be spread here as objects of type \"\(parent.name)\" can never be of type \"\(name)\".",
                at: fragment.location)
        case .fragmentSpread(let spread):
            guard let fragment = context.fragment(named: spread.name.value) else { return .continue }
            let name = fragment.typeCondition.name.value
            guard name != parent.name, let type = context.lookup.type(named: name), type.isComposite,
                !schema.doTypesOverlap(name, parent.name)
            else { return .continue }
            context.report(
                "Fragment \"\(spread.name.value)\" cannot be spread here as objects of type \"\(parent.name)\" can never be of type \"\(name)\".",
                at: spread.location)
        default:
            break
        }
        return .continue
    }
}
