// Fragment Name Uniqueness (spec §5.5.1.1).

extension ValidationRule {
    public static let uniqueFragmentNames = ValidationRule(name: "UniqueFragmentNames", typed: { _ in UniqueFragmentNamesRule() })
}

final class UniqueFragmentNamesRule: TypedRuleVisitor {
    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.fragmentDefinition), .init(.operationDefinition)]
    private var known: [String: Name] = [:]

    var isReusable: Bool { true }
    func reset() { known.removeAll(keepingCapacity: known.capacity <= 64) }

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        guard case .fragmentDefinition(let fragment) = node else { return .skip }
        let name = fragment.name
        if let first = known[name.value] {
            context.report("There can be only one fragment named \"\(name.value)\".", at: [first.location, name.location])
        } else {
            known[name.value] = name
        }
        return .skip
    }
}
