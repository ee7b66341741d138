// Runs the rule visitors in one walk: TypeInfo first on enter and last on leave, each visitor
// only for the kinds it asked for, with its own skip state. The walk calls the typed entry
// points (`enterField`, …) with the nodes it holds; `enter(_:_:)`/`leave(_:_:)` take an
// `ASTNode` (the general walker's path, and kinds without a typed entry point).

final class ValidationDispatcher {
    let context: ValidationContext
    let visitors: [any TypedRuleVisitor]
    let interests: ASTNode.KindSet
    /// For each kind, the visitors interested in entering it:
    /// `enterVisitors[enterStart[k]..<enterStart[k + 1]]`; the same for leaving (see
    /// `DispatchTables`).
    private let enterStart: [Int]
    private let enterVisitors: [Int]
    private let leaveStart: [Int]
    private let leaveVisitors: [Int]
    /// Whether a rule written outside this module takes part (it may read `VisitContext.path`).
    let hasUntypedVisitors: Bool
    /// Per visitor: the depth of the node whose subtree it skips, or -1. Read and written for
    /// every node by one thread: unchecked, as the runtime's access checks cost more than the loop.
    @exclusivity(unchecked) private var skipDepth: [Int]
    /// The skips in force, the deepest last, so leaving a node ends its skips without a scan
    /// (a visitor that skips a node is not called to leave it).
    @exclusivity(unchecked) private var skips: [(depth: Int, visitor: Int)] = []
    /// Where the walk is among selection sets, for `ValidationContext.recordSpread`: per open
    /// set, how many child sets it has had so far, and the path of child positions below the
    /// definition's own set.
    @exclusivity(unchecked) private var childSetCounts: [Int] = []
    @exclusivity(unchecked) private var setPath: [Int] = []
    /// The visitors with state to reset (most rules have none), found on the first reset.
    private var statefulVisitors: [Int]? = nil

    init(context: ValidationContext, visitors: [any TypedRuleVisitor]) {
        self.context = context
        self.visitors = visitors
        let tables = DispatchTables.tables(for: visitors, cache: context.lookup.dispatchTableCache)
        interests = tables.interests
        enterStart = tables.enterStart
        enterVisitors = tables.enterVisitors
        leaveStart = tables.leaveStart
        leaveVisitors = tables.leaveVisitors
        hasUntypedVisitors = tables.hasUntypedVisitors
        self.skipDepth = Array(repeating: -1, count: visitors.count)
        skips.reserveCapacity(8)
    }

    /// Whether every visitor can serve another document (see `ValidationRun`).
    var isReusable: Bool {
        for visitor in visitors where !visitor.isReusable { return false }
        return true
    }

    /// Makes the dispatcher and its visitors ready for another document; the context is reset
    /// by its owner.
    func reset() {
        for i in skipDepth.indices { skipDepth[i] = -1 }
        skips.removeAll(keepingCapacity: true)
        childSetCounts.removeAll(keepingCapacity: true)
        setPath.removeAll(keepingCapacity: true)
        let stateful = statefulVisitors ?? visitors.indices.filter { !visitors[$0].isStateless }
        statefulVisitors = stateful
        for i in stateful { visitors[i].reset() }
    }

    // MARK: The rule loops

    /// Calls each visitor interested in entering `kind` that is not skipping, and records the
    /// skips they answer.
    @inline(__always)
    private func enterRules(
        _ kind: ASTNode.Kind, _ visit: VisitContext, _ call: (any TypedRuleVisitor) -> VisitAction
    ) -> VisitAction {
        let k = Int(kind.rawValue)
        var j = enterStart[k]
        let end = enterStart[k + 1]
        if j == end { return .continue }
        let context = self.context
        // A local copy: elements of a local array are passed without a retain and release
        // each, which reading the property again for every call costs.
        let visitors = self.visitors
        while j < end {
            let i = enterVisitors[j]
            j += 1
            if skipDepth[i] >= 0 { continue }
            if case .skip = call(visitors[i]) {
                skipDepth[i] = visit.depth
                skips.append((visit.depth, i))
            }
            if context.isAborted { return .stop }
        }
        return .continue
    }

    /// Calls each visitor interested in leaving `kind` that is not skipping, then ends the
    /// skips of the node being left.
    @inline(__always)
    private func leaveRules(_ kind: ASTNode.Kind, _ visit: VisitContext, _ call: (any TypedRuleVisitor) -> Void) -> VisitAction {
        let k = Int(kind.rawValue)
        var j = leaveStart[k]
        let end = leaveStart[k + 1]
        if j < end {
            let context = self.context
            let visitors = self.visitors
            while j < end {
                let i = leaveVisitors[j]
                j += 1
                if skipDepth[i] >= 0 { continue }
                call(visitors[i])
                if context.isAborted { return .stop }
            }
        }
        let depth = visit.depth
        while let last = skips.last, last.depth == depth {
            skipDepth[last.visitor] = -1
            skips.removeLast()
        }
        return .continue
    }

    // MARK: Typed entry points (the validation walk)

    func enterField(_ field: Field, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        context.typeInfo.enterField(field)
        return enterRules(.field, visit) { $0.enterField(field, context, visit) }
    }

    func leaveField(_ field: Field, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        if case .stop = leaveRules(.field, visit, { $0.leaveField(field, context, visit) }) { return .stop }
        context.typeInfo.leaveField()
        return .continue
    }

    func enterSelectionSet(_ set: SelectionSet, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        context.typeInfo.enterSelectionSet()
        if let last = childSetCounts.indices.last {
            setPath.append(childSetCounts[last])
            childSetCounts[last] += 1
        }
        childSetCounts.append(0)
        return enterRules(.selectionSet, visit) { $0.enterSelectionSet(set, context, visit) }
    }

    func leaveSelectionSet(_ set: SelectionSet, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        if case .stop = leaveRules(.selectionSet, visit, { $0.leave(.selectionSet(set), context, visit) }) { return .stop }
        context.typeInfo.leaveSelectionSet()
        childSetCounts.removeLast()
        if !childSetCounts.isEmpty { setPath.removeLast() }
        return .continue
    }

    func enterDirective(_ directive: Directive, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        context.typeInfo.enterDirective(directive)
        return enterRules(.directive, visit) { $0.enterDirective(directive, context, visit) }
    }

    func leaveDirective(_ directive: Directive, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        if case .stop = leaveRules(.directive, visit, { $0.leaveDirective(directive, context, visit) }) { return .stop }
        context.typeInfo.leaveDirective()
        return .continue
    }

    func enterArgument(_ argument: Argument, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        context.typeInfo.enterArgument(argument)
        return enterRules(.argument, visit) { $0.enterArgument(argument, context, visit) }
    }

    func leaveArgument(_ argument: Argument, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        if case .stop = leaveRules(.argument, visit, { $0.leave(.argument(argument), context, visit) }) { return .stop }
        context.typeInfo.leaveArgument()
        return .continue
    }

    func enterFragmentSpread(_ spread: FragmentSpread, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        context.recordSpread(spread, path: setPath)
        return enterRules(.fragmentSpread, visit) { $0.enterFragmentSpread(spread, context, visit) }
    }

    func leaveFragmentSpread(_ spread: FragmentSpread, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        return leaveRules(.fragmentSpread, visit) { $0.leave(.fragmentSpread(spread), context, visit) }
    }

    func enterInlineFragment(_ fragment: InlineFragment, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        context.typeInfo.enterInlineFragment(fragment)
        return enterRules(.inlineFragment, visit) { $0.enterInlineFragment(fragment, context, visit) }
    }

    func leaveInlineFragment(_ fragment: InlineFragment, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        if case .stop = leaveRules(.inlineFragment, visit, { $0.leave(.inlineFragment(fragment), context, visit) }) {
            return .stop
        }
        context.typeInfo.leaveOutputType()
        return .continue
    }

    func enterVariableDefinition(_ definition: VariableDefinition, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        context.typeInfo.enterVariableDefinition(definition)
        return enterRules(.variableDefinition, visit) { $0.enterVariableDefinition(definition, context, visit) }
    }

    func leaveVariableDefinition(_ definition: VariableDefinition, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        if case .stop = leaveRules(.variableDefinition, visit, { $0.leave(.variableDefinition(definition), context, visit) }) {
            return .stop
        }
        context.typeInfo.leaveVariableDefinition()
        return .continue
    }

    func enterNamedType(_ type: NamedType, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        return enterRules(.namedType, visit) { $0.enterNamedType(type, context, visit) }
    }

    func leaveNamedType(_ type: NamedType, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        return leaveRules(.namedType, visit) { $0.leave(.namedType(type), context, visit) }
    }

    /// A variable: a usage is recorded (with the type its position expects) unless it is the
    /// variable a definition defines.
    func enterVariable(_ variable: Variable, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        let parent = visit.parentKind
        if parent != .variableDefinition { recordUsage(variable, inObjectField: parent == .objectField) }
        return enterRules(.variable, visit) { $0.enter(.variable(variable), context, visit) }
    }

    func leaveVariable(_ variable: Variable, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        return leaveRules(.variable, visit) { $0.leave(.variable(variable), context, visit) }
    }

    // MARK: Any node

    /// Enters a node given as an `ASTNode`: kinds with a typed entry point go through it.
    func enter(_ node: ASTNode, _ visit: VisitContext) -> VisitAction {
        switch node {
        case .field(let n): return enterField(n, visit)
        case .selectionSet(let n): return enterSelectionSet(n, visit)
        case .directive(let n): return enterDirective(n, visit)
        case .argument(let n): return enterArgument(n, visit)
        case .fragmentSpread(let n): return enterFragmentSpread(n, visit)
        case .inlineFragment(let n): return enterInlineFragment(n, visit)
        case .variableDefinition(let n): return enterVariableDefinition(n, visit)
        case .namedType(let n): return enterNamedType(n, visit)
        case .variable(let n): return enterVariable(n, visit)
        default: break
        }
        let context = self.context
        if context.isAborted { return .stop }
        let kind = node.kind
        if visit.depth == 1, let index = visit.path.last?.index { context.currentDefinition = index }
        context.typeInfo.enter(node)
        return enterRules(kind, visit) { $0.enter(node, context, visit) }
    }

    /// Leaves a node given as an `ASTNode`.
    func leave(_ node: ASTNode, _ visit: VisitContext) -> VisitAction {
        switch node {
        case .field(let n): return leaveField(n, visit)
        case .selectionSet(let n): return leaveSelectionSet(n, visit)
        case .directive(let n): return leaveDirective(n, visit)
        case .argument(let n): return leaveArgument(n, visit)
        case .fragmentSpread(let n): return leaveFragmentSpread(n, visit)
        case .inlineFragment(let n): return leaveInlineFragment(n, visit)
        case .variableDefinition(let n): return leaveVariableDefinition(n, visit)
        case .namedType(let n): return leaveNamedType(n, visit)
        case .variable(let n): return leaveVariable(n, visit)
        default: break
        }
        let context = self.context
        if context.isAborted { return .stop }
        let kind = node.kind
        if case .stop = leaveRules(kind, visit, { $0.leave(node, context, visit) }) { return .stop }
        context.typeInfo.leave(node)
        if kind == .operationDefinition || kind == .fragmentDefinition { context.finishDefinition() }
        return .continue
    }

    private func recordUsage(_ variable: Variable, inObjectField: Bool) {
        var oneOfParent: String? = nil
        if inObjectField, let parent = context.typeInfo.parentInputType?.namedType,
            let object = context.lookup.type(named: parent), case .inputObject(let input) = object.type, input.isOneOf
        {
            oneOfParent = parent
        }
        let usage = VariableUsage(
            variable: variable, type: context.typeInfo.inputType, defaultValue: context.typeInfo.defaultValue,
            oneOfParent: oneOfParent)
        context.usagesByDefinition[context.currentDefinition].append(usage)
    }
}
