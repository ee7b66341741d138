// The schema printer: a schema as canonical SDL, laid out as the reference's `printSchema`.
//
// The schema definition is left out when the root types have their default names; built-in
// scalars, built-in directives and introspection types are not printed; descriptions are block
// strings when they read back unchanged; default values are printed in canonical form for their
// type; of the applied directives only `@deprecated`, `@specifiedBy` and `@oneOf` are printed.
// Printing, building and printing again gives the same text.

extension Schema {
    /// The schema as SDL, without the built-in and introspection definitions.
    public func printed() -> String {
        var printer = SchemaPrinter(schema: self)
        return printer.print(includeBuiltIns: false)
    }

    /// The built-in directives and the introspection types as SDL (the reference's
    /// `printIntrospectionSchema`).
    public func printedIntrospectionSchema() -> String {
        var printer = SchemaPrinter(schema: self)
        return printer.print(includeBuiltIns: true)
    }
}

private struct SchemaPrinter {
    let schema: Schema
    var out = PrintBuffer(capacity: 4096)

    init(schema: Schema) { self.schema = schema }

    mutating func print(includeBuiltIns: Bool) -> String {
        var first = true
        func separate(_ out: inout PrintBuffer) {
            if !first { out.write("\n\n") }
            first = false
        }
        if !includeBuiltIns, needsSchemaDefinition {
            separate(&out)
            schemaDefinition()
        }
        for d in schema.directives where d.isSpecified == includeBuiltIns {
            separate(&out)
            directive(d)
        }
        for t in schema.types {
            let isBuiltIn = Introspection.isIntrospectionType(t.name)
            if includeBuiltIns != isBuiltIn { continue }
            if case .scalar(let s) = t, s.isSpecified { continue }
            separate(&out)
            type(t)
        }
        return out.text
    }

    // MARK: Schema definition

    var needsSchemaDefinition: Bool {
        if schema.description != nil { return true }
        return !(schema.queryTypeName.map { $0 == "Query" } ?? true)
            || !(schema.mutationTypeName.map { $0 == "Mutation" } ?? true)
            || !(schema.subscriptionTypeName.map { $0 == "Subscription" } ?? true)
    }

    mutating func schemaDefinition() {
        description(schema.description, firstInBlock: true)
        out.write("schema {")
        for op in OperationType.allCases {
            guard let name = schema.rootTypeName(for: op) else { continue }
            out.write("\n  " + op.rawValue + ": " + name)
        }
        out.write("\n}")
    }

    // MARK: Descriptions

    /// A description on its own line, at the current indentation; members after the first in a
    /// block get a blank line before their description.
    mutating func description(_ text: String?, firstInBlock: Bool) {
        guard let text else { return }
        if out.indentLevel > 0 && !firstInBlock {
            // A blank line (without trailing spaces) before the description.
            out.truncate(to: out.bytes.count - 2 * out.indentLevel)
            out.newline()
        }
        out.stringValue(StringValue(text, isBlock: true))
        out.newline()
    }

    // MARK: Directives

    mutating func directive(_ d: GraphQLDirective) {
        description(d.description, firstInBlock: true)
        out.write("directive @" + d.name)
        arguments(d.arguments)
        if d.isRepeatable { out.write(" repeatable") }
        out.write(" on " + d.locations.map(\.rawValue).joined(separator: " | "))
    }

    // MARK: Types

    mutating func type(_ t: GraphQLNamedType) {
        description(t.description, firstInBlock: true)
        switch t {
        case .scalar(let s):
            out.write("scalar " + s.name)
            if let url = s.specifiedByURL {
                out.write(" @specifiedBy(url: ")
                out.quotedString(url)
                out.write(")")
            }
        case .object(let o):
            out.write("type " + o.name)
            implements(o.interfaces)
            fields(o.fields)
        case .interface(let i):
            out.write("interface " + i.name)
            implements(i.interfaces)
            fields(i.fields)
        case .union(let u):
            out.write("union " + u.name)
            if !u.types.isEmpty { out.write(" = " + u.types.joined(separator: " | ")) }
        case .enumType(let e):
            out.write("enum " + e.name)
            block(e.values) { p, v, i in
                p.description(v.description, firstInBlock: i == 0)
                p.out.write(v.name)
                p.deprecated(v.deprecationReason)
            }
        case .inputObject(let input):
            out.write("input " + input.name)
            if input.isOneOf { out.write(" @oneOf") }
            block(input.fields) { p, f, i in
                p.description(f.description, firstInBlock: i == 0)
                p.inputValue(f)
            }
        }
    }

    mutating func implements(_ interfaces: [String]) {
        if !interfaces.isEmpty { out.write(" implements " + interfaces.joined(separator: " & ")) }
    }

    mutating func fields(_ fields: [GraphQLField]) {
        block(fields) { p, f, i in
            p.description(f.description, firstInBlock: i == 0)
            p.out.write(f.name)
            p.arguments(f.arguments)
            p.out.write(": " + f.type.description)
            p.deprecated(f.deprecationReason)
        }
    }

    /// ` {` members one per line `}`, or nothing for no members.
    mutating func block<T>(_ items: [T], _ member: (inout SchemaPrinter, T, Int) -> Void) {
        guard !items.isEmpty else { return }
        out.write(" {")
        out.indentLevel += 1
        for (i, item) in items.enumerated() {
            out.newline()
            member(&self, item, i)
        }
        out.indentLevel -= 1
        out.newline()
        out.write("}")
    }

    /// `(a: Int, b: String)` on one line, or one per line when any has a description.
    mutating func arguments(_ arguments: [GraphQLArgument]) {
        guard !arguments.isEmpty else { return }
        if arguments.allSatisfy({ $0.description == nil }) {
            out.write("(")
            for (i, a) in arguments.enumerated() {
                if i > 0 { out.write(", ") }
                inputValue(a)
            }
            out.write(")")
            return
        }
        out.write("(")
        out.indentLevel += 1
        for (i, a) in arguments.enumerated() {
            out.newline()
            description(a.description, firstInBlock: i == 0)
            inputValue(a)
        }
        out.indentLevel -= 1
        out.newline()
        out.write(")")
    }

    mutating func inputValue(_ v: GraphQLInputValue) {
        out.write(v.name + ": " + v.type.description)
        if let value = schema.printedDefaultValue(v) { out.write(" = " + value) }
        deprecated(v.deprecationReason)
    }

    mutating func deprecated(_ reason: String?) {
        guard let reason else { return }
        if reason == defaultDeprecationReason {
            out.write(" @deprecated")
        } else {
            out.write(" @deprecated(reason: ")
            out.quotedString(reason)
            out.write(")")
        }
    }
}
