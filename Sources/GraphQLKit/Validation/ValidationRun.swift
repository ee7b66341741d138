// A prepared `Validator` keeps the working state of its validations for the next ones: the
// context with its TypeInfo and tables, the dispatcher and the rule visitors. Making and freeing
// them for every document cost about a tenth of validating a mid-sized query (callgrind: some
// forty objects and arrays allocated and released per validation). A run is emptied after each
// use, so no validation sees anything of the previous one; runs whose visitors cannot be
// reset (rules written outside this module) are never kept.

import Foundation

final class ValidationRun {
    private let context: ValidationContext
    private let dispatcher: ValidationDispatcher
    /// The rules the run was made for (built-in rules only, see `ValidationRule.isBuiltIn`).
    private let rules: [ValidationRule]
    /// The walk's ancestor and path stacks, kept with their storage.
    private var visitContext = VisitContext()

    private init(context: ValidationContext, dispatcher: ValidationDispatcher, rules: [ValidationRule]) {
        self.context = context
        self.dispatcher = dispatcher
        self.rules = rules
    }

    /// A run for `rules`, or nil when one of them cannot be reused.
    static func make(prepared: PreparedSchema, rules: [ValidationRule]) -> ValidationRun? {
        for rule in rules where !rule.isBuiltIn { return nil }
        let context = ValidationContext(
            lookup: SchemaLookup(prepared: prepared), document: Document(definitions: []), source: nil, maxErrors: 0)
        let dispatcher = ValidationDispatcher(context: context, visitors: rules.map { $0.makeTypedVisitor(context) })
        guard dispatcher.isReusable, !dispatcher.hasUntypedVisitors else { return nil }
        return ValidationRun(context: context, dispatcher: dispatcher, rules: rules)
    }

    /// Whether the run's visitors are those `rules` make.
    func serves(_ rules: [ValidationRule]) -> Bool {
        guard rules.count == self.rules.count else { return false }
        // The same array storage (servers pass `specifiedRules` every time): the run holds it,
        // so it was not freed and reused, and an array shared with the run is never changed in
        // place.
        let same = rules.withUnsafeBufferPointer { a in self.rules.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
        if same { return true }
        for i in rules.indices where !rules[i].isBuiltIn || rules[i].name != self.rules[i].name { return false }
        return true
    }

    /// Validates an executable document (operations and fragments only: see
    /// `ValidationTraversal.canWalk`), as `validate(lookup:document:…)` does.
    func validate(_ document: Document, source: Source?, maxErrors: Int) -> [GraphQLError] {
        context.reuse(document: document, source: source, maxErrors: maxErrors)
        var traversal = ValidationTraversal(dispatcher: dispatcher, context: visitContext)
        traversal.walk(document)
        // A stopped walk leaves its stacks part full.
        visitContext = traversal.context
        visitContext.ancestorKinds.removeAll(keepingCapacity: true)
        visitContext.path.removeAll(keepingCapacity: true)
        let errors = context.errors
        context.release()
        dispatcher.reset()
        return errors
    }
}

/// The runs a `Validator` keeps between validations, one per validation in progress at most:
/// a validation takes one (or makes one) and gives it back when done.
final class ValidationRunPool: @unchecked Sendable {
    // Guarded by `lock`; a run in the list is used by no one.
    private var runs: [ValidationRun] = []
    private let lock = NSLock()
    /// Runs kept at most (concurrent validations beyond it make their own).
    private static let limit = 16

    func take(for rules: [ValidationRule]) -> ValidationRun? {
        lock.lock()
        defer { lock.unlock() }
        guard let i = runs.lastIndex(where: { $0.serves(rules) }) else { return nil }
        return runs.remove(at: i)
    }

    func keep(_ run: ValidationRun) {
        lock.lock()
        defer { lock.unlock() }
        if runs.count < Self.limit { runs.append(run) }
    }
}
