// Directives Are Unique per Location (spec §5.7.3): a non-repeatable directive is applied at
// most once to a node.

extension ValidationRule {
    public static let uniqueDirectivesPerLocation = ValidationRule(name: "UniqueDirectivesPerLocation", typed: { _ in
        UniqueDirectivesPerLocationRule()
    })
}

final class UniqueDirectivesPerLocationRule: TypedRuleVisitor {
    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [
        .init(.operationDefinition), .init(.field), .init(.fragmentSpread), .init(.inlineFragment),
        .init(.fragmentDefinition), .init(.variableDefinition), .init(.schemaDefinition), .init(.schemaExtension),
        .init(.scalarTypeDefinition), .init(.scalarTypeExtension), .init(.objectTypeDefinition),
        .init(.objectTypeExtension), .init(.fieldDefinition), .init(.interfaceTypeDefinition),
        .init(.interfaceTypeExtension), .init(.unionTypeDefinition), .init(.unionTypeExtension),
        .init(.enumTypeDefinition), .init(.enumTypeExtension), .init(.enumValueDefinition),
        .init(.inputObjectTypeDefinition), .init(.inputObjectTypeExtension), .init(.inputValueDefinition),
    ]
    private var documentRepeatable: [String: Bool]? = nil

    var isReusable: Bool { true }
    func reset() { documentRepeatable = nil }

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        let directives: [Directive]
        switch node {
        case .operationDefinition(let n): directives = n.directives
        case .field(let n): directives = n.directives
        case .fragmentSpread(let n): directives = n.directives
        case .inlineFragment(let n): directives = n.directives
        case .fragmentDefinition(let n): directives = n.directives
        case .variableDefinition(let n): directives = n.directives
        case .schemaDefinition(let n): directives = n.directives
        case .schemaExtension(let n): directives = n.directives
        case .scalarTypeDefinition(let n), .scalarTypeExtension(let n): directives = n.directives
        case .objectTypeDefinition(let n), .objectTypeExtension(let n): directives = n.directives
        case .fieldDefinition(let n): directives = n.directives
        case .interfaceTypeDefinition(let n), .interfaceTypeExtension(let n): directives = n.directives
        case .unionTypeDefinition(let n), .unionTypeExtension(let n): directives = n.directives
        case .enumTypeDefinition(let n), .enumTypeExtension(let n): directives = n.directives
        case .enumValueDefinition(let n): directives = n.directives
        case .inputObjectTypeDefinition(let n), .inputObjectTypeExtension(let n): directives = n.directives
        case .inputValueDefinition(let n): directives = n.directives
        default: return .continue
        }
        check(directives, context)
        return .continue
    }

    // The kinds met in executable documents, without an `ASTNode` each.
    func enterField(_ field: Field, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        check(field.directives, context)
        return .continue
    }

    func enterFragmentSpread(_ spread: FragmentSpread, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        check(spread.directives, context)
        return .continue
    }

    func enterInlineFragment(_ fragment: InlineFragment, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        check(fragment.directives, context)
        return .continue
    }

    func enterVariableDefinition(
        _ definition: VariableDefinition, _ context: ValidationContext, _ visit: VisitContext
    ) -> VisitAction {
        check(definition.directives, context)
        return .continue
    }

    private func check(_ directives: [Directive], _ context: ValidationContext) {
        guard directives.count > 1 else { return }
        var seen: [String: Directive] = [:]
        for directive in directives {
            let name = directive.name.value
            guard let repeatable = isRepeatable(name, context), !repeatable else { continue }
            if let first = seen[name] {
                context.report(
                    "The directive \"@\(name)\" can only be used once at this location.",
                    at: [first.location, directive.location])
            } else {
                seen[name] = directive
            }
        }
    }

    /// Whether a known directive is repeatable; nil for unknown directives (not this rule's concern).
    private func isRepeatable(_ name: String, _ context: ValidationContext) -> Bool? {
        if let d = context.lookup.directive(named: name) { return d.definition.isRepeatable }
        if documentRepeatable == nil {
            var found: [String: Bool] = [:]
            for case .directive(let d) in context.document.definitions { found[d.name.value] = d.isRepeatable }
            documentRepeatable = found
        }
        return documentRepeatable?[name]
    }
}
