// Fragments Must Be Used (spec §5.5.1.4): every fragment must be reachable from an operation.

extension ValidationRule {
    public static let noUnusedFragments = ValidationRule(name: "NoUnusedFragments", typed: { _ in NoUnusedFragmentsRule.shared })
}

final class NoUnusedFragmentsRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = NoUnusedFragmentsRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.document)]
    var leaveInterests: ASTNode.KindSet { Self.kinds }

    func leave(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) {
        // Marked by definition index: a reached name's index is that of its last definition,
        // so an unmarked fragment is looked up by name (an earlier definition of a used name
        // counts as used, as the reference compares names).
        var used = Array(repeating: false, count: context.document.definitions.count)
        for op in context.operationIndices {
            for f in context.recursivelyReferencedFragments(ofOperation: op) { used[f] = true }
        }
        for f in context.fragmentIndices where !used[f] {
            guard case .fragment(let fragment) = context.document.definitions[f] else { continue }
            if let last = context.fragmentIndex(named: fragment.name.value), used[last] { continue }
            context.report("Fragment \"\(fragment.name.value)\" is never used.", at: fragment.location)
        }
    }
}
