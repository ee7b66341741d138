// Printer: any AST back to canonical GraphQL text (spec §2 Language, §3 Type System).
//
//     Printer.print(document)        // whole documents, definitions joined by a blank line
//     Printer.print(value)           // `{a: [1, 2]}`
//     Printer.print(type)            // `[String!]!`
//     Printer.print(node)            // any `ASTNode`
//
// The layout is the reference printer's (graphql-js / graphql-core): two-space indentation,
// one selection or member per line, `{a: 1}` objects, `"""` block strings where the value was
// written as one and reads back unchanged, field arguments on their own lines when the field
// line would exceed 80 characters, and argument definitions on their own lines when one has
// a description. Descriptions of operations, fragments and variable definitions (September
// 2025) go on their own line before the definition, like type-system descriptions.
//
// Printing is idempotent and `parse(print(doc)) == doc` for any parsed document. Output is
// written into one growing UTF-8 buffer, so time is linear in the output size.

public enum Printer {
    public static func print(_ document: Document) -> String {
        var out = PrintBuffer(capacity: 1024)
        out.document(document)
        return out.text
    }

    public static func print(_ definition: Definition) -> String {
        render { $0.definition(definition) }
    }

    public static func print(_ selectionSet: SelectionSet) -> String {
        render { $0.selectionSet(selectionSet) }
    }

    public static func print(_ selection: Selection) -> String {
        render { $0.selection(selection) }
    }

    public static func print(_ value: Value) -> String {
        render { $0.value(value) }
    }

    public static func print(_ type: TypeReference) -> String {
        render { $0.typeReference(type) }
    }

    public static func print(_ directive: Directive) -> String {
        render { $0.directive(directive) }
    }

    public static func print(_ coordinate: SchemaCoordinate) -> String {
        coordinate.description
    }

    private static func render(_ body: (inout PrintBuffer) -> Void) -> String {
        var out = PrintBuffer()
        body(&out)
        return out.text
    }
}

// MARK: - Documents and executable definitions

/// Field and argument lines longer than this are broken up (the reference's limit).
private let maximumLineLength = 80

extension PrintBuffer {
    mutating func document(_ document: Document) {
        for (i, definition) in document.definitions.enumerated() {
            if i > 0 { write("\n\n") }
            self.definition(definition)
        }
    }

    mutating func definition(_ definition: Definition) {
        switch definition {
        case .operation(let d): operation(d)
        case .fragment(let d): fragment(d)
        case .schema(let d): schema(d)
        case .type(let d): typeDefinition(d)
        case .directive(let d): directiveDefinition(d)
        case .schemaExtension(let d): schemaExtension(d)
        case .typeExtension(let d): typeExtension(d)
        }
    }

    mutating func descriptionLine(_ description: Description?) {
        guard let description else { return }
        stringValue(description.value)
        newline()
    }

    mutating func operation(_ op: OperationDefinition) {
        if op.isShorthand {
            selectionSet(op.selectionSet)
            return
        }
        descriptionLine(op.description)
        write(op.operation.rawValue)
        if op.name != nil || !op.variableDefinitions.isEmpty {
            write(byte: UInt8(ascii: " "))
            if let name = op.name { write(name.value) }
            variableDefinitions(op.variableDefinitions)
        }
        directivesAfterSpace(op.directives)
        selectionSetAfterSpace(op.selectionSet)
    }

    /// `($a: Int, $b: String)`; one per line when one has a description.
    mutating func variableDefinitions(_ definitions: [VariableDefinition]) {
        if definitions.isEmpty { return }
        let multiline = definitions.contains { $0.description != nil }
        list(definitions, open: "(", close: ")", multiline: multiline) { $0.variableDefinition($1) }
    }

    mutating func variableDefinition(_ def: VariableDefinition) {
        descriptionLine(def.description)
        variable(def.variable)
        write(": ")
        typeReference(def.type)
        if let defaultValue = def.defaultValue {
            write(" = ")
            value(defaultValue)
        }
        directivesAfterSpace(def.directives)
    }

    mutating func fragment(_ fragment: FragmentDefinition) {
        descriptionLine(fragment.description)
        write("fragment ")
        write(fragment.name.value)
        write(" on ")
        write(fragment.typeCondition.name.value)
        directivesAfterSpace(fragment.directives)
        selectionSetAfterSpace(fragment.selectionSet)
    }

    /// `{`, one selection per line, `}`. An empty set (never parsed; only built in code)
    /// prints nothing, as in the reference.
    mutating func selectionSet(_ set: SelectionSet) {
        nested { $0.block(set.selections) { $0.selection($1) } }
    }

    mutating func selectionSetAfterSpace(_ set: SelectionSet) {
        if set.selections.isEmpty { return }
        write(byte: UInt8(ascii: " "))
        selectionSet(set)
    }

    mutating func selection(_ selection: Selection) {
        switch selection {
        case .field(let f): field(f)
        case .fragmentSpread(let s):
            write("...")
            write(s.name.value)
            directivesAfterSpace(s.directives)
        case .inlineFragment(let f):
            write("...")
            if let condition = f.typeCondition {
                write(" on ")
                write(condition.name.value)
            }
            directivesAfterSpace(f.directives)
            selectionSetAfterSpace(f.selectionSet)
        }
    }

    mutating func field(_ field: Field) {
        let lineStart = bytes.count
        if let alias = field.alias {
            write(alias.value)
            write(": ")
        }
        write(field.name.value)
        if !field.arguments.isEmpty {
            let argumentsStart = bytes.count
            list(field.arguments, open: "(", close: ")", multiline: false) { $0.argument($1) }
            // The reference measures `alias: name(args)` without indentation.
            if unindentedLength(since: lineStart) > maximumLineLength {
                truncate(to: argumentsStart)
                list(field.arguments, open: "(", close: ")", multiline: true) { $0.argument($1) }
            }
        }
        directivesAfterSpace(field.directives)
        if let set = field.selectionSet { selectionSetAfterSpace(set) }
    }

    mutating func argument(_ argument: Argument) {
        write(argument.name.value)
        write(": ")
        value(argument.value)
    }

    mutating func directive(_ directive: Directive) {
        write(byte: UInt8(ascii: "@"))
        write(directive.name.value)
        if !directive.arguments.isEmpty {
            list(directive.arguments, open: "(", close: ")", multiline: false) { $0.argument($1) }
        }
    }

    /// ` @a @b`, or nothing.
    mutating func directivesAfterSpace(_ directives: [Directive]) {
        for d in directives {
            write(byte: UInt8(ascii: " "))
            directive(d)
        }
    }

    // MARK: Values and types

    mutating func value(_ value: Value) {
        switch value {
        case .variable(let v): variable(v)
        case .int(let v): write(v.value)
        case .float(let v): write(v.value)
        case .string(let v): stringValue(v)
        case .boolean(let v): write(v.value ? "true" : "false")
        case .null: write("null")
        case .enumValue(let v): write(v.value)
        case .list(let list):
            write(byte: UInt8(ascii: "["))
            nested { out in
                for (i, item) in list.values.enumerated() {
                    if i > 0 { out.write(", ") }
                    out.value(item)
                }
            }
            write(byte: UInt8(ascii: "]"))
        case .object(let object):
            write(byte: UInt8(ascii: "{"))
            nested { out in
                for (i, field) in object.fields.enumerated() {
                    if i > 0 { out.write(", ") }
                    out.objectField(field)
                }
            }
            write(byte: UInt8(ascii: "}"))
        }
    }

    mutating func objectField(_ field: ObjectField) {
        write(field.name.value)
        write(": ")
        value(field.value)
    }

    mutating func variable(_ variable: Variable) {
        write(byte: UInt8(ascii: "$"))
        write(variable.name.value)
    }

    mutating func typeReference(_ type: TypeReference) {
        switch type {
        case .named(let n): write(n.name.value)
        case .list(let inner, _):
            write(byte: UInt8(ascii: "["))
            nested { $0.typeReference(inner) }
            write(byte: UInt8(ascii: "]"))
        case .nonNull(let inner, _):
            nested { $0.typeReference(inner) }
            write(byte: UInt8(ascii: "!"))
        }
    }

    // MARK: Layout helpers

    /// `{` then each item on its own line one level deeper, then `}`; nothing when empty.
    mutating func block<T>(_ items: [T], _ item: (inout PrintBuffer, T) -> Void) {
        if items.isEmpty { return }
        write(byte: UInt8(ascii: "{"))
        indentLevel += 1
        for element in items {
            newline()
            item(&self, element)
        }
        indentLevel -= 1
        newline()
        write(byte: UInt8(ascii: "}"))
    }

    /// `(a, b)` on one line, or `(`, one item per line one level deeper, `)`.
    mutating func list<T>(
        _ items: [T], open: StaticString, close: StaticString, multiline: Bool,
        _ item: (inout PrintBuffer, T) -> Void
    ) {
        write(open)
        if multiline {
            indentLevel += 1
            for element in items {
                newline()
                item(&self, element)
            }
            indentLevel -= 1
            newline()
        } else {
            for (i, element) in items.enumerated() {
                if i > 0 { write(", ") }
                item(&self, element)
            }
        }
        write(close)
    }

    @inline(__always)
    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }
}
