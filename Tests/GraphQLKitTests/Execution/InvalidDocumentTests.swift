import Testing
@testable import GraphQLKit

/// The executor assumes validation ran, but a document that skipped it must only produce
/// errors or odd data, never a crash or a hang.
@Suite struct InvalidDocumentTests {
    let schema: Schema
    let executable: ExecutableSchema

    init() throws {
        schema = try Schema(sdl: """
            type Query { a: Int obj: Obj q: Query list(n: Int!): [Int] e: E }
            type Obj { x: Int }
            enum E { A }
            """)
        executable = try ExecutableSchema(schema: schema)
    }

    func run(_ text: String, variables: JSONObject? = nil) async throws -> String {
        let root = FieldValue.json(.object(["a": .int(1), "obj": .object(["x": .int(2)]), "list": .list([.int(1)])]))
        return await executable.execute(
            document: try parse(text), source: Source(text), variables: variables, rootValue: root
        ).json
    }

    @Test func unknownFieldsFragmentsAndTypesAreLeftOut() async throws {
        #expect(try await run("{ a nope ...Missing ... on Nope { a } obj { y x } }") == #"{"data":{"a":1,"obj":{"x":2}}}"#)
    }

    @Test func missingAndExtraSelectionSets() async throws {
        #expect(try await run("{ obj a { x } }") == #"{"data":{"obj":{},"a":1}}"#)
    }

    @Test func fragmentCyclesTerminate() async throws {
        #expect(try await run("{ ...A } fragment A on Query { a ...B } fragment B on Query { obj { x } ...A }")
            == #"{"data":{"a":1,"obj":{"x":2}}}"#)
    }

    @Test func badArgumentsAndVariablesAreErrors() async throws {
        #expect(try await run("{ list }") == #"{"errors":[{"message":"Argument \"n\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":3}],"path":["list"]}],"data":{"list":null}}"#)
        #expect(try await run(#"{ list(n: "x") }"#) == #"{"errors":[{"message":"Argument \"n\" has invalid value \"x\".","locations":[{"line":1,"column":11}],"path":["list"]}],"data":{"list":null}}"#)
        #expect(try await run("query($v: Int) { list(n: $v) }") == #"{"errors":[{"message":"Argument \"n\" of required type \"Int!\" was provided the variable \"$v\" which was not provided a runtime value.","locations":[{"line":1,"column":26}],"path":["list"]}],"data":{"list":null}}"#)
        #expect(try await run("query($v: [Obj]) { a }") == #"{"errors":[{"message":"Variable \"$v\" expected value of type \"[Obj]\" which cannot be used as an input type.","locations":[{"line":1,"column":11}]}]}"#)
        #expect(try await run("{ a @skip(if: $nope) @include(if: 3) }") == #"{"data":{"a":1}}"#)
    }

    @Test func variableErrorsStopAtFifty() async throws {
        let schema = try Schema(sdl: "type Query { a(l: [Int]): Int }")
        let result = await (try ExecutableSchema(schema: schema)).execute(
            query: "query($v: [Int]) { a(l: $v) }", variables: ["v": .list(Array(repeating: .string("x"), count: 60))])
        #expect(result.errors.count == 51)
        #expect(result.errors.last?.message == "Too many errors processing variables, error limit reached. Execution aborted.")
        #expect(result.errors[49].message == #"Variable "$v" got invalid value "x" at "v[49]"; Int cannot represent non-integer value: "x""#)
        #expect(result.dataJSON == nil)
        #expect(result.failure == .variables)
    }

    @Test func deepQueriesDoNotExhaustTheStack() async throws {
        let depth = 490
        var data = JSONValue.object(["a": .int(7)])
        for _ in 0..<depth { data = .object(["q": data]) }
        let query = String(repeating: "{ q ", count: depth) + "{ a }" + String(repeating: " }", count: depth)
        let result = await executable.execute(query: query, rootValue: .json(data))
        #expect(result.errors.isEmpty)
        #expect(result.json.hasSuffix(#"{"a":7}"# + String(repeating: "}", count: depth + 1)))
        #expect(result.json.hasPrefix(#"{"data":{"q":{"q":"#))
    }
}
