// Directives Are Defined (spec §5.7.1) and Directives Are in Valid Locations (§5.7.2).

extension ValidationRule {
    public static let knownDirectives = ValidationRule(name: "KnownDirectives", typed: { _ in KnownDirectivesRule() })
}

final class KnownDirectivesRule: TypedRuleVisitor {
    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.directive)]
    private var documentDirectives: [String: [String]]? = nil

    var isReusable: Bool { true }
    func reset() { documentDirectives = nil }

    func enterDirective(_ directive: Directive, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        let name = directive.name.value
        let locations: [String]
        if let definition = context.lookup.directive(named: name) {
            if let here = directiveLocation(visit, context), !definition.locations.contains(here) {
                context.report("Directive \"@\(name)\" may not be used on \(here.rawValue).", at: directive.location)
            }
            return .skip
        } else if let fromDocument = documentDirectiveLocations(context)[name] {
            locations = fromDocument
        } else {
            context.report("Unknown directive \"@\(name)\".", at: directive.location)
            return .skip
        }
        if let here = directiveLocation(visit, context), !locations.contains(here.rawValue) {
            context.report("Directive \"@\(name)\" may not be used on \(here.rawValue).", at: directive.location)
        }
        return .skip
    }

    /// Where the directive is applied, from its parent node.
    private func directiveLocation(_ visit: VisitContext, _ context: ValidationContext) -> DirectiveLocation? {
        guard let parent = visit.parentKind else { return nil }
        switch parent {
        case .operationDefinition:
            guard case .operation(let op) = context.document.definitions[context.currentDefinition] else { return nil }
            switch op.operation {
            case .query: return .query
            case .mutation: return .mutation
            case .subscription: return .subscription
            }
        case .field: return .field
        case .fragmentSpread: return .fragmentSpread
        case .inlineFragment: return .inlineFragment
        case .fragmentDefinition: return .fragmentDefinition
        case .variableDefinition: return .variableDefinition
        case .schemaDefinition, .schemaExtension: return .schema
        case .scalarTypeDefinition, .scalarTypeExtension: return .scalar
        case .objectTypeDefinition, .objectTypeExtension: return .object
        case .fieldDefinition: return .fieldDefinition
        case .interfaceTypeDefinition, .interfaceTypeExtension: return .interface
        case .unionTypeDefinition, .unionTypeExtension: return .union
        case .enumTypeDefinition, .enumTypeExtension: return .enumType
        case .enumValueDefinition: return .enumValue
        case .inputObjectTypeDefinition, .inputObjectTypeExtension: return .inputObject
        case .inputValueDefinition:
            let kinds = visit.ancestorKinds
            let grandparent = kinds.count >= 2 ? kinds[kinds.count - 2] : nil
            return grandparent == .inputObjectTypeDefinition || grandparent == .inputObjectTypeExtension
                ? .inputFieldDefinition : .argumentDefinition
        default: return nil
        }
    }

    private func documentDirectiveLocations(_ context: ValidationContext) -> [String: [String]] {
        if let documentDirectives { return documentDirectives }
        var found: [String: [String]] = [:]
        for case .directive(let d) in context.document.definitions { found[d.name.value] = d.locations.map(\.value) }
        documentDirectives = found
        return found
    }
}
