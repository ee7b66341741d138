// The state rules share while validating one document: the schema, the document's fragments
// and operations (indexed once), the TypeInfo of the node being visited, the variable usages
// and fragment spreads of each definition (recorded or computed once, then cached), and the
// errors reported so far.

/// A variable used somewhere in an operation or fragment, with the type its position expects.
public struct VariableUsage: Sendable {
    public var variable: Variable
    /// The type the position expects, nil when unknown (e.g. an unknown argument).
    public var type: GraphQLType?
    /// The default value the schema gives the argument or input field the variable fills.
    public var defaultValue: Value?
    /// The OneOf input object whose field the variable fills directly, if any.
    public var oneOfParent: String?
}

public final class ValidationContext {
    public let schema: Schema
    /// Memoized type, field and directive lookups (see `SchemaLookup`).
    public let lookup: SchemaLookup
    // The document and what is derived from it change when a prepared `Validator` reuses the
    // context for its next validation (see `ValidationRun`); rules only read them. Unchecked
    // for the reason given below.
    @exclusivity(unchecked) public private(set) var document: Document
    public private(set) var source: Source?
    // `@exclusivity(unchecked)` on the state touched for every node: a context belongs to one
    // validation on one thread, and the runtime's dynamic access checks on these class
    // properties cost about a tenth of a validation (callgrind).
    @exclusivity(unchecked) public internal(set) var typeInfo: TypeInfo
    public private(set) var errors: [GraphQLError] = []
    public private(set) var maxErrors: Int
    /// Set once `maxErrors` errors were reported: rules stop and the walk ends.
    @exclusivity(unchecked) public private(set) var isAborted = false

    /// Index into `document.definitions` of the definition being visited.
    @exclusivity(unchecked) public internal(set) var currentDefinition = 0
    /// Definition indices of the operations, in document order.
    @exclusivity(unchecked) public private(set) var operationIndices: [Int] = []
    /// Definition indices of the fragments, in document order.
    @exclusivity(unchecked) public private(set) var fragmentIndices: [Int] = []
    /// A fragment name's definition index; with duplicates, the last one (as the reference does).
    @exclusivity(unchecked) private var fragmentIndexByName: [String: Int] = [:]

    @exclusivity(unchecked) var usagesByDefinition: [[VariableUsage]] = []
    // Unchecked, as the state above: one validation, one thread.
    @exclusivity(unchecked) private var spreadsByDefinition: [[FragmentSpread]?] = []
    /// The fragment spreads the walk met in each definition, with the path of the selection set
    /// each sits in (see `recordSpread`), and whether the walk finished the definition.
    @exclusivity(unchecked) private var walkedSpreads: [[(path: [Int], spread: FragmentSpread)]] = []
    @exclusivity(unchecked) private var walkedDefinitions: [Bool] = []
    // By definition index, as the tables above (no hashing, storage kept by a reused context).
    @exclusivity(unchecked) private var referencedFragmentsByOperation: [[Int]?] = []
    @exclusivity(unchecked) private var recursiveUsagesByOperation: [[VariableUsage]?] = []
    private var lineStarts: [Int]? = nil

    init(lookup: SchemaLookup, document: Document, source: Source?, maxErrors: Int) {
        self.schema = lookup.schema
        self.lookup = lookup
        self.document = document
        self.source = source
        self.maxErrors = maxErrors
        self.typeInfo = TypeInfo(lookup: lookup)
        index(document)
    }

    /// Starts another document with a context `release` emptied: a prepared `Validator` keeps
    /// its contexts (see `ValidationRun`), so their tables keep their storage.
    func reuse(document: Document, source: Source?, maxErrors: Int) {
        self.document = document
        self.source = source
        self.maxErrors = maxErrors
        index(document)
    }

    /// Forgets the last document, as a new context would not know it, and drops what it held
    /// of it (the context waits in a pool). Small tables are emptied in place, their storage and
    /// their rows' storage kept for the next document; a large document's are freed.
    func release() {
        document = Document(definitions: [])
        source = nil
        typeInfo.reset()
        errors = []
        isAborted = false
        currentDefinition = 0
        lineStarts = nil
        let keep = usagesByDefinition.count <= Self.keptCapacity
        operationIndices.removeAll(keepingCapacity: keep)
        fragmentIndices.removeAll(keepingCapacity: keep)
        fragmentIndexByName.removeAll(keepingCapacity: keep)
        if keep {
            for i in usagesByDefinition.indices {
                usagesByDefinition[i].removeAll(keepingCapacity: true)
                walkedSpreads[i].removeAll(keepingCapacity: true)
                walkedDefinitions[i] = false
                spreadsByDefinition[i] = nil
                referencedFragmentsByOperation[i] = nil
                recursiveUsagesByOperation[i] = nil
            }
        } else {
            usagesByDefinition = []
            walkedSpreads = []
            walkedDefinitions = []
            spreadsByDefinition = []
            referencedFragmentsByOperation = []
            recursiveUsagesByOperation = []
        }
    }

    /// Definition counts up to which a reused context keeps its tables' storage.
    private static let keptCapacity = 64

    /// Indexes the operations and fragments and sizes the per-definition tables.
    private func index(_ document: Document) {
        let count = document.definitions.count
        fragmentIndexByName.reserveCapacity(count)  // no rehash while it fills
        for (i, definition) in document.definitions.enumerated() {
            switch definition {
            case .operation: operationIndices.append(i)
            case .fragment(let f):
                fragmentIndices.append(i)
                fragmentIndexByName[f.name.value] = i
            default: break
            }
        }
        // Per-definition rows: a released context's rows are empty, and only their number changes.
        let extra = usagesByDefinition.count - count
        if extra > 0 {
            usagesByDefinition.removeLast(extra)
            walkedSpreads.removeLast(extra)
            walkedDefinitions.removeLast(extra)
            spreadsByDefinition.removeLast(extra)
            referencedFragmentsByOperation.removeLast(extra)
            recursiveUsagesByOperation.removeLast(extra)
        } else if extra < 0 {
            usagesByDefinition.append(contentsOf: repeatElement([], count: -extra))
            walkedSpreads.append(contentsOf: repeatElement([], count: -extra))
            walkedDefinitions.append(contentsOf: repeatElement(false, count: -extra))
            spreadsByDefinition.append(contentsOf: repeatElement(nil, count: -extra))
            referencedFragmentsByOperation.append(contentsOf: repeatElement(nil, count: -extra))
            recursiveUsagesByOperation.append(contentsOf: repeatElement(nil, count: -extra))
        }
    }

    // MARK: Errors

    /// Reports an error at the given nodes' locations. Once `maxErrors` errors are in, the
    /// reference's abort error is added instead and validation ends.
    public func report(_ message: String, at locations: [SourceLocation]) {
        guard !isAborted else { return }
        if errors.count >= maxErrors {
            errors.append(GraphQLError("Too many validation errors, error limit reached. Validation aborted."))
            isAborted = true
            return
        }
        errors.append(GraphQLError(message, locations: locations.compactMap(position(of:))))
    }

    public func report(_ message: String, at location: SourceLocation) {
        report(message, at: [location])
    }

    /// Line and column of a location, via a table of line starts built on the first error.
    private func position(of location: SourceLocation) -> SourcePosition? {
        guard let source else { return nil }
        let bytes = source.bytes
        if lineStarts == nil {
            var starts = [0]
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte == 0x0A {
                    starts.append(i + 1)
                } else if byte == 0x0D {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                    starts.append(i + 1)
                }
                i += 1
            }
            lineStarts = starts
        }
        guard let starts = lineStarts else { return nil }
        let offset = min(max(location.start, 0), bytes.count)
        // The last line start at or before the offset.
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        var column = 1
        var i = starts[low]
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourcePosition(line: low + 1, column: column)
    }

    // MARK: Fragments

    public func fragment(named name: String) -> FragmentDefinition? {
        guard let i = fragmentIndexByName[name], case .fragment(let f) = document.definitions[i] else { return nil }
        return f
    }

    func fragmentIndex(named name: String) -> Int? { fragmentIndexByName[name] }

    /// Every fragment spread inside a definition's selection set (not following spreads), in
    /// the reference's order: a selection set's own spreads first, then the nested selection
    /// sets, the last one first (the order fragment-cycle errors are found in depends on it).
    public func fragmentSpreads(inDefinition index: Int) -> [FragmentSpread] {
        if let cached = spreadsByDefinition[index] { return cached }
        if walkedDefinitions[index] {
            let spreads = spreadsInReferenceOrder(walkedSpreads[index])
            spreadsByDefinition[index] = spreads
            return spreads
        }
        var spreads: [FragmentSpread] = []
        var stack: [SelectionSet] = []
        switch document.definitions[index] {
        case .operation(let op): stack.append(op.selectionSet)
        case .fragment(let f): stack.append(f.selectionSet)
        default: break
        }
        while let set = stack.popLast() {
            // By index, each case reading only what it keeps: a loop variable would copy every
            // selection whole.
            let selections = set.selections
            for i in selections.indices {
                switch selections[i] {
                case .field(let f): if let s = f.selectionSet { stack.append(s) }
                case .fragmentSpread(let s): spreads.append(s)
                case .inlineFragment(let f): stack.append(f.selectionSet)
                }
            }
        }
        spreadsByDefinition[index] = spreads
        return spreads
    }

    // The walk records the spreads it meets, so a definition it has finished is not walked
    // again for them (an operation's selections are most of a document). A spread's path holds,
    // for each selection set from the definition's down to the one holding the spread, which
    // of its parent's child selection sets it is.

    /// Records a spread met by the walk in the current definition.
    func recordSpread(_ spread: FragmentSpread, path: [Int]) {
        walkedSpreads[currentDefinition].append((path, spread))
    }

    /// Marks the current definition as walked to its end.
    func finishDefinition() { walkedDefinitions[currentDefinition] = true }

    /// The recorded spreads in the order of `fragmentSpreads`' walk: a selection set's own
    /// spreads (in document order), then its child sets, the last one first.
    private func spreadsInReferenceOrder(_ records: [(path: [Int], spread: FragmentSpread)]) -> [FragmentSpread] {
        if records.count < 2 { return records.map(\.spread) }
        let order = records.indices.sorted { a, b in
            let p = records[a].path
            let q = records[b].path
            for k in 0..<min(p.count, q.count) where p[k] != q[k] { return p[k] > q[k] }
            if p.count != q.count { return p.count < q.count }
            return a < b
        }
        return order.map { records[$0].spread }
    }

    /// Definition indices of the fragments an operation reaches through spreads, transitively.
    public func recursivelyReferencedFragments(ofOperation index: Int) -> [Int] {
        if let cached = referencedFragmentsByOperation[index] { return cached }
        var result: [Int] = []
        // Marked by definition index rather than by name: a known name has one index (its last
        // definition), unknown names are skipped either way, and no set of names is hashed.
        var seen = Array(repeating: false, count: document.definitions.count)
        var stack = [index]
        while let definition = stack.popLast() {
            for spread in fragmentSpreads(inDefinition: definition) {
                guard let f = fragmentIndexByName[spread.name.value], !seen[f] else { continue }
                seen[f] = true
                result.append(f)
                stack.append(f)
            }
        }
        referencedFragmentsByOperation[index] = result
        return result
    }

    /// The variable usages of an operation and of every fragment it reaches.
    public func recursiveVariableUsages(ofOperation index: Int) -> [VariableUsage] {
        if let cached = recursiveUsagesByOperation[index] { return cached }
        var usages = usagesByDefinition[index]
        for f in recursivelyReferencedFragments(ofOperation: index) { usages.append(contentsOf: usagesByDefinition[f]) }
        recursiveUsagesByOperation[index] = usages
        return usages
    }
}
