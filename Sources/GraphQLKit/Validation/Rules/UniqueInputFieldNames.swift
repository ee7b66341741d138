// Input Object Field Uniqueness (spec §5.6.3).

extension ValidationRule {
    public static let uniqueInputFieldNames = ValidationRule(name: "UniqueInputFieldNames", typed: { _ in UniqueInputFieldNamesRule.shared })
}

final class UniqueInputFieldNamesRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = UniqueInputFieldNamesRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.objectValue)]

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        guard case .objectValue(let object) = node, object.fields.count > 1 else { return .continue }
        var first: [String: Name] = [:]
        for field in object.fields {
            let name = field.name
            if let earlier = first[name.value] {
                context.report("There can be only one input field named \"\(name.value)\".", at: [earlier.location, name.location])
            } else {
                first[name.value] = name
            }
        }
        return .continue
    }
}
