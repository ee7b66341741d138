// Operation Name Uniqueness (spec §5.2.1.1).

extension ValidationRule {
    public static let uniqueOperationNames = ValidationRule(name: "UniqueOperationNames", typed: { _ in UniqueOperationNamesRule() })
}

final class UniqueOperationNamesRule: TypedRuleVisitor {
    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.operationDefinition)]
    private var known: [String: Name] = [:]

    var isReusable: Bool { true }
    func reset() { known.removeAll(keepingCapacity: known.capacity <= 64) }

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        guard case .operationDefinition(let op) = node, let name = op.name else { return .skip }
        if let first = known[name.value] {
            context.report("There can be only one operation named \"\(name.value)\".", at: [first.location, name.location])
        } else {
            known[name.value] = name
        }
        return .skip
    }
}
