// Typed entry points for the rules of this module. The public `ValidationRuleVisitor` gets every
// node as an `ASTNode`: building one copies the node (a field is several references and a few
// words) and each rule copies it again to unpack it. The kinds visited most (fields, selection
// sets, directives, arguments, spreads, fragments, variable definitions, named types) reach
// these rules as the typed nodes the walk already holds. `leave` is called only for the kinds in
// `leaveInterests` (most rules act on enter only).
//
// Rules written elsewhere keep the public protocol: the dispatcher wraps them in
// `UntypedRuleVisitor`, whose typed entry points build the `ASTNode` as before.

protocol TypedRuleVisitor: ValidationRuleVisitor {
    /// The node kinds the rule wants `enter` calls for (default: `interests`).
    var enterInterests: ASTNode.KindSet { get }
    /// The node kinds the rule wants `leave` calls for (default: none).
    var leaveInterests: ASTNode.KindSet { get }
    func enterField(_ field: Field, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction
    func leaveField(_ field: Field, _ context: ValidationContext, _ visit: VisitContext)
    func enterSelectionSet(_ set: SelectionSet, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction
    func enterDirective(_ directive: Directive, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction
    func leaveDirective(_ directive: Directive, _ context: ValidationContext, _ visit: VisitContext)
    func enterArgument(_ argument: Argument, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction
    func enterFragmentSpread(_ spread: FragmentSpread, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction
    func enterInlineFragment(_ fragment: InlineFragment, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction
    func enterVariableDefinition(
        _ definition: VariableDefinition, _ context: ValidationContext, _ visit: VisitContext
    ) -> VisitAction
    func enterNamedType(_ type: NamedType, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction
    /// Whether the visitor can serve another document after `reset()`: a prepared `Validator`
    /// keeps its visitors between validations (see `ValidationRun`).
    var isReusable: Bool { get }
    /// Whether the visitor has no state (`reset` does nothing).
    var isStateless: Bool { get }
    /// Forgets everything the visitor learned of the last document.
    func reset()
}

extension TypedRuleVisitor {
    var enterInterests: ASTNode.KindSet { interests }
    var leaveInterests: ASTNode.KindSet { [] }
    /// Not reusable unless the rule says so: state a reset misses would leak into the next
    /// validation.
    var isReusable: Bool { false }
    var isStateless: Bool { false }
    func reset() {}
    func enterField(_ field: Field, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        enter(.field(field), context, visit)
    }
    func leaveField(_ field: Field, _ context: ValidationContext, _ visit: VisitContext) {
        leave(.field(field), context, visit)
    }
    func enterSelectionSet(_ set: SelectionSet, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        enter(.selectionSet(set), context, visit)
    }
    func enterDirective(_ directive: Directive, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        enter(.directive(directive), context, visit)
    }
    func leaveDirective(_ directive: Directive, _ context: ValidationContext, _ visit: VisitContext) {
        leave(.directive(directive), context, visit)
    }
    func enterArgument(_ argument: Argument, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        enter(.argument(argument), context, visit)
    }
    func enterFragmentSpread(_ spread: FragmentSpread, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        enter(.fragmentSpread(spread), context, visit)
    }
    func enterInlineFragment(_ fragment: InlineFragment, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        enter(.inlineFragment(fragment), context, visit)
    }
    func enterVariableDefinition(
        _ definition: VariableDefinition, _ context: ValidationContext, _ visit: VisitContext
    ) -> VisitAction {
        enter(.variableDefinition(definition), context, visit)
    }
    func enterNamedType(_ type: NamedType, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        enter(.namedType(type), context, visit)
    }
}

/// A rule without state (a `Sendable` final class), one instance shared by every validation:
/// nothing to reset.
protocol StatelessRuleVisitor: TypedRuleVisitor, Sendable {}

extension StatelessRuleVisitor {
    var isReusable: Bool { true }
    var isStateless: Bool { true }
}

/// A rule that only knows the public protocol: every call gets an `ASTNode`, and `leave` is
/// called for every kind it is interested in.
final class UntypedRuleVisitor: TypedRuleVisitor {
    let base: any ValidationRuleVisitor
    let interests: ASTNode.KindSet
    var leaveInterests: ASTNode.KindSet { interests }

    init(_ base: any ValidationRuleVisitor) {
        self.base = base
        interests = base.interests
    }

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        base.enter(node, context, visit)
    }

    func leave(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) {
        base.leave(node, context, visit)
    }
}
