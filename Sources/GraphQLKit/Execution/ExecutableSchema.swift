// A schema with its resolvers bound by schema coordinate, checked once when it is built:
// every field of every object type must be resolvable, and every resolver must name a field
// the schema has.

/// Where a field with no resolver of its own may fall back to the default resolver, which reads
/// the field's name as a key of a JSON object or `FieldValueContainer` parent.
public enum DefaultResolvers: Sendable, Hashable {
    case everywhere
    case nowhere
    /// Only on fields of these types.
    case onTypes(Set<String>)

    func allows(_ typeName: String) -> Bool {
        switch self {
        case .everywhere: true
        case .nowhere: false
        case .onTypes(let names): names.contains(typeName)
        }
    }
}

/// Why resolvers do not fit a schema: one message per problem.
public struct ExecutableSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    public var messages: [String]
    public var description: String { messages.joined(separator: "\n") }
}

/// Checks a document before execution, e.g. the validation layer's
/// `{ schema, document, source in validate(schema: schema, document: document, source: source) }`
/// (or a prepared `Validator`'s `validate(_:source:)`). The source gives errors their locations.
public typealias DocumentValidator = @Sendable (_ schema: Schema, _ document: Document, _ source: Source) -> [GraphQLError]

public struct ExecutableSchema: Sendable {
    /// What never changes after init, behind one reference: every request's `RequestState`
    /// holds the executable schema, and copying a dozen references (the schema's own among
    /// them) per request showed in profiles.
    private final class Core: Sendable {
        let schema: Schema
        let resolvers: [String: [String: FieldResolver]]
        let typeResolvers: [String: TypeResolver]
        let defaultResolvers: DefaultResolvers
        let asyncReachable: Set<String>
        let documentCache: DocumentCache
        let validator: DocumentValidator?

        init(
            schema: Schema, resolvers: [String: [String: FieldResolver]], typeResolvers: [String: TypeResolver],
            defaultResolvers: DefaultResolvers, asyncReachable: Set<String>, documentCache: DocumentCache,
            validator: DocumentValidator?
        ) {
            self.schema = schema
            self.resolvers = resolvers
            self.typeResolvers = typeResolvers
            self.defaultResolvers = defaultResolvers
            self.asyncReachable = asyncReachable
            self.documentCache = documentCache
            self.validator = validator
        }
    }

    private let core: Core

    public var schema: Schema { core.schema }
    /// Type name → field name → resolver.
    var resolvers: [String: [String: FieldResolver]] { core.resolvers }
    var typeResolvers: [String: TypeResolver] { core.typeResolvers }
    var defaultResolvers: DefaultResolvers { core.defaultResolvers }
    /// Types from which an async resolver can be reached: abstract positions whose possible types
    /// are all outside this set run without tasks.
    var asyncReachable: Set<String> { core.asyncReachable }
    /// Parsed, validated documents and their plans, keyed by query text.
    public var documentCache: DocumentCache { core.documentCache }
    var validator: DocumentValidator? { core.validator }
    /// Limits checked before executing a document (nil: none).
    public var limits: OperationLimits?
    /// Parser limits (tokens, nesting) for documents not yet in the cache.
    public var parseOptions = ParseOptions()

    /// Binds `resolvers` (keyed `"Type.field"`; a key on an interface field serves every
    /// implementation without its own) and `typeResolvers` (keyed by interface or union name).
    /// Throws when a resolver names a field the schema lacks, or when a field has no resolver
    /// and `defaultResolvers` does not cover its type.
    public init(
        schema: Schema, resolvers: [String: FieldResolver] = [:], typeResolvers: [String: TypeResolver] = [:],
        defaultResolvers: DefaultResolvers = .everywhere, documentCacheCapacity: Int = 512,
        validate: DocumentValidator? = nil, limits: OperationLimits? = nil
    ) throws(ExecutableSchemaError) {
        var problems: [String] = []
        var bound: [String: [String: FieldResolver]] = [:]
        for (coordinate, resolver) in resolvers.sorted(by: { $0.key < $1.key }) {
            let parts = coordinate.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                problems.append("Resolver key \"\(coordinate)\" is not a field coordinate such as \"Type.field\".")
                continue
            }
            let typeName = String(parts[0])
            let fieldName = String(parts[1])
            guard let type = schema.type(named: typeName) else {
                problems.append("Resolver \"\(coordinate)\" names type \"\(typeName)\", which the schema does not define.")
                continue
            }
            guard case .object = type, true else {
                if case .interface = type, type.field(named: fieldName) != nil {
                    bound[typeName, default: [:]][fieldName] = resolver
                    continue
                }
                problems.append(
                    type.field(named: fieldName) == nil
                        ? "Resolver \"\(coordinate)\" names field \"\(fieldName)\", which type \"\(typeName)\" does not have."
                        : "Resolver \"\(coordinate)\" is on \(type.kind.rawValue.lowercased()) type \"\(typeName)\"; resolvers bind to object or interface fields.")
                continue
            }
            guard type.field(named: fieldName) != nil else {
                problems.append("Resolver \"\(coordinate)\" names field \"\(fieldName)\", which type \"\(typeName)\" does not have.")
                continue
            }
            bound[typeName, default: [:]][fieldName] = resolver
        }
        for name in typeResolvers.keys.sorted() {
            guard let t = schema.type(named: name) else {
                problems.append("Type resolver \"\(name)\" names a type the schema does not define.")
                continue
            }
            if !t.isAbstractType {
                problems.append("Type resolver \"\(name)\" is on \(t.kind.rawValue.lowercased()) type \"\(name)\"; only interfaces and unions take one.")
            }
        }
        // Every field of every object type needs a resolver.
        for case .object(let object) in schema.types where !Introspection.isIntrospectionType(object.name) {
            guard !defaultResolvers.allows(object.name) else { continue }
            for field in object.fields where bound[object.name]?[field.name] == nil {
                let inherited = object.interfaces.contains { bound[$0]?[field.name] != nil }
                if !inherited {
                    problems.append(
                        "Field \"\(object.name).\(field.name)\" has no resolver, and default resolvers are off for type \"\(object.name)\".")
                }
            }
        }
        guard problems.isEmpty else { throw ExecutableSchemaError(messages: problems) }

        self.core = Core(
            schema: schema, resolvers: bound, typeResolvers: typeResolvers, defaultResolvers: defaultResolvers,
            asyncReachable: asyncReachableTypes(schema, bound), documentCache: DocumentCache(capacity: documentCacheCapacity),
            validator: validate)
        self.limits = limits
    }

    /// As `init(schema:resolvers:...:validate:limits:)` with a validator that does not take the
    /// source. Prefer the three-argument form: without the source, validation errors have no
    /// line and column.
    public init(
        schema: Schema, resolvers: [String: FieldResolver] = [:], typeResolvers: [String: TypeResolver] = [:],
        defaultResolvers: DefaultResolvers = .everywhere, documentCacheCapacity: Int = 512,
        validate: @escaping @Sendable (_ schema: Schema, _ document: Document) -> [GraphQLError],
        limits: OperationLimits? = nil
    ) throws(ExecutableSchemaError) {
        try self.init(
            schema: schema, resolvers: resolvers, typeResolvers: typeResolvers, defaultResolvers: defaultResolvers,
            documentCacheCapacity: documentCacheCapacity, validate: { schema, document, _ in validate(schema, document) },
            limits: limits)
    }

    /// The resolver bound to `typeName.fieldName`, or to the field on an interface the type implements.
    func boundResolver(_ typeName: String, _ fieldName: String, interfaces: [String]) -> FieldResolver? {
        if let r = core.resolvers[typeName]?[fieldName] { return r }
        for i in interfaces {
            if let r = core.resolvers[i]?[fieldName] { return r }
        }
        return nil
    }
}

/// The object types from which a field with an async resolver can be reached through field
/// return types (a fixpoint over the schema graph).
private func asyncReachableTypes(_ schema: Schema, _ bound: [String: [String: FieldResolver]]) -> Set<String> {
    var reachable = Set<String>()
    for case .object(let o) in schema.types {
        let direct = o.fields.contains { f in
            if let r = bound[o.name]?[f.name] { return r.isAsync }
            return o.interfaces.contains { bound[$0]?[f.name]?.isAsync ?? false }
        }
        if direct { reachable.insert(o.name) }
    }
    var changed = true
    while changed {
        changed = false
        for case .object(let o) in schema.types where !reachable.contains(o.name) {
            let reaches = o.fields.contains { f in
                let target = f.type.namedType
                if reachable.contains(target) { return true }
                if let t = schema.type(named: target), t.isAbstractType {
                    return schema.possibleTypeNames(of: target).contains { reachable.contains($0) }
                }
                return false
            }
            if reaches {
                reachable.insert(o.name)
                changed = true
            }
        }
    }
    return reachable
}
