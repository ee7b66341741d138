// Schema lookups for one validation, memoized. A schema's types and fields are structs held by
// value, so every `schema.type(named:)` copies a type with all its fields; validation asks for
// the same few types and fields again and again (every rule, every node). Here each type,
// field and directive a document touches is copied once into a small shared box with the
// answers rules need precomputed, and later lookups are one hash (or none: a field's box
// remembers its named type's box).

/// A named type of the schema, with its kind's properties.
public final class ResolvedType {
    public let name: String
    public let type: GraphQLNamedType
    public let isComposite: Bool
    public let isLeaf: Bool
    public let isInput: Bool
    public let isAbstract: Bool
    public let isObject: Bool
    public let isInterface: Bool
    /// The fields of an object or interface type (empty otherwise), and their boxes once made.
    fileprivate let fields: [GraphQLField]
    /// Unchecked: written only by the validation that made this type (one thread), or while a
    /// `PreparedSchema` is built (after which only reads happen); the runtime's access checks
    /// cost more than the read for every field selected.
    @exclusivity(unchecked) fileprivate var fieldBoxes: [ResolvedField?]
    @exclusivity(unchecked) fileprivate var metaFieldBoxes: [String: ResolvedField] = [:]
    private let object: GraphQLObjectType?
    private let interface: GraphQLInterfaceType?
    /// A scalar's literal parser, kept so checking a literal copies nothing.
    let parseLiteral: GraphQLScalarType.ParseLiteral?

    init(_ type: GraphQLNamedType) {
        self.type = type
        name = type.name
        isComposite = type.isCompositeType
        isLeaf = type.isLeafType
        isInput = type.isInputType
        isAbstract = type.isAbstractType
        var object: GraphQLObjectType? = nil
        var interface: GraphQLInterfaceType? = nil
        var parseLiteral: GraphQLScalarType.ParseLiteral? = nil
        switch type {
        case .object(let o): object = o
        case .interface(let i): interface = i
        case .scalar(let s): parseLiteral = s.parseLiteral
        default: break
        }
        self.object = object
        self.interface = interface
        self.parseLiteral = parseLiteral
        isObject = object != nil
        isInterface = interface != nil
        fields = object?.fields ?? interface?.fields ?? []
        fieldNames = fields.map(\.name)
        fieldNameLengths = fieldNames.map(\.utf8.count)
        fieldBoxes = Array(repeating: nil, count: fields.count)
    }

    /// The field names, in order, for a scan: comparing a few short names costs less than
    /// hashing one (validation looks up a field for every field selected, several times).
    private let fieldNames: [String]
    /// Their UTF-8 lengths, so a scan measures only the name it looks for.
    private let fieldNameLengths: [Int]
    /// Types with many fields are searched through the type's own index instead.
    private static let scanLimit = 16

    /// Set for types with many fields when a `PreparedSchema` is built (see `NameTable`).
    @exclusivity(unchecked) fileprivate var fieldTable: NameTable? = nil

    fileprivate func prepareFieldTable() {
        if fieldNames.count > ResolvedType.scanLimit { fieldTable = NameTable(fieldNames) }
    }

    fileprivate func indexOfField(named name: String) -> Int? {
        if let fieldTable { return fieldTable.index(of: name) }
        if fieldNames.count <= ResolvedType.scanLimit {
            // Lengths first: unequal names rarely share one, and comparing two different strings
            // is a call into the runtime while a length is a load.
            let length = name.utf8.count
            for i in fieldNameLengths.indices where fieldNameLengths[i] == length && fieldNames[i] == name { return i }
            return nil
        }
        if let object { return object.indexOfField(named: name) }
        if let interface { return interface.indexOfField(named: name) }
        return nil
    }
}

/// A field of an object or interface type (or a meta-field), as selected on `parentType`.
public final class ResolvedField {
    public let parentType: String
    public let definition: GraphQLField
    /// Arguments that must be given (non-null, no default); usually none.
    let requiredArguments: [GraphQLArgument]
    /// The box of the field's named type, once looked up (`namedTypeLooked`). Not a strong
    /// reference: the lookup that made this box owns every type box, and a field returning its
    /// own type (`Run.previous: Run`) would otherwise close a cycle that leaks the boxes of every
    /// validation without a prepared schema (LeakSanitizer found it through scripts/fuzz.sh).
    @exclusivity(unchecked) fileprivate unowned(unsafe) var namedTypeBox: ResolvedType? = nil  // see `fieldBoxes`
    @exclusivity(unchecked) fileprivate var namedTypeLooked = false

    init(parentType: String, definition: GraphQLField) {
        self.parentType = parentType
        self.definition = definition
        requiredArguments = definition.arguments.filter(\.isRequired)
    }
}

public final class ResolvedDirective {
    public let definition: GraphQLDirective
    let requiredArguments: [GraphQLArgument]
    let locations: Set<DirectiveLocation>

    init(_ definition: GraphQLDirective) {
        self.definition = definition
        requiredArguments = definition.arguments.filter(\.isRequired)
        locations = Set(definition.locations)
    }
}

public final class SchemaLookup {
    public let schema: Schema
    // Only names that exist are kept: unknown names are rare and cheap to look up again.
    private var types: [String: ResolvedType] = [:]
    private var directives: [String: ResolvedDirective] = [:]
    /// Every type, field and directive resolved up front (see `Validator`): read-only.
    private let prepared: PreparedSchema?
    /// The prepared validator's dispatch tables, kept between its validations.
    var dispatchTableCache: DispatchTableCache? { prepared?.dispatchTableCache }

    public init(schema: Schema) {
        self.schema = schema
        self.prepared = nil
        types.reserveCapacity(32)
    }

    init(prepared: PreparedSchema) {
        self.schema = prepared.schema
        self.prepared = prepared
    }

    public func type(named name: String) -> ResolvedType? {
        if let prepared { return prepared.type(named: name) }
        if let cached = types[name] { return cached }
        guard let index = schema.indexOfType(named: name) else { return nil }
        let resolved = ResolvedType(schema.types[index])
        types[name] = resolved
        return resolved
    }

    /// The field `name` selected on `parent`, including `__typename` on any composite type and
    /// `__schema` / `__type` on the query root.
    public func field(named name: String, on parent: ResolvedType) -> ResolvedField? {
        if let i = parent.indexOfField(named: name) {
            if let box = parent.fieldBoxes[i] { return box }
            let box = ResolvedField(parentType: parent.name, definition: parent.fields[i])
            parent.fieldBoxes[i] = box
            return box
        }
        guard name.utf8.first == UInt8(ascii: "_") else { return nil }
        if let box = parent.metaFieldBoxes[name] { return box }
        guard let meta = schema.field(named: name, on: parent.name) else { return nil }
        let box = ResolvedField(parentType: parent.name, definition: meta)
        parent.metaFieldBoxes[name] = box
        return box
    }

    /// The named type a field returns.
    public func namedType(of field: ResolvedField) -> ResolvedType? {
        if field.namedTypeLooked { return field.namedTypeBox }
        let resolved = type(named: field.definition.type.namedType)
        field.namedTypeBox = resolved
        field.namedTypeLooked = true
        return resolved
    }

    public func directive(named name: String) -> ResolvedDirective? {
        if let prepared { return prepared.directive(named: name) }
        if let cached = directives[name] { return cached }
        guard let definition = schema.directive(named: name) else { return nil }
        let resolved = ResolvedDirective(definition)
        directives[name] = resolved
        return resolved
    }
}

/// Every type, field (meta-fields included) and directive of a schema, resolved once. Shared
/// read-only by the validations a `Validator` runs: nothing in it is written after `init`.
final class PreparedSchema: @unchecked Sendable {
    let dispatchTableCache = DispatchTableCache()
    let schema: Schema
    private let types: [ResolvedType]
    private let typeTable: NameTable
    private let directives: [ResolvedDirective]
    private let directiveTable: NameTable

    init(_ schema: Schema) {
        self.schema = schema
        let lookup = SchemaLookup(schema: schema)
        var types: [ResolvedType] = []
        for t in schema.types {
            guard let resolved = lookup.type(named: t.name) else { continue }
            types.append(resolved)
            resolved.prepareFieldTable()
            var names = resolved.fields.map(\.name)
            if resolved.isComposite { names.append("__typename") }
            if t.name == schema.queryTypeName { names += ["__schema", "__type"] }
            for name in names {
                if let field = lookup.field(named: name, on: resolved) { _ = lookup.namedType(of: field) }
            }
        }
        var directives: [ResolvedDirective] = []
        for d in schema.directives {
            if let resolved = lookup.directive(named: d.name) { directives.append(resolved) }
        }
        self.types = types
        typeTable = NameTable(types.map(\.name))
        self.directives = directives
        directiveTable = NameTable(directives.map(\.definition.name))
    }

    func type(named name: String) -> ResolvedType? { typeTable.index(of: name).map { types[$0] } }

    func directive(named name: String) -> ResolvedDirective? { directiveTable.index(of: name).map { directives[$0] } }
}
