// Execution plans: for one operation (and the values of the variables its `@skip`/`@include`
// read), the collected fields of every selection set per concrete object type, with each field's
// resolver, argument coercion, completion steps and pre-encoded response key worked out once.
// The executor then walks plans and data only: no per-object field collection, no per-field
// dictionary lookups in the schema.
import Foundation

/// How a field's resolved value is completed (spec §6.4.3 CompleteValue), unrolled from its
/// type. A class with a trivial `kind`, so the executor's switches copy nothing.
final class OutputPlan: Sendable {
    enum Kind: UInt8, Sendable {
        case nonNull, list, string, int, float, boolean, id, custom, enumType, object, abstract
    }

    let kind: Kind
    /// The wrapped type, for `nonNull` and `list`.
    let inner: OutputPlan?
    /// The scalar, for `custom`.
    let scalar: GraphQLScalarType?
    /// The enum's name and value names, for `enumType`.
    let typeName: String
    let enumValues: Set<String>
    /// For `object`.
    let selection: SelectionPlan?
    /// For `abstract`.
    let child: ChildPlan?
    let isNonNull: Bool
    let mayBeAsync: Bool

    init(
        _ kind: Kind, inner: OutputPlan? = nil, scalar: GraphQLScalarType? = nil, typeName: String = "",
        enumValues: Set<String> = [], selection: SelectionPlan? = nil, child: ChildPlan? = nil
    ) {
        self.kind = kind
        self.inner = inner
        self.scalar = scalar
        self.typeName = typeName
        self.enumValues = enumValues
        self.selection = selection
        self.child = child
        self.isNonNull = kind == .nonNull
        switch kind {
        case .nonNull, .list: mayBeAsync = inner?.mayBeAsync ?? false
        case .object: mayBeAsync = selection?.mayBeAsync ?? false
        case .abstract: mayBeAsync = child?.mayBeAsync ?? false
        default: mayBeAsync = false
        }
    }

    /// The name leaf errors use: `Int`, `Enum "Color"`.
    var leafName: String {
        switch kind {
        case .string: "String"
        case .int: "Int"
        case .float: "Float"
        case .boolean: "Boolean"
        case .id: "ID"
        case .enumType: "Enum \"\(typeName)\""
        default: typeName
        }
    }
}

enum ResolverKind: UInt8, Sendable {
    case key, typename, sync, async
}

enum ResolverPlan: Sendable {
    /// Read a key of a dictionary-like parent (the default resolver).
    case key(String)
    /// `__typename`: the parent's object type name, written straight from the plan.
    case typename
    case sync(FieldResolver.Sync)
    case async(FieldResolver.Async)
}

enum ArgumentsPlan: Sendable {
    /// No arguments defined: an empty object.
    case none
    /// Arguments without variables, coerced once when the plan was built.
    case constant(JSONObject)
    /// Arguments without variables that failed to coerce: every execution reports this error.
    case invalid(ArgumentError)
    /// Arguments that read variables: coerced per request.
    case dynamic(definitions: [GraphQLArgument], arguments: [Argument], location: SourceLocation)
}

/// One response key of a selection on one object type.
final class FieldPlan: Sendable {
    let responseKey: String
    /// `"key":`, ready to copy into the response.
    let keyJSON: [UInt8]
    let fieldName: String
    let parentTypeName: String
    /// `Parent.field`, for error messages.
    let coordinate: String
    let definition: GraphQLField
    let nodes: [Field]
    let resolver: ResolverPlan
    /// `resolver` unpacked, so the executor's dispatch copies nothing.
    let resolverKind: ResolverKind
    let key: String
    let syncBody: FieldResolver.Sync?
    let asyncBody: FieldResolver.Async?
    let argumentsPlan: ArgumentsPlan
    /// Arguments that may fail to coerce (invalid, or reading variables): even the default
    /// resolver must coerce them first.
    let argumentsMayFail: Bool
    let output: OutputPlan
    /// The selection below the field, for composite types.
    let child: ChildPlan?
    /// The resolver is async, or one below it may be.
    let mayBeAsync: Bool
    let schema: Schema

    init(
        responseKey: String, parentTypeName: String, definition: GraphQLField, nodes: [Field], resolver: ResolverPlan,
        argumentsPlan: ArgumentsPlan, output: OutputPlan, child: ChildPlan?, schema: Schema
    ) {
        self.responseKey = responseKey
        self.keyJSON = Array("\"\(responseKey)\":".utf8)
        self.fieldName = definition.name
        self.parentTypeName = parentTypeName
        self.coordinate = parentTypeName + "." + definition.name
        self.definition = definition
        self.nodes = nodes
        self.resolver = resolver
        switch resolver {
        case .key(let k):
            (resolverKind, key, syncBody, asyncBody) = (.key, k, nil, nil)
        case .typename:
            (resolverKind, key, syncBody, asyncBody) = (.typename, "", nil, nil)
        case .sync(let body):
            (resolverKind, key, syncBody, asyncBody) = (.sync, "", body, nil)
        case .async(let body):
            (resolverKind, key, syncBody, asyncBody) = (.async, "", nil, body)
        }
        self.argumentsPlan = argumentsPlan
        switch argumentsPlan {
        case .none, .constant: argumentsMayFail = false
        case .invalid, .dynamic: argumentsMayFail = true
        }
        self.output = output
        self.child = child
        var isAsync = false
        if case .async = resolver { isAsync = true }
        self.mayBeAsync = isAsync || output.mayBeAsync
        self.schema = schema
    }

    var location: SourceLocation { nodes.first?.location ?? .synthetic }

    /// The coerced arguments for a request with these variable values.
    func arguments(variables: JSONObject, request: RequestState?) throws(ArgumentError) -> JSONObject {
        switch argumentsPlan {
        case .none: return JSONObject()
        case .constant(let object): return object
        case .invalid(let error): throw error
        case .dynamic(let definitions, let arguments, let location):
            return try schema.coerceArgumentValues(definitions, arguments, at: location, variables: variables)
        }
    }
}

/// The fields one selection asks of one concrete object type.
final class SelectionPlan: Sendable {
    let typeName: String
    /// `"TypeName"`, for `__typename`.
    let typeNameJSON: [UInt8]
    let fields: [FieldPlan]
    let mayBeAsync: Bool
    /// Fields that may suspend; with two or more they run concurrently.
    let asyncFieldCount: Int

    init(typeName: String, fields: [FieldPlan]) {
        self.typeName = typeName
        self.typeNameJSON = Array("\"\(typeName)\"".utf8)
        self.fields = fields
        self.asyncFieldCount = fields.reduce(0) { $0 + ($1.mayBeAsync ? 1 : 0) }
        self.mayBeAsync = asyncFieldCount > 0
    }
}

/// The merged selection sets below a field group, planned per concrete type: eagerly for an
/// object type, on first use (and then cached) for each runtime type of an abstract type.
final class ChildPlan: @unchecked Sendable {
    let builder: PlanBuilder
    let selectionSets: [SelectionSet]
    /// The field's named type (an object, interface or union).
    let typeName: String
    /// The plan for an object return type.
    let fixed: SelectionPlan?
    let mayBeAsync: Bool
    /// The type resolver bound to the (abstract) field type, looked up once here.
    let typeResolver: TypeResolver?
    private let lock = NSLock()
    private var byType: [String: SelectionPlan] = [:]
    /// Runtime types already found to be possible object types of `typeName`, with their plans:
    /// the items of an abstract list share a few types, and a short scan of this list spares
    /// every item the schema lookups (and schema copies) of the first check.
    private var verified: [(typeName: String, plan: SelectionPlan)] = []
    static let maxVerified = 16

    init(builder: PlanBuilder, selectionSets: [SelectionSet], namedType: GraphQLNamedType) {
        self.builder = builder
        self.selectionSets = selectionSets
        self.typeName = namedType.name
        self.typeResolver = builder.executable.typeResolvers[namedType.name]
        if case .object(let object) = namedType {
            let plan = builder.selectionPlan(objectType: object, selectionSets: selectionSets)
            fixed = plan
            mayBeAsync = plan.mayBeAsync
        } else {
            fixed = nil
            let reachable = builder.executable.asyncReachable
            mayBeAsync = builder.schema.possibleTypeNames(of: namedType.name).contains { reachable.contains($0) }
        }
    }

    /// The plan for `typeName` if it was recorded as a possible runtime type before.
    func verifiedPlan(forType typeName: String) -> SelectionPlan? {
        lock.lock()
        defer { lock.unlock() }
        for entry in verified where entry.typeName == typeName { return entry.plan }
        return nil
    }

    /// Records that `typeName` is a possible runtime object type with plan `plan`.
    func recordVerified(_ typeName: String, _ plan: SelectionPlan) {
        lock.lock()
        defer { lock.unlock() }
        guard verified.count < Self.maxVerified, !verified.contains(where: { $0.typeName == typeName }) else { return }
        verified.append((typeName, plan))
    }

    /// The plan for runtime object type `typeName`; nil when it is not an object type.
    func selectionPlan(forType typeName: String) -> SelectionPlan? {
        if let fixed, fixed.typeName == typeName { return fixed }
        lock.lock()
        if let cached = byType[typeName] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        guard let object = builder.schema.objectType(named: typeName) else { return nil }
        let plan = builder.selectionPlan(objectType: object, selectionSets: selectionSets)
        lock.lock()
        defer { lock.unlock() }
        if let raced = byType[typeName] { return raced }
        byType[typeName] = plan
        return plan
    }
}

/// Builds plans for one document, operation and set of condition-variable values.
final class PlanBuilder: Sendable {
    let executable: ExecutableSchema
    let schema: Schema
    let fragments: [String: FragmentDefinition]
    let conditions: FieldConditions

    init(executable: ExecutableSchema, fragments: [String: FragmentDefinition], conditionValues: JSONObject) {
        self.executable = executable
        self.schema = executable.schema
        self.fragments = fragments
        self.conditions = FieldConditions(schema: executable.schema, variables: conditionValues)
    }

    func selectionPlan(objectType: GraphQLObjectType, selectionSets: [SelectionSet]) -> SelectionPlan {
        let groups = schema.collectFields(
            objectType: objectType.name, selectionSets: selectionSets, fragments: fragments, conditions: conditions)
        var fields: [FieldPlan] = []
        fields.reserveCapacity(groups.count)
        for group in groups {
            if let plan = fieldPlan(objectType: objectType, key: group.key, nodes: group.fields) { fields.append(plan) }
        }
        return SelectionPlan(typeName: objectType.name, fields: fields)
    }

    /// Nil for a field the type does not have (only in an invalid document): it is left out.
    private func fieldPlan(objectType: GraphQLObjectType, key: String, nodes: [Field]) -> FieldPlan? {
        guard let first = nodes.first else { return nil }
        let name = first.name.value
        guard let definition = schema.field(named: name, on: objectType.name) else { return nil }

        let resolver: ResolverPlan
        if name == "__typename" {
            resolver = .typename
        } else if let builtIn = introspectionResolver(typeName: objectType.name, fieldName: name, schema: schema) {
            resolver = .sync(builtIn)
        } else if let bound = executable.boundResolver(objectType.name, name, interfaces: objectType.interfaces) {
            switch bound.kind {
            case .sync(let f): resolver = .sync(f)
            case .async(let f): resolver = .async(f)
            case .key(let k): resolver = .key(k)
            }
        } else {
            resolver = .key(name)
        }

        let argumentsPlan: ArgumentsPlan
        if definition.arguments.isEmpty {
            argumentsPlan = .none
        } else if first.arguments.contains(where: { containsVariable($0.value) }) {
            argumentsPlan = .dynamic(definitions: definition.arguments, arguments: first.arguments, location: first.location)
        } else {
            do {
                argumentsPlan = .constant(
                    try schema.coerceArgumentValues(definition.arguments, first.arguments, at: first.location, variables: nil))
            } catch {
                argumentsPlan = .invalid(error)
            }
        }

        let (output, child) = outputPlan(definition.type, nodes: nodes)
        return FieldPlan(
            responseKey: key, parentTypeName: objectType.name, definition: definition, nodes: nodes, resolver: resolver,
            argumentsPlan: argumentsPlan, output: output, child: child, schema: schema)
    }

    private func outputPlan(_ type: GraphQLType, nodes: [Field]) -> (OutputPlan, ChildPlan?) {
        switch type {
        case .nonNull(let inner):
            let (o, c) = outputPlan(inner, nodes: nodes)
            return (OutputPlan(.nonNull, inner: o), c)
        case .list(let inner):
            let (o, c) = outputPlan(inner, nodes: nodes)
            return (OutputPlan(.list, inner: o), c)
        case .named(let name):
            guard let named = schema.type(named: name) else {
                return (OutputPlan(.custom, scalar: GraphQLScalarType(name: name), typeName: name), nil)
            }
            switch named {
            case .scalar(let s):
                switch name {
                case "String": return (OutputPlan(.string), nil)
                case "Int": return (OutputPlan(.int), nil)
                case "Float": return (OutputPlan(.float), nil)
                case "Boolean": return (OutputPlan(.boolean), nil)
                case "ID": return (OutputPlan(.id), nil)
                default: return (OutputPlan(.custom, scalar: s, typeName: name), nil)
                }
            case .enumType(let e):
                return (OutputPlan(.enumType, typeName: name, enumValues: Set(e.values.map(\.name))), nil)
            case .object:
                let child = ChildPlan(builder: self, selectionSets: nodes.compactMap(\.selectionSet), namedType: named)
                guard let fixed = child.fixed else { return (OutputPlan(.abstract, typeName: name, child: child), child) }
                return (OutputPlan(.object, typeName: name, selection: fixed), child)
            case .interface, .union:
                let child = ChildPlan(builder: self, selectionSets: nodes.compactMap(\.selectionSet), namedType: named)
                return (OutputPlan(.abstract, typeName: name, child: child), child)
            case .inputObject:
                // Not an output type: only a broken schema gets here; complete as an opaque scalar.
                return (OutputPlan(.custom, scalar: GraphQLScalarType(name: name), typeName: name), nil)
            }
        }
    }
}

private func containsVariable(_ value: Value) -> Bool {
    switch value {
    case .variable: true
    case .list(let l): l.values.contains(where: containsVariable)
    case .object(let o): o.fields.contains { containsVariable($0.value) }
    default: false
    }
}

/// The size of the last response a plan produced: the next one's buffer starts that large
/// instead of doubling its way up.
final class ResponseSizeHint: @unchecked Sendable {
    private let lock = NSLock()
    private var last = 1024

    var value: Int { lock.withLock { last } }

    func record(_ size: Int) {
        lock.withLock { last = min(max(size + size / 8, 256), 64 << 20) }
    }
}

/// The plan of one operation for one set of condition-variable values.
final class OperationPlan: Sendable {
    let operation: OperationDefinition
    let rootTypeName: String
    let root: SelectionPlan
    let sizeHint = ResponseSizeHint()

    init(operation: OperationDefinition, rootType: GraphQLObjectType, builder: PlanBuilder) {
        self.operation = operation
        self.rootTypeName = rootType.name
        self.root = builder.selectionPlan(objectType: rootType, selectionSets: [operation.selectionSet])
    }
}
