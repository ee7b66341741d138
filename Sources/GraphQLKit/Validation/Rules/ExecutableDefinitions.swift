// Executable Definitions (spec §5.1.1): a document to execute holds only operations and fragments.

extension ValidationRule {
    public static let executableDefinitions = ValidationRule(name: "ExecutableDefinitions", typed: { _ in ExecutableDefinitionsRule.shared })
}

final class ExecutableDefinitionsRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = ExecutableDefinitionsRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.document)]

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        guard case .document(let document) = node else { return .continue }
        for definition in document.definitions where !definition.isExecutable {
            let name: String
            switch definition {
            case .schema, .schemaExtension: name = "schema"
            case .type(let d): name = "\"" + d.name.value + "\""
            case .typeExtension(let d): name = "\"" + d.name.value + "\""
            case .directive(let d): name = "\"" + d.name.value + "\""
            case .operation, .fragment: continue
            }
            context.report("The \(name) definition is not executable.", at: definition.location)
        }
        return .continue
    }
}
