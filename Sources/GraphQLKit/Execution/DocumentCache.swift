// The document cache: a bounded LRU keyed by query text holding the parsed document, its
// validation errors and its execution plans, so a repeated query skips parsing, validation and
// field collection.
import Foundation

/// A parsed (and validated) document with the plans built for it so far.
public final class PreparedDocument: @unchecked Sendable {
    public let document: Document
    public let source: Source
    /// What the schema's validator reported (empty when valid or when there is no validator).
    public let validationErrors: [GraphQLError]
    let fragments: [String: FragmentDefinition]
    /// The variables `@skip`/`@include` read: plans are kept per combination of their values.
    let conditionVariables: [String]
    /// Each operation's position among the definitions and its name, in document order:
    /// choosing an operation then copies none but the chosen one.
    let operationNames: [(index: Int, name: String?)]
    /// Each operation's type and whether its root selections are all introspection fields, in
    /// the order of `operationNames` (for `operationSummary(named:)`).
    private let operationSummaries: [OperationSummary]
    private let lock = NSLock()
    private var plans: [PlanKey: OperationPlan] = [:]
    /// Measurements of operations without variables, with the limits they were measured under.
    private var metrics: [Int: (limits: OperationLimits, metrics: OperationMetrics)] = [:]

    /// Most plans kept per document (one per distinct set of condition-variable values).
    static let maxPlans = 32

    struct PlanKey: Hashable {
        var operation: Int
        var conditions: [JSONValue?]
    }

    init(document: Document, source: Source, validationErrors: [GraphQLError]) {
        self.document = document
        self.source = source
        self.validationErrors = validationErrors
        self.fragments = document.fragmentsByName
        self.conditionVariables = document.conditionVariableNames
        var operationNames: [(index: Int, name: String?)] = []
        var summaries: [OperationSummary] = []
        for (i, definition) in document.definitions.enumerated() {
            if case .operation(let o) = definition {
                operationNames.append((i, o.name?.value))
                summaries.append(OperationSummary(
                    type: o.operation,
                    selectsOnlyIntrospection: o.selectionSet.selections.allSatisfy {
                        if case .field(let field) = $0 { field.name.value.hasPrefix("__") } else { false }
                    }))
            }
        }
        self.operationNames = operationNames
        self.operationSummaries = summaries
    }

    /// What a server checks about an operation before running it (its type; whether it
    /// only introspects), noted when the document was prepared.
    public struct OperationSummary: Sendable, Equatable {
        public let type: OperationType
        /// Every root selection is a field named `__…` (`__schema`, `__type`, `__typename`);
        /// fragments at the root count as ordinary selections.
        public let selectsOnlyIntrospection: Bool
    }

    /// `operation(named:)`'s operation summarised, without copying it out of the document
    /// (a copy of an `OperationDefinition` is a dozen retains and releases).
    public func operationSummary(named name: String?) -> OperationSummary? {
        if let name {
            guard let k = operationNames.firstIndex(where: { $0.name == name }) else { return nil }
            return operationSummaries[k]
        }
        guard operationNames.count == 1 else { return nil }
        return operationSummaries[0]
    }

    /// The operation `name` picks (the first so named), or without a name the only one; nil
    /// when there is none or the choice is ambiguous (execution then reports why).
    public func operation(named name: String?) -> OperationDefinition? {
        let index: Int
        if let name {
            guard let found = operationNames.first(where: { $0.name == name }) else { return nil }
            index = found.index
        } else {
            guard operationNames.count == 1 else { return nil }
            index = operationNames[0].index
        }
        guard case .operation(let operation) = document.definitions[index] else { return nil }
        return operation
    }

    /// The plan built before for `key`, if any.
    func cachedPlan(for key: PlanKey) -> OperationPlan? {
        lock.withLock { plans[key] }
    }

    func plan(for key: PlanKey, build: () -> OperationPlan) -> OperationPlan {
        if let cached = lock.withLock({ plans[key] }) { return cached }
        let plan = build()
        lock.withLock {
            if plans.count < Self.maxPlans, plans[key] == nil { plans[key] = plan }
        }
        return plan
    }

    func metrics(for operation: Int, limits: OperationLimits, measure: () -> OperationMetrics) -> OperationMetrics {
        if let cached = lock.withLock({ metrics[operation] }), cached.limits == limits { return cached.metrics }
        let m = measure()
        lock.withLock { metrics[operation] = (limits, m) }
        return m
    }

    /// How many operation plans are cached (for tests and diagnostics).
    public var cachedPlanCount: Int { lock.withLock { plans.count } }
}

/// A thread-safe LRU of prepared documents keyed by query text.
public final class DocumentCache: @unchecked Sendable {
    public let capacity: Int
    private let lock = NSLock()
    private var entries: [String: (document: PreparedDocument, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0
    private var hitCount = 0
    private var missCount = 0

    public init(capacity: Int = 512) { self.capacity = max(0, capacity) }

    public func document(for text: String) -> PreparedDocument? {
        lock.withLock {
            clock &+= 1
            // One hash of the query text: found by index, then stamped in place.
            guard let index = entries.index(forKey: text) else {
                missCount += 1
                return nil
            }
            hitCount += 1
            entries.values[index].lastUse = clock
            return entries.values[index].document
        }
    }

    public func insert(_ document: PreparedDocument, for text: String) {
        guard capacity > 0 else { return }
        lock.withLock {
            clock &+= 1
            if entries[text] == nil, entries.count >= capacity {
                // Evict the least recently used entry; eviction is rare next to lookups.
                if let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
                    entries.removeValue(forKey: oldest)
                }
            }
            entries[text] = (document, clock)
        }
    }

    public var count: Int { lock.withLock { entries.count } }
    public var hits: Int { lock.withLock { hitCount } }
    public var misses: Int { lock.withLock { missCount } }

    public func removeAll() { lock.withLock { entries.removeAll() } }
}
