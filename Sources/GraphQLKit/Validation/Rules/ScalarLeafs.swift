// Leaf Field Selections (spec §5.3.3): scalar and enum fields take no selection set; object,
// interface and union fields need one.

extension ValidationRule {
    public static let scalarLeafs = ValidationRule(name: "ScalarLeafs", typed: { _ in ScalarLeafsRule.shared })
}

final class ScalarLeafsRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = ScalarLeafsRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.field)]

    func enterField(_ field: Field, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        guard let named = context.typeInfo.namedType, let type = context.typeInfo.type else { return .continue }
        let name = field.name.value
        if named.isLeaf {
            if let selectionSet = field.selectionSet {
                context.report(
                    "Field \"\(name)\" must not have a selection since type \"\(type)\" has no subfields.",
                    at: selectionSet.location)
            }
        } else if field.selectionSet == nil {
            context.report(
                "Field \"\(name)\" of type \"\(type)\" must have a selection of subfields. Did you mean \"\(name) { ... }\"?",
                at: field.location)
        }
        return .continue
    }
}
