// Which rule visitors each node kind goes to, on enter and on leave, as flat tables. Built from
// the visitors' interests; the rules of this module keep theirs in static sets, so one list of
// rule types always gives the same tables, and the last one is kept for the next validation
// (building them cost about 3% of a validation of a mid-sized query).

import Foundation

struct DispatchTables: Sendable {
    /// Every kind the walk must report: the visitors' and the ones TypeInfo and the context need.
    let interests: ASTNode.KindSet
    let enterStart: [Int]
    let enterVisitors: [Int]
    let leaveStart: [Int]
    let leaveVisitors: [Int]
    let hasUntypedVisitors: Bool

    init(visitors: [any TypedRuleVisitor], hasUntypedVisitors: Bool) {
        var union = TypeInfo.kinds
        union.insert(ASTNode.KindSet(.document))
        union.insert(ASTNode.KindSet(.variable))
        union.insert(ASTNode.KindSet(.fragmentSpread))  // recorded (see `recordSpread`)
        let enterKinds = visitors.map(\.enterInterests)
        let leaveKinds = visitors.map(\.leaveInterests)
        for kinds in enterKinds { union.formUnion(kinds) }
        for kinds in leaveKinds { union.formUnion(kinds) }
        (enterStart, enterVisitors) = Self.index(enterKinds)
        (leaveStart, leaveVisitors) = Self.index(leaveKinds)
        interests = union
        self.hasUntypedVisitors = hasUntypedVisitors
    }

    /// The tables for `visitors`, from `cache` when it holds those of the same rule types.
    static func tables(for visitors: [any TypedRuleVisitor], cache: DispatchTableCache?) -> DispatchTables {
        // Visitor types, compared by identity: a wrapped outside rule's kinds belong to the
        // instance, so lists with one are not cached.
        let untyped = ObjectIdentifier(UntypedRuleVisitor.self)
        let types = visitors.map { ObjectIdentifier(type(of: $0)) }
        if types.contains(untyped) { return DispatchTables(visitors: visitors, hasUntypedVisitors: true) }
        if let cached = cache?.tables(for: types) { return cached }
        let tables = DispatchTables(visitors: visitors, hasUntypedVisitors: false)
        cache?.keep(tables, for: types)
        return tables
    }

    /// Visitor indices grouped by kind, as a start per kind and one flat list.
    private static func index(_ kindsOf: [ASTNode.KindSet]) -> ([Int], [Int]) {
        let kindCount = ASTNode.Kind.allCases.count
        let mask: UInt64 = (1 << UInt64(kindCount)) - 1
        var start = Array(repeating: 0, count: kindCount + 1)
        for kinds in kindsOf {
            var bits = kinds.rawValue & mask
            while bits != 0 {
                start[bits.trailingZeroBitCount + 1] += 1
                bits &= bits - 1
            }
        }
        for k in 0..<kindCount { start[k + 1] += start[k] }
        var flat = Array(repeating: 0, count: start[kindCount])
        // `start[k]` serves as kind k's fill cursor (ending at kind k + 1's start), then the
        // starts are shifted back: no second array per validation.
        for (i, kinds) in kindsOf.enumerated() {
            var bits = kinds.rawValue & mask
            while bits != 0 {
                let k = bits.trailingZeroBitCount
                flat[start[k]] = i
                start[k] += 1
                bits &= bits - 1
            }
        }
        for k in stride(from: kindCount, to: 0, by: -1) { start[k] = start[k - 1] }
        start[0] = 0
        return (start, flat)
    }
}

/// The tables of the last list of rule types a prepared `Validator` ran, shared by its
/// validations on any thread (servers validate with the same rules every time).
final class DispatchTableCache: @unchecked Sendable {
    // Guarded by `lock`.
    private var types: [ObjectIdentifier] = []
    private var tables: DispatchTables? = nil
    private let lock = NSLock()

    func tables(for types: [ObjectIdentifier]) -> DispatchTables? {
        lock.lock()
        defer { lock.unlock() }
        return types == self.types ? tables : nil
    }

    func keep(_ tables: DispatchTables, for types: [ObjectIdentifier]) {
        lock.lock()
        defer { lock.unlock() }
        self.types = types
        self.tables = tables
    }
}
