// Fragment Spreads Must Not Form Cycles (spec §5.5.2.2). Each fragment is explored once, with
// the current spread path kept, so the check is linear in the number of spreads.

extension ValidationRule {
    public static let noFragmentCycles = ValidationRule(name: "NoFragmentCycles", typed: { _ in NoFragmentCyclesRule() })
}

final class NoFragmentCyclesRule: TypedRuleVisitor {
    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.operationDefinition), .init(.fragmentDefinition)]
    // By definition index: a name stands for its last definition (`fragmentIndex(named:)`), so
    // indices mark the same fragments names did, without hashing names into sets.
    /// Fragments explored already.
    private var visited: [Bool] = []
    /// Each fragment's position on the current spread path, or -1.
    private var pathIndex: [Int] = []
    private var path: [FragmentSpread] = []

    var isReusable: Bool { true }
    func reset() {
        // Storage kept for the next document: the tables are re-filled, not re-allocated.
        visited.removeAll(keepingCapacity: visited.capacity <= 64)
        pathIndex.removeAll(keepingCapacity: pathIndex.capacity <= 64)
        path.removeAll(keepingCapacity: true)
    }

    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        if case .fragmentDefinition(let fragment) = node, let key = context.fragmentIndex(named: fragment.name.value) {
            if visited.isEmpty {
                visited.append(contentsOf: repeatElement(false, count: context.document.definitions.count))
                pathIndex.append(contentsOf: repeatElement(-1, count: context.document.definitions.count))
            }
            detectCycles(from: key, definition: context.currentDefinition, context)
        }
        return .skip
    }

    private func detectCycles(from key: Int, definition: Int, _ context: ValidationContext) {
        if visited[key] { return }
        visited[key] = true
        let spreads = context.fragmentSpreads(inDefinition: definition)
        if spreads.isEmpty { return }
        pathIndex[key] = path.count
        for spread in spreads {
            if context.isAborted { break }
            let target = spread.name.value
            path.append(spread)
            if let next = context.fragmentIndex(named: target) {
                if pathIndex[next] >= 0 {
                    let cycle = path[pathIndex[next]...]
                    let via = cycle.dropLast().map { "\"" + $0.name.value + "\"" }.joined(separator: ", ")
                    context.report(
                        "Cannot spread fragment \"\(target)\" within itself" + (via.isEmpty ? "." : " via \(via)."),
                        at: cycle.map(\.location))
                } else {
                    detectCycles(from: next, definition: next, context)
                }
            }
            path.removeLast()
        }
        pathIndex[key] = -1
    }
}
