// Single Root Field (spec §5.2.3.1): a subscription selects exactly one root field, and not an
// introspection field. Root fields are collected as execution would (fragments followed,
// `@skip`/`@include` with literal conditions applied).

extension ValidationRule {
    public static let singleFieldSubscriptions = ValidationRule(name: "SingleFieldSubscriptions", typed: { _ in
        SingleFieldSubscriptionsRule.shared
    })
}

final class SingleFieldSubscriptionsRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = SingleFieldSubscriptionsRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.operationDefinition), .init(.fragmentDefinition)]

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        guard case .operationDefinition(let op) = node, op.operation == .subscription,
            let root = context.schema.subscriptionTypeName
        else { return .skip }
        var keys: [String] = []
        var fieldsByKey: [String: [Field]] = [:]
        var visitedFragments = Set<String>()
        collect(op.selectionSet, root: root, context, &keys, &fieldsByKey, &visitedFragments)
        let subject = op.name.map { "Subscription \"\($0.value)\"" } ?? "Anonymous Subscription"
        if keys.count > 1 {
            let extra = keys.dropFirst().flatMap { fieldsByKey[$0] ?? [] }
            context.report("\(subject) must select only one top level field.", at: extra.map(\.location))
        }
        for key in keys {
            guard let fields = fieldsByKey[key], let first = fields.first, first.name.value.hasPrefix("__") else { continue }
            context.report("\(subject) must not select an introspection top level field.", at: fields.map(\.location))
        }
        return .skip
    }

    private func collect(
        _ set: SelectionSet, root: String, _ context: ValidationContext, _ keys: inout [String],
        _ fieldsByKey: inout [String: [Field]], _ visitedFragments: inout Set<String>
    ) {
        for selection in set.selections where isIncluded(selection.directives) {
            switch selection {
            case .field(let field):
                let key = field.responseKey
                if fieldsByKey[key] == nil { keys.append(key) }
                fieldsByKey[key, default: []].append(field)
            case .inlineFragment(let fragment):
                if let condition = fragment.typeCondition, !applies(condition.name.value, to: root, context) { continue }
                collect(fragment.selectionSet, root: root, context, &keys, &fieldsByKey, &visitedFragments)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard visitedFragments.insert(name).inserted, let fragment = context.fragment(named: name),
                    applies(fragment.typeCondition.name.value, to: root, context)
                else { continue }
                collect(fragment.selectionSet, root: root, context, &keys, &fieldsByKey, &visitedFragments)
            }
        }
    }

    private func applies(_ condition: String, to root: String, _ context: ValidationContext) -> Bool {
        condition == root || context.schema.isSubType(root, of: condition)
    }

    /// `@skip(if: true)` or `@include(if: false)` written as literals exclude a selection. Only
    /// the first `@skip` and the first `@include` count (a repeat is an error of its own rule).
    private func isIncluded(_ directives: [Directive]) -> Bool {
        for name in ["skip", "include"] {
            guard let d = directives.first(where: { $0.name.value == name }),
                let a = d.arguments.first(where: { $0.name.value == "if" }), case .boolean(let b) = a.value
            else { continue }
            if b.value == (name == "skip") { return false }
        }
        return true
    }
}
