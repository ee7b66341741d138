// The resolver API: how application code supplies a field's value and an abstract type's
// runtime type. Resolvers are bound to the schema by coordinate (`"XenonRun.data"`) when an
// `ExecutableSchema` is built.

/// Resolves one field. Sync resolvers run inline on the executing task; only async resolvers
/// make the executor spawn child tasks, so a synchronous subtree never pays for concurrency.
public struct FieldResolver: Sendable {
    public typealias Sync = @Sendable (_ parent: FieldValue, _ arguments: JSONObject, _ context: (any Sendable)?, _ info: ResolveInfo) throws -> FieldValue
    public typealias Async = @Sendable (_ parent: FieldValue, _ arguments: JSONObject, _ context: (any Sendable)?, _ info: ResolveInfo) async throws -> FieldValue

    enum Kind: Sendable {
        case sync(Sync)
        case async(Async)
        /// Reads `key` from a dictionary-like parent: the default resolver, or an explicit rename.
        case key(String)
    }

    let kind: Kind

    /// A resolver that returns without suspending.
    public static func sync(_ body: @escaping Sync) -> FieldResolver { FieldResolver(kind: .sync(body)) }
    /// A resolver that may suspend (I/O, batching loaders).
    public static func async(_ body: @escaping Async) -> FieldResolver { FieldResolver(kind: .async(body)) }
    /// Reads `key` from a JSON object or `FieldValueContainer` parent (null when absent).
    public static func key(_ key: String) -> FieldResolver { FieldResolver(kind: .key(key)) }
    /// A constant value.
    public static func value(_ value: FieldValue) -> FieldResolver { .sync { _, _, _, _ in value } }

    var isAsync: Bool {
        if case .async = kind { return true }
        return false
    }
}

/// Names the runtime object type of a value of an interface or union type. Returning nil falls
/// back to the value itself (`TypeNamed`, or a `__typename` key in JSON or container data).
public typealias TypeResolver = @Sendable (_ value: FieldValue, _ context: (any Sendable)?, _ info: ResolveInfo) -> String?

/// What a resolver knows about the field it resolves.
public struct ResolveInfo: Sendable {
    let plan: FieldPlan
    let request: RequestState
    /// The response path to this field: keys and list indexes from the root.
    public let path: [PathComponent]

    public var fieldName: String { plan.fieldName }
    /// The alias if the field has one, else its name.
    public var responseKey: String { plan.responseKey }
    public var parentTypeName: String { plan.parentTypeName }
    public var returnType: GraphQLType { plan.definition.type }
    public var fieldDefinition: GraphQLField { plan.definition }
    /// Every occurrence of the field that was merged into this one.
    public var fieldNodes: [Field] { plan.nodes }
    public var schema: Schema { request.schema }
    public var variables: JSONObject { request.variables }
    public var operation: OperationDefinition { request.operation }

    /// The fields selected below this one, merged across fragments, after `@skip`/`@include`,
    /// for the concrete type `typeName` (defaults to the field's named type when that is an object
    /// type). Connectors use it to fetch only what was asked for. Empty for leaf fields.
    /// For an interface or union without `typeName`: the fields selected on any of its possible
    /// types, first occurrence of each response key.
    public func selection(on typeName: String? = nil) -> [SelectedField] {
        selectedFields(plan, typeName, request)
    }

    /// The names of the fields selected below this one (for `typeName`, as in `selection(on:)`).
    public func selectedFieldNames(on typeName: String? = nil) -> [String] {
        selection(on: typeName).map(\.name)
    }
}

/// One field of a selection, as `ResolveInfo.selection(on:)` reports it.
public struct SelectedField: Sendable {
    let plan: FieldPlan
    let request: RequestState

    public var name: String { plan.fieldName }
    public var responseKey: String { plan.responseKey }
    public var type: GraphQLType { plan.definition.type }
    /// The coerced arguments, or nil when they are invalid.
    public var arguments: JSONObject? { try? plan.arguments(variables: request.variables, request: request) }
    /// The fields selected below this one, for the concrete type `typeName` (as in `ResolveInfo`).
    public func selection(on typeName: String? = nil) -> [SelectedField] {
        selectedFields(plan, typeName, request)
    }
}

private func selectedFields(_ plan: FieldPlan, _ typeName: String?, _ request: RequestState) -> [SelectedField] {
    guard let child = plan.child else { return [] }
    let name = typeName ?? plan.definition.type.namedType
    if let selection = child.selectionPlan(forType: name) {
        return selection.fields.map { SelectedField(plan: $0, request: request) }
    }
    var seen = Set<String>()
    var out: [SelectedField] = []
    for possible in request.schema.possibleTypeNames(of: name) {
        guard let selection = child.selectionPlan(forType: possible) else { continue }
        for f in selection.fields where seen.insert(f.responseKey).inserted {
            out.append(SelectedField(plan: f, request: request))
        }
    }
    return out
}
