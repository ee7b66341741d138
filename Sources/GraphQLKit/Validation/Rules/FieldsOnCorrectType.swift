// Field Selections (spec §5.3.1): a selected field must be defined on the parent type. Unknown
// fields get the reference's hints: first types (of an abstract parent) that have the field,
// then similarly named fields.

extension ValidationRule {
    public static let fieldsOnCorrectType = ValidationRule(name: "FieldsOnCorrectType", typed: { _ in FieldsOnCorrectTypeRule.shared })
}

final class FieldsOnCorrectTypeRule: StatelessRuleVisitor {
    /// The rule keeps no state, so every validation shares one instance (no allocation each).
    static let shared = FieldsOnCorrectTypeRule()

    var interests: ASTNode.KindSet { Self.kinds }
    private static let kinds: ASTNode.KindSet = [.init(.field)]

    func enterField(_ field: Field, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
        guard context.typeInfo.resolvedField == nil, let parent = context.typeInfo.parentType else { return .continue }
        let name = field.name.value
        let schema = context.schema
        var hint = didYouMean(suggestedTypes(for: name, in: parent, schema), subMessage: "to use an inline fragment on")
        if hint.isEmpty {
            hint = didYouMean(suggestionList(name, options: parent.fields.map(\.name)))
        }
        context.report("Cannot query field \"\(name)\" on type \"\(parent.name)\"." + hint, at: field.location)
        return .continue
    }

    /// Types of an abstract parent that define the field: most-used first, interfaces before
    /// the types that implement them, then by name.
    private func suggestedTypes(for field: String, in parent: GraphQLNamedType, _ schema: Schema) -> [String] {
        guard parent.isAbstractType else { return [] }
        var order: [String] = []
        var usage: [String: Int] = [:]
        for object in schema.possibleTypes(of: parent.name) where object.field(named: field) != nil {
            if usage[object.name] == nil { order.append(object.name) }
            usage[object.name] = 1
            for interface in object.interfaces {
                guard let i = schema.interfaceType(named: interface), i.field(named: field) != nil else { continue }
                if usage[interface] == nil { order.append(interface) }
                usage[interface, default: 0] += 1
            }
        }
        // Supertypes before their subtypes; this order is not total, so the sort must be the
        // reference's (a stable binary insertion sort after its first run) to agree with it.
        return referenceSort(order) { a, b in
            let ua = usage[a] ?? 0
            let ub = usage[b] ?? 0
            if ua != ub { return ua > ub }
            if schema.interfaceType(named: a) != nil, schema.isSubType(b, of: a) { return true }
            if schema.interfaceType(named: b) != nil, schema.isSubType(a, of: b) { return false }
            return naturalOrder(a, b)
        }
    }
}

/// Sorts small arrays the way TimSort does: the leading run (reversed if strictly descending),
/// then a binary insertion of each further element after its equals.
func referenceSort<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
    var a = items
    guard a.count > 1 else { return a }
    var run = 2
    if less(a[1], a[0]) {
        while run < a.count, less(a[run], a[run - 1]) { run += 1 }
        a[0..<run].reverse()
    } else {
        while run < a.count, !less(a[run], a[run - 1]) { run += 1 }
    }
    for i in run..<a.count {
        let pivot = a[i]
        var low = 0
        var high = i
        while low < high {
            let mid = (low + high) / 2
            if less(pivot, a[mid]) { high = mid } else { low = mid + 1 }
        }
        a.remove(at: i)
        a.insert(pivot, at: low)
    }
    return a
}

/// Compares names with runs of digits compared by value ("a2" before "a10").
func naturalOrder(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    var i = 0
    var j = 0
    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    while i < x.count, j < y.count {
        if isDigit(x[i]), isDigit(y[j]) {
            var ni = i
            while ni < x.count, isDigit(x[ni]) { ni += 1 }
            var nj = j
            while nj < y.count, isDigit(y[nj]) { nj += 1 }
            let na = Int(String(decoding: x[i..<ni], as: UTF8.self)) ?? 0
            let nb = Int(String(decoding: y[j..<nj], as: UTF8.self)) ?? 0
            if na != nb { return na < nb }
            i = ni
            j = nj
        } else {
            if x[i] != y[j] { return x[i] < y[j] }
            i += 1
            j += 1
        }
    }
    return x.count - i < y.count - j
}
