// Fragment Spread Type Existence (spec §5.5.1.2) and, in general, every type named in a
// document (fragment conditions, variable types) must exist.

extension ValidationRule {
    public static let knownTypeNames = ValidationRule(name: "KnownTypeNames", typed: { _ in KnownTypeNamesRule() })
}

final class KnownTypeNamesRule: TypedRuleVisitor {
    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.namedType)]
    private var documentTypes: Set<String>? = nil
    private let executableKinds: ASTNode.KindSet = [.init(.operationDefinition), .init(.fragmentDefinition)]

    var isReusable: Bool { true }
    func reset() { documentTypes = nil }

    func enterNamedType(_ named: NamedType, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        let name = named.name.value
        if context.lookup.type(named: name) != nil || definedInDocument(context).contains(name) { return .continue }
        // Type-system definitions in the document may name the built-in types freely.
        let inSDL = visit.ancestorKinds.count > 1 && !executableKinds.contains(visit.ancestorKinds[1])
        let standard = specifiedScalarNames + Introspection.typeNames
        if inSDL, standard.contains(name) { return .continue }
        var options = inSDL ? standard : []
        options.append(contentsOf: context.schema.types.map(\.name))
        options.append(contentsOf: definedInDocument(context))
        context.report("Unknown type \"\(name)\"." + didYouMean(suggestionList(name, options: options)), at: named.location)
        return .continue
    }

    private func definedInDocument(_ context: ValidationContext) -> Set<String> {
        if let documentTypes { return documentTypes }
        var names = Set<String>()
        for case .type(let t) in context.document.definitions { names.insert(t.name.value) }
        documentTypes = names
        return names
    }
}
