import Testing
@testable import GraphQLKit

@Suite struct OperationLimitsTests {
    let schema: Schema

    init() throws {
        schema = try Schema(sdl: """
            type Query { runs(first: Int, limit: Int): [Run] run: Run version: String }
            type Run { number: Int tags: [String] files(limit: Int): [File] }
            type File { name: String size: Int }
            """)
    }

    func metrics(_ query: String, variables: JSONObject? = nil) throws -> OperationMetrics {
        let document = try parse(query)
        guard case .operation(let operation)? = document.definitions.first else { throw LoaderError(message: "no operation") }
        return schema.measure(operation, in: document, variables: variables)
    }

    @Test func depthAliasesRootFields() throws {
        let m = try metrics("{ a: version b: version run { number files { name } } }")
        #expect(m.depth == 3)
        #expect(m.aliases == 2)
        #expect(m.rootFields == 3)
    }

    @Test func complexityMultipliesListsBySizeArguments() throws {
        // runs(first: 5): 1 + 5 × (number 1 + tags 1 + files(limit: 2) (1 + 2 × 2)) = 1 + 5 × 7 = 36
        #expect(try metrics("{ runs(first: 5) { number tags files(limit: 2) { name size } } }").complexity == 36)
        // Without a size argument, a list counts as the default 10: 1 + 10 × 1.
        #expect(try metrics("{ runs { number } }").complexity == 11)
        #expect(try metrics("query($n: Int) { runs(limit: $n) { number } }", variables: ["n": .int(3)]).complexity == 4)
        // Leaves cost 1; non-list objects add their children.
        #expect(try metrics("{ version run { number } }").complexity == 3)
    }

    @Test func fragmentsAreExpandedAndMeasuredOnce() throws {
        var query = "{ ...F0 }\n"
        for i in 0..<40 { query += "fragment F\(i) on Query { run { number } ...F\(i + 1) ...F\(i + 1) }\n" }
        query += "fragment F40 on Query { version }"
        let m = try metrics(query)
        #expect(m.depth == 2)
        #expect(m.rootFields > 1_000_000)  // 2^40 expansions, measured in linear time
        let cyclic = try metrics("{ ...A } fragment A on Query { version ...B } fragment B on Query { run { number } ...A }")
        #expect(cyclic.depth == 2)
    }

    @Test func executeRejectsOperationsOverTheLimits() async throws {
        let executable = try ExecutableSchema(
            schema: schema, limits: OperationLimits(maxDepth: 2, maxAliases: 1, maxRootFields: 5, maxComplexity: 20))
        let ok = await executable.execute(query: "{ version run { number } }", rootValue: .json(.object([:])))
        #expect(ok.json == #"{"data":{"version":null,"run":null}}"#)
        let tooDeep = await executable.execute(query: "{ a: version b: version run { files { name } } runs(first: 50) { number } }")
        #expect(tooDeep.dataJSON == nil)
        #expect(tooDeep.failure == .limits)
        #expect(tooDeep.errors.map(\.message) == [
            "The operation's depth is 3, above the limit of 2.",
            "The operation's alias count is 2, above the limit of 1.",
            "The operation's estimated complexity is 65, above the limit of 20.",
        ])
        #expect(tooDeep.errors.first?.extensions == ["code": .string("MAX_DEPTH_EXCEEDED")])
        // Size arguments from variables are measured per request, not cached with the document.
        let query = "query($n: Int) { runs(first: $n) { number } }"
        let small = await executable.execute(query: query, variables: ["n": .int(2)], rootValue: .json(.object([:])))
        #expect(small.failure == nil)
        let large = await executable.execute(query: query, variables: ["n": .int(500)])
        #expect(large.errors.map(\.message) == ["The operation's estimated complexity is 501, above the limit of 20."])
    }
}
