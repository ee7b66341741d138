// Type-system validation (spec §3, the "Type Validation" sub-sections): root types are object
// types; names do not start with `__`; object and interface types have fields with output types
// and arguments with input types; interface implementations are complete and covariant, and
// include transitively implemented interfaces; unions have object members; enums have values;
// input objects have input fields, no cycles through non-null fields, and `@oneOf` fields are
// nullable without defaults; required arguments and input fields are not deprecated; default
// values fit their types.
//
// Messages and locations are the reference implementation's, so tools show the same text.

typealias Site = (location: SourceLocation, source: Int)

extension Schema {
    /// The type-system errors of this schema; empty when it is valid.
    public func validate() -> [GraphQLError] {
        validationProblems().map { $0.diagnostic(in: sources).error }
    }

    /// The type-system errors with the names of the sources they point into.
    public func validationDiagnostics() -> [SchemaError.Diagnostic] {
        validationProblems().map { $0.diagnostic(in: sources) }
    }

    func validationProblems() -> [SchemaProblem] {
        var validator = SchemaValidator(schema: self)
        validator.run()
        return validator.problems
    }
}

private func site<N>(_ s: ASTSite<N>?, _ location: (N) -> SourceLocation) -> [Site] {
    guard let s else { return [] }
    return [(location(s.node), s.source)]
}

private struct SchemaValidator {
    let schema: Schema
    var problems: [SchemaProblem] = []
    var inputCycleVisited = Set<String>()

    init(schema: Schema) { self.schema = schema }

    mutating func report(_ message: String, _ sites: [Site] = []) {
        problems.append(SchemaProblem(message, sites))
    }

    mutating func run() {
        rootTypes()
        for name in schema.duplicateTypeNames {
            report("Schema must contain uniquely named types but contains multiple types named \"\(name)\".")
        }
        for name in schema.missingTypeNames { report("Unknown type \"\(name)\".") }
        for d in schema.directives { directive(d) }
        for t in schema.types { type(t) }
    }

    // MARK: Root types

    mutating func rootTypes() {
        if let queryName = schema.queryTypeName {
            if !isObjectType(queryName) {
                report(
                    "Query root type must be Object type, it cannot be \(queryName).",
                    operationTypeSites(.query) ?? typeSites(queryName))
            }
        } else {
            report("Query root type must be provided.", site(schema.astNode, \.location))
        }
        for (op, label) in [(OperationType.mutation, "Mutation"), (.subscription, "Subscription")] {
            guard let name = schema.rootTypeName(for: op), !isObjectType(name) else { continue }
            report(
                "\(label) root type must be Object type if provided, it cannot be \(name).",
                operationTypeSites(op) ?? typeSites(name))
        }
    }

    func isObjectType(_ name: String) -> Bool {
        if case .object = schema.type(named: name) { return true }
        return false
    }

    /// Where `schema { op: Type }` names the root type, if it does.
    func operationTypeSites(_ op: OperationType) -> [Site]? {
        var nodes: [Site] = []
        if let def = schema.astNode {
            for o in def.node.operationTypes where o.operation == op { nodes.append((o.type.location, def.source)) }
        }
        for e in schema.extensionASTNodes {
            for o in e.node.operationTypes where o.operation == op { nodes.append((o.type.location, e.source)) }
        }
        return nodes.isEmpty ? nil : nodes
    }

    func typeSites(_ name: String) -> [Site] {
        guard let t = schema.type(named: name), let d = t.definitionSite else { return [] }
        return [(d.location, d.source)]
    }

    // MARK: Names

    mutating func name(_ name: String, _ sites: [Site]) {
        if name.hasPrefix("__") {
            report("Name \"\(name)\" must not begin with \"__\", which is reserved by GraphQL introspection.", sites)
        }
    }

    // MARK: Directives

    mutating func directive(_ d: GraphQLDirective) {
        guard !d.isSpecified || d.astNode != nil else { return }
        name(d.name, site(d.astNode, \.location))
        if d.locations.isEmpty {
            report("Directive @\(d.name) must include 1 or more locations.", site(d.astNode, \.location))
        }
        var seen = Set<String>()
        for a in d.arguments {
            name(a.name, site(a.astNode, \.location))
            if !seen.insert(a.name).inserted {
                report("Argument @\(d.name)(\(a.name):) can only be defined once.", site(a.astNode, \.name.location))
            }
            if !isInputType(a.type) {
                report(
                    "The type of @\(d.name)(\(a.name):) must be Input Type but got: \(a.type).",
                    site(a.astNode, \.type.location))
            }
            if a.isRequired && a.isDeprecated {
                report("Required argument @\(d.name)(\(a.name):) cannot be deprecated.", deprecationSites(a))
            }
            defaultValue(a, coordinate: "@\(d.name)(\(a.name):)", kind: "Argument")
        }
    }

    func deprecationSites(_ a: GraphQLInputValue) -> [Site] {
        guard let s = a.astNode else { return [] }
        var out: [Site] = []
        if let d = s.node.directives.first(where: { $0.name.value == "deprecated" }) { out.append((d.location, s.source)) }
        out.append((s.node.type.location, s.source))
        return out
    }

    // MARK: Types

    func isInputType(_ t: GraphQLType) -> Bool { schema.isInputType(t) }
    func isOutputType(_ t: GraphQLType) -> Bool { schema.isOutputType(t) }

    mutating func type(_ t: GraphQLNamedType) {
        if Introspection.isIntrospectionType(t.name) { return }
        name(t.name, t.definitionSite.map { [($0.location, $0.source)] } ?? [])
        switch t {
        case .scalar: break
        case .object(let o):
            fields(of: t, o.fields)
            interfaces(of: t)
        case .interface(let i):
            fields(of: t, i.fields)
            interfaces(of: t)
        case .union(let u): unionMembers(u, t)
        case .enumType(let e): enumValues(e, t)
        case .inputObject(let i):
            inputFields(i, t)
            inputObjectCycles(i)
        }
    }

    mutating func fields(of type: GraphQLNamedType, _ fields: [GraphQLField]) {
        let typeName = type.name
        if fields.isEmpty {
            report("Type \(typeName) must define one or more fields.", type.allSites)
        }
        for f in fields {
            name(f.name, site(f.astNode, \.location))
            if !isOutputType(f.type) {
                report(
                    "The type of \(typeName).\(f.name) must be Output Type but got: \(f.type).",
                    site(f.astNode, \.type.location))
            }
            for a in f.arguments {
                // Built only when reported: most arguments are fine.
                func coordinate() -> String { "\(typeName).\(f.name)(\(a.name):)" }
                name(a.name, site(a.astNode, \.location))
                if !isInputType(a.type) {
                    report("The type of \(coordinate()) must be Input Type but got: \(a.type).", site(a.astNode, \.type.location))
                }
                if a.isRequired && a.isDeprecated {
                    report("Required argument \(coordinate()) cannot be deprecated.", deprecationSites(a))
                }
                defaultValue(a, coordinate: coordinate(), kind: "Argument")
            }
        }
    }

    /// The `implements` clauses of a type and its extensions that name `interface`.
    func implementsSites(_ type: GraphQLNamedType, _ interface: String) -> [Site] {
        var out: [Site] = []
        func scan(_ list: [NamedType], _ source: Int) {
            for n in list where n.name.value == interface { out.append((n.location, source)) }
        }
        switch type {
        case .object(let o):
            if let a = o.astNode { scan(a.node.interfaces, a.source) }
            for e in o.extensionASTNodes { scan(e.node.interfaces, e.source) }
        case .interface(let i):
            if let a = i.astNode { scan(a.node.interfaces, a.source) }
            for e in i.extensionASTNodes { scan(e.node.interfaces, e.source) }
        default: break
        }
        return out
    }

    mutating func interfaces(of type: GraphQLNamedType) {
        var seen = Set<String>()
        for interfaceName in type.interfaces {
            guard case .interface(let interface) = schema.type(named: interfaceName) else {
                report(
                    "Type \(type.name) must only implement Interface types, it cannot implement \(interfaceName).",
                    implementsSites(type, interfaceName))
                continue
            }
            if interfaceName == type.name {
                report(
                    "Type \(type.name) cannot implement itself because it would create a circular reference.",
                    implementsSites(type, interfaceName))
                continue
            }
            if !seen.insert(interfaceName).inserted {
                report("Type \(type.name) can only implement \(interfaceName) once.", implementsSites(type, interfaceName))
                continue
            }
            implementsAncestors(type, interface)
            implementsInterface(type, interface)
        }
    }

    mutating func implementsAncestors(_ type: GraphQLNamedType, _ interface: GraphQLInterfaceType) {
        let declared = type.interfaces
        for transitive in interface.interfaces where !declared.contains(transitive) {
            let sites = implementsSites(.interface(interface), transitive) + implementsSites(type, interface.name)
            if transitive == type.name {
                report(
                    "Type \(type.name) cannot implement \(interface.name) because it would create a circular reference.",
                    sites)
            } else {
                report(
                    "Type \(type.name) must implement \(transitive) because it is implemented by \(interface.name).",
                    sites)
            }
        }
    }

    mutating func implementsInterface(_ type: GraphQLNamedType, _ interface: GraphQLInterfaceType) {
        let typeName = type.name
        let iName = interface.name
        for iField in interface.fields {
            let fieldName = iField.name
            guard let field = type.field(named: fieldName) else {
                report(
                    "Interface field \(iName).\(fieldName) expected but \(typeName) does not provide it.",
                    site(iField.astNode, \.location) + type.allSites)
                continue
            }
            if !schema.isTypeSubType(field.type, of: iField.type) {
                report(
                    "Interface field \(iName).\(fieldName) expects type \(iField.type) but \(typeName).\(fieldName) is type \(field.type).",
                    site(iField.astNode, \.type.location) + site(field.astNode, \.type.location))
            }
            for iArg in iField.arguments {
                guard let arg = field.argument(named: iArg.name) else {
                    report(
                        "Interface field argument \(iName).\(fieldName)(\(iArg.name):) expected but \(typeName).\(fieldName) does not provide it.",
                        site(iArg.astNode, \.location) + site(field.astNode, \.location))
                    continue
                }
                // Arguments are invariant: the types must be equal.
                if arg.type != iArg.type {
                    report(
                        "Interface field argument \(iName).\(fieldName)(\(iArg.name):) expects type \(iArg.type) but \(typeName).\(fieldName)(\(iArg.name):) is type \(arg.type).",
                        site(iArg.astNode, \.type.location) + site(arg.astNode, \.type.location))
                }
            }
            for arg in field.arguments where arg.isRequired && iField.argument(named: arg.name) == nil {
                report(
                    "Object field \(typeName).\(fieldName) includes required argument \(arg.name) that is missing from the Interface field \(iName).\(fieldName).",
                    site(arg.astNode, \.location) + site(iField.astNode, \.location))
            }
        }
    }

    mutating func unionMembers(_ union: GraphQLUnionType, _ type: GraphQLNamedType) {
        if union.types.isEmpty {
            report("Union type \(union.name) must define one or more member types.", type.allSites)
        }
        var seen = Set<String>()
        for member in union.types {
            if !seen.insert(member).inserted {
                report("Union type \(union.name) can only include type \(member) once.", memberSites(union, member))
                continue
            }
            guard case .object = schema.type(named: member) else {
                report(
                    "Union type \(union.name) can only include Object types, it cannot include \(member).",
                    memberSites(union, member))
                continue
            }
        }
    }

    func memberSites(_ union: GraphQLUnionType, _ member: String) -> [Site] {
        var out: [Site] = []
        if let a = union.astNode { for n in a.node.types where n.name.value == member { out.append((n.location, a.source)) } }
        for e in union.extensionASTNodes {
            for n in e.node.types where n.name.value == member { out.append((n.location, e.source)) }
        }
        return out
    }

    mutating func enumValues(_ e: GraphQLEnumType, _ type: GraphQLNamedType) {
        if e.values.isEmpty {
            report("Enum type \(e.name) must define one or more values.", type.allSites)
        }
        for v in e.values {
            name(v.name, site(v.astNode, \.location))
            if v.name == "true" || v.name == "false" || v.name == "null" {
                report("Enum type \(e.name) cannot include value: \(v.name).", site(v.astNode, \.location))
            }
        }
    }

    mutating func inputFields(_ input: GraphQLInputObjectType, _ type: GraphQLNamedType) {
        if input.fields.isEmpty {
            report("Input Object type \(input.name) must define one or more fields.", type.allSites)
        }
        for f in input.fields {
            name(f.name, site(f.astNode, \.location))
            if !isInputType(f.type) {
                report(
                    "The type of \(input.name).\(f.name) must be Input Type but got: \(f.type).",
                    site(f.astNode, \.type.location))
            }
            if f.isRequired && f.isDeprecated {
                report("Required input field \(input.name).\(f.name) cannot be deprecated.", deprecationSites(f))
            }
            if input.isOneOf {
                if f.type.isNonNull {
                    report("OneOf input field \(input.name).\(f.name) must be nullable.", site(f.astNode, \.type.location))
                }
                if f.defaultValue != nil {
                    report("OneOf input field \(input.name).\(f.name) cannot have a default value.", site(f.astNode, \.location))
                }
            }
            defaultValue(f, coordinate: "\(input.name).\(f.name)", kind: "Input field")
        }
    }

    // MARK: Input-object cycles

    /// Reports cycles of non-null input-object fields reachable from `root`. Each input type is
    /// walked once per validation (`inputCycleVisited` is shared), iteratively, so the check is
    /// linear in the schema's size however the types are tangled.
    mutating func inputObjectCycles(_ root: GraphQLInputObjectType) {
        guard !inputCycleVisited.contains(root.name) else { return }
        var stack: [(type: GraphQLInputObjectType, next: Int)] = []
        var fieldPath: [GraphQLInputField] = []
        var pathIndexByType: [String: Int] = [:]
        func enter(_ t: GraphQLInputObjectType) {
            inputCycleVisited.insert(t.name)
            pathIndexByType[t.name] = fieldPath.count
            stack.append((t, 0))
        }
        enter(root)
        while let (type, next) = stack.last {
            guard next < type.fields.count else {
                pathIndexByType[type.name] = nil
                stack.removeLast()
                if !stack.isEmpty { fieldPath.removeLast() }
                continue
            }
            stack[stack.count - 1].next += 1
            let f = type.fields[next]
            guard case .nonNull(.named(let targetName)) = f.type,
                case .inputObject(let target) = schema.type(named: targetName)
            else { continue }
            if let cycleIndex = pathIndexByType[targetName] {
                let cycle = Array(fieldPath[cycleIndex...]) + [f]
                report(
                    "Cannot reference Input Object \"\(targetName)\" within itself through a series of non-null fields: \"\(cycle.map(\.name).joined(separator: "."))\".",
                    cycle.flatMap { site($0.astNode, \.location) })
            } else if !inputCycleVisited.contains(targetName) {
                fieldPath.append(f)
                enter(target)
            }
        }
    }

    // MARK: Default values

    /// A default value must be a valid literal of its type (spec §3.6.1 / §3.10.1).
    mutating func defaultValue(_ value: GraphQLInputValue, coordinate: @autoclosure () -> String, kind: String) {
        guard let literal = value.defaultValue, isInputType(value.type) else { return }
        if let message = schema.literalError(literal, type: value.type) {
            report("\(kind) \(coordinate()) has invalid default value: \(message)", site(value.astNode, { $0.defaultValue?.location ?? $0.location }))
        }
    }
}
