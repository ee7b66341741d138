// Fragments Must Be Used (spec §5.5.1.4): every fragment must be reachable from an operation.

extension ValidationRule {
    public static let noUnusedFragments = ValidationRule(name: "NoUnusedFragments", typed: { _ in NoUnusedFragmentsRule() })
}

final class NoUnusedFragmentsRule: TypedRuleVisitor {
    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.document)]
    var leaveInterests: ASTNode.KindSet { Self.kinds }

    func leave(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) {
        var used = Set<String>()
        for op in context.operationIndices {
            for f in context.recursivelyReferencedFragments(ofOperation: op) {
                if case .fragment(let fragment) = context.document.definitions[f] { used.insert(fragment.name.value) }
            }
        }
        for f in context.fragmentIndices {
            guard case .fragment(let fragment) = context.document.definitions[f] else { continue }
            if !used.contains(fragment.name.value) {
                context.report("Fragment \"\(fragment.name.value)\" is never used.", at: fragment.location)
            }
        }
    }
}
