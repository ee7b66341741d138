// The traversal behind `visit`: one generic step per node plus, per node type, a function that
// walks its children in source order.
//
// Children functions return nil when nothing under them changed, so an unedited walk builds no
// new nodes or arrays; an edit rebuilds only the path from the edited node up to the root.

enum NodeEdit<P> {
    case keep
    case replace(P)
    case remove
}

/// Not generic over the visitor: the walk is compiled (and specialised per position type) once
/// inside this module, and reaches the visitor through one existential call per node.
struct ASTWalker {
    var visitor: any ASTVisitor
    var context = VisitContext()
    var stopped = false
    let interests: ASTNode.KindSet
    let tracksAncestors: Bool
    var onLargeStack = false
    /// Deeper than this many levels, the walk continues on a large stack (see `LargeStack`).
    static let callerStackDepth = 40

    init(visitor: any ASTVisitor) {
        self.visitor = visitor
        self.interests = visitor.interests
        self.tracksAncestors = visitor.needsAncestors
    }

    /// Visits one node that sits in a position of type `P` (e.g. any `Selection`). The node is
    /// wrapped as an `ASTNode` only when the visitor is called for it or wants ancestors.
    @inline(__always)
    mutating func visitNode<P>(
        _ original: P, key: ASTPathComponent.Key?, index: Int?,
        kind kindOf: (P) -> ASTNode.Kind, wrap: (P) -> ASTNode, unwrap: (ASTNode) -> P?,
        children: (inout Self, P) -> P?
    ) -> NodeEdit<P> {
        if stopped { return .keep }
        if let key { context.path.append(ASTPathComponent(key: key, index: index)) }
        defer { if key != nil { context.path.removeLast() } }

        var kind = kindOf(original)
        if !tracksAncestors && !interests.contains(kind)
            && (onLargeStack || context.ancestorKinds.count < Self.callerStackDepth)
        {
            // Fast path: the visitor never sees this node, so no `ASTNode` is built for it.
            context.ancestorKinds.append(kind)
            let edited = children(&self, original)
            context.ancestorKinds.removeLast()
            if let edited { return .replace(edited) }
            return .keep
        }

        // `original` is only borrowed; copies are made only for nodes that change.
        var replaced: P? = nil
        var node: ASTNode? = nil
        if interests.contains(kind) {
            let entered = wrap(original)
            switch visitor.enter(entered, context) {
            case .continue: node = entered
            case .skip: return .keep
            case .stop:
                stopped = true
                return .keep
            case .remove: return .remove
            case .replace(let replacement):
                if let p = unwrap(replacement) {
                    replaced = p
                    node = replacement
                    kind = replacement.kind
                } else {
                    node = entered
                }
            }
        }

        context.ancestorKinds.append(kind)
        if tracksAncestors {
            if let node { context.ancestors.append(node) }
            else { context.ancestors.append(wrap(original)) }
        }
        var edited: P?
        if context.ancestorKinds.count > Self.callerStackDepth && !onLargeStack {
            // Deep documents continue on a large stack (see `LargeStack`).
            onLargeStack = true
            LargeStack.run(&self) { walker in
                if let replaced { edited = children(&walker, replaced) } else { edited = children(&walker, original) }
            }
            onLargeStack = false
        } else if let replaced {
            edited = children(&self, replaced)
        } else {
            edited = children(&self, original)
        }
        if tracksAncestors { context.ancestors.removeLast() }
        context.ancestorKinds.removeLast()
        if edited != nil { replaced = edited }
        if stopped {
            if let replaced { return .replace(replaced) }
            return .keep
        }

        if interests.contains(kind) {
            let action: VisitAction
            if let replaced {
                action = visitor.leave(edited == nil ? (node ?? wrap(replaced)) : wrap(replaced), context)
            } else if let node {
                action = visitor.leave(node, context)
            } else {
                action = visitor.leave(wrap(original), context)
            }
            switch action {
            case .continue, .skip: break
            case .stop: stopped = true
            case .remove: return .remove
            case .replace(let replacement):
                if let p = unwrap(replacement) { replaced = p }
            }
        }
        if let replaced { return .replace(replaced) }
        return .keep
    }

    /// Visits each element; returns the new array if any element was replaced or removed.
    @inline(__always)
    mutating func visitList<P>(_ items: [P], _ visitOne: (inout Self, P, Int) -> NodeEdit<P>) -> [P]? {
        var result: [P] = []
        var edited = false
        var i = 0
        let count = items.count
        while i < count, !stopped {
            // Elements are borrowed from the array's storage, not copied out.
            let edit = items.withUnsafeBufferPointer { buffer in visitOne(&self, buffer[i], i) }
            switch edit {
            case .keep:
                if edited { result.append(items[i]) }
            case .replace(let p):
                if !edited { startCopy(&result, items, upTo: i); edited = true }
                result.append(p)
            case .remove:
                if !edited { startCopy(&result, items, upTo: i); edited = true }
            }
            i += 1
        }
        guard edited else { return nil }
        if i < items.count { result.append(contentsOf: items[i...]) }  // stopped part-way
        return result
    }

    private func startCopy<P>(_ result: inout [P], _ items: [P], upTo end: Int) {
        result.reserveCapacity(items.count)
        result.append(contentsOf: items[..<end])
    }

    // MARK: Positions

    mutating func definitions(_ items: [Definition]) -> [Definition]? {
        visitList(items) { w, item, i in
            w.visitNode(
                item, key: .definitions, index: i, kind: { ASTNode($0).kind }, wrap: { ASTNode($0) },
                unwrap: { $0.asDefinition }, children: { $0.definitionChildren($1) })
        }
    }

    mutating func selections(_ items: [Selection]) -> [Selection]? {
        visitList(items) { w, item, i in
            w.visitNode(
                item, key: .selections, index: i, kind: PositionKinds.selectionKind, wrap: { ASTNode($0) },
                unwrap: { $0.asSelection }, children: { $0.selectionChildren($1) })
        }
    }

    /// A required value: removal is ignored.
    mutating func value(_ v: Value, key: ASTPathComponent.Key, index: Int? = nil) -> NodeEdit<Value> {
        visitNode(
            v, key: key, index: index, kind: PositionKinds.valueKind, wrap: { ASTNode($0) }, unwrap: { $0.asValue },
            children: { $0.valueChildren($1) })
    }

    mutating func requiredValue(_ v: Value, key: ASTPathComponent.Key) -> Value? {
        if case .replace(let n) = value(v, key: key) { return n }
        return nil
    }

    /// An optional value (a default): removal clears it. Returns nil when unchanged.
    mutating func optionalValue(_ v: Value?, key: ASTPathComponent.Key) -> Value?? {
        guard let v else { return nil }
        switch value(v, key: key) {
        case .keep: return nil
        case .replace(let n): return .some(n)
        case .remove: return .some(nil)
        }
    }

    mutating func typeReference(_ t: TypeReference, key: ASTPathComponent.Key) -> TypeReference? {
        let edit = visitNode(
            t, key: key, index: nil, kind: PositionKinds.typeKind, wrap: { ASTNode($0) }, unwrap: { $0.asTypeReference },
            children: { $0.typeChildren($1) })
        if case .replace(let n) = edit { return n }
        return nil
    }

    mutating func namedType(_ n: NamedType, key: ASTPathComponent.Key, index: Int? = nil) -> NodeEdit<NamedType> {
        visitNode(
            n, key: key, index: index, kind: { _ in .namedType }, wrap: { .namedType($0) },
            unwrap: PositionKinds.unwrapNamedType, children: { _, _ in nil })
    }

    mutating func namedTypes(_ items: [NamedType], key: ASTPathComponent.Key) -> [NamedType]? {
        visitList(items) { w, item, i in w.namedType(item, key: key, index: i) }
    }

    mutating func directives(_ items: [Directive]) -> [Directive]? {
        if items.isEmpty { return nil }
        return visitList(items) { w, item, i in
            w.visitNode(
                item, key: .directives, index: i, kind: { _ in .directive }, wrap: { .directive($0) },
                unwrap: { if case .directive(let d) = $0 { d } else { nil } },
                children: { w, d in
                    guard let args = w.arguments(d.arguments) else { return nil }
                    var d = d
                    d.arguments = args
                    return d
                })
        }
    }

    mutating func arguments(_ items: [Argument]) -> [Argument]? {
        if items.isEmpty { return nil }
        return visitList(items) { w, item, i in
            w.visitNode(
                item, key: .arguments, index: i, kind: { _ in .argument }, wrap: { .argument($0) },
                unwrap: { if case .argument(let a) = $0 { a } else { nil } },
                children: { w, a in
                    guard let v = w.requiredValue(a.value, key: .value) else { return nil }
                    var a = a
                    a.value = v
                    return a
                })
        }
    }

    /// A required selection set: removal is ignored.
    mutating func selectionSet(_ set: SelectionSet) -> SelectionSet? {
        if case .replace(let s) = optionalSelectionSetEdit(set) { return s }
        return nil
    }

    mutating func optionalSelectionSetEdit(_ set: SelectionSet) -> NodeEdit<SelectionSet> {
        visitNode(
            set, key: .selectionSet, index: nil, kind: { _ in .selectionSet }, wrap: { .selectionSet($0) },
            unwrap: { if case .selectionSet(let s) = $0 { s } else { nil } },
            children: { w, s in
                guard let selections = w.selections(s.selections) else { return nil }
                var s = s
                s.selections = selections
                return s
            })
    }

    mutating func variableDefinitions(_ items: [VariableDefinition]) -> [VariableDefinition]? {
        if items.isEmpty { return nil }
        return visitList(items) { w, item, i in
            w.visitNode(
                item, key: .variableDefinitions, index: i, kind: { _ in .variableDefinition },
                wrap: { .variableDefinition($0) },
                unwrap: { if case .variableDefinition(let d) = $0 { d } else { nil } },
                children: { $0.variableDefinitionChildren($1) })
        }
    }

    mutating func inputValueDefinitions(_ items: [InputValueDefinition], key: ASTPathComponent.Key) -> [InputValueDefinition]? {
        if items.isEmpty { return nil }
        return visitList(items) { w, item, i in
            w.visitNode(
                item, key: key, index: i, kind: { _ in .inputValueDefinition }, wrap: { .inputValueDefinition($0) },
                unwrap: { if case .inputValueDefinition(let d) = $0 { d } else { nil } },
                children: { $0.inputValueDefinitionChildren($1) })
        }
    }

    mutating func fieldDefinitions(_ items: [FieldDefinition]) -> [FieldDefinition]? {
        if items.isEmpty { return nil }
        return visitList(items) { w, item, i in
            w.visitNode(
                item, key: .fields, index: i, kind: { _ in .fieldDefinition }, wrap: { .fieldDefinition($0) },
                unwrap: { if case .fieldDefinition(let d) = $0 { d } else { nil } },
                children: { $0.fieldDefinitionChildren($1) })
        }
    }

    mutating func enumValueDefinitions(_ items: [EnumValueDefinition]) -> [EnumValueDefinition]? {
        if items.isEmpty { return nil }
        return visitList(items) { w, item, i in
            w.visitNode(
                item, key: .values, index: i, kind: { _ in .enumValueDefinition }, wrap: { .enumValueDefinition($0) },
                unwrap: { if case .enumValueDefinition(let d) = $0 { d } else { nil } },
                children: { w, d in
                    guard let dirs = w.directives(d.directives) else { return nil }
                    var d = d
                    d.directives = dirs
                    return d
                })
        }
    }

    mutating func operationTypes(_ items: [OperationTypeDefinition]) -> [OperationTypeDefinition]? {
        if items.isEmpty { return nil }
        return visitList(items) { w, item, i in
            w.visitNode(
                item, key: .operationTypes, index: i, kind: { _ in .operationTypeDefinition },
                wrap: { .operationTypeDefinition($0) },
                unwrap: { if case .operationTypeDefinition(let d) = $0 { d } else { nil } },
                children: { w, d in
                    guard case .replace(let t) = w.namedType(d.type, key: .type) else { return nil }
                    var d = d
                    d.type = t
                    return d
                })
        }
    }
}

/// Kinds of the nodes in each kind of position (non-generic, so closures can share them).
enum PositionKinds {
    static func selectionKind(_ s: Selection) -> ASTNode.Kind {
        switch s {
        case .field: .field
        case .fragmentSpread: .fragmentSpread
        case .inlineFragment: .inlineFragment
        }
    }

    static func valueKind(_ v: Value) -> ASTNode.Kind {
        switch v {
        case .variable: .variable
        case .int: .intValue
        case .float: .floatValue
        case .string: .stringValue
        case .boolean: .booleanValue
        case .null: .nullValue
        case .enumValue: .enumValue
        case .list: .listValue
        case .object: .objectValue
        }
    }

    static func typeKind(_ t: TypeReference) -> ASTNode.Kind {
        switch t {
        case .named: .namedType
        case .list: .listType
        case .nonNull: .nonNullType
        }
    }

    static func unwrapNamedType(_ node: ASTNode) -> NamedType? {
        if case .namedType(let n) = node { n } else { nil }
    }
}
