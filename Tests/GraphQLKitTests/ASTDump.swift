// A canonical text form of an AST, used by the tests to compare whole trees (with or without
// source offsets) against expected trees: `(kind @start-end key=value ...)`, keys sorted.
@testable import GraphQLKit

struct ASTDump {
    var withLocations = true

    private func node(_ kind: String, _ location: SourceLocation, _ fields: [(String, String)]) -> String {
        var parts = [kind]
        if withLocations { parts.append("@\(location.start)-\(location.end)") }
        for (key, value) in fields.sorted(by: { $0.0 < $1.0 }) { parts.append(key + "=" + value) }
        return "(" + parts.joined(separator: " ") + ")"
    }

    private func list<T>(_ items: [T], _ f: (T) -> String) -> String {
        "[" + items.map(f).joined(separator: " ") + "]"
    }

    private func optional<T>(_ item: T?, _ f: (T) -> String) -> String { item.map(f) ?? "_" }

    private func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value > 0x7F {
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    func name(_ n: Name) -> String { node("name", n.location, [("value", quoted(n.value))]) }

    private func withDescription(_ d: Description?, _ fields: [(String, String)], always: Bool) -> [(String, String)] {
        guard always || d != nil else { return fields }
        return fields + [("description", optional(d) { string($0.value) })]
    }

    func document(_ d: Document) -> String {
        node("document", d.location, [("definitions", list(d.definitions, definition))])
    }

    func definition(_ d: Definition) -> String {
        switch d {
        case .operation(let o):
            return node(
                "operation_definition", o.location,
                withDescription(
                    o.description,
                    [
                        ("directives", list(o.directives, directive)), ("name", optional(o.name, name)),
                        ("operation", o.operation.rawValue), ("selection_set", selectionSet(o.selectionSet)),
                        ("variable_definitions", list(o.variableDefinitions, variableDefinition)),
                    ], always: false))
        case .fragment(let f):
            return node(
                "fragment_definition", f.location,
                withDescription(
                    f.description,
                    [
                        ("directives", list(f.directives, directive)), ("name", name(f.name)),
                        ("selection_set", selectionSet(f.selectionSet)), ("type_condition", namedType(f.typeCondition)),
                    ], always: false))
        case .schema(let s):
            return node(
                "schema_definition", s.location,
                withDescription(
                    s.description,
                    [
                        ("directives", list(s.directives, directive)),
                        ("operation_types", list(s.operationTypes, operationType)),
                    ], always: true))
        case .type(let t): return typeDefinition(t, extension: false)
        case .directive(let d):
            return node(
                "directive_definition", d.location,
                withDescription(
                    d.description,
                    [
                        ("arguments", list(d.arguments, inputValue)), ("locations", list(d.locations, name)),
                        ("name", name(d.name)), ("repeatable", d.isRepeatable ? "true" : "false"),
                    ], always: true))
        case .schemaExtension(let s):
            return node(
                "schema_extension", s.location,
                [
                    ("directives", list(s.directives, directive)),
                    ("operation_types", list(s.operationTypes, operationType)),
                ])
        case .typeExtension(let t):
            switch t {
            case .scalar(let d): return typeDefinition(.scalar(d), extension: true)
            case .object(let d): return typeDefinition(.object(d), extension: true)
            case .interface(let d): return typeDefinition(.interface(d), extension: true)
            case .union(let d): return typeDefinition(.union(d), extension: true)
            case .enumType(let d): return typeDefinition(.enumType(d), extension: true)
            case .inputObject(let d): return typeDefinition(.inputObject(d), extension: true)
            }
        }
    }

    private func typeDefinition(_ t: TypeDefinition, extension isExtension: Bool) -> String {
        let suffix = isExtension ? "_extension" : "_definition"
        func described(_ d: Description?, _ fields: [(String, String)]) -> [(String, String)] {
            isExtension ? fields : withDescription(d, fields, always: true)
        }
        switch t {
        case .scalar(let d):
            return node(
                "scalar_type" + suffix, d.location,
                described(d.description, [("directives", list(d.directives, directive)), ("name", name(d.name))]))
        case .object(let d):
            return node(
                "object_type" + suffix, d.location,
                described(
                    d.description,
                    [
                        ("directives", list(d.directives, directive)), ("fields", list(d.fields, fieldDefinition)),
                        ("interfaces", list(d.interfaces, namedType)), ("name", name(d.name)),
                    ]))
        case .interface(let d):
            return node(
                "interface_type" + suffix, d.location,
                described(
                    d.description,
                    [
                        ("directives", list(d.directives, directive)), ("fields", list(d.fields, fieldDefinition)),
                        ("interfaces", list(d.interfaces, namedType)), ("name", name(d.name)),
                    ]))
        case .union(let d):
            return node(
                "union_type" + suffix, d.location,
                described(
                    d.description,
                    [
                        ("directives", list(d.directives, directive)), ("name", name(d.name)),
                        ("types", list(d.types, namedType)),
                    ]))
        case .enumType(let d):
            return node(
                "enum_type" + suffix, d.location,
                described(
                    d.description,
                    [
                        ("directives", list(d.directives, directive)), ("name", name(d.name)),
                        ("values", list(d.values, enumValueDefinition)),
                    ]))
        case .inputObject(let d):
            return node(
                "input_object_type" + suffix, d.location,
                described(
                    d.description,
                    [
                        ("directives", list(d.directives, directive)), ("fields", list(d.fields, inputValue)),
                        ("name", name(d.name)),
                    ]))
        }
    }

    func operationType(_ o: OperationTypeDefinition) -> String {
        node("operation_type_definition", o.location, [("operation", o.operation.rawValue), ("type", namedType(o.type))])
    }

    func fieldDefinition(_ f: FieldDefinition) -> String {
        node(
            "field_definition", f.location,
            withDescription(
                f.description,
                [
                    ("arguments", list(f.arguments, inputValue)), ("directives", list(f.directives, directive)),
                    ("name", name(f.name)), ("type", type(f.type)),
                ], always: true))
    }

    func inputValue(_ v: InputValueDefinition) -> String {
        node(
            "input_value_definition", v.location,
            withDescription(
                v.description,
                [
                    ("default_value", optional(v.defaultValue, value)), ("directives", list(v.directives, directive)),
                    ("name", name(v.name)), ("type", type(v.type)),
                ], always: true))
    }

    func enumValueDefinition(_ v: EnumValueDefinition) -> String {
        node(
            "enum_value_definition", v.location,
            withDescription(v.description, [("directives", list(v.directives, directive)), ("name", name(v.name))], always: true))
    }

    func variableDefinition(_ v: VariableDefinition) -> String {
        node(
            "variable_definition", v.location,
            withDescription(
                v.description,
                [
                    ("default_value", optional(v.defaultValue, value)), ("directives", list(v.directives, directive)),
                    ("type", type(v.type)), ("variable", variable(v.variable)),
                ], always: false))
    }

    func variable(_ v: Variable) -> String { node("variable", v.location, [("name", name(v.name))]) }

    func selectionSet(_ s: SelectionSet) -> String {
        node("selection_set", s.location, [("selections", list(s.selections, selection))])
    }

    func selection(_ s: Selection) -> String {
        switch s {
        case .field(let f):
            return node(
                "field", f.location,
                [
                    ("alias", optional(f.alias, name)), ("arguments", list(f.arguments, argument)),
                    ("directives", list(f.directives, directive)), ("name", name(f.name)),
                    ("selection_set", optional(f.selectionSet, selectionSet)),
                ])
        case .fragmentSpread(let f):
            return node("fragment_spread", f.location, [("directives", list(f.directives, directive)), ("name", name(f.name))])
        case .inlineFragment(let f):
            return node(
                "inline_fragment", f.location,
                [
                    ("directives", list(f.directives, directive)), ("selection_set", selectionSet(f.selectionSet)),
                    ("type_condition", optional(f.typeCondition, namedType)),
                ])
        }
    }

    func argument(_ a: Argument) -> String {
        node("argument", a.location, [("name", name(a.name)), ("value", value(a.value))])
    }

    func directive(_ d: Directive) -> String {
        node("directive", d.location, [("arguments", list(d.arguments, argument)), ("name", name(d.name))])
    }

    func string(_ s: StringValue) -> String {
        node("string_value", s.location, [("block", s.isBlock ? "true" : "false"), ("value", quoted(s.value))])
    }

    func value(_ v: Value) -> String {
        switch v {
        case .variable(let x): variable(x)
        case .int(let x): node("int_value", x.location, [("value", quoted(x.value))])
        case .float(let x): node("float_value", x.location, [("value", quoted(x.value))])
        case .string(let x): string(x)
        case .boolean(let x): node("boolean_value", x.location, [("value", x.value ? "true" : "false")])
        case .null(let x): node("null_value", x.location, [])
        case .enumValue(let x): node("enum_value", x.location, [("value", quoted(x.value))])
        case .list(let x): node("list_value", x.location, [("values", list(x.values, value))])
        case .object(let x):
            node(
                "object_value", x.location,
                [
                    ("fields", list(x.fields) { f in
                        node("object_field", f.location, [("name", name(f.name)), ("value", value(f.value))])
                    })
                ])
        }
    }

    func namedType(_ t: NamedType) -> String { node("named_type", t.location, [("name", name(t.name))]) }

    func type(_ t: TypeReference) -> String {
        switch t {
        case .named(let n): namedType(n)
        case .list(let inner, let location): node("list_type", location, [("type", type(inner))])
        case .nonNull(let inner, let location): node("non_null_type", location, [("type", type(inner))])
        }
    }
}
