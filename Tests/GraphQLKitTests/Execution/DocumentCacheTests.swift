import Testing
@testable import GraphQLKit

@Suite struct DocumentCacheTests {
    let schema: Schema

    init() throws {
        schema = try Schema(sdl: "type Query { a: Int b: String }")
    }

    @Test func repeatedQueriesHitTheCacheAndReusePlans() async throws {
        let validations = ExecLog<String>()
        let executable = try ExecutableSchema(schema: schema, validate: { _, document, _ in
            validations.append("validated \(document.definitions.count)")
            return []
        })
        let root = FieldValue.json(.object(["a": .int(1), "b": .string("x")]))
        let query = "query($s: Boolean!) { a b @skip(if: $s) }"
        for _ in 0..<3 {
            let r = await executable.execute(query: query, variables: ["s": .bool(false)], rootValue: root)
            #expect(r.json == #"{"data":{"a":1,"b":"x"}}"#)
        }
        let skipped = await executable.execute(query: query, variables: ["s": .bool(true)], rootValue: root)
        #expect(skipped.json == #"{"data":{"a":1}}"#)
        #expect(validations.values == ["validated 1"])
        #expect(executable.documentCache.misses == 1)
        #expect(executable.documentCache.hits == 3)
        // One plan per value of the @skip variable.
        let prepared = try executable.prepare(query).get()
        #expect(prepared.cachedPlanCount == 2)
    }

    @Test func validationErrorsAreAnsweredWithoutData() async throws {
        let executable = try ExecutableSchema(schema: schema, validate: { _, _, _ in
            [GraphQLError("Cannot query field \"c\" on type \"Query\".", locations: [SourcePosition(line: 1, column: 3)])]
        })
        let r = await executable.execute(query: "{ c }")
        #expect(r.failure == .validation)
        #expect(r.json == #"{"errors":[{"message":"Cannot query field \"c\" on type \"Query\".","locations":[{"line":1,"column":3}]}]}"#)
    }

    @Test func twoArgumentValidatorsStillPlugIn() async throws {
        let executable = try ExecutableSchema(schema: schema, defaultResolvers: .everywhere, validate: { _, document in
            document.definitions.count > 1 ? [GraphQLError("One operation only.")] : []
        })
        #expect(await executable.execute(query: "{ a } { b }").json == #"{"errors":[{"message":"One operation only."}]}"#)
    }

    @Test func syntaxErrorsAreAnsweredWithoutData() async throws {
        let executable = try ExecutableSchema(schema: schema)
        let r = await executable.execute(query: "{ a ")
        #expect(r.dataJSON == nil)
        #expect(r.failure == .syntax)
        #expect(r.errors.count == 1)
        #expect(r.errors.first?.locations == [SourcePosition(line: 1, column: 5)])
    }

    @Test func leastRecentlyUsedDocumentsAreEvicted() throws {
        let executable = try ExecutableSchema(schema: schema, documentCacheCapacity: 2)
        let cache = executable.documentCache
        _ = executable.prepare("{ a }")
        _ = executable.prepare("{ b }")
        _ = executable.prepare("{ a }")  // a is now the most recent
        _ = executable.prepare("{ a b }")  // evicts b
        #expect(cache.count == 2)
        #expect(cache.document(for: "{ b }") == nil)
        #expect(cache.document(for: "{ a }") != nil)
        #expect(cache.document(for: "{ a b }") != nil)
    }

    @Test func preparsedDocumentsRunWithoutTheCache() async throws {
        let executable = try ExecutableSchema(schema: schema)
        let text = "{ a nope }"
        let r = await executable.execute(
            document: try parse(text), source: Source(text), rootValue: .json(.object(["a": .int(2)])))
        // Fields the type lacks (only in an invalid document) are left out, never a crash.
        #expect(r.json == #"{"data":{"a":2}}"#)
        #expect(executable.documentCache.count == 0)
    }
}
