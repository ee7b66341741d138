// Operation limits: depth, aliases, root fields and an estimated complexity, measured on the
// operation with fragments expanded (each fragment measured once, so nesting spreads cannot
// make measuring exponential). The gateway decides what to do with them; `check` gives errors.

public struct OperationLimits: Sendable, Hashable {
    public var maxDepth: Int?
    public var maxAliases: Int?
    public var maxRootFields: Int?
    public var maxComplexity: Int?
    /// The multiplier of a list field that has no size argument.
    public var defaultListSize: Int
    /// Arguments whose integer value gives a list field's size.
    public var listSizeArguments: [String]

    public init(
        maxDepth: Int? = nil, maxAliases: Int? = nil, maxRootFields: Int? = nil, maxComplexity: Int? = nil,
        defaultListSize: Int = 10, listSizeArguments: [String] = ["first", "last", "limit"]
    ) {
        self.maxDepth = maxDepth
        self.maxAliases = maxAliases
        self.maxRootFields = maxRootFields
        self.maxComplexity = maxComplexity
        self.defaultListSize = defaultListSize
        self.listSizeArguments = listSizeArguments
    }

    /// One error per limit the metrics exceed.
    public func check(_ metrics: OperationMetrics) -> [GraphQLError] {
        var errors: [GraphQLError] = []
        func exceeded(_ what: String, _ value: Int, _ limit: Int?, _ code: String) {
            guard let limit, value > limit else { return }
            errors.append(GraphQLError(
                "The operation's \(what) is \(value), above the limit of \(limit).",
                extensions: ["code": .string(code)]))
        }
        exceeded("depth", metrics.depth, maxDepth, "MAX_DEPTH_EXCEEDED")
        exceeded("alias count", metrics.aliases, maxAliases, "MAX_ALIASES_EXCEEDED")
        exceeded("root field count", metrics.rootFields, maxRootFields, "MAX_ROOT_FIELDS_EXCEEDED")
        exceeded("estimated complexity", metrics.complexity, maxComplexity, "MAX_COMPLEXITY_EXCEEDED")
        return errors
    }
}

public struct OperationMetrics: Sendable, Hashable {
    /// Deepest field nesting (a root field is depth 1).
    public var depth: Int
    public var aliases: Int
    public var rootFields: Int
    /// Sum over fields of 1, with everything below a list field multiplied by its size argument
    /// (`first`, `last`, `limit`) or the default list size.
    public var complexity: Int
}

extension Schema {
    /// Measures `operation` of `document` (fragments expanded; `variables` give size arguments).
    public func measure(
        _ operation: OperationDefinition, in document: Document, variables: JSONObject? = nil,
        limits: OperationLimits = OperationLimits()
    ) -> OperationMetrics {
        var measurer = Measurer(
            schema: self, fragments: document.fragmentsByName, variables: variables ?? JSONObject(), limits: limits)
        let root = rootTypeName(for: operation.operation)
        let m = measurer.measure(operation.selectionSet.selections, parent: root)
        return OperationMetrics(depth: m.depth, aliases: m.aliases, rootFields: m.fields, complexity: m.complexity)
    }
}

private struct Measure {
    var depth = 0
    var aliases = 0
    /// Fields directly in the selection (fragments expanded).
    var fields = 0
    var complexity = 0
}

private struct Measurer {
    let schema: Schema
    let fragments: [String: FragmentDefinition]
    let variables: JSONObject
    let limits: OperationLimits
    var memo: [String: Measure] = [:]
    var inProgress = Set<String>()

    mutating func measure(_ selections: [Selection], parent: String?) -> Measure {
        var total = Measure()
        for selection in selections {
            switch selection {
            case .field(let field):
                total.fields += 1
                if field.alias != nil { total.aliases += 1 }
                let definition = parent.flatMap { schema.field(named: field.name.value, on: $0) }
                var cost = 1
                if let set = field.selectionSet {
                    let child = measure(set.selections, parent: definition?.type.namedType)
                    total.depth = max(total.depth, child.depth + 1)
                    total.aliases = saturating(total.aliases, child.aliases)
                    cost = saturating(1, saturatingMultiply(child.complexity, size(of: field, definition)))
                } else {
                    total.depth = max(total.depth, 1)
                }
                total.complexity = saturating(total.complexity, cost)
            case .inlineFragment(let inline):
                let inner = measure(inline.selectionSet.selections, parent: inline.typeCondition?.name.value ?? parent)
                total = combine(total, inner)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard let fragment = fragments[name], !inProgress.contains(name) else { continue }
                let inner: Measure
                if let cached = memo[name] {
                    inner = cached
                } else {
                    inProgress.insert(name)
                    inner = measure(fragment.selectionSet.selections, parent: fragment.typeCondition.name.value)
                    inProgress.remove(name)
                    memo[name] = inner
                }
                total = combine(total, inner)
            }
        }
        return total
    }

    private func combine(_ a: Measure, _ b: Measure) -> Measure {
        Measure(
            depth: max(a.depth, b.depth), aliases: saturating(a.aliases, b.aliases), fields: saturating(a.fields, b.fields),
            complexity: saturating(a.complexity, b.complexity))
    }

    /// The multiplier of a field's children: its size argument when it returns a list.
    private func size(of field: Field, _ definition: GraphQLField?) -> Int {
        guard let definition, definition.type.isList else { return 1 }
        for name in limits.listSizeArguments {
            guard let argument = field.arguments.first(where: { $0.name.value == name }) else { continue }
            switch argument.value {
            case .int(let i): if let n = Int(i.value), n >= 0 { return n }
            case .variable(let v): if case .int(let n)? = variables[v.name.value], n >= 0 { return n }
            default: break
            }
        }
        return limits.defaultListSize
    }
}

private func saturating(_ a: Int, _ b: Int) -> Int {
    let (r, o) = a.addingReportingOverflow(b)
    return o ? Int.max : r
}

private func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
    let (r, o) = a.multipliedReportingOverflow(by: b)
    return o ? Int.max : r
}
