// Building a schema from SDL (spec §3): one or many sources, type and schema extensions merged
// into their definitions, descriptions and applied directives kept.
//
//     let schema = try Schema(sdl: "type Query { runs: [Run!]! } ...")
//     let schema = try Schema(sources: [Source(text, name: "Schema/runs.graphql"), ...])
//
// Building checks the SDL first (unknown types and directives, duplicates, bad extensions) and
// then the type system (see SchemaValidation.swift); every problem found is reported at once in
// a `SchemaError`, each with the file, line and column it concerns.

/// The problems that kept a schema from being built.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    public struct Diagnostic: Sendable, Hashable {
        public var error: GraphQLError
        /// For each of `error.locations`, the name of the source (file) it is in.
        public var sourceNames: [String]
        public init(error: GraphQLError, sourceNames: [String]) {
            self.error = error
            self.sourceNames = sourceNames
        }

        /// `message (file:line:column, ...)`.
        public var description: String {
            guard !error.locations.isEmpty else { return error.message }
            var parts: [String] = []
            for (i, p) in error.locations.enumerated() {
                let name = i < sourceNames.count ? sourceNames[i] : ""
                parts.append(name.isEmpty ? p.description : name + ":" + p.description)
            }
            return error.message + " (" + parts.joined(separator: ", ") + ")"
        }
    }

    public var diagnostics: [Diagnostic]
    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var errors: [GraphQLError] { diagnostics.map(\.error) }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// An error found while building or validating a schema, located by AST node and source index;
/// turned into a `GraphQLError` with lines and columns only when reported.
struct SchemaProblem: Sendable {
    var message: String
    var sites: [(location: SourceLocation, source: Int)]

    init(_ message: String, _ sites: [(location: SourceLocation, source: Int)] = []) {
        self.message = message
        self.sites = sites
    }

    func diagnostic(in sources: [Source]) -> SchemaError.Diagnostic {
        var positions: [SourcePosition] = []
        var names: [String] = []
        for site in sites where sources.indices.contains(site.source) {
            positions.append(sources[site.source].position(at: site.location.start))
            names.append(sources[site.source].name)
        }
        return SchemaError.Diagnostic(error: GraphQLError(message, locations: positions), sourceNames: names)
    }
}

extension Schema {
    /// Builds and validates a schema from one or more SDL texts.
    public init(sdl: String...) throws(SchemaError) {
        try self.init(sources: sdl.map { Source($0) })
    }

    /// Builds a schema from SDL sources (typically one per file, named after it). With
    /// `validate: false` only the SDL checks needed to build run, not the type-system validation.
    public init(sources: [Source], validate: Bool = true) throws(SchemaError) {
        var documents: [Document] = []
        var syntaxErrors: [SchemaError.Diagnostic] = []
        // Schemas can be large: the parser's token limit is meant for requests.
        let options = ParseOptions(maxTokens: Int.max)
        for source in sources {
            do {
                documents.append(try parse(source, options: options))
            } catch {
                syntaxErrors.append(SchemaError.Diagnostic(error: error, sourceNames: error.locations.map { _ in source.name }))
                documents.append(Document(definitions: []))
            }
        }
        if !syntaxErrors.isEmpty { throw SchemaError(diagnostics: syntaxErrors) }
        try self.init(documents: documents, sources: sources, validate: validate)
    }

    /// Builds a schema from parsed SDL documents; `sources[i]` is the text `documents[i]` was
    /// parsed from (pass no sources for documents built in code: errors then carry no locations).
    public init(documents: [Document], sources: [Source] = [], validate: Bool = true) throws(SchemaError) {
        let problems = validateSDL(documents)
        if !problems.isEmpty {
            throw SchemaError(diagnostics: problems.map { $0.diagnostic(in: sources) })
        }
        self = buildSchema(documents, sources: sources)
        if validate {
            let errors = validationProblems()
            if !errors.isEmpty { throw SchemaError(diagnostics: errors.map { $0.diagnostic(in: sources) }) }
        }
    }
}

// MARK: - Building

/// The definitions of a set of documents, grouped by what they define, each with its source index.
struct SDLDefinitions {
    var schemaDefinitions: [ASTSite<SchemaDefinition>] = []
    var schemaExtensions: [ASTSite<SchemaExtension>] = []
    /// Type definitions in document order; the first definition of a name wins.
    var typeDefinitions: [ASTSite<TypeDefinition>] = []
    var typeDefinitionIndex: [String: Int] = [:]
    var typeExtensions: [String: [ASTSite<TypeExtension>]] = [:]
    var directiveDefinitions: [ASTSite<DirectiveDefinition>] = []

    init(_ documents: [Document]) {
        for (source, document) in documents.enumerated() {
            for definition in document.definitions {
                switch definition {
                case .schema(let d): schemaDefinitions.append(ASTSite(d, source: source))
                case .schemaExtension(let d): schemaExtensions.append(ASTSite(d, source: source))
                case .type(let d):
                    if typeDefinitionIndex[d.name.value] == nil {
                        typeDefinitionIndex[d.name.value] = typeDefinitions.count
                        typeDefinitions.append(ASTSite(d, source: source))
                    }
                case .typeExtension(let d): typeExtensions[d.name.value, default: []].append(ASTSite(d, source: source))
                case .directive(let d): directiveDefinitions.append(ASTSite(d, source: source))
                case .operation, .fragment: break  // executable definitions have no place in a schema; ignored
                }
            }
        }
    }
}

private func descriptionText(_ d: Description?) -> String? { d?.value.value }

private func inputValue(_ node: InputValueDefinition, source: Int) -> GraphQLInputValue {
    GraphQLInputValue(
        name: node.name.value, type: GraphQLType(node.type), description: descriptionText(node.description),
        defaultValue: node.defaultValue, deprecationReason: deprecationReason(in: node.directives),
        directives: node.directives, astNode: ASTSite(node, source: source))
}

private func field(_ node: FieldDefinition, source: Int) -> GraphQLField {
    GraphQLField(
        name: node.name.value, type: GraphQLType(node.type), description: descriptionText(node.description),
        arguments: node.arguments.map { inputValue($0, source: source) },
        deprecationReason: deprecationReason(in: node.directives), directives: node.directives,
        astNode: ASTSite(node, source: source))
}

private func enumValue(_ node: EnumValueDefinition, source: Int) -> GraphQLEnumValue {
    GraphQLEnumValue(
        name: node.name.value, description: descriptionText(node.description),
        deprecationReason: deprecationReason(in: node.directives), directives: node.directives,
        astNode: ASTSite(node, source: source))
}

/// The extensions' payloads of one kind; extensions of another kind were rejected by SDL validation.
private func payloads<T>(_ extensions: [ASTSite<TypeExtension>], _ pick: (TypeExtension) -> T?) -> [ASTSite<T>] {
    extensions.compactMap { e in pick(e.node).map { ASTSite($0, source: e.source) } }
}

private func buildType(_ site: ASTSite<TypeDefinition>, extensions: [ASTSite<TypeExtension>]) -> GraphQLNamedType {
    let source = site.source
    switch site.node {
    case .scalar(let d):
        let exts = payloads(extensions) { if case .scalar(let x) = $0 { x } else { nil } }
        let directives = d.directives + exts.flatMap(\.node.directives)
        let url = stringArgument("url", ofDirective: "specifiedBy", in: directives) ?? nil
        return .scalar(GraphQLScalarType(
            name: d.name.value, description: descriptionText(d.description), specifiedByURL: url,
            directives: directives, astNode: ASTSite(d, source: source), extensionASTNodes: exts))
    case .object(let d):
        let exts = payloads(extensions) { if case .object(let x) = $0 { x } else { nil } }
        var fields = d.fields.map { field($0, source: source) }
        var interfaces = d.interfaces.map(\.name.value)
        for e in exts {
            fields += e.node.fields.map { field($0, source: e.source) }
            interfaces += e.node.interfaces.map(\.name.value)
        }
        return .object(GraphQLObjectType(
            name: d.name.value, fields: fields, interfaces: interfaces, description: descriptionText(d.description),
            directives: d.directives + exts.flatMap(\.node.directives), astNode: ASTSite(d, source: source),
            extensionASTNodes: exts))
    case .interface(let d):
        let exts = payloads(extensions) { if case .interface(let x) = $0 { x } else { nil } }
        var fields = d.fields.map { field($0, source: source) }
        var interfaces = d.interfaces.map(\.name.value)
        for e in exts {
            fields += e.node.fields.map { field($0, source: e.source) }
            interfaces += e.node.interfaces.map(\.name.value)
        }
        return .interface(GraphQLInterfaceType(
            name: d.name.value, fields: fields, interfaces: interfaces, description: descriptionText(d.description),
            directives: d.directives + exts.flatMap(\.node.directives), astNode: ASTSite(d, source: source),
            extensionASTNodes: exts))
    case .union(let d):
        let exts = payloads(extensions) { if case .union(let x) = $0 { x } else { nil } }
        let members = d.types.map(\.name.value) + exts.flatMap { $0.node.types.map(\.name.value) }
        return .union(GraphQLUnionType(
            name: d.name.value, types: members, description: descriptionText(d.description),
            directives: d.directives + exts.flatMap(\.node.directives), astNode: ASTSite(d, source: source),
            extensionASTNodes: exts))
    case .enumType(let d):
        let exts = payloads(extensions) { if case .enumType(let x) = $0 { x } else { nil } }
        var values = d.values.map { enumValue($0, source: source) }
        for e in exts { values += e.node.values.map { enumValue($0, source: e.source) } }
        return .enumType(GraphQLEnumType(
            name: d.name.value, values: values, description: descriptionText(d.description),
            directives: d.directives + exts.flatMap(\.node.directives), astNode: ASTSite(d, source: source),
            extensionASTNodes: exts))
    case .inputObject(let d):
        let exts = payloads(extensions) { if case .inputObject(let x) = $0 { x } else { nil } }
        var fields = d.fields.map { inputValue($0, source: source) }
        for e in exts { fields += e.node.fields.map { inputValue($0, source: e.source) } }
        let directives = d.directives + exts.flatMap(\.node.directives)
        return .inputObject(GraphQLInputObjectType(
            name: d.name.value, fields: fields, isOneOf: directives.contains { $0.name.value == "oneOf" },
            description: descriptionText(d.description), directives: directives,
            astNode: ASTSite(d, source: source), extensionASTNodes: exts))
    }
}

/// Builds the schema of SDL documents that passed `validateSDL`.
func buildSchema(_ documents: [Document], sources: [Source]) -> Schema {
    let sdl = SDLDefinitions(documents)
    let types = sdl.typeDefinitions.map { buildType($0, extensions: sdl.typeExtensions[$0.node.name.value] ?? []) }

    var roots: [OperationType: String] = [:]
    let schemaDefinition = sdl.schemaDefinitions.first
    if let schemaDefinition {
        for op in schemaDefinition.node.operationTypes { roots[op.operation] = op.type.name.value }
    } else {
        // Without a schema definition, types named Query, Mutation and Subscription are the roots.
        for op in OperationType.allCases {
            let name = op.rawValue.prefix(1).uppercased() + op.rawValue.dropFirst()
            if sdl.typeDefinitionIndex[name] != nil { roots[op] = name }
        }
    }
    for e in sdl.schemaExtensions {
        for op in e.node.operationTypes { roots[op.operation] = op.type.name.value }
    }

    let directives = sdl.directiveDefinitions.map { site in
        GraphQLDirective(
            name: site.node.name.value,
            locations: site.node.locations.compactMap { DirectiveLocation(rawValue: $0.value) },
            arguments: site.node.arguments.map { inputValue($0, source: site.source) },
            isRepeatable: site.node.isRepeatable, description: descriptionText(site.node.description),
            astNode: site)
    }

    return Schema(
        query: roots[.query], mutation: roots[.mutation], subscription: roots[.subscription], types: types,
        directives: directives, description: descriptionText(schemaDefinition?.node.description), sources: sources,
        astNode: schemaDefinition, extensionASTNodes: sdl.schemaExtensions)
}
