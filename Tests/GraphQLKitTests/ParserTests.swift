import Foundation
import Testing
@testable import GraphQLKit

/// Loads a fixture from the test bundle's Fixtures folder.
func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}

/// The syntax error a document produces, as "message (line:column)", or nil if it parses.
func syntaxError(_ text: String, options: ParseOptions = ParseOptions()) -> String? {
    do {
        _ = try parse(text, options: options)
        return nil
    } catch {
        return error.description
    }
}

/// The canonical dump of a parsed document, with byte offsets when the text is ASCII (the
/// reference counts offsets in characters).
func dump(_ text: String) throws -> String {
    ASTDump(withLocations: text.utf8.allSatisfy { $0 < 0x80 }).document(try parse(text))
}

func onlyOperation(_ text: String) throws -> OperationDefinition {
    let document = try parse(text)
    guard case .operation(let operation) = try #require(document.definitions.first) else {
        throw GraphQLError("not an operation")
    }
    return operation
}

@Suite struct ParserTests {
    @Test(arguments: executableErrorGoldens)
    func syntaxErrorMatchesReference(source: String, expected: String) {
        #expect(syntaxError(source) == expected)
    }

    @Test(arguments: executableASTGoldens)
    func astMatchesReference(source: String, expected: String) throws {
        #expect(try dump(source) == expected)
    }

    @Test(arguments: fuzzGoldens)
    func mutatedDocumentsMatchReference(source: String, expected: String?, ast: String?) throws {
        #expect(syntaxError(source) == expected)
        if let ast { #expect(try dump(source) == ast) }
    }

    @Test(arguments: valueGoldens)
    func valueAndTypeEntryPoints(kind: String, source: String, expected: String?) {
        var actual: String?
        do {
            switch kind {
            case "value": _ = try parseValue(source)
            case "const": _ = try parseConstValue(source)
            default: _ = try parseType(source)
            }
        } catch {
            actual = error.description
        }
        #expect(actual == expected)
    }

    @Test func parsesKitchenSink() throws {
        let document = try parse(try fixture("kitchen-sink.graphql"))
        #expect(document.definitions.count == 7)
        #expect(document.definitions.allSatisfy { $0.isExecutable })
        guard case .operation(let query) = document.definitions[0] else { throw GraphQLError("expected a query") }
        #expect(query.description?.value.isBlock == true)
        #expect(query.description?.value.value.hasPrefix("Find runs of a detector") == true)
        #expect(query.variableDefinitions.count == 6)
        #expect(query.variableDefinitions[0].description?.value.value == "The detector to look at.")
        #expect(query.variableDefinitions[1].description == nil)
        #expect(query.variableDefinitions[3].description?.value.value == "Tuning")
        guard case .fragment(let fragment) = document.definitions[3] else { throw GraphQLError("expected a fragment") }
        #expect(fragment.description?.value.value == "A fragment with a description.")
        guard case .operation(let shorthand) = document.definitions[6] else { throw GraphQLError("expected shorthand") }
        #expect(shorthand.isShorthand)
        #expect(shorthand.selectionSet.selections.count == 4)
    }

    @Test func kitchenSinkStringValues() throws {
        let document = try parse(try fixture("kitchen-sink.graphql"))
        guard case .operation(let mutation) = document.definitions[1],
            case .field(let like) = mutation.selectionSet.selections.first
        else { throw GraphQLError("expected the mutation") }
        #expect(like.arguments[1].value == .string(StringValue("café 😀 😀 \"quoted\" \\ / \u{8}\u{C}\n\r\t")))
        guard case .fragment(let fragment) = document.definitions[3],
            case .field(let foo) = fragment.selectionSet.selections.first,
            case .object(let object) = foo.arguments[2].value
        else { throw GraphQLError("expected the fragment") }
        #expect(object.fields[1].value == .string(StringValue("block string uses \"\"\"", isBlock: true)))
    }

    @Test func specLanguageSectionExamplesParse() throws {
        for example in specLanguageExamples {
            do {
                if example.kind == "value" {
                    _ = try parseConstValue(example.source)
                } else {
                    _ = try parse(example.source)
                }
            } catch {
                Issue.record("\(error): \(example.source)")
            }
        }
        #expect(specLanguageExamples.count == 28)
    }

    // MARK: Operations

    @Test func queryShorthand() throws {
        let operation = try onlyOperation("{ a }")
        #expect(operation.isShorthand)
        #expect(operation.operation == .query)
        #expect(operation.location == SourceLocation(start: 0, end: 5))
    }

    @Test func operationsOfEveryType() throws {
        #expect(try onlyOperation("query Q { a }").operation == .query)
        #expect(try onlyOperation("mutation M { a }").operation == .mutation)
        #expect(try onlyOperation("subscription S { a }").operation == .subscription)
        #expect(try onlyOperation("query { a }").name == nil)
        #expect(try onlyOperation("query on { a }").name?.value == "on")
        #expect(try onlyOperation("query Q @d(a: $v) { a }").directives.first?.name.value == "d")
    }

    @Test func operationDescriptions() throws {
        let operation = try onlyOperation(
            """
            \"""
            Request the status.
            \"""
            query Status("the machine" $id: ID!, $year: Int) { a }
            """)
        #expect(operation.description == Description(StringValue("Request the status.", isBlock: true)))
        #expect(operation.description?.value.location == SourceLocation(start: 0, end: 27))
        #expect(operation.location.start == 0)
        #expect(operation.variableDefinitions[0].description == Description(StringValue("the machine")))
        #expect(operation.variableDefinitions[0].location == SourceLocation(start: 41, end: 63))
        #expect(operation.variableDefinitions[1].description == nil)
        #expect(try onlyOperation(#""d" mutation { a }"#).description?.value.value == "d")
        #expect(try onlyOperation(#""d" subscription { a }"#).description?.value.value == "d")
    }

    @Test func fragmentDescriptions() throws {
        let document = try parse(#""Details" fragment F on T { a }"#)
        guard case .fragment(let fragment) = document.definitions.first else { throw GraphQLError("expected a fragment") }
        #expect(fragment.description?.value.value == "Details")
        #expect(fragment.location == SourceLocation(start: 0, end: 31))
    }

    @Test func descriptionErrors() {
        #expect(
            syntaxError(#""d" { a }"#)
                == "Syntax Error: Unexpected description, descriptions are not supported on shorthand queries. (1:1)")
        #expect(
            syntaxError("{ a }\n\"\"\"d\"\"\"\n{ b }")
                == "Syntax Error: Unexpected description, descriptions are not supported on shorthand queries. (2:1)")
        #expect(
            syntaxError(#""d" extend type A @d"#)
                == "Syntax Error: Unexpected description, only GraphQL definitions support descriptions. (1:1)")
        #expect(
            syntaxError(#""d" foo"#)
                == "Syntax Error: Unexpected description, only GraphQL definitions support descriptions. (1:1)")
        #expect(syntaxError(#""d" "e" query { a }"#) == #"Syntax Error: Unexpected String "e". (1:5)"#)
        #expect(syntaxError(#""d""#) == "Syntax Error: Unexpected <EOF>. (1:4)")
        #expect(syntaxError(#"query ("d") { a }"#) == #"Syntax Error: Expected "$", found ")". (1:11)"#)
        #expect(syntaxError(#"query ($a: Int "d") { a }"#) == #"Syntax Error: Expected "$", found ")". (1:19)"#)
        #expect(syntaxError(#"{ a("d" b: 1) }"#) == #"Syntax Error: Expected Name, found String "d". (1:5)"#)
        #expect(syntaxError(#"{ "d" a }"#) == #"Syntax Error: Expected Name, found String "d". (1:3)"#)
    }

    @Test func variableDefinitions() throws {
        let operation = try onlyOperation("query Q($a: Int = 1 @d, $b: [String!]!, $c: In = {x: [1, 2.5, \"s\", ENUM, null, true]}) { a }")
        let definitions = operation.variableDefinitions
        #expect(definitions.map(\.variable.name.value) == ["a", "b", "c"])
        #expect(definitions[0].type == .named(NamedType(name: Name("Int"))))
        #expect(definitions[0].defaultValue == .int(IntValue("1")))
        #expect(definitions[0].directives.map(\.name.value) == ["d"])
        #expect(definitions[1].type == .nonNull(.list(.nonNull(.named(NamedType(name: Name("String"))), location: .synthetic), location: .synthetic), location: .synthetic))
        #expect(definitions[1].defaultValue == nil)
        #expect(
            definitions[2].defaultValue
                == .object(
                    ObjectValue([
                        ObjectField(
                            name: Name("x"),
                            value: .list(
                                ListValue([
                                    .int(IntValue("1")), .float(FloatValue("2.5")), .string(StringValue("s")),
                                    .enumValue(EnumValue("ENUM")), .null(NullValue()), .boolean(BooleanValue(true)),
                                ])))
                    ])))
    }

    @Test func selections() throws {
        let operation = try onlyOperation("{ alias: field(a: $v, b: [1]) @d @e(x: 1) { sub } ...Frag @s ... on T @i { x } ... @j { y } ... { z } }")
        let selections = operation.selectionSet.selections
        #expect(selections.count == 5)
        guard case .field(let field) = selections[0] else { throw GraphQLError("expected a field") }
        #expect(field.alias?.value == "alias")
        #expect(field.name.value == "field")
        #expect(field.responseKey == "alias")
        #expect(field.arguments.map(\.name.value) == ["a", "b"])
        #expect(field.arguments[0].value == .variable(Variable(name: Name("v"))))
        #expect(field.directives.map(\.name.value) == ["d", "e"])
        #expect(field.selectionSet?.selections.count == 1)
        guard case .fragmentSpread(let spread) = selections[1] else { throw GraphQLError("expected a spread") }
        #expect(spread.name.value == "Frag")
        #expect(spread.directives.map(\.name.value) == ["s"])
        guard case .inlineFragment(let typed) = selections[2] else { throw GraphQLError("expected an inline fragment") }
        #expect(typed.typeCondition?.name.value == "T")
        #expect(typed.directives.map(\.name.value) == ["i"])
        guard case .inlineFragment(let untyped) = selections[3] else { throw GraphQLError("expected an inline fragment") }
        #expect(untyped.typeCondition == nil)
        #expect(untyped.directives.map(\.name.value) == ["j"])
        guard case .inlineFragment(let bare) = selections[4] else { throw GraphQLError("expected an inline fragment") }
        #expect(bare.typeCondition == nil && bare.directives.isEmpty)
    }

    @Test func keywordsAreOrdinaryNames() throws {
        let operation = try onlyOperation("{ query mutation subscription fragment on type schema extend true: null(false: true) }")
        #expect(operation.selectionSet.selections.count == 9)
        // `on` cannot name a fragment, but can name a type condition's type.
        #expect(syntaxError("fragment on on T { a }") == #"Syntax Error: Unexpected Name "on". (1:10)"#)
        #expect(syntaxError("fragment F on on { a }") == nil)
        #expect(syntaxError("{ ... on on { a } }") == nil)
    }

    @Test func fragmentDefinitions() throws {
        let document = try parse("fragment F on T @d(a: $v) { a }")
        guard case .fragment(let fragment) = document.definitions.first else { throw GraphQLError("expected a fragment") }
        #expect(fragment.name.value == "F")
        #expect(fragment.typeCondition.name.value == "T")
        #expect(fragment.directives.first?.arguments.first?.value == .variable(Variable(name: Name("v"))))
    }

    @Test func locationsAreByteOffsets() throws {
        let operation = try onlyOperation("query Q { a(b: \"ü\") { c } }")
        guard case .field(let field) = operation.selectionSet.selections.first else { throw GraphQLError("expected a field") }
        #expect(operation.location == SourceLocation(start: 0, end: 27))
        #expect(field.location == SourceLocation(start: 10, end: 25))
        #expect(field.arguments[0].value.location == SourceLocation(start: 15, end: 19))
        #expect(field.selectionSet?.location == SourceLocation(start: 20, end: 25))
        // Columns count characters, not bytes.
        #expect(syntaxError("query Q { a(b: \"ü\") { c } } ?") == #"Syntax Error: Unexpected character: "?". (1:29)"#)
    }

    @Test func valueEntryPoints() throws {
        #expect(try parseValue("[1, $x]") == .list(ListValue([.int(IntValue("1")), .variable(Variable(name: Name("x")))])))
        #expect(try parseConstValue(#"{a: "b"}"#) == .object(ObjectValue([ObjectField(name: Name("a"), value: .string(StringValue("b")))])))
        #expect(try parseValue(" -1.5e3 ") == .float(FloatValue("-1.5e3")))
        #expect(try parseValue(#""""  block""""#) == .string(StringValue("  block", isBlock: true)))
        #expect(throws: GraphQLError("Syntax Error: Unexpected variable \"$x\" in constant value.", locations: [SourcePosition(line: 1, column: 2)])) {
            try parseConstValue("[$x]")
        }
        #expect(throws: GraphQLError("Syntax Error: Expected <EOF>, found Int \"2\".", locations: [SourcePosition(line: 1, column: 3)])) {
            try parseValue("1 2")
        }
    }

    @Test func typeEntryPoint() throws {
        let type = try parseType("[[Int!]]!")
        #expect(type.namedType.name.value == "Int")
        guard case .nonNull(.list(.list(.nonNull(.named(let named), _), _), _), let location) = type else {
            throw GraphQLError("unexpected shape \(type)")
        }
        #expect(named.location == SourceLocation(start: 2, end: 5))
        #expect(location == SourceLocation(start: 0, end: 9))
        #expect(throws: GraphQLError("Syntax Error: Expected <EOF>, found \"!\".", locations: [SourcePosition(line: 1, column: 5)])) {
            try parseType("Int!!")
        }
    }

    @Test func errorsCarryOneLocation() {
        do {
            _ = try parse("{\n  a(b: )\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == #"Syntax Error: Unexpected ")"."#)
            #expect(error.locations == [SourcePosition(line: 2, column: 8)])
            #expect(error.path.isEmpty)
        }
    }
}
