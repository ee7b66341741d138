import Foundation
import Testing
@testable import GraphQLKit

/// The standard full introspection query (descriptions, specifiedByURL, isRepeatable, input
/// value deprecation) and its 2025 extension (isOneOf, schema description) answer exactly what
/// the reference answers for the same SDL.
@Suite struct IntrospectionExecutionTests {
    func introspect(_ sources: [Source], query: String) async throws -> String {
        let schema = try Schema(sources: sources)
        let executable = try ExecutableSchema(schema: schema)
        return await executable.execute(query: query).json
    }

    @Test func fullQueryOnTheRunQLSchema() async throws {
        let sources = [
            Source(try executionFixture("types-runql.graphql"), name: "types-runql.graphql"),
            Source(try executionFixture("types-runql-extensions.graphql"), name: "types-runql-extensions.graphql"),
        ]
        let json = try await introspect(sources, query: try executionFixture("execution-introspection-query.graphql"))
        let expected = try executionFixture("execution-introspection-runql.json")
        #expect(json == withSpecDeprecatedReason(expected))
    }

    @Test func fullQueryOnOneOfSpecifiedByRepeatableAndDeprecatedArguments() async throws {
        let sources = [Source(try executionFixture("execution-introspection-special.graphql"))]
        let json = try await introspect(sources, query: try executionFixture("execution-introspection-query.graphql"))
        #expect(json == withSpecDeprecatedReason(try executionFixture("execution-introspection-special.json")))
    }

    @Test func isOneOfAndSchemaDescription() async throws {
        let sources = [Source(try executionFixture("execution-introspection-special.graphql"))]
        let json = try await introspect(sources, query: try executionFixture("execution-introspection-query-2025.graphql"))
        #expect(json == withSpecDeprecatedReason(try executionFixture("execution-introspection-special-2025.json")))
    }

    @Test func theBuiltInQueryIsTheStandardOne() async throws {
        let standard = try executionFixture("execution-introspection-query.graphql")
        #expect(try parse(Introspection.fullQuery) == parse(standard))
        let sources = [Source(try executionFixture("execution-introspection-special.graphql"))]
        let result = await (try ExecutableSchema(schema: try Schema(sources: sources))).introspect()
        #expect(result.json == withSpecDeprecatedReason(try executionFixture("execution-introspection-special.json")))
    }

    @Test func typeByNameAndTypename() async throws {
        let schema = try Schema(sdl: "type Query { a: Int } enum E { X Y @deprecated }")
        let executable = try ExecutableSchema(schema: schema)
        let result = await executable.execute(query: """
            { __typename t: __type(name: "E") { kind name enumValues { name } all: enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } }
              missing: __type(name: "Nope") { name } list: __type(name: "Query") { fields { type { kind ofType { kind } } } } }
            """)
        #expect(result.json == #"{"data":{"__typename":"Query","t":{"kind":"ENUM","name":"E","enumValues":[{"name":"X"}],"all":[{"name":"X","isDeprecated":false,"deprecationReason":null},{"name":"Y","isDeprecated":true,"deprecationReason":"No longer supported"}]},"missing":null,"list":{"fields":[{"type":{"kind":"SCALAR","ofType":null}}]}}}"#)
    }

    @Test func introspectionWorksWithDefaultResolversOff() async throws {
        let schema = try Schema(sdl: "type Query { a: Int }")
        let executable = try ExecutableSchema(
            schema: schema, resolvers: ["Query.a": .value(1)], defaultResolvers: .nowhere)
        let result = await executable.execute(query: "{ a __schema { queryType { name } } }")
        #expect(result.json == #"{"data":{"a":1,"__schema":{"queryType":{"name":"Query"}}}}"#)
    }
}

/// The one known difference from the reference (graphql-core 3.2, graphql-js 16): the type system
/// declares `@deprecated(reason: String! = ...)` as the September 2025 edition does, where the
/// reference still has `reason: String`. Everything else must match byte for byte.
func withSpecDeprecatedReason(_ reference: String) -> String {
    let old = #""name":"reason","description":"Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).","type":{"kind":"SCALAR","name":"String","ofType":null}"#
    let new = #""name":"reason","description":"Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).","type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"SCALAR","name":"String","ofType":null}}"#
    return reference.trimmingSuffixNewline.replacingOccurrences(of: old, with: new)
}

extension String {
    var trimmingSuffixNewline: String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
