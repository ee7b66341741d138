// Fragment Spread Target Defined (spec §5.5.2.1).

extension ValidationRule {
    public static let knownFragmentNames = ValidationRule(name: "KnownFragmentNames", typed: { _ in KnownFragmentNamesRule.shared })
}

final class KnownFragmentNamesRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = KnownFragmentNamesRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.fragmentSpread)]

    func enterFragmentSpread(_ spread: FragmentSpread, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        if context.fragmentIndex(named: spread.name.value) == nil {
            context.report("Unknown fragment \"\(spread.name.value)\".", at: spread.name.location)
        }
        return .continue
    }
}
