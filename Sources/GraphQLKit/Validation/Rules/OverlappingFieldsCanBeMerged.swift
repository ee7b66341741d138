// Field Selection Merging (spec §5.3.2): fields with the same response key that may be
// executed for the same object must be the same field with the same arguments, and fields with
// the same response key must return compatible shapes.
//
// Kept polynomial, and linear in the usual pathological inputs:
// - fields and fragment names of a selection set (and of a fragment) are collected once per
//   document and cached;
// - fields are grouped by response key, and equal fields (same parent type, name, arguments and
//   sub-selection) are compared once per group of equals: 1,000 copies of a field cost one
//   comparison, not half a million;
// - each pair of fragments is compared once per document (the memo the reference keeps; the
//   comparison of fields with the fragments a fragment spreads shares it), so nested spreads
//   cost no exponential re-walks.

extension ValidationRule {
    public static let overlappingFieldsCanBeMerged = ValidationRule(name: "OverlappingFieldsCanBeMerged", typed: { context in
        OverlappingFieldsCanBeMergedRule(context: context)
    })
}

final class OverlappingFieldsCanBeMergedRule: TypedRuleVisitor {
    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.selectionSet)]
    private var finder: ConflictFinder

    init(context: ValidationContext) { finder = ConflictFinder(context: context) }

    var isReusable: Bool { true }
    func reset() { finder.reset() }

    func enterSelectionSet(_ set: SelectionSet, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        finder.budget = max(context.maxErrors - context.errors.count + 1, 1)
        for conflict in finder.conflictsWithin(set, parent: context.typeInfo.resolvedParentType) {
            context.report(
                "Fields \"\(conflict.responseKey)\" conflict because \(conflict.reason). Use different aliases on the fields to fetch both if this was intentional.",
                at: conflict.locations1 + conflict.locations2)
            if context.isAborted { break }
        }
        return .continue
    }
}

/// Two sets of fields that cannot merge under one response key, and why.
struct FieldConflict {
    var responseKey: String
    var reason: String
    var locations1: [SourceLocation]
    var locations2: [SourceLocation]
}

/// A field selection with the type it was selected on and its definition there. The field
/// itself stays in its selection list and is read from there when two entries are compared
/// (only for equal response keys): copying every field into every map cost more than the
/// comparisons.
private struct FieldEntry {
    var parentType: ResolvedType?
    var selections: [Selection]
    var index: Int
    /// The field's type where the parent type defines it (meta-fields excluded, as the
    /// reference compares only fields the type itself defines).
    var type: GraphQLType?

    var field: Field {
        if case .field(let field) = selections[index] { return field }
        return Field(name: Name(""))  // not reached: entries are made for fields only
    }
}

/// What makes two field selections interchangeable for this rule.
private struct FieldSignature: Hashable {
    var parentType: ObjectIdentifier?
    var name: String
    var arguments: [Argument]
    var selectionSet: SelectionSet?
}

/// The fields and fragment names directly under a selection set (inline fragments merged).
/// Fields are kept flat, grouped by response key without an array per key: most keys occur
/// once, so only repeats get a list of their own.
///
/// A map belongs to one validation on one thread; its state is `@exclusivity(unchecked)`, as
/// the runtime's access checks cost more than the appends and scans they guard.
/// A field map and a fragment name, the map compared by identity (and kept alive by the pair,
/// so its address cannot be reused while the pair is held).
private struct MapFragmentPair: Hashable {
    let map: FieldMap
    let fragment: String

    static func == (a: MapFragmentPair, b: MapFragmentPair) -> Bool { a.map === b.map && a.fragment == b.fragment }

    func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(map))
        hasher.combine(fragment)
    }
}

private final class FieldMap {
    @exclusivity(unchecked) var entries: [FieldEntry] = []
    /// The first entry of each response key, in order of first appearance (one per group).
    @exclusivity(unchecked) var firstEntries: [Int] = []
    /// The response key of each group; small maps find a key by scanning these, larger ones
    /// through `groupByKey`, built once there are more than `scanLimit` groups.
    @exclusivity(unchecked) var groupKeys: [String] = []
    @exclusivity(unchecked) private var groupByKey: [String: Int] = [:]
    static let scanLimit = 8
    /// Further entries of groups whose key repeats.
    @exclusivity(unchecked) var repeats: [Int: [Int]] = [:]
    @exclusivity(unchecked) var fragmentNames: [String] = []
    /// Equal-field classes per group, computed on first use.
    @exclusivity(unchecked) var classes: [Int: [[Int]]] = [:]

    func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
        firstEntries.reserveCapacity(count)
        groupKeys.reserveCapacity(count)
    }

    func add(_ entry: FieldEntry, key: String) {
        let index = entries.count
        entries.append(entry)
        if let group = group(forKey: key) {
            repeats[group, default: []].append(index)
        } else {
            let group = firstEntries.count
            firstEntries.append(index)
            groupKeys.append(key)
            if group == FieldMap.scanLimit {
                for (g, k) in groupKeys.enumerated() { groupByKey[k] = g }
            } else if group > FieldMap.scanLimit {
                groupByKey[key] = group
            }
        }
    }

    func group(forKey key: String) -> Int? {
        if groupKeys.count <= FieldMap.scanLimit {
            // Lengths first: comparing two different strings is a runtime call, a length a load.
            let length = key.utf8.count
            return groupKeys.firstIndex { $0.utf8.count == length && $0 == key }
        }
        return groupByKey[key]
    }

    /// The entries of a group, in order.
    func members(_ group: Int) -> [Int] {
        guard let more = repeats[group] else { return [firstEntries[group]] }
        return [firstEntries[group]] + more
    }

    func key(_ group: Int) -> String { groupKeys[group] }
}

private struct SelectionSetKey: Hashable {
    var start: Int
    var end: Int
    var parentType: ObjectIdentifier?
}

private struct FragmentPair: Hashable {
    var first: String
    var second: String
    init(_ a: String, _ b: String) {
        if a < b { first = a; second = b } else { first = b; second = a }
    }
}

private struct ConflictFinder {
    let context: ValidationContext
    var schema: Schema { context.schema }
    /// How many conflicts are worth finding in one list (the rest could not be reported).
    var budget = Int.max
    /// Maps of parsed selection sets: the first few in a list that is scanned (hashing a key
    /// costs more than comparing it with a handful), then all of them in a dictionary.
    private var mapList: [(key: SelectionSetKey, map: FieldMap)] = []
    private var mapsBySelectionSet: [SelectionSetKey: FieldMap] = [:]
    private static let mapListLimit = 16
    private var mapsByFragment: [String: FieldMap?] = [:]
    /// Fragment pairs compared so far, with whether they were compared as mutually exclusive.
    private var comparedFragmentPairs: [FragmentPair: Bool] = [:]
    /// Field maps being compared with a fragment right now, with how many times each is nested
    /// in itself. A fragment that spreads itself in a sub-selection (`fragment F on Run {
    /// previous { ...F } }`) can bring the same comparison back inside itself forever
    /// (NoFragmentCycles reports the cycle; this rule must still end). The reference
    /// implementation re-enters such comparisons a few times before its own memo stops it, and
    /// reports what it finds each time, so a few nested repeats are allowed, not none; but only
    /// a bounded number in all, as each repeat can branch (a cap per comparison alone let a
    /// fuzzed document run for seconds).
    private var fragmentComparisonsInProgress: [MapFragmentPair: Int] = [:]
    private static let maximumNestedRepeats = 4
    private var repeatsLeft = ConflictFinder.repeatsPerDocument
    private static let repeatsPerDocument = 64

    init(context: ValidationContext) { self.context = context }

    /// Forgets the last document (the context stays: it is reset with the finder's rule).
    mutating func reset() {
        budget = Int.max
        mapList.removeAll(keepingCapacity: true)
        mapsBySelectionSet.removeAll()
        mapsByFragment.removeAll()
        comparedFragmentPairs.removeAll()
        fragmentComparisonsInProgress.removeAll()
        repeatsLeft = Self.repeatsPerDocument
        outlines.removeAll(keepingCapacity: outlines.capacity <= 64)
    }

    // MARK: Entry point

    mutating func conflictsWithin(_ set: SelectionSet, parent: ResolvedType?) -> [FieldConflict] {
        if hasNoRepeats(set) || hasDistinctKeysWithFragments(set) { return [] }
        let map = fieldMap(set, parent: parent)
        var out: [FieldConflict] = []
        for group in map.repeats.keys.sorted() {
            collectWithin(map, group: group, &out)
            if out.count >= budget { return out }
        }
        let fragments = map.fragmentNames
        for (i, name) in fragments.enumerated() {
            collectBetweenFieldsAndFragment(&out, mutuallyExclusive: false, map, name)
            for other in fragments[(i + 1)...] {
                collectBetweenFragments(&out, mutuallyExclusive: false, name, other)
                if out.count >= budget { return out }
            }
        }
        return out
    }

    // MARK: Collecting fields

    private mutating func fieldMap(_ set: SelectionSet, parent: ResolvedType?) -> FieldMap {
        // Sets built in code all sit at 0..<0: only parsed ones can be told apart by location.
        let cacheable = set.location.end > 0
        let key = SelectionSetKey(start: set.location.start, end: set.location.end, parentType: parent.map(ObjectIdentifier.init))
        if cacheable, let cached = cachedMap(key) { return cached }
        let map = FieldMap()
        // Room for the set's own selections up front: growing the arrays one doubling at a
        // time copied the (large) entries several times per map.
        map.reserveCapacity(set.selections.count)
        var seenFragments = Set<String>()
        collect(set, parent: parent, into: map, &seenFragments)
        if cacheable { cache(map, key) }
        return map
    }

    private func cachedMap(_ key: SelectionSetKey) -> FieldMap? {
        if !mapsBySelectionSet.isEmpty { return mapsBySelectionSet[key] }
        for entry in mapList where entry.key == key { return entry.map }
        return nil
    }

    private mutating func cache(_ map: FieldMap, _ key: SelectionSetKey) {
        if mapsBySelectionSet.isEmpty && mapList.count < Self.mapListLimit {
            mapList.append((key, map))
            return
        }
        if mapsBySelectionSet.isEmpty {
            for entry in mapList { mapsBySelectionSet[entry.key] = entry.map }
            mapList = []
        }
        mapsBySelectionSet[key] = map
    }

    private func collect(_ set: SelectionSet, parent: ResolvedType?, into map: FieldMap, _ seenFragments: inout Set<String>) {
        let lookup = context.lookup
        let definesFields = parent.map { $0.isObject || $0.isInterface } ?? false
        let selections = set.selections
        // Indices, not `for … in`: iterating copies each selection (a field is several references).
        for i in selections.indices {
            switch selections[i] {
            case .field(let field):
                var type: GraphQLType? = nil
                let name = field.name.value
                if definesFields, let parent, !(name.utf8.first == UInt8(ascii: "_") && name.hasPrefix("__")) {
                    type = lookup.field(named: name, on: parent)?.definition.type
                }
                map.add(FieldEntry(parentType: parent, selections: selections, index: i, type: type), key: field.alias?.value ?? name)
            case .fragmentSpread(let spread):
                // A few names are scanned (a set costs an allocation and a hash per name); past
                // `FieldMap.scanLimit` the set takes over, so many spreads stay linear.
                let name = spread.name.value
                if map.fragmentNames.count < FieldMap.scanLimit {
                    if !map.fragmentNames.contains(name) { map.fragmentNames.append(name) }
                } else {
                    if seenFragments.isEmpty { seenFragments = Set(map.fragmentNames) }
                    if seenFragments.insert(name).inserted { map.fragmentNames.append(name) }
                }
            case .inlineFragment(let fragment):
                var type = parent
                if let condition = fragment.typeCondition { type = lookup.type(named: condition.name.value) }
                collect(fragment.selectionSet, parent: type, into: map, &seenFragments)
            }
        }
    }

    private mutating func fragmentMap(_ name: String) -> FieldMap? {
        if let cached = mapsByFragment[name] { return cached }
        var map: FieldMap? = nil
        if let fragment = context.fragment(named: name) {
            map = fieldMap(fragment.selectionSet, parent: context.lookup.type(named: fragment.typeCondition.name.value))
        }
        mapsByFragment[name] = map
        return map
    }

    /// Entry indices of a group's fields, in classes of equal fields.
    private func classes(_ map: FieldMap, _ group: Int) -> [[Int]] {
        if map.repeats[group] == nil { return [[map.firstEntries[group]]] }
        if let cached = map.classes[group] { return cached }
        let members = map.members(group)
        var result: [[Int]]
        if members.count == 2 {
            let same = signature(map.entries[members[0]]) == signature(map.entries[members[1]])
            result = same ? [members] : [[members[0]], [members[1]]]
        } else {
            result = []
            var classBySignature: [FieldSignature: Int] = [:]
            for i in members {
                let s = signature(map.entries[i])
                if let c = classBySignature[s] {
                    result[c].append(i)
                } else {
                    classBySignature[s] = result.count
                    result.append([i])
                }
            }
        }
        map.classes[group] = result
        return result
    }

    private func signature(_ entry: FieldEntry) -> FieldSignature {
        let field = entry.field
        return FieldSignature(
            parentType: entry.parentType.map(ObjectIdentifier.init), name: field.name.value, arguments: field.arguments,
            selectionSet: field.selectionSet)
    }

    // MARK: Comparing collections

    /// Conflicts among the fields of one response key in one selection set, pair by pair in
    /// source order. Only one pair per pair of equal-field classes is compared up front; its
    /// result is kept, since comparing again would find the fragment pairs it compared marked
    /// as done.
    private mutating func collectWithin(_ map: FieldMap, group: Int, _ out: inout [FieldConflict]) {
        let entries = map.entries
        let key = map.key(group)
        let groups = classes(map, group)
        var pairs: [(Int, Int)] = []
        var found: [Int: FieldConflict] = [:]
        let n = entries.count
        for x in 0..<groups.count {
            // Equal fields can still conflict (their sub-selections may clash with each other).
            if groups[x].count > 1 {
                let (i, j) = (groups[x][0], groups[x][1])
                if let c = findConflict(false, key, entries[i], entries[j]) {
                    found[i * n + j] = c
                    for a in 0..<groups[x].count {
                        for b in (a + 1)..<groups[x].count { pairs.append((groups[x][a], groups[x][b])) }
                    }
                }
            }
            for y in (x + 1)..<groups.count {
                let (i, j) = (min(groups[x][0], groups[y][0]), max(groups[x][0], groups[y][0]))
                guard let c = findConflict(false, key, entries[i], entries[j]) else { continue }
                found[i * n + j] = c
                for a in groups[x] {
                    for b in groups[y] { pairs.append((min(a, b), max(a, b))) }
                }
            }
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        for (a, b) in pairs {
            if out.count >= budget { return }
            if let c = found[a * n + b] ?? findConflict(false, key, entries[a], entries[b]) { out.append(c) }
        }
    }

    /// Conflicts between the fields of two collections, key by key, pair by pair in order.
    private mutating func collectBetween(
        _ out: inout [FieldConflict], mutuallyExclusive: Bool, _ map1: FieldMap, _ map2: FieldMap
    ) {
        if map2.firstEntries.isEmpty { return }
        let entries1 = map1.entries
        let entries2 = map2.entries
        for group1 in 0..<map1.firstEntries.count {
            let key = map1.key(group1)
            guard let group2 = map2.group(forKey: key) else { continue }
            let groups1 = classes(map1, group1)
            let groups2 = classes(map2, group2)
            var pairs: [(Int, Int)] = []
            var found: [Int: FieldConflict] = [:]
            let n = entries2.count
            for g1 in groups1 {
                for g2 in groups2 {
                    guard let c = findConflict(mutuallyExclusive, key, entries1[g1[0]], entries2[g2[0]]) else { continue }
                    found[g1[0] * n + g2[0]] = c
                    for a in g1 {
                        for b in g2 { pairs.append((a, b)) }
                    }
                }
            }
            pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            for (a, b) in pairs {
                if out.count >= budget { return }
                if let c = found[a * n + b] ?? findConflict(mutuallyExclusive, key, entries1[a], entries2[b]) {
                    out.append(c)
                }
            }
        }
    }

    /// A collection against a fragment and, through it, the fragments it spreads. Each
    /// (spread, spreading fragment) pair is followed once per document: the memo is the one
    /// fragment pairs share, as in the reference, which also keeps the walk polynomial.
    private mutating func collectBetweenFieldsAndFragment(
        _ out: inout [FieldConflict], mutuallyExclusive: Bool, _ map: FieldMap, _ name: String
    ) {
        guard out.count < budget, let fragment = fragmentMap(name), fragment !== map else { return }
        let comparison = MapFragmentPair(map: map, fragment: name)
        let depth = fragmentComparisonsInProgress[comparison, default: 0]
        if depth > 0 {
            guard depth < Self.maximumNestedRepeats, repeatsLeft > 0 else { return }
            repeatsLeft -= 1
        }
        fragmentComparisonsInProgress[comparison] = depth + 1
        defer { fragmentComparisonsInProgress[comparison] = depth == 0 ? nil : depth }
        collectBetween(&out, mutuallyExclusive: mutuallyExclusive, map, fragment)
        for referenced in fragment.fragmentNames {
            if !markCompared(referenced, name, mutuallyExclusive) { continue }
            collectBetweenFieldsAndFragment(&out, mutuallyExclusive: mutuallyExclusive, map, referenced)
        }
    }

    /// Records that two fragments were compared; false when they already were (a comparison
    /// as not mutually exclusive covers the mutually exclusive one too).
    private mutating func markCompared(_ name1: String, _ name2: String, _ mutuallyExclusive: Bool) -> Bool {
        let pair = FragmentPair(name1, name2)
        if let earlier = comparedFragmentPairs[pair], mutuallyExclusive || !earlier { return false }
        comparedFragmentPairs[pair] = mutuallyExclusive
        return true
    }

    /// Two fragments (and what they reach) against each other; each pair once per document.
    private mutating func collectBetweenFragments(
        _ out: inout [FieldConflict], mutuallyExclusive: Bool, _ name1: String, _ name2: String
    ) {
        if name1 == name2 || out.count >= budget { return }
        if !markCompared(name1, name2, mutuallyExclusive) { return }
        guard let map1 = fragmentMap(name1), let map2 = fragmentMap(name2) else { return }
        collectBetween(&out, mutuallyExclusive: mutuallyExclusive, map1, map2)
        for referenced in map2.fragmentNames {
            collectBetweenFragments(&out, mutuallyExclusive: mutuallyExclusive, name1, referenced)
        }
        for referenced in map1.fragmentNames {
            collectBetweenFragments(&out, mutuallyExclusive: mutuallyExclusive, referenced, name2)
        }
    }

    /// Conflicts between two sub-selections (of two fields with the same response key).
    private mutating func conflictsBetween(
        mutuallyExclusive: Bool, _ parent1: ResolvedType?, _ set1: SelectionSet, _ parent2: ResolvedType?, _ set2: SelectionSet
    ) -> [FieldConflict] {
        let map1 = fieldMap(set1, parent: parent1)
        let map2 = fieldMap(set2, parent: parent2)
        var out: [FieldConflict] = []
        collectBetween(&out, mutuallyExclusive: mutuallyExclusive, map1, map2)
        for name in map2.fragmentNames {
            collectBetweenFieldsAndFragment(&out, mutuallyExclusive: mutuallyExclusive, map1, name)
        }
        for name in map1.fragmentNames {
            collectBetweenFieldsAndFragment(&out, mutuallyExclusive: mutuallyExclusive, map2, name)
        }
        for name1 in map1.fragmentNames {
            for name2 in map2.fragmentNames {
                collectBetweenFragments(&out, mutuallyExclusive: mutuallyExclusive, name1, name2)
            }
        }
        return out
    }

    // MARK: Comparing two fields

    private mutating func findConflict(
        _ parentsMutuallyExclusive: Bool, _ key: String, _ entry1: FieldEntry, _ entry2: FieldEntry
    ) -> FieldConflict? {
        let field1 = entry1.field
        let field2 = entry2.field
        // Fields on two different object types can never both run for one object.
        let mutuallyExclusive =
            parentsMutuallyExclusive
            || (entry1.parentType !== entry2.parentType && entry1.parentType?.isObject == true
                && entry2.parentType?.isObject == true)
        if !mutuallyExclusive {
            if field1.name.value != field2.name.value {
                return FieldConflict(
                    responseKey: key, reason: "\"\(field1.name.value)\" and \"\(field2.name.value)\" are different fields",
                    locations1: [field1.location], locations2: [field2.location])
            }
            if !sameArguments(field1.arguments, field2.arguments) {
                return FieldConflict(
                    responseKey: key, reason: "they have differing arguments", locations1: [field1.location],
                    locations2: [field2.location])
            }
        }
        let type1 = entry1.type
        let type2 = entry2.type
        if let type1, let type2, typesConflict(type1, type2) {
            return FieldConflict(
                responseKey: key, reason: "they return conflicting types \"\(type1)\" and \"\(type2)\"",
                locations1: [field1.location], locations2: [field2.location])
        }
        guard let set1 = field1.selectionSet, let set2 = field2.selectionSet else { return nil }
        let sub = conflictsBetween(
            mutuallyExclusive: mutuallyExclusive, compositeName(type1), set1, compositeName(type2), set2)
        if sub.isEmpty { return nil }
        return FieldConflict(
            responseKey: key,
            reason: sub.map { "subfields \"\($0.responseKey)\" conflict because \($0.reason)" }.joined(separator: " and "),
            locations1: [field1.location] + sub.flatMap(\.locations1),
            locations2: [field2.location] + sub.flatMap(\.locations2))
    }

    private func compositeName(_ type: GraphQLType?) -> ResolvedType? {
        guard let name = type?.namedType else { return nil }
        return context.lookup.type(named: name)
    }

    /// True when no response key repeats (inline fragments included) and no fragment is
    /// spread: nothing can conflict, and no field map is needed.
    /// The keys go to a buffer on the stack: this runs for every selection set, and most are
    /// answered here, so a heap array per set would cost more than the check.
    private func hasNoRepeats(_ set: SelectionSet) -> Bool {
        withUnsafeTemporaryAllocation(of: String.self, capacity: Self.keyLimit) { keys in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.keyLimit) { lengths in
                var count = 0
                let answer = collectKeys(set, keys, lengths, &count)
                keys.baseAddress!.deinitialize(count: count)
                return answer
            }
        }
    }

    /// More keys than this in one selection set: the full check is made.
    private static let keyLimit = 16

    /// Keys with their lengths: keys are compared only when their lengths are equal (comparing
    /// two different strings is a runtime call, a length a load).
    private func collectKeys(
        _ set: SelectionSet, _ keys: UnsafeMutableBufferPointer<String>, _ lengths: UnsafeMutableBufferPointer<Int>,
        _ count: inout Int
    ) -> Bool {
        for selection in set.selections {
            switch selection {
            case .field(let field):
                if count >= Self.keyLimit { return false }
                let key = field.alias?.value ?? field.name.value
                let length = key.utf8.count
                for j in 0..<count where lengths[j] == length && keys[j] == key { return false }
                keys.baseAddress!.advanced(by: count).initialize(to: key)
                lengths[count] = length
                count += 1
            case .inlineFragment(let fragment):
                if !collectKeys(fragment.selectionSet, keys, lengths, &count) { return false }
            case .fragmentSpread:
                return false
            }
        }
        return true
    }

    // MARK: Sets with fragment spreads

    /// The response keys and spread fragment names of a fragment's own selection set (inline
    /// fragments included), for `hasDistinctKeysWithFragments`.
    private struct FragmentOutline {
        var keys: [String] = []
        var spreads: [String] = []
        /// False when the fragment is too large to outline: sets spreading it get the full check.
        var isComplete = true
    }

    /// Bounds on the quick check: past them the full comparison runs (so a set reaching many
    /// fragments costs no more than before, and the check stays linear overall).
    private static let outlineKeyLimit = 64
    private static let outlineFragmentLimit = 16

    /// True when no response key occurs twice among a set's fields and the fields of every
    /// fragment it reaches through spreads (each fragment once). Fields are only ever compared
    /// with fields of the same response key, so such a set has no conflict, and neither has
    /// any comparison of two fragments it reaches (whatever is compared later: the fragments'
    /// fields do not change). Most sets with spreads in real documents are answered here,
    /// without building field maps.
    private mutating func hasDistinctKeysWithFragments(_ set: SelectionSet) -> Bool {
        // One outline grows to hold the set's keys and those of every fragment reached.
        var all = FragmentOutline()
        all.keys.reserveCapacity(32)
        guard Self.collectOutline(set, into: &all) else { return false }
        // Keys are checked as they come (lengths on the stack: at most two outlines' worth
        // before the limit is checked), so a repeat ends the check at once; nested fragments
        // that share keys with the sets spreading them are common.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * Self.outlineKeyLimit + 1) { lengths in
            var checked = 0
            guard Self.checkNewKeys(all.keys, lengths, &checked) else { return false }
            var i = 0
            while i < all.spreads.count {
                let name = all.spreads[i]
                i += 1
                guard let outline = fragmentOutline(name) else { continue }
                if !outline.isComplete { return false }
                all.keys.append(contentsOf: outline.keys)
                guard Self.checkNewKeys(all.keys, lengths, &checked) else { return false }
                for spread in outline.spreads where !all.spreads.contains(spread) { all.spreads.append(spread) }
                if all.keys.count > Self.outlineKeyLimit || all.spreads.count > Self.outlineFragmentLimit { return false }
            }
            return true
        }
    }

    /// Compares the keys from `checked` on with all before them (lengths first); false at the
    /// first repeat.
    private static func checkNewKeys(_ keys: [String], _ lengths: UnsafeMutableBufferPointer<Int>, _ checked: inout Int) -> Bool {
        while checked < keys.count {
            let i = checked
            let length = keys[i].utf8.count
            lengths[i] = length
            for j in 0..<i where lengths[j] == length && keys[j] == keys[i] { return false }
            checked += 1
        }
        return true
    }

    /// Outlines by definition index (a fragment's name is hashed once, by `fragmentIndex`).
    private var outlines: [FragmentOutline?] = []

    /// nil for an unknown fragment (spreading one compares nothing).
    private mutating func fragmentOutline(_ name: String) -> FragmentOutline? {
        guard let index = context.fragmentIndex(named: name) else { return nil }
        if outlines.isEmpty { outlines.append(contentsOf: repeatElement(nil, count: context.document.definitions.count)) }
        if let cached = outlines[index] { return cached }
        guard case .fragment(let fragment) = context.document.definitions[index] else { return nil }
        var outline = FragmentOutline()
        outline.keys.reserveCapacity(fragment.selectionSet.selections.count)
        outline.isComplete = Self.collectOutline(fragment.selectionSet, into: &outline)
        outlines[index] = outline
        return outline
    }

    /// Collects keys and (distinct) spread names; false past `outlineKeyLimit` keys.
    private static func collectOutline(_ set: SelectionSet, into outline: inout FragmentOutline) -> Bool {
        let selections = set.selections
        for i in selections.indices {
            switch selections[i] {
            case .field(let field):
                if outline.keys.count >= outlineKeyLimit { return false }
                outline.keys.append(field.alias?.value ?? field.name.value)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                if !outline.spreads.contains(name) {
                    if outline.spreads.count >= outlineFragmentLimit { return false }
                    outline.spreads.append(name)
                }
            case .inlineFragment(let fragment):
                if !collectOutline(fragment.selectionSet, into: &outline) { return false }
            }
        }
        return true
    }

    /// Whether two return types could produce differently shaped values.
    private func typesConflict(_ type1: GraphQLType, _ type2: GraphQLType) -> Bool {
        if case .list(let item1) = type1 {
            if case .list(let item2) = type2 { return typesConflict(item1, item2) }
            return true
        }
        if case .list = type2 { return true }
        if case .nonNull(let inner1) = type1 {
            if case .nonNull(let inner2) = type2 { return typesConflict(inner1, inner2) }
            return true
        }
        if case .nonNull = type2 { return true }
        let name1 = type1.namedType
        let name2 = type2.namedType
        if isLeaf(name1) || isLeaf(name2) { return name1 != name2 }
        return false
    }

    private func isLeaf(_ name: String) -> Bool { context.lookup.type(named: name)?.isLeaf ?? false }
}

/// The same arguments, whatever their order (object fields compared regardless of order too).
private func sameArguments(_ arguments1: [Argument], _ arguments2: [Argument]) -> Bool {
    if arguments1.count != arguments2.count { return false }
    for a in arguments1 {
        guard let b = arguments2.first(where: { $0.name.value == a.name.value }), sameValue(a.value, b.value) else {
            return false
        }
    }
    return true
}

private func sameValue(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.list(let x), .list(let y)):
        return x.values.count == y.values.count && zip(x.values, y.values).allSatisfy { sameValue($0, $1) }
    case (.object(let x), .object(let y)):
        guard x.fields.count == y.fields.count else { return false }
        let sortedX = x.fields.sorted { $0.name.value < $1.name.value }
        let sortedY = y.fields.sorted { $0.name.value < $1.name.value }
        return zip(sortedX, sortedY).allSatisfy { $0.name.value == $1.name.value && sameValue($0.value, $1.value) }
    default:
        return a == b
    }
}
