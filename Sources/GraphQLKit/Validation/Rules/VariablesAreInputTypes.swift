// Variables Are Input Types (spec §5.8.2): scalars, enums and input objects only.

extension ValidationRule {
    public static let variablesAreInputTypes = ValidationRule(name: "VariablesAreInputTypes", typed: { _ in VariablesAreInputTypesRule.shared })
}

final class VariablesAreInputTypesRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = VariablesAreInputTypesRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.variableDefinition)]

    func enterVariableDefinition(
        _ definition: VariableDefinition, _ context: ValidationContext, _ visit: VisitContext
    ) -> VisitAction {
        // TypeInfo looked the type up on entering the definition.
        if let type = context.typeInfo.variableNamedType, !type.isInput {
            context.report(
                "Variable \"$\(definition.variable.name.value)\" cannot be non-input type \"\(Printer.print(definition.type))\".",
                at: definition.type.location)
        }
        return .skip
    }
}
