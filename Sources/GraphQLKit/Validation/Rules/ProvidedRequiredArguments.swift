// Required Arguments (spec §5.4.2.1): non-null arguments without a default must be given, on
// fields and on directives.

extension ValidationRule {
    public static let providedRequiredArguments = ValidationRule(name: "ProvidedRequiredArguments", typed: { _ in
        ProvidedRequiredArgumentsRule()
    })
}

final class ProvidedRequiredArgumentsRule: TypedRuleVisitor {
    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.field), .init(.directive)]
    var enterInterests: ASTNode.KindSet { [] }
    var leaveInterests: ASTNode.KindSet { Self.kinds }
    private var documentDirectives: [String: [InputValueDefinition]]? = nil

    var isReusable: Bool { true }
    func reset() { documentDirectives = nil }

    func leaveField(_ field: Field, _ context: ValidationContext, _ visit: VisitContext) {
        guard let resolved = context.typeInfo.resolvedField, !resolved.requiredArguments.isEmpty else { return }
        for argument in resolved.requiredArguments {
            if !field.arguments.contains(where: { $0.name.value == argument.name }) {
                context.report(
                    "Field \"\(resolved.definition.name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                    at: field.location)
            }
        }
    }

    func leaveDirective(_ directive: Directive, _ context: ValidationContext, _ visit: VisitContext) {
        do {
            let name = directive.name.value
            var required: [(name: String, type: String)] = []
            if let definition = context.lookup.directive(named: name) {
                if definition.requiredArguments.isEmpty { return }
                required = definition.requiredArguments.map { ($0.name, $0.type.description) }
            } else if let definition = documentDirectiveArguments(context)[name] {
                required = definition.filter { GraphQLType($0.type).isNonNull && $0.defaultValue == nil }
                    .map { ($0.name.value, Printer.print($0.type)) }
            }
            for argument in required where !directive.arguments.contains(where: { $0.name.value == argument.name }) {
                context.report(
                    "Directive \"@\(name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                    at: directive.location)
            }
        }
    }

    private func documentDirectiveArguments(_ context: ValidationContext) -> [String: [InputValueDefinition]] {
        if let documentDirectives { return documentDirectives }
        var found: [String: [InputValueDefinition]] = [:]
        for case .directive(let d) in context.document.definitions { found[d.name.value] = d.arguments }
        documentDirectives = found
        return found
    }
}
