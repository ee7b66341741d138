// Fragment Spread Target Defined (spec §5.5.2.1).

extension ValidationRule {
    public static let knownFragmentNames = ValidationRule(name: "KnownFragmentNames") { _ in KnownFragmentNamesRule() }
}

final class KnownFragmentNamesRule: ValidationRuleVisitor {
    var interests: ASTNode.KindSet { [.init(.fragmentSpread)] }

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        guard case .fragmentSpread(let spread) = node else { return .continue }
        if context.fragmentIndex(named: spread.name.value) == nil {
            context.report("Unknown fragment \"\(spread.name.value)\".", at: spread.name.location)
        }
        return .continue
    }
}
