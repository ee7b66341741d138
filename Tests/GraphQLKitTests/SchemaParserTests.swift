import Testing
@testable import GraphQLKit

func onlyDefinition(_ text: String) throws -> Definition {
    let document = try parse(text)
    #expect(document.definitions.count == 1)
    return try #require(document.definitions.first)
}

@Suite struct SchemaParserTests {
    @Test(arguments: typeSystemErrorGoldens)
    func syntaxErrorMatchesReference(source: String, expected: String) {
        #expect(syntaxError(source) == expected)
    }

    @Test(arguments: typeSystemASTGoldens)
    func astMatchesReference(source: String, expected: String) throws {
        #expect(try dump(source) == expected)
    }

    @Test func parsesSchemaKitchenSink() throws {
        let document = try parse(try fixture("schema-kitchen-sink.graphql"))
        #expect(!document.definitions.contains { $0.isExecutable })
        var kinds: Set<String> = []
        for definition in document.definitions {
            switch definition {
            case .schema: kinds.insert("schema")
            case .directive(let d): kinds.insert(d.isRepeatable ? "repeatable directive" : "directive")
            case .schemaExtension: kinds.insert("extend schema")
            case .type(let t): kinds.insert("\(t)".components(separatedBy: "(").first ?? "")
            case .typeExtension(let t): kinds.insert("extend " + ("\(t)".components(separatedBy: "(").first ?? ""))
            case .operation, .fragment: Issue.record("executable definition in the schema kitchen sink")
            }
        }
        #expect(
            kinds == [
                "schema", "directive", "repeatable directive", "extend schema", "scalar", "object", "interface", "union",
                "enumType", "inputObject", "extend scalar", "extend object", "extend interface", "extend union",
                "extend enumType", "extend inputObject",
            ])
    }

    @Test func schemaDefinition() throws {
        guard case .schema(let schema) = try onlyDefinition(#""The schema" schema @a { query: Q mutation: M subscription: S }"#) else {
            throw GraphQLError("expected a schema")
        }
        #expect(schema.description?.value.value == "The schema")
        #expect(schema.directives.map(\.name.value) == ["a"])
        #expect(schema.operationTypes.map(\.operation) == [.query, .mutation, .subscription])
        #expect(schema.operationTypes.map(\.type.name.value) == ["Q", "M", "S"])
    }

    @Test func objectAndInterfaceTypes() throws {
        guard case .type(.object(let object)) = try onlyDefinition(
            """
            "An object" type Run implements & Node & Entity @key(fields: "id") {
              "The id" id: ID!
              files(first: Int = 10 @deprecated, "cursor" after: String): [File!]! @cost(weight: 2)
            }
            """)
        else { throw GraphQLError("expected an object") }
        #expect(object.description?.value.value == "An object")
        #expect(object.name.value == "Run")
        #expect(object.interfaces.map(\.name.value) == ["Node", "Entity"])
        #expect(object.directives.map(\.name.value) == ["key"])
        #expect(object.fields.map(\.name.value) == ["id", "files"])
        #expect(object.fields[0].description?.value.value == "The id")
        #expect(object.fields[1].arguments.map(\.name.value) == ["first", "after"])
        #expect(object.fields[1].arguments[0].defaultValue == .int(IntValue("10")))
        #expect(object.fields[1].arguments[0].directives.map(\.name.value) == ["deprecated"])
        #expect(object.fields[1].arguments[1].description?.value.value == "cursor")
        guard case .type(.interface(let interface)) = try onlyDefinition("interface A implements B & C { a: Int }") else {
            throw GraphQLError("expected an interface")
        }
        #expect(interface.interfaces.map(\.name.value) == ["B", "C"])
        guard case .type(.object(let bare)) = try onlyDefinition("type T") else { throw GraphQLError("expected an object") }
        #expect(bare.fields.isEmpty && bare.interfaces.isEmpty)
    }

    @Test func unions() throws {
        guard case .type(.union(let union)) = try onlyDefinition("union U @d = | A | B | C") else { throw GraphQLError("expected a union") }
        #expect(union.types.map(\.name.value) == ["A", "B", "C"])
        #expect(union.directives.map(\.name.value) == ["d"])
        #expect(syntaxError("union U = | | A") == #"Syntax Error: Expected Name, found "|". (1:13)"#)
        #expect(syntaxError("union U = A |") == "Syntax Error: Expected Name, found <EOF>. (1:14)")
    }

    @Test func enums() throws {
        guard case .type(.enumType(let e)) = try onlyDefinition(#"enum Site { "Desk" DESKTOP @d MOBILE True nulls }"#) else {
            throw GraphQLError("expected an enum")
        }
        #expect(e.values.map(\.name.value) == ["DESKTOP", "MOBILE", "True", "nulls"])
        #expect(e.values[0].description?.value.value == "Desk")
        #expect(e.values[0].directives.map(\.name.value) == ["d"])
        for reserved in ["true", "false", "null"] {
            #expect(
                syntaxError("enum E { A \(reserved) }")
                    == "Syntax Error: Name \"\(reserved)\" is reserved and cannot be used for an enum value. (1:12)")
        }
    }

    @Test func inputObjects() throws {
        guard case .type(.inputObject(let input)) = try onlyDefinition(#"input I @oneOf { "a" a: Int = 1 @d, b: [String!] = ["x"] }"#) else {
            throw GraphQLError("expected an input object")
        }
        #expect(input.directives.map(\.name.value) == ["oneOf"])
        #expect(input.fields.map(\.name.value) == ["a", "b"])
        #expect(input.fields[0].description?.value.value == "a")
        #expect(input.fields[1].defaultValue == .list(ListValue([.string(StringValue("x"))])))
        #expect(syntaxError("input I { a: Int = $v }") == #"Syntax Error: Unexpected variable "$v" in constant value. (1:20)"#)
    }

    @Test func directiveDefinitions() throws {
        guard case .directive(let directive) = try onlyDefinition(
            #""Skips" directive @skip("cond" if: Boolean! = false @x) repeatable on | FIELD | FRAGMENT_SPREAD"#)
        else { throw GraphQLError("expected a directive") }
        #expect(directive.description?.value.value == "Skips")
        #expect(directive.name.value == "skip")
        #expect(directive.arguments.map(\.name.value) == ["if"])
        #expect(directive.arguments[0].defaultValue == .boolean(BooleanValue(false)))
        #expect(directive.isRepeatable)
        #expect(directive.locations.map(\.value) == ["FIELD", "FRAGMENT_SPREAD"])
        guard case .directive(let plain) = try onlyDefinition("directive @d on QUERY") else { throw GraphQLError("expected a directive") }
        #expect(!plain.isRepeatable)
    }

    @Test(arguments: DirectiveLocation.allCases)
    func everyDirectiveLocation(location: DirectiveLocation) throws {
        guard case .directive(let directive) = try onlyDefinition("directive @d on \(location.rawValue)") else {
            throw GraphQLError("expected a directive")
        }
        #expect(directive.locations.map(\.value) == [location.rawValue])
    }

    @Test func unknownDirectiveLocation() {
        #expect(syntaxError("directive @d on FIELD | field") == #"Syntax Error: Unexpected Name "field". (1:25)"#)
        #expect(syntaxError("directive @d on FRAGMENT_VARIABLE_DEFINITION") == #"Syntax Error: Unexpected Name "FRAGMENT_VARIABLE_DEFINITION". (1:17)"#)
    }

    @Test func extensions() throws {
        let document = try parse(
            """
            extend schema @a
            extend schema { subscription: S }
            extend scalar S @a
            extend type T implements I
            extend type T @a
            extend type T { f: Int }
            extend interface I implements J
            extend interface I @a
            extend interface I { f: Int }
            extend union U @a
            extend union U = A | B
            extend enum E @a
            extend enum E { V }
            extend input In @a
            extend input In { f: Int }
            """)
        #expect(document.definitions.count == 15)
        guard case .schemaExtension(let schema) = document.definitions[1] else { throw GraphQLError("expected extend schema") }
        #expect(schema.operationTypes.map(\.operation) == [.subscription])
        guard case .typeExtension(.object(let object)) = document.definitions[3] else { throw GraphQLError("expected extend type") }
        #expect(object.interfaces.map(\.name.value) == ["I"])
        #expect(object.description == nil)
        guard case .typeExtension(.union(let union)) = document.definitions[10] else { throw GraphQLError("expected extend union") }
        #expect(union.types.map(\.name.value) == ["A", "B"])
        #expect(document.definitions.allSatisfy { !$0.isExecutable })
    }

    @Test func emptyExtensionsAreErrors() {
        for (text, column) in [
            ("extend schema", 14), ("extend scalar S", 16), ("extend type T", 14), ("extend interface I", 19),
            ("extend union U", 15), ("extend enum E", 14), ("extend input I", 15),
        ] {
            #expect(syntaxError(text) == "Syntax Error: Unexpected <EOF>. (1:\(column))")
        }
        #expect(syntaxError("extend directive @d") == #"Syntax Error: Unexpected Name "directive". (1:8)"#)
        #expect(syntaxError("extend { a }") == #"Syntax Error: Unexpected "{". (1:8)"#)
    }

    @Test func emptyBracesAreErrors() {
        #expect(syntaxError("type T {}") == #"Syntax Error: Expected Name, found "}". (1:9)"#)
        #expect(syntaxError("enum E {}") == #"Syntax Error: Expected Name, found "}". (1:9)"#)
        #expect(syntaxError("input I {}") == #"Syntax Error: Expected Name, found "}". (1:10)"#)
        #expect(syntaxError("schema {}") == #"Syntax Error: Expected Name, found "}". (1:9)"#)
        #expect(syntaxError("type T { f(): Int }") == #"Syntax Error: Expected Name, found ")". (1:12)"#)
    }

    @Test func lexicalErrorAfterAnOperationTypeNameWins() {
        // The name is consumed (and the next token read) before it is judged.
        #expect(syntaxError("schema { qu..ery: Q }") == #"Syntax Error: Unexpected character: ".". (1:12)"#)
        #expect(syntaxError("schema { que\" }") == "Syntax Error: Unterminated string. (1:16)")
        #expect(syntaxError("schema { que: Q }") == #"Syntax Error: Unexpected Name "que". (1:10)"#)
    }

    @Test func typeSystemAndExecutableDefinitionsMix() throws {
        let document = try parse("type Query { a: Int } { a } extend type Query { b: Int } fragment F on Query { b }")
        #expect(document.definitions.map(\.isExecutable) == [false, true, false, true])
    }
}
