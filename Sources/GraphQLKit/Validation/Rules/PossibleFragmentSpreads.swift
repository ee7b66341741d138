// Fragment Spread Is Possible (spec §5.5.2.3): a fragment may only be spread where some object
// could be of both the parent type and the fragment's type.

extension ValidationRule {
    public static let possibleFragmentSpreads = ValidationRule(name: "PossibleFragmentSpreads", typed: { _ in
        PossibleFragmentSpreadsRule.shared
    })
}

final class PossibleFragmentSpreadsRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = PossibleFragmentSpreadsRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.inlineFragment), .init(.fragmentSpread)]

    func enterInlineFragment(_ fragment: InlineFragment, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        guard let parent = context.typeInfo.resolvedParentType, let type = context.typeInfo.namedType, type.isComposite,
            type !== parent, !typesOverlap(type, parent, context)
        else { return .continue }
        context.report(
            "Fragment cannot be spread here as objects of type \"\(parent.name)\" can never be of type \"\(type.name)\".",
            at: fragment.location)
        return .continue
    }

    func enterFragmentSpread(_ spread: FragmentSpread, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        // The fragment's condition is read in place: copying the fragment would copy its selections.
        guard let parent = context.typeInfo.resolvedParentType, let index = context.fragmentIndex(named: spread.name.value),
            case .fragment(let fragment) = context.document.definitions[index]
        else { return .continue }
        let name = fragment.typeCondition.name.value
        guard name != parent.name, let type = context.lookup.type(named: name), type.isComposite,
            !typesOverlap(type, parent, context)
        else { return .continue }
        context.report(
            "Fragment \"\(spread.name.value)\" cannot be spread here as objects of type \"\(parent.name)\" can never be of type \"\(name)\".",
            at: spread.location)
        return .continue
    }

    /// `Schema.doTypesOverlap` on the resolved types: their kinds are known, so no type is
    /// looked up (and copied) by name.
    private func typesOverlap(_ a: ResolvedType, _ b: ResolvedType, _ context: ValidationContext) -> Bool {
        if a === b || a.name == b.name { return true }
        let schema = context.schema
        if a.isAbstract {
            if b.isAbstract {
                return schema.possibleTypeNames(of: a.name).contains {
                    schema.isSubType($0, of: b.name) && context.lookup.type(named: $0)?.isObject == true
                }
            }
            return b.isObject && schema.isSubType(b.name, of: a.name)
        }
        if b.isAbstract { return a.isObject && schema.isSubType(a.name, of: b.name) }
        return false
    }
}
