// Argument Names (spec §5.4.1): every argument given to a field or directive must be defined by it.

extension ValidationRule {
    public static let knownArgumentNames = ValidationRule(name: "KnownArgumentNames", typed: { _ in KnownArgumentNamesRule() })
}

final class KnownArgumentNamesRule: TypedRuleVisitor {
    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.argument), .init(.directive)]
    /// Argument names of directives the document itself defines (SDL in the document).
    private var documentDirectives: [String: [String]]? = nil

    var isReusable: Bool { true }
    func reset() { documentDirectives = nil }

    func enterDirective(_ directive: Directive, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        do {
            // Directives are checked here, so their arguments need no visit of their own.
            let name = directive.name.value
            let known: [String]
            if let definition = context.lookup.directive(named: name) {
                if directive.arguments.isEmpty { return .skip }
                known = definition.definition.arguments.map(\.name)
            } else if let fromDocument = documentDirectiveArguments(context)[name] {
                known = fromDocument
            } else {
                return .skip
            }
            for argument in directive.arguments where !known.contains(argument.name.value) {
                context.report(
                    "Unknown argument \"\(argument.name.value)\" on directive \"@\(name)\"."
                        + didYouMean(suggestionList(argument.name.value, options: known)),
                    at: argument.location)
            }
            return .skip
        }
    }

    func enterArgument(_ argument: Argument, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        do {
            guard !context.typeInfo.hasArgumentDefinition, let field = context.typeInfo.fieldDefinition,
                let parent = context.typeInfo.parentTypeName
            else { return .continue }
            context.report(
                "Unknown argument \"\(argument.name.value)\" on field \"\(parent).\(field.name)\"."
                    + didYouMean(suggestionList(argument.name.value, options: field.arguments.map(\.name))),
                at: argument.location)
            return .continue
        }
    }

    private func documentDirectiveArguments(_ context: ValidationContext) -> [String: [String]] {
        if let documentDirectives { return documentDirectives }
        var found: [String: [String]] = [:]
        for case .directive(let d) in context.document.definitions {
            found[d.name.value] = d.arguments.map(\.name.value)
        }
        documentDirectives = found
        return found
    }
}
