// Fragment Spreads Must Not Form Cycles (spec §5.5.2.2). Each fragment is explored once, with
// the current spread path kept, so the check is linear in the number of spreads.

extension ValidationRule {
    public static let noFragmentCycles = ValidationRule(name: "NoFragmentCycles", typed: { _ in NoFragmentCyclesRule() })
}

final class NoFragmentCyclesRule: TypedRuleVisitor {
    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.operationDefinition), .init(.fragmentDefinition)]
    private var visited = Set<String>()
    private var path: [FragmentSpread] = []
    private var pathIndexByName: [String: Int] = [:]

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        if case .fragmentDefinition(let fragment) = node {
            let index = context.currentDefinition
            detectCycles(from: fragment.name.value, definition: index, context)
        }
        return .skip
    }

    private func detectCycles(from name: String, definition: Int, _ context: ValidationContext) {
        guard visited.insert(name).inserted else { return }
        let spreads = context.fragmentSpreads(inDefinition: definition)
        if spreads.isEmpty { return }
        pathIndexByName[name] = path.count
        for spread in spreads {
            if context.isAborted { break }
            let target = spread.name.value
            path.append(spread)
            if let cycleStart = pathIndexByName[target] {
                let cycle = path[cycleStart...]
                let via = cycle.dropLast().map { "\"" + $0.name.value + "\"" }.joined(separator: ", ")
                context.report(
                    "Cannot spread fragment \"\(target)\" within itself" + (via.isEmpty ? "." : " via \(via)."),
                    at: cycle.map(\.location))
            } else if let next = context.fragmentIndex(named: target) {
                detectCycles(from: target, definition: next, context)
            }
            path.removeLast()
        }
        pathIndexByName[name] = nil
    }
}
