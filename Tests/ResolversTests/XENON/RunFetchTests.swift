// What reaches MongoDB: projections from the selection, one query per collection for batched
// lookups, `doc(path:)`, and a registry whose database is down.

import GraphQLKit
import Testing
@testable import Resolvers

@Suite struct RunFetchTests {
    @Test func projectionFollowsTheSelection() async throws {
        let h = try RegistryHarness("projection")
        try await h.insertFixtures()
        _ = try await h.run("{ xenonRuns { nodes { number } } }")
        #expect(h.log.entries.last?.projection?.keys.sorted() == ["_id", "number"])
        _ = try await h.run("{ xenonRuns(orderBy: {field: START}) { edges { node { mode detectors } } } }")
        #expect(h.log.entries.last?.projection?.keys.sorted() == ["_id", "detector", "detectors", "mode", "number", "reader.ini.name"])
        _ = try await h.run("{ xenonRun(number: 7200) { pseudoStatus gains a: doc(path: \"daq_config.boards.1.id\") b: doc(path: \"bootstrax.host\") } }")
        #expect(h.log.entries.last?.projection?.keys.sorted() == [
            "_id", "bootstrax.host", "daq_config.boards", "data", "detector", "detectors", "end", "number", "processor.DEFAULT.gains",
        ])
        _ = try await h.run("{ xenonRun(number: 7200) { daqConfig mode } }")
        #expect(h.log.entries.last?.projection?.keys.contains("reader.ini") == true)
        #expect(h.log.entries.last?.projection?.keys.contains("reader.ini.name") == false)
        _ = try await h.run("{ xamsRun(number: 6001) { doc } }")
        #expect(h.log.entries.last?.projection == nil)
        // The fetched documents hold only what was asked for.
        let docs = try await RunLookup.fetch(
            .xenon(.xenonNT), [RunLookupKey(source: .xenon(.xenonNT), identifier: .objectID(ObjectID(hex: "200000000000000000000001")!),
                                            projection: RunProjection.projection(paths: ["_id", "number"]))],
            client: h.client, collections: h.collections, log: nil)
        #expect(docs.first?.keys.sorted() == ["_id", "number"])
        await h.drop()
    }

    @Test func docReadsAnyDepthAndListIndexes() async throws {
        let h = try RegistryHarness("docpath")
        try await h.insertFixtures()
        let a = try await h.run("""
            {
              xenonRun(number: 7200) {
                whole: doc
                d1: doc(path: "mode")
                d3: doc(path: "daq_config.a.b")
                d5: doc(path: "daq_config.a.b.c.d")
                d6: doc(path: "daq_config.a.b.c.d.e")
                list: doc(path: "data.1.meta.lineage_hash")
                item: doc(path: "daq_config.boards.0")
                nowhere: doc(path: "daq_config.nothing.here")
                outOfRange: doc(path: "data.9.type")
                id: doc(path: "_id")
                date: doc(path: "start")
              }
            }
            """)
        #expect(a.errors.isEmpty, "\(a.errors)")
        #expect(a["xenonRun.whole.number"] == .int(7200))
        #expect(a["xenonRun.whole._id"] == .string("200000000000000000000001"))
        #expect(a["xenonRun.d1"] == .string("tpc_commissioning"))
        #expect(a["xenonRun.d3.c.d.e"] == .int(5))
        #expect(a["xenonRun.d5"] == .object(["e": .int(5)]))
        #expect(a["xenonRun.d6"] == .int(5))
        #expect(a["xenonRun.list"] == .string("rfzvpzj4mf"))
        #expect(a["xenonRun.item"] == .object(["id": .int(100)]))
        #expect(a["xenonRun.nowhere"] == .null)
        #expect(a["xenonRun.outOfRange"] == .null)
        #expect(a["xenonRun.id"] == .string("200000000000000000000001"))
        #expect(a["xenonRun.date"] == .string("2021-06-01T00:00:00.000Z"))
        let bad = try await h.run(#"{ xenonRun(number: 7200) { number doc(path: "a..b") } }"#)
        #expect(bad.codes == ["BAD_USER_INPUT"])
        #expect(bad["xenonRun.number"] == .int(7200))
        await h.drop()
    }

    @Test func batchedLookupsCostOneQueryPerCollection() async throws {
        let h = try RegistryHarness("roundtrips")
        var nt: [BSONDocument] = [], t1: [BSONDocument] = [], xams: [BSONDocument] = []
        for i in 0..<20 {
            nt.append(["number": .int32(Int32(8000 + i)), "detectors": .array(["tpc"])])
            t1.append(["number": .int32(Int32(9000 + i)), "name": .string("1701\(10 + i)_0000"), "detector": "tpc"])
        }
        for i in 0..<10 { xams.append(["number": .int32(Int32(6100 + i))]) }
        try await h.insert(nt, into: .xenon(.xenonNT))
        try await h.insert(t1, into: .xenon(.xenon1T))
        try await h.insert(xams, into: .xams)
        let ids = try await h.run("""
            { a: xenonRuns(first: 20) { nodes { id } } b: xenonRuns(experiment: XENON1T, first: 20) { nodes { id } } c: xamsRuns(first: 10) { nodes { id } } }
            """)
        let all = ids.column("a.nodes", "id") + ids.column("b.nodes", "id") + ids.column("c.nodes", "id")
        #expect(all.count == 50)

        var before = h.client.operationCount
        let nodes = try await h.run("query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Run { number } } }", variables: ["ids": .list(all)])
        #expect(nodes.errors.isEmpty)
        #expect(nodes.column("nodes", "id") == all)
        #expect(h.client.operationCount - before == 3)

        let aliases = (0..<20).map { "r\($0): xenonRun(number: \(8000 + $0)) { number }" }.joined(separator: " ")
        before = h.client.operationCount
        let a = try await h.run("{ \(aliases) }")
        #expect(a.errors.isEmpty)
        #expect(a["r19.number"] == .int(8019))
        #expect(h.client.operationCount - before == 1)

        // Numbers, names and ids of one collection together: still one query.
        before = h.client.operationCount
        let mixed = try await h.run("""
            { a: xenonRun(experiment: XENON1T, number: 9000) { name } b: xenonRun(experiment: XENON1T, name: "170111_0000") { number }
              c: xenonRun(number: 8003) { number } d: xamsRun(number: 6105) { number } }
            """)
        #expect(mixed.errors.isEmpty)
        #expect(mixed["b.number"] == .int(9001))
        #expect(h.client.operationCount - before == 3)

        // totalCount alone costs one count and no find.
        before = h.client.operationCount
        let count = try await h.run("{ xenonRuns { totalCount } }")
        #expect(count["xenonRuns.totalCount"] == .int(20))
        #expect(h.client.operationCount - before == 1)
        await h.drop()
    }

    @Test func aDownDatabaseFailsItsFieldsOnly() async throws {
        let down = try MongoClient(uri: "mongodb://127.0.0.1:\(TestServices.closedPort())/?serverSelectionTimeoutMS=300&connectTimeoutMS=300")
        let up = try RegistryHarness("sourceup")
        try await up.insertFixtures()
        let h = try RegistryHarness("sourcedown", client: down) { downRegistry in
            var resolvers = downRegistry.resolvers
            // XAMS from the live server, XENON from the dead one.
            for (key, value) in up.registry.resolvers where key.hasPrefix("Query.xams") || key.hasPrefix("XamsRun") { resolvers[key] = value }
            return resolvers
        }
        let a = try await h.run("""
            { xenonRun(number: 7200) { number } xamsRun(number: 6001) { number } __typename }
            """)
        #expect(a.codes == ["SOURCE_UNAVAILABLE"])
        #expect(a.errors.first?.path == [.key("xenonRun")])
        #expect(a.errors.first?.message.hasPrefix("XENONnT runsDB is unavailable: ") == true)
        #expect(a.errors.first?.message.contains("127.0.0.1") == false)
        #expect(a["xenonRun"] == .null)
        #expect(a["xamsRun.number"] == .int(6001))
        #expect(a["__typename"] == .string("Query"))
        let list = try await h.run("{ xenonRuns(experiment: XENON1T) { totalCount } }")
        #expect(list.codes == ["SOURCE_UNAVAILABLE"])
        #expect(list.errors.first?.message.hasPrefix("XENON1T runsDB is unavailable") == true)
        await up.drop()
    }
}
