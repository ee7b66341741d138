import Testing
@testable import GraphQLKit

/// Every case of `executionGoldens` (spec behaviour, scalar and enum serialization, null
/// propagation, abstract types, operation selection, variable and argument coercion), compared
/// byte for byte with the reference's response.
@Suite struct ExecutionGoldenTests {
    /// Returns the arguments it received as JSON text, like the oracle's `echo`.
    static let echo: [String: FieldResolver] = [
        "Query.echo": .sync { _, arguments, _, _ in .json(.string(JSONValue.object(arguments).jsonString)) }
    ]

    @Test(arguments: executionGoldens.map(\.name))
    func matchesTheReference(_ name: String) async throws {
        let golden = try #require(executionGoldens.first { $0.name == name })
        let resolvers = golden.sdl.contains("echo(") ? Self.echo : [:]
        let json = try await runJSON(
            golden.sdl, golden.query, root: golden.root, variables: golden.variables,
            operationName: golden.operationName, resolvers: resolvers)
        #expect(json == golden.expected)
    }
}
