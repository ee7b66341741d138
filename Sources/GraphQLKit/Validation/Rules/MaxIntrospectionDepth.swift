// Maximum introspection depth (the reference's recommended rule, not part of the spec and not
// in `specifiedRules`): an introspection query may nest the list fields `fields`,
// `interfaces`, `possibleTypes` and `inputFields` at most two deep, through fragments too,
// which stops introspection queries crafted to produce enormous responses.

extension ValidationRule {
    public static let maxIntrospectionDepth = ValidationRule(name: "MaxIntrospectionDepth", typed: { _ in
        MaxIntrospectionDepthRule()
    })
}

final class MaxIntrospectionDepthRule: TypedRuleVisitor {
    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.field)]
    private static let limit = 3
    /// Per fragment and starting depth: whether the limit is reached inside it. Only a few
    /// depths exist below the limit, so every fragment is explored at most that many times.
    private var reachesLimit: [String: [Bool?]] = [:]
    /// Fragments on the current path, so a cycle (reported by its own rule) ends the search.
    private var onPath = Set<String>()

    var isReusable: Bool { true }
    func reset() {
        reachesLimit.removeAll()
        onPath.removeAll()
    }

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        guard case .field(let field) = node, field.name.value == "__schema" || field.name.value == "__type" else {
            return .continue
        }
        if let set = field.selectionSet, exceeds(set, depth: 0, context) {
            context.report("Maximum introspection depth exceeded", at: field.location)
            return .skip
        }
        return .continue
    }

    private func exceeds(_ set: SelectionSet, depth: Int, _ context: ValidationContext) -> Bool {
        for selection in set.selections {
            switch selection {
            case .field(let field):
                var d = depth
                switch field.name.value {
                case "fields", "interfaces", "possibleTypes", "inputFields":
                    d += 1
                    if d >= MaxIntrospectionDepthRule.limit { return true }
                default: break
                }
                if let sub = field.selectionSet, exceeds(sub, depth: d, context) { return true }
            case .inlineFragment(let fragment):
                if exceeds(fragment.selectionSet, depth: depth, context) { return true }
            case .fragmentSpread(let spread):
                let name = spread.name.value
                if let known = reachesLimit[name]?[depth] {
                    if known { return true }
                    continue
                }
                guard !onPath.contains(name), let fragment = context.fragment(named: name) else { continue }
                onPath.insert(name)
                let result = exceeds(fragment.selectionSet, depth: depth, context)
                onPath.remove(name)
                reachesLimit[name, default: Array(repeating: nil, count: MaxIntrospectionDepthRule.limit)][depth] = result
                if result { return true }
            }
        }
        return false
    }
}
