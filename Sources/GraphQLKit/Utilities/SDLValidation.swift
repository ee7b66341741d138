// The checks SDL documents must pass before a schema can be built from them: one schema
// definition, unique operation types, type, field, argument, enum value and directive names,
// known types and directives, directives in valid locations and not repeated unless repeatable,
// extensions of defined types of the same kind, known and unique directive arguments, required
// directive arguments present, unique input-object field names.
//
// Errors come in document order, and at each node in the order the reference's SDL rules run,
// with the reference's messages.

/// The problems in a set of SDL documents (document `i` parsed from source `i`).
func validateSDL(_ documents: [Document]) -> [SchemaProblem] {
    var walker = SDLWalker(documents)
    for (source, document) in documents.enumerated() {
        walker.source = source
        for definition in document.definitions { walker.definition(definition) }
    }
    return walker.problems
}

private struct DirectiveInfo {
    var locations: [String]
    var arguments: [(name: String, type: String, isRequired: Bool)]
    var isRepeatable: Bool
}

private struct SDLWalker {
    var problems: [SchemaProblem] = []
    var source = 0

    let definitions: SDLDefinitions
    let definedTypeNames: [String]
    let definedTypeNameSet: Set<String>
    var directives: [String: DirectiveInfo] = [:]

    // State carried across definitions.
    var schemaDefinitionCount = 0
    var operationTypes: [OperationType: (SourceLocation, Int)] = [:]
    var typeNames: [String: (SourceLocation, Int)] = [:]
    var directiveNames: [String: (SourceLocation, Int)] = [:]
    var fieldNamesByType: [String: [String: (SourceLocation, Int)]] = [:]
    var enumValuesByType: [String: [String: (SourceLocation, Int)]] = [:]
    var directivesByType: [String: [String: (SourceLocation, Int)]] = [:]
    var schemaDirectives: [String: (SourceLocation, Int)] = [:]

    static let standardTypeNames = ["String", "Int", "Float", "Boolean", "ID"] + Introspection.typeNames

    init(_ documents: [Document]) {
        definitions = SDLDefinitions(documents)
        var names: [String] = []
        for document in documents {
            for case .type(let t) in document.definitions { names.append(t.name.value) }
        }
        definedTypeNames = names
        definedTypeNameSet = Set(names)
        for d in GraphQLDirective.specified {
            directives[d.name] = DirectiveInfo(
                locations: d.locations.map(\.rawValue),
                arguments: d.arguments.map { ($0.name, $0.type.description, $0.isRequired) },
                isRepeatable: d.isRepeatable)
        }
        for site in definitions.directiveDefinitions {
            let d = site.node
            directives[d.name.value] = DirectiveInfo(
                locations: d.locations.map(\.value),
                arguments: d.arguments.map {
                    let isRequired: Bool
                    if case .nonNull = $0.type, $0.defaultValue == nil { isRequired = true } else { isRequired = false }
                    return ($0.name.value, GraphQLType($0.type).description, isRequired)
                },
                isRepeatable: d.isRepeatable)
        }
    }

    mutating func report(_ message: String, _ locations: [SourceLocation]) {
        problems.append(SchemaProblem(message, locations.map { ($0, source) }))
    }

    mutating func report(_ message: String, sites: [(SourceLocation, Int)]) {
        problems.append(SchemaProblem(message, sites.map { (location: $0.0, source: $0.1) }))
    }

    // MARK: Definitions

    mutating func definition(_ definition: Definition) {
        switch definition {
        case .schema(let d):
            if schemaDefinitionCount > 0 { report("Must provide only one schema definition.", [d.location]) }
            schemaDefinitionCount += 1
            uniqueOperationTypes(d.operationTypes)
            var seen = schemaDirectives
            uniqueDirectives(d.directives, seen: &seen)
            schemaDirectives = seen
            appliedDirectives(d.directives, at: "SCHEMA")
            for op in d.operationTypes { namedType(op.type) }
        case .schemaExtension(let d):
            uniqueOperationTypes(d.operationTypes)
            var seen = schemaDirectives
            uniqueDirectives(d.directives, seen: &seen)
            schemaDirectives = seen
            appliedDirectives(d.directives, at: "SCHEMA")
            for op in d.operationTypes { namedType(op.type) }
        case .type(let d):
            let name = d.name
            if let first = typeNames[name.value] {
                report(
                    "There can be only one type named \"\(name.value)\".",
                    sites: [first, (name.location, source)])
            } else {
                typeNames[name.value] = (name.location, source)
            }
            typeBody(d)
        case .typeExtension(let e):
            typeBody(extensionPayload(e), extension: e)
        case .directive(let d):
            uniqueArgumentDefinitions(d.arguments, owner: "@" + d.name.value)
            if let first = directiveNames[d.name.value] {
                report(
                    "There can be only one directive named \"@\(d.name.value)\".",
                    sites: [first, (d.name.location, source)])
            } else {
                directiveNames[d.name.value] = (d.name.location, source)
            }
            for a in d.arguments { inputValueDefinition(a, at: "ARGUMENT_DEFINITION") }
        case .operation, .fragment:
            break
        }
    }

    /// An extension as the definition it extends, so both share one walk.
    func extensionPayload(_ e: TypeExtension) -> TypeDefinition {
        switch e {
        case .scalar(let d): .scalar(d)
        case .object(let d): .object(d)
        case .interface(let d): .interface(d)
        case .union(let d): .union(d)
        case .enumType(let d): .enumType(d)
        case .inputObject(let d): .inputObject(d)
        }
    }

    mutating func typeBody(_ d: TypeDefinition, extension e: TypeExtension? = nil) {
        let typeName = d.name.value
        // Rules that look at the type node as a whole, in the reference's rule order.
        switch d {
        case .enumType(let t): uniqueEnumValues(t.values, typeName: typeName)
        case .object(let t): uniqueFields(t.fields.map(\.name), typeName: typeName)
        case .interface(let t): uniqueFields(t.fields.map(\.name), typeName: typeName)
        case .inputObject(let t): uniqueFields(t.fields.map(\.name), typeName: typeName)
        default: break
        }
        switch d {
        case .object(let t):
            for f in t.fields { uniqueArgumentDefinitions(f.arguments, owner: typeName + "." + f.name.value) }
        case .interface(let t):
            for f in t.fields { uniqueArgumentDefinitions(f.arguments, owner: typeName + "." + f.name.value) }
        default: break
        }
        var seen = directivesByType[typeName] ?? [:]
        uniqueDirectives(typeDirectives(d), seen: &seen)
        directivesByType[typeName] = seen
        if let e { possibleExtension(e) }

        // Children, in AST order.
        switch d {
        case .scalar(let t):
            appliedDirectives(t.directives, at: "SCALAR")
        case .object(let t):
            for i in t.interfaces { namedType(i) }
            appliedDirectives(t.directives, at: "OBJECT")
            for f in t.fields { fieldDefinition(f) }
        case .interface(let t):
            for i in t.interfaces { namedType(i) }
            appliedDirectives(t.directives, at: "INTERFACE")
            for f in t.fields { fieldDefinition(f) }
        case .union(let t):
            appliedDirectives(t.directives, at: "UNION")
            for m in t.types { namedType(m) }
        case .enumType(let t):
            appliedDirectives(t.directives, at: "ENUM")
            for v in t.values {
                var seenOnValue: [String: (SourceLocation, Int)] = [:]
                uniqueDirectives(v.directives, seen: &seenOnValue)
                appliedDirectives(v.directives, at: "ENUM_VALUE")
            }
        case .inputObject(let t):
            appliedDirectives(t.directives, at: "INPUT_OBJECT")
            for f in t.fields { inputValueDefinition(f, at: "INPUT_FIELD_DEFINITION") }
        }
    }

    func typeDirectives(_ d: TypeDefinition) -> [Directive] {
        switch d {
        case .scalar(let t): t.directives
        case .object(let t): t.directives
        case .interface(let t): t.directives
        case .union(let t): t.directives
        case .enumType(let t): t.directives
        case .inputObject(let t): t.directives
        }
    }

    mutating func fieldDefinition(_ f: FieldDefinition) {
        var seen: [String: (SourceLocation, Int)] = [:]
        uniqueDirectives(f.directives, seen: &seen)
        for a in f.arguments { inputValueDefinition(a, at: "ARGUMENT_DEFINITION") }
        namedType(f.type.namedType)
        appliedDirectives(f.directives, at: "FIELD_DEFINITION")
    }

    mutating func inputValueDefinition(_ v: InputValueDefinition, at location: String) {
        var seen: [String: (SourceLocation, Int)] = [:]
        uniqueDirectives(v.directives, seen: &seen)
        namedType(v.type.namedType)
        if let value = v.defaultValue { uniqueInputFields(value) }
        appliedDirectives(v.directives, at: location)
    }

    // MARK: Rules

    mutating func uniqueOperationTypes(_ types: [OperationTypeDefinition]) {
        for op in types {
            if let first = operationTypes[op.operation] {
                report(
                    "There can be only one \(op.operation.rawValue) type in schema.",
                    sites: [first, (op.location, source)])
            } else {
                operationTypes[op.operation] = (op.location, source)
            }
        }
    }

    mutating func uniqueEnumValues(_ values: [EnumValueDefinition], typeName: String) {
        var known = enumValuesByType[typeName] ?? [:]
        for v in values {
            if let first = known[v.name.value] {
                report(
                    "Enum value \"\(typeName).\(v.name.value)\" can only be defined once.",
                    sites: [first, (v.name.location, source)])
            } else {
                known[v.name.value] = (v.name.location, source)
            }
        }
        enumValuesByType[typeName] = known
    }

    mutating func uniqueFields(_ names: [Name], typeName: String) {
        var known = fieldNamesByType[typeName] ?? [:]
        for n in names {
            if let first = known[n.value] {
                report(
                    "Field \"\(typeName).\(n.value)\" can only be defined once.",
                    sites: [first, (n.location, source)])
            } else {
                known[n.value] = (n.location, source)
            }
        }
        fieldNamesByType[typeName] = known
    }

    mutating func uniqueArgumentDefinitions(_ arguments: [InputValueDefinition], owner: @autoclosure () -> String) {
        guard arguments.count > 1 else { return }
        var reported = Set<String>()
        for (i, a) in arguments.enumerated() where !reported.contains(a.name.value) {
            let same = arguments[i...].filter { $0.name.value == a.name.value }
            if same.count > 1 {
                reported.insert(a.name.value)
                report("Argument \"\(owner())(\(a.name.value):)\" can only be defined once.", same.map(\.name.location))
            }
        }
    }

    mutating func uniqueDirectives(_ applied: [Directive], seen: inout [String: (SourceLocation, Int)]) {
        for d in applied {
            guard let info = directives[d.name.value], !info.isRepeatable else { continue }
            if let first = seen[d.name.value] {
                report(
                    "The directive \"@\(d.name.value)\" can only be used once at this location.",
                    sites: [first, (d.location, source)])
            } else {
                seen[d.name.value] = (d.location, source)
            }
        }
    }

    mutating func possibleExtension(_ e: TypeExtension) {
        let name = e.name.value
        guard let index = definitions.typeDefinitionIndex[name] else {
            let suggestions = suggestionList(name, options: definedTypeNames)
            report("Cannot extend type \"\(name)\" because it is not defined." + didYouMean(suggestions), [e.name.location])
            return
        }
        let definition = definitions.typeDefinitions[index]
        let kind: String
        switch (definition.node, e) {
        case (.scalar, .scalar), (.object, .object), (.interface, .interface), (.union, .union),
            (.enumType, .enumType), (.inputObject, .inputObject):
            return
        case (_, .scalar): kind = "scalar"
        case (_, .object): kind = "object"
        case (_, .interface): kind = "interface"
        case (_, .union): kind = "union"
        case (_, .enumType): kind = "enum"
        case (_, .inputObject): kind = "input object"
        }
        report(
            "Cannot extend non-\(kind) type \"\(name)\".",
            sites: [(definition.node.location, definition.source), (e.location, source)])
    }

    mutating func namedType(_ type: NamedType) {
        let name = type.name.value
        if definedTypeNameSet.contains(name) || Self.standardTypeNames.contains(name) { return }
        let suggestions = suggestionList(name, options: Self.standardTypeNames + definedTypeNames)
        report("Unknown type \"\(name)\"." + didYouMean(suggestions), [type.location])
    }

    mutating func appliedDirectives(_ applied: [Directive], at location: String) {
        for d in applied {
            let name = d.name.value
            let info = directives[name]
            if let info {
                if !info.locations.contains(location) {
                    report("Directive \"@\(name)\" may not be used on \(location).", [d.location])
                }
                let known = info.arguments.map(\.name)
                for a in d.arguments where !known.contains(a.name.value) {
                    report(
                        "Unknown argument \"\(a.name.value)\" on directive \"@\(name)\"."
                            + didYouMean(suggestionList(a.name.value, options: known)),
                        [a.location])
                }
            } else {
                report("Unknown directive \"@\(name)\".", [d.location])
            }
            uniqueArguments(d.arguments)
            for a in d.arguments { uniqueInputFields(a.value) }
            if let info {
                for required in info.arguments where required.isRequired {
                    if !d.arguments.contains(where: { $0.name.value == required.name }) {
                        report(
                            "Directive \"@\(name)\" argument \"\(required.name)\" of type \"\(required.type)\" is required, but it was not provided.",
                            [d.location])
                    }
                }
            }
        }
    }

    mutating func uniqueArguments(_ arguments: [Argument]) {
        var reported = Set<String>()
        for (i, a) in arguments.enumerated() where !reported.contains(a.name.value) {
            let same = arguments[i...].filter { $0.name.value == a.name.value }
            if same.count > 1 {
                reported.insert(a.name.value)
                report("There can be only one argument named \"\(a.name.value)\".", same.map(\.name.location))
            }
        }
    }

    mutating func uniqueInputFields(_ value: Value) {
        switch value {
        case .list(let l):
            for v in l.values { uniqueInputFields(v) }
        case .object(let o):
            var known: [String: SourceLocation] = [:]
            for f in o.fields {
                if let first = known[f.name.value] {
                    report("There can be only one input field named \"\(f.name.value)\".", [first, f.name.location])
                } else {
                    known[f.name.value] = f.name.location
                }
                uniqueInputFields(f.value)
            }
        default: break
        }
    }
}
