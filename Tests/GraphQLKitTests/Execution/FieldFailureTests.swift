import Foundation
import Testing
@testable import GraphQLKit

private struct Item: TypeNamed, FieldValueContainer {
    var number: Int
    var graphQLTypeName: String { "Thing" }
    func fieldValue(forKey key: String) -> FieldValue? { key == "number" ? FieldValue(number) : nil }
}

/// A resolver returning a list can fail one item alone (`FieldValue.failure`).
@Suite struct FieldFailureTests {
    let sdl = """
        interface Node { number: Int! }
        type Thing implements Node { number: Int! }
        type Query { nodes: [Node]! strict: [Node!] slowNodes: [Node]! one: Node }
        """

    private func executable() throws -> ExecutableSchema {
        let items: FieldValue = .list([
            .opaque(Item(number: 1)),
            .failure(GraphQLError("The source is down.", extensions: ["code": .string("SOURCE_UNAVAILABLE")])),
            .opaque(Item(number: 3)),
        ])
        return try ExecutableSchema(schema: try Schema(sdl: sdl), resolvers: [
            "Query.nodes": .value(items),
            "Query.strict": .value(items),
            "Query.slowNodes": .async { _, _, _, _ in
                await Task.yield()
                return items
            },
            "Query.one": .value(.failure(GraphQLError("Gone."))),
        ])
    }

    @Test func aFailedItemIsNullWithAnErrorAtItsIndex() async throws {
        let result = try await executable().execute(query: "{ nodes { number } }")
        #expect(result.json == #"{"errors":[{"message":"The source is down.","locations":[{"line":1,"column":3}],"path":["nodes",1],"extensions":{"code":"SOURCE_UNAVAILABLE"}}],"data":{"nodes":[{"number":1},null,{"number":3}]}}"#)
    }

    @Test func anAsyncResolversFailedItemToo() async throws {
        let result = try await executable().execute(query: "{ slowNodes { number } }")
        #expect(result.json == #"{"errors":[{"message":"The source is down.","locations":[{"line":1,"column":3}],"path":["slowNodes",1],"extensions":{"code":"SOURCE_UNAVAILABLE"}}],"data":{"slowNodes":[{"number":1},null,{"number":3}]}}"#)
    }

    @Test func aNonNullItemPropagatesToTheList() async throws {
        let result = try await executable().execute(query: "{ strict { number } }")
        #expect(result.json == #"{"errors":[{"message":"The source is down.","locations":[{"line":1,"column":3}],"path":["strict",1],"extensions":{"code":"SOURCE_UNAVAILABLE"}}],"data":{"strict":null}}"#)
    }

    @Test func aFailedSingleValueIsTheFieldsError() async throws {
        let result = try await executable().execute(query: "{ one { number } }")
        #expect(result.json == #"{"errors":[{"message":"Gone.","locations":[{"line":1,"column":3}],"path":["one"]}],"data":{"one":null}}"#)
    }
}
