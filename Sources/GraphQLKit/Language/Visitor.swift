// Visitor: a depth-first walk over the value-type AST with enter and leave callbacks.
//
//     struct CountFields: ASTVisitor {
//         var interests: ASTNode.KindSet { [.init(.field)] }   // only fields are delivered
//         var count = 0
//         mutating func enter(_ node: ASTNode, _ context: VisitContext) -> VisitAction {
//             count += 1
//             return .continue
//         }
//     }
//     var counter = CountFields()
//     let edited = visit(document, &counter)
//
// - `enter` is called before a node's children, `leave` after them; both default to `.continue`.
// - An action can skip the node's subtree (`.skip` on enter: no children, no leave), stop the
//   whole walk (`.stop`; edits made so far are kept), replace the node (`.replace(node)`; on
//   enter the walk continues into the replacement's children) or remove it (`.remove`).
//   `visit` returns the edited document; unedited parts are shared, not copied.
// - A replacement must fit the position (any selection where a selection was, any value where
//   a value was, a definition where a definition was, …); one that does not fit is ignored, as
//   is removing a node its parent cannot do without (an argument's value, an operation's
//   selection set; the node stays but, as after any removal on enter, its subtree and its leave
//   are not visited). Removing an optional child (a default value, a field's selection set)
//   clears it.
// - `interests` lets the walker skip calls for kinds a visitor does not handle: no node value is
//   built for it and no call is made.
// - `VisitContext` gives the kinds of the ancestors and the path of keys and indices from the
//   root to the current node; visitors that set `needsAncestors` also get the ancestor nodes
//   (root first, parent last, as they were entered).
// - `ParallelVisitor` runs several visitors in one walk (validation runs all rules so); each keeps
//   its own skip and stop state, and a replacement by one ends that node's calls to the others.
// - `Visitor` wraps a pair of closures for one-off walks.
//
// Names and descriptions are not visited (they are leaves of their owners). The walk recurses
// once per nesting level; parsed documents are depth-limited by the parser.

public enum VisitAction: Sendable {
    case `continue`
    /// On enter: do not visit the children and do not call leave for this node.
    case skip
    /// End the whole walk; edits made so far are kept.
    case stop
    // Boxed, so the common answers (`.continue`, `.skip`) are one word, not a whole node.
    indirect case replace(ASTNode)
    case remove
}

/// Which property of its parent a node is, with its index when that property is a list.
public struct ASTPathComponent: Sendable, Hashable, CustomStringConvertible {
    public enum Key: String, Sendable, Hashable {
        case definitions, variableDefinitions, variable, type, defaultValue, directives
        case selectionSet, selections, arguments, value, values, fields, typeCondition
        case interfaces, types, operationTypes
    }
    public var key: Key
    public var index: Int?

    public var description: String {
        if let index { return "\(key.rawValue)[\(index)]" }
        return key.rawValue
    }
}

public struct VisitContext: Sendable {
    /// The kinds of the nodes above the current one, the root first and the parent last.
    public internal(set) var ancestorKinds: [ASTNode.Kind] = []
    /// The nodes above the current one, the root first and the parent last, as they were
    /// entered (before any edit in their subtrees). Only kept for visitors whose
    /// `needsAncestors` is true (building them costs a copy per node); empty otherwise.
    public internal(set) var ancestors: [ASTNode] = []
    /// Keys from the root to the current node (empty for the root).
    public internal(set) var path: [ASTPathComponent] = []

    public var parentKind: ASTNode.Kind? { ancestorKinds.last }
    /// The parent node, when ancestors are kept.
    public var parent: ASTNode? { ancestors.last }
    /// 0 for the root, 1 for its children, …
    public var depth: Int { ancestorKinds.count }

    init() {
        ancestorKinds.reserveCapacity(64)
        path.reserveCapacity(64)
    }
}

public protocol ASTVisitor {
    /// Kinds to be called for (default: all). Calls for other kinds are not made.
    var interests: ASTNode.KindSet { get }
    /// Whether `VisitContext.ancestors` should hold the ancestor nodes (default: false;
    /// their kinds and the path are always there).
    var needsAncestors: Bool { get }
    mutating func enter(_ node: ASTNode, _ context: VisitContext) -> VisitAction
    mutating func leave(_ node: ASTNode, _ context: VisitContext) -> VisitAction
}

extension ASTVisitor {
    public var interests: ASTNode.KindSet { .all }
    public var needsAncestors: Bool { false }
    public mutating func enter(_ node: ASTNode, _ context: VisitContext) -> VisitAction { .continue }
    public mutating func leave(_ node: ASTNode, _ context: VisitContext) -> VisitAction { .continue }
}

/// A visitor made of closures.
public struct Visitor: ASTVisitor {
    public var interests: ASTNode.KindSet
    public var needsAncestors: Bool
    public var onEnter: ((ASTNode, VisitContext) -> VisitAction)?
    public var onLeave: ((ASTNode, VisitContext) -> VisitAction)?

    public init(
        kinds: ASTNode.KindSet = .all, needsAncestors: Bool = false,
        enter: ((ASTNode, VisitContext) -> VisitAction)? = nil,
        leave: ((ASTNode, VisitContext) -> VisitAction)? = nil
    ) {
        self.interests = kinds
        self.needsAncestors = needsAncestors
        self.onEnter = enter
        self.onLeave = leave
    }

    public func enter(_ node: ASTNode, _ context: VisitContext) -> VisitAction {
        onEnter?(node, context) ?? .continue
    }

    public func leave(_ node: ASTNode, _ context: VisitContext) -> VisitAction {
        onLeave?(node, context) ?? .continue
    }
}

// MARK: - Entry points

/// Walks `document` with `visitor` and returns the edited document (an empty one if the visitor
/// removes the root). The visitor's final state is left in `visitor`.
@discardableResult
public func visit<V: ASTVisitor>(_ document: Document, _ visitor: inout V) -> Document {
    var walker = ASTWalker(visitor: visitor)
    let edit = walker.visitNode(
        document, key: nil, index: nil, kind: { _ in .document }, wrap: { .document($0) },
        unwrap: { if case .document(let d) = $0 { d } else { nil } },
        children: { $0.documentChildren($1) })
    if let final = walker.visitor as? V { visitor = final }  // always succeeds
    switch edit {
    case .keep: return document
    case .replace(let d): return d
    case .remove: return Document(definitions: [], location: document.location)
    }
}

/// Walks `document` with a visitor whose final state is not needed (e.g. closures).
@discardableResult
public func visit<V: ASTVisitor>(_ document: Document, _ visitor: V) -> Document {
    var visitor = visitor
    return visit(document, &visitor)
}

/// Walks any node; returns the edited node, or nil if the visitor removed it.
public func visit<V: ASTVisitor>(_ node: ASTNode, _ visitor: inout V) -> ASTNode? {
    var walker = ASTWalker(visitor: visitor)
    let edit = walker.visitNode(
        node, key: nil, index: nil, kind: { $0.kind }, wrap: { $0 }, unwrap: { $0 },
        children: { $0.anyChildren($1) })
    if let final = walker.visitor as? V { visitor = final }  // always succeeds
    switch edit {
    case .keep: return node
    case .replace(let n): return n
    case .remove: return nil
    }
}

// MARK: - Parallel visitors

/// Several visitors in one walk. Each is called only for its own interests and keeps its own
/// skip and stop state: one skipping a subtree or stopping does not affect the others. The
/// walk itself stops once every visitor has stopped.
public struct ParallelVisitor: ASTVisitor {
    public private(set) var visitors: [any ASTVisitor]
    public let interests: ASTNode.KindSet
    public let needsAncestors: Bool
    /// For each kind, the visitors interested in it, in order (a node costs nothing for the
    /// others): `members[starts[k]..<starts[k + 1]]` for kind `k`. Flat, so building a parallel
    /// visitor per request costs two arrays, not one per kind.
    private let members: [Int]
    private let starts: [Int]
    /// Per visitor: `active`, `stopped`, or `skipping` a subtree.
    private var states: [State]
    /// The open skips, innermost last: (depth of the skipped node, visitor).
    private var skips: [(depth: Int, visitor: Int)] = []
    private var stoppedCount = 0

    private enum State { case active, skipping, stopped }

    public init(_ visitors: [any ASTVisitor]) {
        self.visitors = visitors
        self.states = Array(repeating: .active, count: visitors.count)
        var union: ASTNode.KindSet = []
        var needsAncestors = false
        let interestsByVisitor = visitors.map { $0.interests }
        for v in visitors { needsAncestors = needsAncestors || v.needsAncestors }
        var members: [Int] = []
        var starts: [Int] = []
        starts.reserveCapacity(ASTNode.Kind.allCases.count + 1)
        for kind in ASTNode.Kind.allCases {
            starts.append(members.count)
            for (i, interests) in interestsByVisitor.enumerated() where interests.contains(kind) {
                members.append(i)
            }
        }
        starts.append(members.count)
        for interests in interestsByVisitor { union.formUnion(interests) }
        self.interests = union
        self.members = members
        self.starts = starts
        self.needsAncestors = needsAncestors
    }

    public mutating func enter(_ node: ASTNode, _ context: VisitContext) -> VisitAction {
        let depth = context.depth
        let k = Int(node.kind.rawValue)
        for j in starts[k]..<starts[k + 1] {
            let i = members[j]
            guard states[i] == .active else { continue }
            switch visitors[i].enter(node, context) {
            case .continue: break
            case .skip:
                states[i] = .skipping
                skips.append((depth, i))
            case .stop:
                states[i] = .stopped
                stoppedCount += 1
                if stoppedCount == visitors.count { return .stop }
            case .replace(let replacement):
                endSkips(at: depth)  // the skipped node is gone
                return .replace(replacement)
            case .remove:
                endSkips(at: depth)  // no leave will come for it
                return .remove
            }
        }
        return .continue
    }

    public mutating func leave(_ node: ASTNode, _ context: VisitContext) -> VisitAction {
        let depth = context.depth
        // Visitors that skipped this node are still `skipping`, so they get no leave for it.
        let k = Int(node.kind.rawValue)
        for j in starts[k]..<starts[k + 1] {
            let i = members[j]
            guard states[i] == .active else { continue }
            switch visitors[i].leave(node, context) {
            case .continue, .skip: break
            case .stop:
                states[i] = .stopped
                stoppedCount += 1
                if stoppedCount == visitors.count { return .stop }
            case .replace(let replacement):
                endSkips(at: depth)
                return .replace(replacement)
            case .remove:
                endSkips(at: depth)
                return .remove
            }
        }
        endSkips(at: depth)
        return .continue
    }

    /// Ends the skips of the node at `depth` (a skipped node's leave comes before any other
    /// node at its depth or above is visited).
    private mutating func endSkips(at depth: Int) {
        while let last = skips.last, last.depth >= depth {
            skips.removeLast()
            if states[last.visitor] == .skipping { states[last.visitor] = .active }
        }
    }
}
