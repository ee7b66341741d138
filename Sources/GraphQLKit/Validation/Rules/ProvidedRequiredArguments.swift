// Required Arguments (spec §5.4.2.1): non-null arguments without a default must be given, on
// fields and on directives.

extension ValidationRule {
    public static let providedRequiredArguments = ValidationRule(name: "ProvidedRequiredArguments") { _ in
        ProvidedRequiredArgumentsRule()
    }
}

final class ProvidedRequiredArgumentsRule: ValidationRuleVisitor {
    var interests: ASTNode.KindSet { [.init(.field), .init(.directive)] }
    private var documentDirectives: [String: [InputValueDefinition]]? = nil

    func leave(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) {
        switch node {
        case .field(let field):
            guard let resolved = context.typeInfo.resolvedField, !resolved.requiredArguments.isEmpty else { return }
            for argument in resolved.requiredArguments {
                if !field.arguments.contains(where: { $0.name.value == argument.name }) {
                    context.report(
                        "Field \"\(resolved.definition.name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" is required, but it was not provided.",
                        at: field.location)
                }
            }
        case .directive(let directive):
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
        default:
            break
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
