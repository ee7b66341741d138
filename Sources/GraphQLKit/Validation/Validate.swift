// Validation (spec §5): checks an executable document against a schema with every rule of the
// specification, in one walk over the document. Rules are visitors over a shared
// `ValidationContext`; the walk keeps the context's `TypeInfo` up to date before each rule sees
// a node, and records every variable usage with the type its position expects.

/// What a rule does while the document is walked. `enter` may answer `.skip` to get no calls
/// for the node's subtree (and no `leave` for it); other answers are treated as `.continue`.
public protocol ValidationRuleVisitor: AnyObject {
    /// The node kinds the rule wants to see.
    var interests: ASTNode.KindSet { get }
    func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction
    func leave(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext)
}

extension ValidationRuleVisitor {
    public func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction { .continue }
    public func leave(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) {}
}

/// A validation rule: a name (the reference implementation's) and a factory for its visitor,
/// which holds the rule's state for one document.
public struct ValidationRule: Sendable {
    public let name: String
    public let makeVisitor: @Sendable (ValidationContext) -> any ValidationRuleVisitor

    public init(name: String, makeVisitor: @escaping @Sendable (ValidationContext) -> any ValidationRuleVisitor) {
        self.name = name
        self.makeVisitor = makeVisitor
    }
}

/// Every rule of the specification's Validation section (September 2025 edition), in the
/// reference implementation's order.
public let specifiedRules: [ValidationRule] = [
    .executableDefinitions,
    .uniqueOperationNames,
    .loneAnonymousOperation,
    .singleFieldSubscriptions,
    .knownTypeNames,
    .fragmentsOnCompositeTypes,
    .variablesAreInputTypes,
    .scalarLeafs,
    .fieldsOnCorrectType,
    .uniqueFragmentNames,
    .knownFragmentNames,
    .noUnusedFragments,
    .possibleFragmentSpreads,
    .noFragmentCycles,
    .uniqueVariableNames,
    .noUndefinedVariables,
    .noUnusedVariables,
    .knownDirectives,
    .uniqueDirectivesPerLocation,
    .knownOperationTypes,
    .knownArgumentNames,
    .uniqueArgumentNames,
    .valuesOfCorrectType,
    .providedRequiredArguments,
    .variablesInAllowedPosition,
    .overlappingFieldsCanBeMerged,
    .uniqueInputFieldNames,
]

/// The specified rules plus the reference implementation's recommended `MaxIntrospectionDepth`
/// (graphql-js 16.9+ runs it with the specified rules).
public let recommendedRules: [ValidationRule] = specifiedRules + [.maxIntrospectionDepth]

/// Validates an executable document against a schema and returns the errors, in the order the
/// rules found them. Pass the document's `source` for errors to carry lines and columns.
/// After `maxErrors` errors, one more error says validation was aborted (a guard against
/// documents crafted to produce errors without end).
public func validate(
    schema: Schema, document: Document, source: Source? = nil, rules: [ValidationRule] = specifiedRules,
    maxErrors: Int = 100
) -> [GraphQLError] {
    validate(lookup: SchemaLookup(schema: schema), document: document, source: source, rules: rules, maxErrors: maxErrors)
}

func validate(
    lookup: SchemaLookup, document: Document, source: Source?, rules: [ValidationRule], maxErrors: Int
) -> [GraphQLError] {
    let context = ValidationContext(lookup: lookup, document: document, source: source, maxErrors: maxErrors)
    let dispatcher = ValidationDispatcher(context: context, visitors: rules.map { $0.makeVisitor(context) })
    if ValidationTraversal.canWalk(document) {
        var traversal = ValidationTraversal(dispatcher: dispatcher)
        traversal.walk(document)
    } else {
        var walker = ValidationWalker(dispatcher: dispatcher)
        visit(document, &walker)
    }
    return context.errors
}

/// Parses and validates a request's text. Syntax errors are returned as the only error.
public func validate(schema: Schema, source: Source, rules: [ValidationRule] = specifiedRules, maxErrors: Int = 100) -> [GraphQLError] {
    do {
        let document = try parse(source)
        return validate(schema: schema, document: document, source: source, rules: rules, maxErrors: maxErrors)
    } catch {
        return [error]
    }
}

/// The visitor the AST walker calls for documents with type-system definitions (see
/// `ValidationTraversal`): one reference wide, so the walker keeps it inline in its existential
/// instead of in a box it must check for uniqueness on every call.
struct ValidationWalker: ASTVisitor {
    let dispatcher: ValidationDispatcher
    var interests: ASTNode.KindSet { dispatcher.interests }

    func enter(_ node: ASTNode, _ visit: VisitContext) -> VisitAction { dispatcher.enter(node, visit) }
    func leave(_ node: ASTNode, _ visit: VisitContext) -> VisitAction { dispatcher.leave(node, visit) }
}

/// Runs the rule visitors in one walk: TypeInfo first on enter and last on leave, each visitor
/// only for the kinds it asked for, with its own skip state.
final class ValidationDispatcher {
    let context: ValidationContext
    let visitors: [any ValidationRuleVisitor]
    let interests: ASTNode.KindSet
    /// For each kind, the visitors interested in it: `kindVisitors[kindStart[k]..<kindStart[k + 1]]`
    /// (two flat arrays rather than an array per kind, built for every validation).
    private let kindStart: [Int]
    private let kindVisitors: [Int]
    /// Per visitor: the depth of the node whose subtree it skips, or -1. Read and written for
    /// every node by one thread: unchecked, as the runtime's access checks cost more than the loop.
    @exclusivity(unchecked) private var skipDepth: [Int]

    init(context: ValidationContext, visitors: [any ValidationRuleVisitor]) {
        self.context = context
        self.visitors = visitors
        var union = TypeInfo.kinds
        union.insert(ASTNode.KindSet(.document))
        union.insert(ASTNode.KindSet(.variable))
        let kindCount = ASTNode.Kind.allCases.count
        let interestsOf = visitors.map(\.interests)
        var start = Array(repeating: 0, count: kindCount + 1)
        for kinds in interestsOf {
            union.formUnion(kinds)
            var bits = kinds.rawValue & ((1 << UInt64(kindCount)) - 1)
            while bits != 0 {
                start[bits.trailingZeroBitCount + 1] += 1
                bits &= bits - 1
            }
        }
        for k in 0..<kindCount { start[k + 1] += start[k] }
        var fill = start
        var flat = Array(repeating: 0, count: start[kindCount])
        for (i, kinds) in interestsOf.enumerated() {
            var bits = kinds.rawValue & ((1 << UInt64(kindCount)) - 1)
            while bits != 0 {
                let k = bits.trailingZeroBitCount
                flat[fill[k]] = i
                fill[k] += 1
                bits &= bits - 1
            }
        }
        self.interests = union
        self.kindStart = start
        self.kindVisitors = flat
        self.skipDepth = Array(repeating: -1, count: visitors.count)
    }

    func enter(_ node: ASTNode, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        let kind = node.kind
        if visit.depth == 1, let index = visit.path.last?.index { context.currentDefinition = index }
        context.typeInfo.enter(node)
        if kind == .variable, visit.parentKind != .variableDefinition {
            recordUsage(node, inObjectField: visit.parentKind == .objectField)
        }
        let k = Int(kind.rawValue)
        var j = kindStart[k]
        let end = kindStart[k + 1]
        while j < end {
            let i = kindVisitors[j]
            j += 1
            if skipDepth[i] >= 0 { continue }
            if case .skip = visitors[i].enter(node, context, visit) { skipDepth[i] = visit.depth }
            if context.isAborted { return .stop }
        }
        return .continue
    }

    func leave(_ node: ASTNode, _ visit: VisitContext) -> VisitAction {
        let context = self.context
        if context.isAborted { return .stop }
        let depth = visit.depth
        let k = Int(node.kind.rawValue)
        var j = kindStart[k]
        let end = kindStart[k + 1]
        while j < end {
            let i = kindVisitors[j]
            j += 1
            if skipDepth[i] >= 0 {
                if skipDepth[i] == depth { skipDepth[i] = -1 }
                continue
            }
            visitors[i].leave(node, context, visit)
            if context.isAborted { return .stop }
        }
        context.typeInfo.leave(node)
        return .continue
    }

    private func recordUsage(_ node: ASTNode, inObjectField: Bool) {
        guard case .variable(let variable) = node else { return }
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
