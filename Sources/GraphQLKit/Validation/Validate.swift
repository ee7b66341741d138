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

    /// The rules of this module make visitors with typed entry points (see `TypedRuleVisitor`).
    let makeTypedVisitor: @Sendable (ValidationContext) -> any TypedRuleVisitor
    /// Whether this is one of this module's rules: its name then names its visitor's type, so a
    /// list of names tells whether a kept `ValidationRun` serves a list of rules.
    let isBuiltIn: Bool

    public init(name: String, makeVisitor: @escaping @Sendable (ValidationContext) -> any ValidationRuleVisitor) {
        self.name = name
        self.makeVisitor = makeVisitor
        self.makeTypedVisitor = { UntypedRuleVisitor(makeVisitor($0)) }
        self.isBuiltIn = false
    }

    init(name: String, typed makeVisitor: @escaping @Sendable (ValidationContext) -> any TypedRuleVisitor) {
        self.name = name
        self.makeVisitor = makeVisitor
        self.makeTypedVisitor = makeVisitor
        self.isBuiltIn = true
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
    let dispatcher = ValidationDispatcher(context: context, visitors: rules.map { $0.makeTypedVisitor(context) })
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
