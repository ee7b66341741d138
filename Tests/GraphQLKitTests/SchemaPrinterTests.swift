import Foundation
import Testing
@testable import GraphQLKit

/// The fixture schema: a RunQL-like schema in two files, the second made of extensions.
func runqlSchema() throws -> Schema {
    try Schema(sources: [
        Source(try fixture("types-runql.graphql"), name: "types-runql.graphql"),
        Source(try fixture("types-runql-extensions.graphql"), name: "types-runql-extensions.graphql"),
    ])
}

/// Lines that differ, for readable failures.
func firstDifference(_ a: String, _ b: String) -> String? {
    let x = a.split(separator: "\n", omittingEmptySubsequences: false)
    let y = b.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(x.count, y.count) {
        let l = i < x.count ? String(x[i]) : "<end>"
        let r = i < y.count ? String(y[i]) : "<end>"
        if l != r { return "line \(i + 1): \(l) | expected: \(r)" }
    }
    return nil
}

@Suite struct SchemaPrinterTests {
    @Test func printsFixtureLikeTheReference() throws {
        let printed = try runqlSchema().printed() + "\n"
        let expected = try fixture("types-runql.printed.graphql")
        #expect(firstDifference(printed, expected) == nil)
    }

    @Test func roundTripIsStable() throws {
        let printed = try runqlSchema().printed()
        let rebuilt = try Schema(sdl: printed)
        #expect(firstDifference(rebuilt.printed(), printed) == nil)
        #expect(rebuilt.types.count == (try runqlSchema()).types.count)
        #expect(try Schema(sdl: rebuilt.printed()).printed() == printed)
    }

    @Test func printsIntrospectionTypesLikeTheReference() throws {
        let printed = try Schema(sdl: "type Query { a: Int }").printedIntrospectionSchema() + "\n"
        #expect(firstDifference(printed, try fixture("types-introspection.printed.graphql")) == nil)
    }

    @Test func schemaDefinitionOnlyWhenNeeded() throws {
        #expect(try Schema(sdl: "schema { query: Root mutation: Mutation }\ntype Root { a: Int }\ntype Mutation { b: Int }").printed()
            == "schema {\n  query: Root\n  mutation: Mutation\n}\n\ntype Root {\n  a: Int\n}\n\ntype Mutation {\n  b: Int\n}")
        #expect(try Schema(sdl: "\"\"\"The RunQL schema.\"\"\"\nschema { query: Query }\ntype Query { a: Int }").printed()
            == "\"\"\"The RunQL schema.\"\"\"\nschema {\n  query: Query\n}\n\ntype Query {\n  a: Int\n}")
        #expect(try Schema(sdl: "type Query { a: Int }\ntype Subscription { s: Int }\nschema { query: Query subscription: Subscription }").printed()
            == "type Query {\n  a: Int\n}\n\ntype Subscription {\n  s: Int\n}")
    }

    @Test func defaultValuesPrintCanonically() throws {
        let sdl = """
            scalar JSON
            scalar Id2
            enum E { A B }
            input In { a: Int = 1 b: [E!] = A c: String = "x\\"y" }
            type Query {
              f(a: [Int] = 1, b: Float = 1, c: Float = 1.5e3, d: ID = "7", e: ID = 8, g: ID = "x7", h: [E] = [A, B], i: In = {b: [B]}, j: JSON = RED, k: JSON = 1.0, l: String = null, m: [[Int]] = [[1], 2], n: Boolean = true, o: In = {c: \"\"\"block\"\"\"}): Int
            }
            """
        let expected = "scalar JSON\n\nscalar Id2\n\nenum E {\n  A\n  B\n}\n\ninput In {\n  a: Int = 1\n  b: [E!] = [A]\n  c: String = \"x\\\"y\"\n}\n\ntype Query {\n  f(a: [Int] = [1], b: Float = 1, c: Float = 1500, d: ID = 7, e: ID = 8, g: ID = \"x7\", h: [E] = [A, B], i: In = {a: 1, b: [B], c: \"x\\\"y\"}, j: JSON = \"RED\", k: JSON = 1, l: String = null, m: [[Int]] = [[1], [2]], n: Boolean = true, o: In = {a: 1, b: [A], c: \"block\"}): Int\n}"
        #expect(firstDifference(try Schema(sdl: sdl).printed(), expected) == nil)
    }

    @Test func descriptionsAndArgumentLayout() throws {
        let sdl = """
            type Query {
              \"\"\"
                Indented first line
              second
              \"\"\"
              a(\"\"\"arg\"\"\" x: Int, y: Int): Int
              b: Int
              "d"
              c("one" x: Int
                "two" y: Int): Int
            }
            interface I implements J & K { a: Int }
            interface J { a: Int }
            interface K { a: Int }
            union U = Query
            union V
            extend union V = Query
            """
        let expected = "type Query {\n  \"\"\"\n    Indented first line\n  second\n  \"\"\"\n  a(\n    \"\"\"arg\"\"\"\n    x: Int\n    y: Int\n  ): Int\n  b: Int\n\n  \"\"\"d\"\"\"\n  c(\n    \"\"\"one\"\"\"\n    x: Int\n\n    \"\"\"two\"\"\"\n    y: Int\n  ): Int\n}\n\ninterface I implements J & K {\n  a: Int\n}\n\ninterface J {\n  a: Int\n}\n\ninterface K {\n  a: Int\n}\n\nunion U = Query\n\nunion V = Query"
        #expect(firstDifference(try Schema(sdl: sdl).printed(), expected) == nil)
    }

    /// Descriptions print as block strings when they read back unchanged, else as quoted strings.
    @Test(arguments: [
        ("short", "\"\"\"short\"\"\""),
        (String(repeating: "x", count: 71), "\"\"\"\n  " + String(repeating: "x", count: 71) + "\n  \"\"\""),
        ("a\nb", "\"\"\"\n  a\n  b\n  \"\"\""),
        ("  lead", "\"\"\"  lead\"\"\""),
        ("trail\"", "\"\"\"\n  trail\"\n  \"\"\""),
        ("back\\", "\"\"\"\n  back\\\n  \"\"\""),
        ("has \"\"\" triple", "\"\"\"has \\\"\"\" triple\"\"\""),
        ("line1\n  indented", "\"\"\"\n  line1\n    indented\n  \"\"\""),
        ("\n  first empty", "\"\\n  first empty\""),
        ("", "\"\"\"\"\"\""),
        ("ends with triple \"\"\"", "\"\"\"\n  ends with triple \\\"\"\"\n  \"\"\""),
        ("tab\there", "\"\"\"tab\there\"\"\""),
        ("a\n\nb\n", "\"a\\n\\nb\\n\""),
        (" a\n b", "\" a\\n b\""),
    ])
    func descriptionForms(_ description: String, _ expected: String) {
        let schema = Schema(
            query: "Query",
            types: [.object(GraphQLObjectType(name: "Query", fields: [GraphQLField(name: "f", type: .named("String"), description: description)]))])
        #expect(schema.printed() == "type Query {\n  " + expected + "\n  f: String\n}")
    }

    @Test func specifiedByFromAnExtensionApplies() throws {
        // The specification merges an extension's directives into the scalar.
        let schema = try Schema(sdl: "type Query { a: UUID }\nscalar UUID\nextend scalar UUID @specifiedBy(url: \"https://example.com/uuid\")")
        #expect(schema.scalarType(named: "UUID")?.specifiedByURL == "https://example.com/uuid")
        #expect(schema.printed().hasSuffix("scalar UUID @specifiedBy(url: \"https://example.com/uuid\")"))
    }

    @Test func customScalarObjectDefaultsPrintAsLiterals() throws {
        // The reference cannot print these at all ("Cannot convert value to AST").
        let schema = try Schema(sdl: "scalar JSON\ntype Query { a(x: JSON = {a: [1, \"b\"], c: null}): Int }")
        #expect(schema.printed().hasSuffix("a(x: JSON = {a: [1, \"b\"], c: null}): Int\n}"))
    }
}

private struct GeneratedValid: Decodable {
    var sdl: String
    var printed: String
    var typeNames: [String]
}

private struct GeneratedInvalid: Decodable {
    var sdl: String
    var errors: [String]
}


/// Randomly generated schemas (scripts/oracle/types-random-schema.py) with the reference's
/// printed form, type order and validation errors.
@Suite struct GeneratedSchemaTests {
    @Test func validSchemasPrintAndOrderLikeTheReference() throws {
        let cases = try JSONDecoder().decode([GeneratedValid].self, from: Data(try fixture("types-generated-valid.json").utf8))
        #expect(cases.count == 50)
        for c in cases {
            let schema = try Schema(sdl: c.sdl)
            #expect(firstDifference(schema.printed(), c.printed) == nil, "\(c.sdl)")
            #expect(schema.types.map(\.name) == c.typeNames)
            #expect(try Schema(sdl: schema.printed()).printed() == c.printed)
        }
    }

    /// Generated schemas mutated into SDL errors (scripts/oracle/types-mutate-sdl.py): duplicates,
    /// misspelt types, unknown and repeated directives, bad extensions, repeated arguments.
    @Test func sdlErrorsMatchTheReference() throws {
        let cases = try JSONDecoder().decode([GeneratedInvalid].self, from: Data(try fixture("types-generated-sdl-errors.json").utf8))
        #expect(cases.count == 80)
        for c in cases { #expect(schemaErrors(c.sdl) == c.errors, "\(c.sdl)") }
    }

    @Test func directivesOnInputExtensionFieldsAreAtInputFieldLocations() {
        // The reference takes input fields declared in an `extend input` for arguments
        // (ARGUMENT_DEFINITION); the specification's location is INPUT_FIELD_DEFINITION.
        #expect(schemaErrors("type Query { a(x: In): Int }\ninput In { a: Int }\nextend input In { b: Int @specifiedBy(url: \"x\") }")
            == ["Directive \"@specifiedBy\" may not be used on INPUT_FIELD_DEFINITION. (3:26)"])
    }

    @Test func invalidSchemasReportWhatTheReferenceReports() throws {
        let cases = try JSONDecoder().decode([GeneratedInvalid].self, from: Data(try fixture("types-generated-invalid.json").utf8))
        #expect(cases.count == 60)
        for c in cases { #expect(schemaErrors(c.sdl) == c.errors, "\(c.sdl)") }
    }
}
