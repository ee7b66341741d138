import Testing
@testable import GraphQLKit

/// 150 random queries (fragments, aliases, @skip/@include with variables, interfaces, unions,
/// nested non-null lists) over random, often ill-typed JSON data, against the reference's
/// responses. Numbers compare by value: the reference writes a Float coerced from `true` as `1`.
@Suite struct DifferentialTests {
    @Test func matchesTheReferenceOnRandomQueries() async throws {
        guard case .object(let corpus) = try TestJSON.parse(try executionFixture("execution-differential.json")),
            case .string(let sdl)? = corpus["sdl"], case .list(let cases)? = corpus["cases"]
        else {
            Issue.record("bad corpus")
            return
        }
        #expect(cases.count == 150)
        let schema = try Schema(sdl: sdl)
        try await check(cases, ExecutableSchema(schema: schema))
    }

    /// The same corpus with every field resolved by an async resolver: everything runs through
    /// the concurrent executor (fields and list items as child tasks) and must answer the same.
    @Test func concurrentExecutionAnswersTheSame() async throws {
        guard case .object(let corpus) = try TestJSON.parse(try executionFixture("execution-differential.json")),
            case .string(let sdl)? = corpus["sdl"], case .list(let cases)? = corpus["cases"]
        else {
            Issue.record("bad corpus")
            return
        }
        let schema = try Schema(sdl: sdl)
        var resolvers: [String: FieldResolver] = [:]
        for case .object(let type) in schema.types where !type.name.hasPrefix("__") {
            for field in type.fields {
                resolvers[type.name + "." + field.name] = .async { parent, _, _, info in
                    await Task.yield()
                    return parent[info.fieldName] ?? nil
                }
            }
        }
        try await check(cases, ExecutableSchema(schema: schema, resolvers: resolvers))
    }

    private func check(_ cases: [JSONValue], _ executable: ExecutableSchema) async throws {
        for (i, c) in cases.enumerated() {
            guard case .object(let o) = c, case .string(let query)? = o["query"], case .string(let root)? = o["root"],
                case .string(let variables)? = o["variables"], case .string(let expected)? = o["expected"]
            else { continue }
            let result = await executable.execute(
                query: query, variables: try TestJSON.object(variables), rootValue: .json(try TestJSON.parse(root)))
            let ours = numbersAsDoubles(try TestJSON.parse(result.json))
            let reference = numbersAsDoubles(try TestJSON.parse(expected))
            #expect(ours == reference, "case \(i): \(query)")
        }
    }
}

private func numbersAsDoubles(_ v: JSONValue) -> JSONValue {
    switch v {
    case .int(let i): .double(Double(i))
    case .list(let items): .list(items.map(numbersAsDoubles))
    case .object(let o): .object(JSONObject(o.members.map { .init(key: $0.key, value: numbersAsDoubles($0.value)) }))
    default: v
    }
}
