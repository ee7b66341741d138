import Foundation
import Testing
@testable import GraphQLKit

/// The errors building `sdl` reports, as "message (line:column, ...)", or [] when it builds.
func schemaErrors(_ sdl: String...) -> [String] {
    do {
        _ = try Schema(sources: sdl.enumerated().map { Source($0.element, name: "s\($0.offset).graphql") })
        return []
    } catch {
        return error.errors.map(\.description)
    }
}

private struct ExpectedError: Decodable {
    var message: String
    var locations: [[Int]]
    var rendered: String {
        locations.isEmpty ? message : message + " (" + locations.map { "\($0[0]):\($0[1])" }.joined(separator: ", ") + ")"
    }
}

/// Cases of types-invalid-schemas.graphql with the reference's errors (nil: checked by hand below).
private func invalidSchemaCases() throws -> [(sdl: String, expected: [String]?)] {
    let cases = try fixture("types-invalid-schemas.graphql").components(separatedBy: "\n====\n")
    let data = Data(try fixture("types-invalid-schemas.expected.json").utf8)
    let expected = try JSONDecoder().decode([[ExpectedError]?].self, from: data)
    #expect(cases.count == expected.count)
    return zip(cases, expected).map { ($0, $1?.map(\.rendered)) }
}

@Suite struct SchemaValidationTests {
    @Test func reportsWhatTheReferenceReports() throws {
        for (sdl, expected) in try invalidSchemaCases() {
            guard let expected else { continue }
            #expect(schemaErrors(sdl) == expected, "\(sdl)")
        }
    }

    @Test func kitchenSinkErrorsMatchTheReference() throws {
        let data = Data(try fixture("types-kitchen-sink-errors.expected.json").utf8)
        let expected = try JSONDecoder().decode([[ExpectedError]].self, from: data)
        let errors = schemaErrors(try fixture("schema-kitchen-sink.graphql"))
        #expect(errors.count == expected[0].count)
        for (got, want) in zip(errors, expected[0].map(\.rendered)) { #expect(got == want) }
    }

    // The reference's Python port refuses to build these at all; the messages are the JS reference's.

    @Test func fieldTypesMustBeOutputTypes() {
        #expect(schemaErrors("type Query { f: In, g: [In!] }\ninput In { a: Int }") == [
            "The type of Query.f must be Output Type but got: In. (1:17)",
            "The type of Query.g must be Output Type but got: [In!]. (1:24)",
        ])
    }

    @Test func argumentTypesMustBeInputTypes() {
        #expect(schemaErrors("type Query { f(a: Query, b: [Query!]): Int }\ndirective @d(x: Query) on FIELD") == [
            "The type of @d(x:) must be Input Type but got: Query. (2:17)",
            "The type of Query.f(a:) must be Input Type but got: Query. (1:19)",
            "The type of Query.f(b:) must be Input Type but got: [Query!]. (1:29)",
        ])
        #expect(schemaErrors("type Query { f(a: I): Int }\ninput I { o: Query }") == [
            "The type of I.o must be Input Type but got: Query. (2:14)"
        ])
    }

    @Test func onlyInterfacesCanBeImplemented() {
        #expect(schemaErrors("type Query implements Other & E { a: Int }\ntype Other { a: Int }\nenum E { A }") == [
            "Type Query must only implement Interface types, it cannot implement Other. (1:23)",
            "Type Query must only implement Interface types, it cannot implement E. (1:31)",
        ])
    }

    @Test func unionMembersMustBeObjectsAndUnique() {
        #expect(schemaErrors("type Query { a: Int }\nunion U = Query | I | Query | E\ninterface I { a: Int }\nenum E { A }") == [
            "Union type U can only include Object types, it cannot include I. (2:19)",
            "Union type U can only include type Query once. (2:11, 2:23)",
            "Union type U can only include Object types, it cannot include E. (2:31)",
        ])
    }

    @Test func extensionsCountForEmptinessAndLocations() {
        #expect(schemaErrors("type Query { a: Int }\nunion U\nextend union U @d\ndirective @d on UNION") == [
            "Union type U must define one or more member types. (2:1, 3:1)"
        ])
        #expect(schemaErrors("type Query implements I { b: Int }\ninterface I { a: Int }\nextend type Query { c: Int }") == [
            "Interface field I.a expected but Query does not provide it. (2:15, 1:1, 3:1)"
        ])
    }

    @Test func errorsNameTheFile() throws {
        do {
            _ = try Schema(sources: [
                Source("type Query { a: Run }", name: "Schema/query.graphql"),
                Source("type Query { b: Int }", name: "Schema/runs.graphql"),
            ])
            Issue.record("expected an error")
        } catch {
            #expect(error.description == """
                Unknown type "Run". (Schema/query.graphql:1:17)
                There can be only one type named "Query". (Schema/query.graphql:1:6, Schema/runs.graphql:1:6)
                """)
        }
    }

    @Test func syntaxErrorsNameTheFile() {
        do {
            _ = try Schema(sources: [Source("type Query { a: Int }"), Source("type { }", name: "bad.graphql")])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["Syntax Error: Expected Name, found \"{\". (bad.graphql:1:6)"])
        }
    }

    @Test func defaultValuesMustFitTheirTypes() {
        let sdl = """
            type Query {
              a(x: Int = "one", y: [Int] = [1, 2.5], z: E = C, w: In = {b: 1}, v: Int! = null): Int
              ok(x: Int = 1, y: [Int] = 1, z: E = A, w: In = {a: 1}, f: Float = 1, id: ID = 7, s: [String] = null): Int
            }
            enum E { A B }
            input In { a: Int! c: String }
            input Other { c: String = 1 }
            directive @d(x: Boolean = 0) on FIELD
            """
        #expect(schemaErrors(sdl) == [
            "Argument @d(x:) has invalid default value: Boolean cannot represent a non boolean value: 0 (8:27)",
            "Argument Query.a(x:) has invalid default value: Int cannot represent non-integer value: \"one\" (2:14)",
            "Argument Query.a(y:) has invalid default value: Int cannot represent non-integer value: 2.5 (2:32)",
            "Argument Query.a(z:) has invalid default value: Value \"C\" does not exist in \"E\" enum. Did you mean \"A\" or \"B\"? (2:49)",
            "Argument Query.a(w:) has invalid default value: Field \"b\" is not defined by type \"In\". Did you mean \"a\" or \"c\"? (2:60)",
            "Argument Query.a(v:) has invalid default value: Expected value of type \"Int!\", found null. (2:78)",
            "Input field Other.c has invalid default value: String cannot represent a non string value: 1 (7:27)",
        ])
    }

    @Test func defaultValuesThatNeedThemselvesAreErrorsNotLoops() {
        // The reference's Python port recurses until it runs out of stack here.
        #expect(schemaErrors("input A { b: A = {} c: Int }\ntype Query { f(a: A = {c: 1}): Int }") == [
            "Input field A.b has invalid default value: The default value of input field \"A.b\" refers to itself. (1:18)",
            "Argument Query.f(a:) has invalid default value: The default value of input field \"A.b\" refers to itself. (2:23)",
        ])
        #expect(schemaErrors("input A { b: B = {} }\ninput B { a: A = {} }\ntype Query { f(a: A): Int }").count == 2)
        let schema = try? Schema(sources: [Source("input A { b: A = {} c: Int }\ntype Query { f(a: A = {c: 1}): Int }")], validate: false)
        #expect(schema?.printed().contains("f(a: A): Int") == true)
    }

    @Test func inputCyclesThroughListsOrNullableFieldsAreFine() {
        #expect(schemaErrors("type Query { a(x: A): Int }\ninput A { a: A, b: [A!]!, c: [A]! }") == [])
    }

    @Test func inputCycleCheckIsLinear() {
        // A chain of 2,000 input types, each with two non-null fields to the next: a naive
        // path enumeration would take 2^2000 steps.
        var sdl = "type Query { a(x: T0): Int }\n"
        for i in 0..<2000 { sdl += "input T\(i) { a: T\(i + 1)! b: T\(i + 1)! }\n" }
        sdl += "input T2000 { z: T0! }\n"
        let clock = ContinuousClock()
        var errors: [String] = []
        let elapsed = clock.measure { errors = schemaErrors(sdl) }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("Cannot reference Input Object \"T0\" within itself") == true)
        #expect(elapsed < .seconds(5))
    }

    @Test func programmaticSchemasAreValidatedToo() {
        let schema = Schema(
            query: "Query",
            types: [
                .object(GraphQLObjectType(name: "Query", fields: [GraphQLField(name: "run", type: .named("Run"))])),
                .object(GraphQLObjectType(name: "Query", fields: [])),
                .enumType(GraphQLEnumType(name: "Flag", values: [GraphQLEnumValue(name: "true")])),
            ])
        #expect(schema.validate().map(\.message) == [
            "Schema must contain uniquely named types but contains multiple types named \"Query\".",
            "Unknown type \"Run\".",
            "The type of Query.run must be Output Type but got: Run.",
            "Enum type Flag cannot include value: true.",
        ])
    }

    @Test func programmaticDirectivesAreValidated() {
        let schema = Schema(
            query: "Query",
            types: [.object(GraphQLObjectType(name: "Query", fields: [GraphQLField(name: "a", type: .named("Int"))]))],
            directives: [
                GraphQLDirective(name: "nowhere", locations: []),
                GraphQLDirective(
                    name: "twice", locations: [.field],
                    arguments: [GraphQLArgument(name: "a", type: .named("Int")), GraphQLArgument(name: "a", type: .named("Int"))]),
            ])
        #expect(schema.validate().map(\.message) == [
            "Directive @nowhere must include 1 or more locations.",
            "Argument @twice(a:) can only be defined once.",
        ])
    }

    @Test func validSchemaCanSkipValidation() throws {
        let schema = try Schema(sources: [Source("type Query")], validate: false)
        #expect(schema.validate().map(\.message) == ["Type Query must define one or more fields."])
    }
}
