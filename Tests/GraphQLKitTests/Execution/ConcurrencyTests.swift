import Foundation
import Testing
@testable import GraphQLKit

/// Yields until `condition` holds or `limit` yields pass; returns whether it held.
private func yieldUntil(_ limit: Int = 10_000, _ condition: () -> Bool) async -> Bool {
    for _ in 0..<limit {
        if condition() { return true }
        await Task.yield()
    }
    return condition()
}

@Suite struct ConcurrencyTests {
    @Test func asyncQueryFieldsOverlap() async throws {
        let log = ExecLog<String>()
        let schema = try Schema(sdl: "type Query { a: String b: String c: Int }")
        let executable = try ExecutableSchema(schema: schema, resolvers: [
            // `a` cannot finish before `b` has started: only true when they run concurrently.
            "Query.a": .async { _, _, _, _ in
                log.append("a start")
                let sawB = await yieldUntil { log.values.contains("b start") }
                log.append("a end")
                return FieldValue(sawB ? "overlapped" : "serial")
            },
            "Query.b": .async { _, _, _, _ in
                log.append("b start")
                let sawA = await yieldUntil { log.values.contains("a start") }
                log.append("b end")
                return FieldValue(sawA ? "overlapped" : "serial")
            },
            "Query.c": .value(1),
        ])
        let result = await executable.execute(query: "{ a c b }")
        #expect(result.json == #"{"data":{"a":"overlapped","c":1,"b":"overlapped"}}"#)
    }

    @Test func synchronousSiblingsRunWhileAsyncFieldsWait() async throws {
        let log = ExecLog<String>()
        let schema = try Schema(sdl: "type Query { a: String b: String c: Int }")
        let executable = try ExecutableSchema(schema: schema, resolvers: [
            "Query.a": .async { _, _, _, _ in
                FieldValue(await yieldUntil { log.values.contains("b") } ? "saw b" : "did not see b")
            },
            "Query.b": .sync { _, _, _, _ in
                log.append("b")
                return "b"
            },
            "Query.c": .async { _, _, _, _ in 1 },
        ])
        let result = await executable.execute(query: "{ a b c }")
        #expect(result.json == #"{"data":{"a":"saw b","b":"b","c":1}}"#)
    }

    @Test func mutationRootFieldsRunInOrder() async throws {
        // Spec §6.3.1's example: serial execution makes the final number 2.
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var n = 0
            var log: [String] = []
        }
        let counter = Counter()
        let schema = try Schema(sdl: """
            type Query { theNumber: Int }
            type Mutation { changeTheNumber(newNumber: Int!): Query }
            """)
        let executable = try ExecutableSchema(schema: schema, resolvers: [
            "Query.theNumber": .sync { _, _, _, _ in FieldValue(counter.lock.withLock { counter.n }) },
            "Mutation.changeTheNumber": .async { _, args, _, _ in
                guard case .int(let n)? = args["newNumber"] else { return nil }
                counter.lock.withLock { counter.log.append("start \(n)") }
                for _ in 0..<(n == 1 ? 200 : 1) { await Task.yield() }  // the first is the slowest
                counter.lock.withLock {
                    counter.n = n
                    counter.log.append("end \(n)")
                }
                return .json(.object([:]))
            },
        ])
        let result = await executable.execute(query: """
            mutation {
              first: changeTheNumber(newNumber: 1) { theNumber }
              second: changeTheNumber(newNumber: 3) { theNumber }
              third: changeTheNumber(newNumber: 2) { theNumber }
            }
            """)
        #expect(result.json == #"{"data":{"first":{"theNumber":1},"second":{"theNumber":3},"third":{"theNumber":2}}}"#)
        #expect(counter.log == ["start 1", "end 1", "start 3", "end 3", "start 2", "end 2"])
    }

    @Test func loadersBatchOneCallPerLevel() async throws {
        let calls = ExecLog<[Int]>()
        let owners = DataLoader<Int, JSONValue> { keys, _ in
            calls.append(keys)
            return keys.map { k in
                k == 13 ? .failure(LoaderError(message: "owner 13 is gone")) : .success(.object(["id": .int(k), "team": .int(k % 3)]))
            }
        }
        let teams = DataLoader<Int, JSONValue> { keys, _ in
            calls.append(keys.map { $0 + 1000 })
            return keys.map { .success(.object(["name": .string("team \($0)")])) }
        }
        let schema = try Schema(sdl: """
            type Query { items: [Item!]! }
            type Item { id: Int! owner: Owner }
            type Owner { id: Int! team: Team }
            type Team { name: String }
            """)
        let executable = try ExecutableSchema(schema: schema, resolvers: [
            "Query.items": .value(.json(.list((0..<1000).map { .object(["id": .int($0)]) }))),
            "Item.owner": .async { parent, _, _, info in
                guard case .json(.int(let id))? = parent["id"] else { return nil }
                return .json(try await info.load(owners, key: id % 50))
            },
            "Owner.team": .async { parent, _, _, info in
                guard case .json(.int(let team))? = parent["team"] else { return nil }
                return .json(try await info.load(teams, key: team))
            },
        ])
        let result = await executable.execute(query: "{ items { id owner { id team { name } } } }")
        let batches = calls.values
        #expect(batches.count == 2)
        #expect(batches.first?.count == 50)  // 1,000 loads, 50 distinct keys, one call
        #expect(Set(batches.last ?? []) == [1000, 1001, 1002])
        let json = result.json
        #expect(json.contains(#"{"id":0,"owner":{"id":0,"team":{"name":"team 0"}}}"#))
        #expect(json.contains(#"{"id":13,"owner":null}"#))
        #expect(json.contains(#"{"message":"owner 13 is gone","locations":[{"line":1,"column":14}],"path":["items",13,"owner"]}"#))
        #expect(result.errors.count == 20)  // items 13, 63, 113, ... each report their own error
    }

    @Test func loaderCacheAndBatchFailures() async throws {
        let calls = ExecLog<[String]>()
        let loader = DataLoader<String, String>(maxBatchSize: 2) { keys, _ in
            calls.append(keys)
            if keys.contains("x") { throw Boom2() }
            return keys.map { .success($0.uppercased()) }
        }
        let schema = try Schema(sdl: "type Query { v(k: String!): String }")
        let executable = try ExecutableSchema(schema: schema, resolvers: [
            "Query.v": .async { _, args, _, info in
                guard case .string(let k)? = args["k"] else { return nil }
                return FieldValue(try await info.load(loader, key: k))
            }
        ])
        let result = await executable.execute(query: #"{ a: v(k: "a") b: v(k: "b") a2: v(k: "a") c: v(k: "c") x: v(k: "x") }"#)
        // Root fields run concurrently, so which key shares x's batch depends on scheduling: the
        // behaviour is that exactly that batch fails, and a cached key answers both aliases.
        let batches = calls.values
        #expect(batches.map(\.count) == [2, 2])
        #expect(Set(batches.joined()) == ["a", "b", "c", "x"])
        let failed = Set(batches.first { $0.contains("x") } ?? [])
        let expected = ["a", "b", "a2", "c", "x"].map { alias in
            let key = alias == "a2" ? "a" : alias
            return "\"\(alias)\":" + (failed.contains(key) ? "null" : "\"\(key.uppercased())\"")
        }
        #expect(result.dataText == "{" + expected.joined(separator: ",") + "}")
        #expect(result.errors.map(\.message) == Array(repeating: "batch failed", count: failed.contains("a") ? 3 : 2))
    }
}

private struct Boom2: Error, CustomStringConvertible {
    var description: String { "batch failed" }
}
