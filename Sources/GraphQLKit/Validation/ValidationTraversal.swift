// The walk validation rides on, for executable documents (operations and fragments only, what
// servers validate). The general `ASTWalker` supports edits: it threads edit results through
// every level, reaches its visitor through an existential and walks lists through closures.
// Validation never edits, so this walk calls the dispatcher directly over the typed nodes and
// wraps a node as an `ASTNode` only when someone asked for its kind. It makes the same calls,
// in the same order, with the same `VisitContext` (ancestor kinds and path) as `visit` does;
// documents with type-system definitions keep using `visit`.

struct ValidationTraversal {
    let dispatcher: ValidationDispatcher
    let interests: ASTNode.KindSet
    var context = VisitContext()
    var stopped = false
    var onLargeStack = false
    /// Whether `context.path` is kept: only rules written outside this module may read it (ours
    /// do not, and the definition being visited is set by the walk itself).
    let keepsPath: Bool

    /// `context`: an empty visit context whose storage a reused run keeps (see `ValidationRun`).
    init(dispatcher: ValidationDispatcher, context: VisitContext = VisitContext()) {
        self.dispatcher = dispatcher
        self.context = context
        self.interests = dispatcher.interests
        self.keepsPath = dispatcher.hasUntypedVisitors
    }

    /// Whether every definition is an operation or a fragment (the only ones this walk knows).
    static func canWalk(_ document: Document) -> Bool {
        for definition in document.definitions {
            switch definition {
            case .operation, .fragment: continue
            default: return false
            }
        }
        return true
    }

    mutating func walk(_ document: Document) {
        visitNode(document, kind: .document, key: nil, index: nil, wrap: { .document($0) }) { w, d in
            let definitions = d.definitions
            for i in definitions.indices {
                if w.stopped { return }
                w.dispatcher.context.currentDefinition = i
                switch definitions[i] {
                case .operation(let op):
                    w.visitNode(op, kind: .operationDefinition, key: .definitions, index: i, wrap: { .operationDefinition($0) }) {
                        w, op in w.operationChildren(op)
                    }
                case .fragment(let f):
                    w.visitNode(f, kind: .fragmentDefinition, key: .definitions, index: i, wrap: { .fragmentDefinition($0) }) {
                        w, f in w.fragmentChildren(f)
                    }
                default:
                    break  // excluded by `canWalk`
                }
            }
        }
    }

    /// One node: enter, children, leave, as `ASTWalker.visitNode` does without edits.
    @inline(__always)
    private mutating func visitNode<N>(
        _ node: N, kind: ASTNode.Kind, key: ASTPathComponent.Key?, index: Int?,
        enter: (ValidationDispatcher, N, VisitContext) -> VisitAction,
        leave: (ValidationDispatcher, N, VisitContext) -> VisitAction,
        children: (inout Self, N) -> Void
    ) {
        if stopped { return }
        let pushesPath = keepsPath && key != nil
        if pushesPath, let key { context.path.append(ASTPathComponent(key: key, index: index)) }
        defer { if pushesPath { context.path.removeLast() } }
        let wanted = interests.contains(kind)
        if wanted, case .stop = enter(dispatcher, node, context) {
            stopped = true
            return
        }
        context.ancestorKinds.append(kind)
        if context.ancestorKinds.count > ASTWalker.callerStackDepth && !onLargeStack {
            // Deep documents continue on a large stack (see `LargeStack`).
            onLargeStack = true
            LargeStack.run(&self) { walker in children(&walker, node) }
            onLargeStack = false
        } else {
            children(&self, node)
        }
        context.ancestorKinds.removeLast()
        if stopped { return }
        if wanted, case .stop = leave(dispatcher, node, context) { stopped = true }
    }

    /// A node of a kind without a typed entry point: the dispatcher gets it as an `ASTNode`.
    @inline(__always)
    private mutating func visitNode<N>(
        _ node: N, kind: ASTNode.Kind, key: ASTPathComponent.Key?, index: Int?, wrap: (N) -> ASTNode,
        children: (inout Self, N) -> Void
    ) {
        visitNode(
            node, kind: kind, key: key, index: index, enter: { d, n, v in d.enter(wrap(n), v) },
            leave: { d, n, v in d.leave(wrap(n), v) }, children: children)
    }

    private mutating func operationChildren(_ op: OperationDefinition) {
        variableDefinitions(op.variableDefinitions)
        directives(op.directives)
        selectionSet(op.selectionSet)
    }

    private mutating func fragmentChildren(_ f: FragmentDefinition) {
        namedType(f.typeCondition, key: .typeCondition)
        directives(f.directives)
        selectionSet(f.selectionSet)
    }

    private mutating func variableDefinitions(_ items: [VariableDefinition]) {
        for i in items.indices {
            if stopped { return }
            visitNode(
                items[i], kind: .variableDefinition, key: .variableDefinitions, index: i,
                enter: { $0.enterVariableDefinition($1, $2) }, leave: { $0.leaveVariableDefinition($1, $2) }
            ) {
                w, d in
                w.variable(d.variable, key: .variable, index: nil)
                w.typeReference(d.type, key: .type)
                if let value = d.defaultValue { w.value(value, key: .defaultValue, index: nil) }
                w.directives(d.directives)
            }
        }
    }

    private mutating func typeReference(_ t: TypeReference, key: ASTPathComponent.Key) {
        switch t {
        case .named(let n): namedType(n, key: key)
        case .list(let inner, _):
            visitNode(t, kind: .listType, key: key, index: nil, wrap: { .listType($0) }) { w, _ in
                w.typeReference(inner, key: .type)
            }
        case .nonNull(let inner, _):
            visitNode(t, kind: .nonNullType, key: key, index: nil, wrap: { .nonNullType($0) }) { w, _ in
                w.typeReference(inner, key: .type)
            }
        }
    }

    private mutating func namedType(_ n: NamedType, key: ASTPathComponent.Key) {
        visitNode(
            n, kind: .namedType, key: key, index: nil, enter: { $0.enterNamedType($1, $2) },
            leave: { $0.leaveNamedType($1, $2) }
        ) { _, _ in }
    }

    private mutating func directives(_ items: [Directive]) {
        for i in items.indices {
            if stopped { return }
            visitNode(
                items[i], kind: .directive, key: .directives, index: i, enter: { $0.enterDirective($1, $2) },
                leave: { $0.leaveDirective($1, $2) }
            ) { w, d in
                w.arguments(d.arguments)
            }
        }
    }

    private mutating func arguments(_ items: [Argument]) {
        for i in items.indices {
            if stopped { return }
            visitNode(
                items[i], kind: .argument, key: .arguments, index: i, enter: { $0.enterArgument($1, $2) },
                leave: { $0.leaveArgument($1, $2) }
            ) { w, a in
                w.value(a.value, key: .value, index: nil)
            }
        }
    }

    private mutating func selectionSet(_ set: SelectionSet) {
        visitNode(
            set, kind: .selectionSet, key: .selectionSet, index: nil, enter: { $0.enterSelectionSet($1, $2) },
            leave: { $0.leaveSelectionSet($1, $2) }
        ) { w, s in
            let selections = s.selections
            for i in selections.indices {
                if w.stopped { return }
                w.selection(selections[i], index: i)
            }
        }
    }

    private mutating func selection(_ selection: Selection, index: Int) {
        switch selection {
        case .field(let f):
            visitNode(
                f, kind: .field, key: .selections, index: index, enter: { $0.enterField($1, $2) },
                leave: { $0.leaveField($1, $2) }
            ) { w, f in
                w.arguments(f.arguments)
                w.directives(f.directives)
                if let set = f.selectionSet { w.selectionSet(set) }
            }
        case .fragmentSpread(let s):
            visitNode(
                s, kind: .fragmentSpread, key: .selections, index: index, enter: { $0.enterFragmentSpread($1, $2) },
                leave: { $0.leaveFragmentSpread($1, $2) }
            ) { w, s in
                w.directives(s.directives)
            }
        case .inlineFragment(let f):
            visitNode(
                f, kind: .inlineFragment, key: .selections, index: index, enter: { $0.enterInlineFragment($1, $2) },
                leave: { $0.leaveInlineFragment($1, $2) }
            ) { w, f in
                if let condition = f.typeCondition { w.namedType(condition, key: .typeCondition) }
                w.directives(f.directives)
                w.selectionSet(f.selectionSet)
            }
        }
    }

    private mutating func variable(_ v: Variable, key: ASTPathComponent.Key, index: Int?) {
        visitNode(
            v, kind: .variable, key: key, index: index, enter: { $0.enterVariable($1, $2) },
            leave: { $0.leaveVariable($1, $2) }
        ) { _, _ in }
    }

    private mutating func value(_ v: Value, key: ASTPathComponent.Key, index: Int?) {
        if case .variable(let variable) = v {
            self.variable(variable, key: key, index: index)
            return
        }
        visitNode(v, kind: PositionKinds.valueKind(v), key: key, index: index, wrap: { ASTNode($0) }) { w, v in
            switch v {
            case .list(let list):
                let values = list.values
                for i in values.indices {
                    if w.stopped { return }
                    w.value(values[i], key: .values, index: i)
                }
            case .object(let object):
                let fields = object.fields
                for i in fields.indices {
                    if w.stopped { return }
                    w.visitNode(fields[i], kind: .objectField, key: .fields, index: i, wrap: { .objectField($0) }) { w, f in
                        w.value(f.value, key: .value, index: nil)
                    }
                }
            default:
                break
            }
        }
    }
}
