import Foundation
import GraphQLKit
import Testing
@testable import Gateway

/// A folder of its own with the given files, for one test.
private func folder(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runql-cli-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    return dir
}

private let sdl = """
    type Query { runs(first: Int = 10): [Run!]! node(id: ID!): Node run(number: Int!): Run }
    interface Node { id: ID! }
    type Run implements Node { id: ID! number: Int! name: String tags: [String!] }
    type Dataset implements Node { id: ID! name: String! }
    type Mutation { tag(run: Int!, name: String!): Run }
    """

private func run(_ arguments: [String], in dir: URL) async -> CommandResult {
    let result = await RunQLCommandLine.developerCommand(arguments.map {
        $0.hasPrefix("@") ? dir.appendingPathComponent(String($0.dropFirst())).path : $0
    })
    return result ?? CommandResult(status: 99)
}

@Suite struct CLITests {
    @Test func parsePrintsTheCanonicalDocumentOrTheSyntaxError() async throws {
        let dir = try folder(["q.graphql": "query Q($n:Int){run(number:$n){number,name}}", "bad.graphql": "{ a("])
        let ok = await run(["parse", "@q.graphql"], in: dir)
        #expect(ok.status == 0)
        #expect(ok.output == "query Q($n: Int) {\n  run(number: $n) {\n    number\n    name\n  }\n}\n")
        let bad = await run(["parse", "@bad.graphql"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.output == #"{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":5}]}]}"# + "\n")
        #expect(await run(["parse", "@missing.graphql"], in: dir).status == 2)
        #expect(await run(["parse"], in: dir).status == 2)
    }

    @Test func validateReportsErrorsAsJSON() async throws {
        let dir = try folder(["s.graphql": sdl, "good.graphql": "{ runs { number } }", "bad.graphql": "{ runz }"])
        let good = await run(["validate", "--schema", "@s.graphql", "@good.graphql"], in: dir)
        #expect(good.status == 0)
        #expect(good.output == "{\"errors\":[]}\n")
        let bad = await run(["validate", "--schema", "@s.graphql", "@bad.graphql"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.output.contains(#""message":"Cannot query field \"runz\" on type \"Query\". Did you mean \"run\" or \"runs\"?","locations":[{"line":1,"column":3}]"#))
    }

    @Test func schemaFolderAndSchemaErrors() async throws {
        let dir = try folder(["a.graphql": "type Query { x: Int }", "b.graphql": "extend type Query { y: Y }", "q.graphql": "{ x }"])
        let broken = await run(["validate", "--schema", dir.path, "@q.graphql"], in: dir)
        #expect(broken.status == 1)
        #expect(broken.errorOutput.contains("Unknown type \"Y\""))
        #expect(broken.errorOutput.contains("b.graphql:1:"))
    }

    @Test func executeRunsDefaultResolversOverJSON() async throws {
        let dir = try folder([
            "s.graphql": sdl,
            "q.graphql": #"query A { runs { number } } query B($id: ID!) { node(id: $id) { id ... on Dataset { name } ... on Run { number } } }"#,
            "d.json": #"{"runs":[{"number":7200},{"number":7201}],"node":{"__typename":"Dataset","id":"d1","name":"/Express"}}"#,
            "v.json": #"{"id":"d1"}"#,
        ])
        let b = await run(["execute", "--schema", "@s.graphql", "--data", "@d.json", "--query", "@q.graphql", "--variables", "@v.json", "--operation", "B"], in: dir)
        #expect(b.status == 0)
        #expect(b.output == #"{"data":{"node":{"id":"d1","name":"/Express"}}}"# + "\n")
        let a = await run(["execute", "--schema", "@s.graphql", "--data", "@d.json", "--query", "@q.graphql", "--operation", "A"], in: dir)
        #expect(a.output == #"{"data":{"runs":[{"number":7200},{"number":7201}]}}"# + "\n")
        let none = await run(["execute", "--schema", "@s.graphql", "--data", "@d.json", "--query", "@q.graphql"], in: dir)
        #expect(none.status == 1)
        #expect(none.output.contains("Must provide operation name if query contains multiple operations."))
        #expect(await run(["execute", "--schema", "@s.graphql", "--query", "@q.graphql"], in: dir).status == 2)
        #expect(await run(["execute", "--schema", "@s.graphql", "--data", "@s.graphql", "--query", "@q.graphql"], in: dir).status == 2)
    }

    @Test func schemaPrintAndIntrospect() async throws {
        let dir = try folder(["s.graphql": sdl])
        let printed = await run(["schema", "print", "--schema", "@s.graphql"], in: dir)
        #expect(printed.status == 0)
        #expect(printed.output.hasPrefix("interface Node {") || printed.output.contains("type Query {"))
        let introspected = await run(["schema", "introspect", "--schema", "@s.graphql"], in: dir)
        #expect(introspected.status == 0)
        let json = try JSONParser.parse(introspected.output)
        guard case .object(let top) = json, case .object(let data)? = top["data"], case .object(let schema)? = data["__schema"] else {
            Issue.record("no data.__schema")
            return
        }
        #expect(schema["queryType"] == .object(["name": .string("Query")]))
        #expect(schema["mutationType"] == .object(["name": .string("Mutation")]))
        #expect(await run(["schema", "dump"], in: dir).status == 2)
    }
}
