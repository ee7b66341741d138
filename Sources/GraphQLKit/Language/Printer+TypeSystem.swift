// Printer for type-system definitions and extensions (spec §3), in the reference layout:
// a description on its own line, members one per line, argument definitions one per line
// when any of them spans lines (a description or a multi-line block string does).

extension PrintBuffer {
    mutating func schema(_ schema: SchemaDefinition) {
        descriptionLine(schema.description)
        write("schema")
        directivesAfterSpace(schema.directives)
        operationTypesAfterSpace(schema.operationTypes)
    }

    mutating func schemaExtension(_ ext: SchemaExtension) {
        write("extend schema")
        directivesAfterSpace(ext.directives)
        operationTypesAfterSpace(ext.operationTypes)
    }

    private mutating func operationTypesAfterSpace(_ types: [OperationTypeDefinition]) {
        if types.isEmpty { return }
        write(byte: UInt8(ascii: " "))
        block(types) { out, t in
            out.write(t.operation.rawValue)
            out.write(": ")
            out.write(t.type.name.value)
        }
    }

    mutating func typeDefinition(_ definition: TypeDefinition) {
        switch definition {
        case .scalar(let d):
            descriptionLine(d.description)
            scalarBody(d)
        case .object(let d):
            descriptionLine(d.description)
            objectBody(keyword: "type", d.name, d.interfaces, d.directives, d.fields)
        case .interface(let d):
            descriptionLine(d.description)
            objectBody(keyword: "interface", d.name, d.interfaces, d.directives, d.fields)
        case .union(let d):
            descriptionLine(d.description)
            unionBody(d)
        case .enumType(let d):
            descriptionLine(d.description)
            enumBody(d)
        case .inputObject(let d):
            descriptionLine(d.description)
            inputObjectBody(d)
        }
    }

    /// Extensions never print a description (the grammar has none for them).
    mutating func typeExtension(_ ext: TypeExtension) {
        write("extend ")
        switch ext {
        case .scalar(let d): scalarBody(d)
        case .object(let d): objectBody(keyword: "type", d.name, d.interfaces, d.directives, d.fields)
        case .interface(let d): objectBody(keyword: "interface", d.name, d.interfaces, d.directives, d.fields)
        case .union(let d): unionBody(d)
        case .enumType(let d): enumBody(d)
        case .inputObject(let d): inputObjectBody(d)
        }
    }

    private mutating func scalarBody(_ d: ScalarTypeDefinition) {
        write("scalar ")
        write(d.name.value)
        directivesAfterSpace(d.directives)
    }

    private mutating func objectBody(
        keyword: String, _ name: Name, _ interfaces: [NamedType], _ directives: [Directive], _ fields: [FieldDefinition]
    ) {
        write(keyword)
        write(byte: UInt8(ascii: " "))
        write(name.value)
        if !interfaces.isEmpty {
            write(" implements ")
            for (i, interface) in interfaces.enumerated() {
                if i > 0 { write(" & ") }
                write(interface.name.value)
            }
        }
        directivesAfterSpace(directives)
        if !fields.isEmpty {
            write(byte: UInt8(ascii: " "))
            block(fields) { $0.fieldDefinition($1) }
        }
    }

    mutating func fieldDefinition(_ field: FieldDefinition) {
        descriptionLine(field.description)
        write(field.name.value)
        argumentDefinitions(field.arguments)
        write(": ")
        typeReference(field.type)
        directivesAfterSpace(field.directives)
    }

    /// `(a: Int, b: String)`, or one per line when any of them prints on several lines.
    private mutating func argumentDefinitions(_ arguments: [InputValueDefinition]) {
        if arguments.isEmpty { return }
        let start = bytes.count
        list(arguments, open: "(", close: ")", multiline: false) { $0.inputValueDefinition($1) }
        if hasLineBreak(since: start) {
            truncate(to: start)
            list(arguments, open: "(", close: ")", multiline: true) { $0.inputValueDefinition($1) }
        }
    }

    mutating func inputValueDefinition(_ input: InputValueDefinition) {
        descriptionLine(input.description)
        write(input.name.value)
        write(": ")
        typeReference(input.type)
        if let defaultValue = input.defaultValue {
            write(" = ")
            value(defaultValue)
        }
        directivesAfterSpace(input.directives)
    }

    private mutating func unionBody(_ d: UnionTypeDefinition) {
        write("union ")
        write(d.name.value)
        directivesAfterSpace(d.directives)
        if !d.types.isEmpty {
            write(" = ")
            for (i, member) in d.types.enumerated() {
                if i > 0 { write(" | ") }
                write(member.name.value)
            }
        }
    }

    private mutating func enumBody(_ d: EnumTypeDefinition) {
        write("enum ")
        write(d.name.value)
        directivesAfterSpace(d.directives)
        if !d.values.isEmpty {
            write(byte: UInt8(ascii: " "))
            block(d.values) { $0.enumValueDefinition($1) }
        }
    }

    mutating func enumValueDefinition(_ value: EnumValueDefinition) {
        descriptionLine(value.description)
        write(value.name.value)
        directivesAfterSpace(value.directives)
    }

    private mutating func inputObjectBody(_ d: InputObjectTypeDefinition) {
        write("input ")
        write(d.name.value)
        directivesAfterSpace(d.directives)
        if !d.fields.isEmpty {
            write(byte: UInt8(ascii: " "))
            block(d.fields) { $0.inputValueDefinition($1) }
        }
    }

    mutating func directiveDefinition(_ d: DirectiveDefinition) {
        descriptionLine(d.description)
        write("directive @")
        write(d.name.value)
        argumentDefinitions(d.arguments)
        if d.isRepeatable { write(" repeatable") }
        write(" on ")
        for (i, location) in d.locations.enumerated() {
            if i > 0 { write(" | ") }
            write(location.value)
        }
    }
}
