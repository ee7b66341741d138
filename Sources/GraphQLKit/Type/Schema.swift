// A GraphQL schema (spec §3.3): root operation types, every named type, and the directives.
//
// Types live in one array in the reference implementation's order (each defined type followed by
// the built-in types it first reaches, then the introspection types), with a name index, so a
// lookup is one hash of the name and one array access. Abstract types' possible types and
// sub-type sets are computed once here, since validation and execution ask for them constantly.

public struct Schema: Sendable {
    public let description: String?
    public let queryTypeName: String?
    public let mutationTypeName: String?
    public let subscriptionTypeName: String?
    /// Every named type: defined types, the built-in scalars they use (String and Boolean are
    /// always there, for introspection), and the introspection types.
    public let types: [GraphQLNamedType]
    /// The directives a document may use: the built-ins plus those the schema defines.
    public let directives: [GraphQLDirective]
    /// The sources the schema was built from, for turning AST locations into lines and columns.
    public let sources: [Source]
    public let astNode: ASTSite<SchemaDefinition>?
    public let extensionASTNodes: [ASTSite<SchemaExtension>]

    private let typeIndex: [String: Int]
    /// For each type (same positions as `types`): its fields and their index by name, so a field
    /// lookup reads two tables without copying the type out of its enum.
    private let fieldTables: [FieldTable]
    private let directiveIndex: [String: Int]
    /// For each interface: the object types and the interfaces that declare they implement it.
    private let implementationsByInterface: [String: Implementations]
    /// For each abstract type: the names of its possible (object) types, in schema order.
    private let possibleTypeNamesByAbstract: [String: [String]]
    /// For each abstract type: every type that is a sub-type of it (objects and interfaces).
    private let subTypesByAbstract: [String: Set<String>]
    /// Type names that were given more than once, and names referenced but not given.
    let duplicateTypeNames: [String]
    let missingTypeNames: [String]

    private struct FieldTable: Sendable {
        var fields: [GraphQLField] = []
        var index: [String: Int] = [:]
    }

    public struct Implementations: Sendable {
        public var objects: [String] = []
        public var interfaces: [String] = []
    }

    /// A schema from its parts. Types are referred to by name; the built-in scalars, directives
    /// and introspection types are added as needed. No validation happens here: see `validate()`.
    public init(
        query: String?, mutation: String? = nil, subscription: String? = nil, types: [GraphQLNamedType],
        directives: [GraphQLDirective] = GraphQLDirective.specified, description: String? = nil,
        sources: [Source] = [], astNode: ASTSite<SchemaDefinition>? = nil,
        extensionASTNodes: [ASTSite<SchemaExtension>] = []
    ) {
        self.description = description
        self.queryTypeName = query
        self.mutationTypeName = mutation
        self.subscriptionTypeName = subscription
        self.sources = sources
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes

        // The built-in directives are always there, after the given ones (the reference's order);
        // a given definition with a built-in's name replaces it.
        var allDirectives = directives
        for d in GraphQLDirective.specified where !allDirectives.contains(where: { $0.name == d.name }) {
            allDirectives.append(d)
        }
        self.directives = allDirectives
        self.directiveIndex = indexByName(allDirectives, \.name)

        let collected = collectTypes(
            given: types, roots: [query, mutation, subscription].compactMap { $0 }, directives: allDirectives)
        self.types = collected.types
        self.duplicateTypeNames = collected.duplicates
        self.missingTypeNames = collected.missing
        let typeIndex = indexByName(collected.types, \.name)
        self.typeIndex = typeIndex
        self.fieldTables = collected.types.map { type in
            let fields = type.fields
            return fields.isEmpty ? FieldTable() : FieldTable(fields: fields, index: indexByName(fields, \.name))
        }

        // Possible types and sub-types, in schema order.
        var implementations: [String: Implementations] = [:]
        var possible: [String: [String]] = [:]
        var subTypes: [String: Set<String>] = [:]
        for type in collected.types {
            switch type {
            case .object(let o):
                for i in o.interfaces where !(implementations[i]?.objects.contains(o.name) ?? false) {
                    implementations[i, default: Implementations()].objects.append(o.name)
                    possible[i, default: []].append(o.name)
                    subTypes[i, default: []].insert(o.name)
                }
            case .interface(let t):
                for i in t.interfaces where !(implementations[i]?.interfaces.contains(t.name) ?? false) {
                    implementations[i, default: Implementations()].interfaces.append(t.name)
                    subTypes[i, default: []].insert(t.name)
                }
            case .union(let u):
                possible[u.name] = u.types.filter {
                    if let i = typeIndex[$0], case .object = collected.types[i] { return true }
                    return false
                }
                subTypes[u.name] = Set(u.types)
            default: break
            }
        }
        self.implementationsByInterface = implementations
        self.possibleTypeNamesByAbstract = possible
        self.subTypesByAbstract = subTypes
    }

    // MARK: Lookups

    public func type(named name: String) -> GraphQLNamedType? {
        guard let i = typeIndex[name] else { return nil }
        return types[i]
    }

    /// The position of a type in `types`, for callers that cache by index.
    public func indexOfType(named name: String) -> Int? { typeIndex[name] }

    public func objectType(named name: String) -> GraphQLObjectType? {
        if case .object(let t) = type(named: name) { return t }
        return nil
    }

    public func interfaceType(named name: String) -> GraphQLInterfaceType? {
        if case .interface(let t) = type(named: name) { return t }
        return nil
    }

    public func unionType(named name: String) -> GraphQLUnionType? {
        if case .union(let t) = type(named: name) { return t }
        return nil
    }

    public func enumType(named name: String) -> GraphQLEnumType? {
        if case .enumType(let t) = type(named: name) { return t }
        return nil
    }

    public func scalarType(named name: String) -> GraphQLScalarType? {
        if case .scalar(let t) = type(named: name) { return t }
        return nil
    }

    public func inputObjectType(named name: String) -> GraphQLInputObjectType? {
        if case .inputObject(let t) = type(named: name) { return t }
        return nil
    }

    public func directive(named name: String) -> GraphQLDirective? {
        guard let i = directiveIndex[name] else { return nil }
        return directives[i]
    }

    public var queryType: GraphQLObjectType? { queryTypeName.flatMap(objectType(named:)) }
    public var mutationType: GraphQLObjectType? { mutationTypeName.flatMap(objectType(named:)) }
    public var subscriptionType: GraphQLObjectType? { subscriptionTypeName.flatMap(objectType(named:)) }

    /// The root type operations of this kind start from, if the schema has one.
    public func rootType(for operation: OperationType) -> GraphQLObjectType? {
        switch operation {
        case .query: queryType
        case .mutation: mutationType
        case .subscription: subscriptionType
        }
    }

    public func rootTypeName(for operation: OperationType) -> String? {
        switch operation {
        case .query: queryTypeName
        case .mutation: mutationTypeName
        case .subscription: subscriptionTypeName
        }
    }

    /// The field `name` of a composite type, including the meta-fields `__typename` (everywhere)
    /// and `__schema` / `__type` (on the query root type).
    public func field(named name: String, on typeName: String) -> GraphQLField? {
        if name.utf8.first == UInt8(ascii: "_") {
            switch name {
            case "__typename":
                if let t = type(named: typeName), t.isCompositeType { return Introspection.typeNameMetaField }
            case "__schema" where typeName == queryTypeName: return Introspection.schemaMetaField
            case "__type" where typeName == queryTypeName: return Introspection.typeMetaField
            default: break
            }
        }
        guard let t = typeIndex[typeName], let f = fieldTables[t].index[name] else { return nil }
        return fieldTables[t].fields[f]
    }

    /// The field at `fieldIndex` of the type at `typeIndex` (positions in `types` and in the
    /// type's `fields`), for callers that cache positions instead of names.
    public func field(at fieldIndex: Int, ofTypeAt typeIndex: Int) -> GraphQLField {
        fieldTables[typeIndex].fields[fieldIndex]
    }

    /// The type an AST type reference denotes, or nil when its named type is not in the schema.
    public func type(for reference: TypeReference) -> GraphQLType? {
        let t = GraphQLType(reference)
        return typeIndex[t.namedType] == nil ? nil : t
    }

    /// The named type at the core of a (possibly wrapped) type.
    public func namedType(of type: GraphQLType) -> GraphQLNamedType? { self.type(named: type.namedType) }

    /// Whether a (possibly wrapped) type may be used for arguments and variables.
    public func isInputType(_ type: GraphQLType) -> Bool { namedType(of: type)?.isInputType ?? false }

    /// Whether a (possibly wrapped) type may be returned by a field.
    public func isOutputType(_ type: GraphQLType) -> Bool { namedType(of: type)?.isOutputType ?? false }

    // MARK: Abstract types

    /// The object types an interface or union may resolve to, in schema order.
    public func possibleTypeNames(of abstractType: String) -> [String] {
        possibleTypeNamesByAbstract[abstractType] ?? []
    }

    public func possibleTypes(of abstractType: String) -> [GraphQLObjectType] {
        possibleTypeNames(of: abstractType).compactMap(objectType(named:))
    }

    /// The object and interface types that declare they implement `interface`.
    public func implementations(of interface: String) -> Implementations {
        implementationsByInterface[interface] ?? Implementations()
    }

    /// Whether `maybeSubType` is a member of union `abstractType` or implements interface `abstractType`.
    public func isSubType(_ maybeSubType: String, of abstractType: String) -> Bool {
        subTypesByAbstract[abstractType]?.contains(maybeSubType) ?? false
    }

    /// Whether object type `objectType` is a possible runtime type of `abstractType`.
    public func isPossibleType(_ objectType: String, of abstractType: String) -> Bool {
        guard isSubType(objectType, of: abstractType), case .object = type(named: objectType) else { return false }
        return true
    }

    /// Whether a value of type `maybeSubType` may be used where `superType` is expected: the
    /// spec's covariance rule for field return types (§3.6.3 "IsValidImplementationFieldType").
    public func isTypeSubType(_ maybeSubType: GraphQLType, of superType: GraphQLType) -> Bool {
        switch (maybeSubType, superType) {
        case (.nonNull(let sub), .nonNull(let sup)): return isTypeSubType(sub, of: sup)
        case (_, .nonNull): return false
        case (.nonNull(let sub), _): return isTypeSubType(sub, of: superType)
        case (.list(let sub), .list(let sup)): return isTypeSubType(sub, of: sup)
        case (_, .list), (.list, _): return false
        case (.named(let sub), .named(let sup)):
            if sub == sup { return true }
            guard let supType = type(named: sup), supType.isAbstractType,
                let subType = type(named: sub)
            else { return false }
            switch subType {
            case .object, .interface: return isSubType(sub, of: sup)
            default: return false
            }
        }
    }

    /// Whether two types may overlap in their runtime objects (used by fragment-spread rules).
    public func doTypesOverlap(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let ta = type(named: a), let tb = type(named: b) else { return false }
        if ta.isAbstractType {
            if tb.isAbstractType {
                return possibleTypeNames(of: a).contains { isPossibleType($0, of: b) }
            }
            return isPossibleType(b, of: a)
        }
        if tb.isAbstractType { return isPossibleType(a, of: b) }
        return false
    }

    // MARK: Locations

    /// The line and column of an AST location in one of the schema's sources.
    public func position(of location: SourceLocation, inSource source: Int) -> SourcePosition? {
        guard sources.indices.contains(source) else { return nil }
        return sources[source].position(at: location.start)
    }

    /// The name of a source, e.g. the file it was read from.
    public func sourceName(_ source: Int) -> String? {
        sources.indices.contains(source) ? sources[source].name : nil
    }
}

// MARK: - Collecting types

/// Orders types as the reference implementation does: each given type in turn, each followed by
/// the built-in types it reaches first; then types reached only from the root types or directive
/// arguments; then `__Schema` and the introspection types it reaches.
private func collectTypes(
    given: [GraphQLNamedType], roots: [String], directives: [GraphQLDirective]
) -> (types: [GraphQLNamedType], duplicates: [String], missing: [String]) {
    var pool: [String: GraphQLNamedType] = [:]
    var duplicates: [String] = []
    var givenOrder: [String] = []
    for t in given {
        if pool[t.name] != nil {
            duplicates.append(t.name)
        } else {
            pool[t.name] = t
            givenOrder.append(t.name)
        }
    }
    var types: [GraphQLNamedType] = []
    types.reserveCapacity(given.count + 13)
    var emitted = Set<String>()
    var missing: [String] = []
    var missingSet = Set<String>()

    func resolve(_ name: String) -> GraphQLNamedType? {
        // The built-in scalars and the introspection types cannot be replaced.
        if let s = GraphQLScalarType.specified(named: name) { return .scalar(s) }
        if let t = Introspection.type(named: name) { return t }
        return pool[name]
    }

    // An explicit stack keeps deep reference chains off the call stack.
    func reach(_ start: String) {
        var stack = [start]
        while let name = stack.popLast() {
            if emitted.contains(name) { continue }
            // Given types are emitted at their own turn, not when reached.
            if pool[name] != nil && GraphQLScalarType.specified(named: name) == nil && !Introspection.isIntrospectionType(name) {
                continue
            }
            guard let type = resolve(name) else {
                if missingSet.insert(name).inserted { missing.append(name) }
                continue
            }
            emitted.insert(name)
            types.append(type)
            // Push in reverse so references are visited in declaration order.
            stack.append(contentsOf: references(of: type).reversed())
        }
    }

    for name in givenOrder {
        if emitted.contains(name) { continue }
        guard let type = resolve(name) else { continue }
        emitted.insert(name)
        types.append(type)
        for r in references(of: type) { reach(r) }
    }
    for r in roots { reach(r) }
    for d in directives {
        for a in d.arguments { reach(a.type.namedType) }
    }
    reach("__Schema")
    return (types, duplicates, missing)
}

/// The named types a type refers to, in the order the reference walks them.
private func references(of type: GraphQLNamedType) -> [String] {
    switch type {
    case .union(let u): return u.types
    case .object(let o): return o.interfaces + fieldReferences(o.fields)
    case .interface(let i): return i.interfaces + fieldReferences(i.fields)
    case .inputObject(let i): return i.fields.map { $0.type.namedType }
    case .scalar, .enumType: return []
    }
}

private func fieldReferences(_ fields: [GraphQLField]) -> [String] {
    var out: [String] = []
    for f in fields {
        out.append(f.type.namedType)
        for a in f.arguments { out.append(a.type.namedType) }
    }
    return out
}
