import Testing
@testable import GraphQLKit

private struct Boom: Error, CustomStringConvertible {
    var description: String { "the registry is down" }
}

/// Gateways mask internal failures: the engine marks errors that came from a resolver throwing
/// something other than a GraphQLError, without changing the response or error equality.
@Suite struct ResolverErrorOriginTests {
    @Test func internalFailuresCarryTheUnderlyingError() async throws {
        let schema = try Schema(sdl: "type Query { boom: String coded: String ok: String }")
        let executable = try ExecutableSchema(schema: schema, resolvers: [
            "Query.boom": .async { _, _, _, _ in throw Boom() },
            "Query.coded": .sync { _, _, _, _ in throw GraphQLError("No access.", extensions: ["code": .string("FORBIDDEN")]) },
            "Query.ok": .value(.json(.string("fine"))),
        ])
        let result = await executable.execute(query: "{ boom coded ok }")
        #expect(result.errors.count == 2)
        #expect(result.errors[0].message == "the registry is down")
        #expect(result.errors[0].underlyingError is Boom)
        #expect(result.errors[1].underlyingError == nil)
        // The response is unchanged, and equality ignores the underlying error.
        #expect(String(decoding: result.jsonBytes, as: UTF8.self) == #"{"errors":[{"message":"the registry is down","locations":[{"line":1,"column":3}],"path":["boom"]},{"message":"No access.","locations":[{"line":1,"column":8}],"path":["coded"],"extensions":{"code":"FORBIDDEN"}}],"data":{"boom":null,"coded":null,"ok":"fine"}}"#)
        #expect(result.errors[0] == GraphQLError("the registry is down", locations: [SourcePosition(line: 1, column: 3)], path: [.key("boom")]))
        #expect(Set([result.errors[0], GraphQLError("the registry is down", locations: [SourcePosition(line: 1, column: 3)], path: [.key("boom")])]).count == 1)
    }

    @Test func parseOptionsBoundTheTokenCount() throws {
        var executable = try ExecutableSchema(schema: try Schema(sdl: "type Query { n: Int }"))
        executable.parseOptions.maxTokens = 5
        guard case .failure(let errors) = executable.prepare("{ n n n n n }") else {
            Issue.record("a 7-token document passed a 5-token limit")
            return
        }
        #expect(errors.errors.first?.message.contains("token") == true)
        #expect((try? executable.prepare("{ n }").get()) != nil)
    }
}
