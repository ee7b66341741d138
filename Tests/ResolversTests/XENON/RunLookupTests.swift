// Single-run lookups, node/nodes, and what each era's document looks like through XenonRun / XamsRun.

import GraphQLKit
import Testing
@testable import Resolvers

@Suite struct RunLookupTests {
    @Test func xenonRunByNumberNameAndObjectIDInBothEras() async throws {
        let h = try RegistryHarness("lookup")
        try await h.insertFixtures()
        let a = try await h.run("""
            {
              byNumber: xenonRun(experiment: XENON1T, number: 6386) { name number experiment objectId }
              byName: xenonRun(experiment: XENON1T, name: "170101_0002") { name number detectors }
              byId: xenonRun(objectId: "200000000000000000000001") { number experiment }
              nt: xenonRun(number: 7201) { number }
              missing: xenonRun(number: 99999) { number }
              mvTpc: xenonRun(experiment: XENON1T, number: 0) { name }
            }
            """)
        #expect(a["byNumber.name"] == .string("170101_0000"))
        #expect(a["byNumber.experiment"] == .string("XENON1T"))
        #expect(a["byNumber.objectId"] == .string("100000000000000000000001"))
        #expect(a["byName.number"] == .int(0))
        #expect(a.strings("byName.detectors") == ["muon_veto"])
        #expect(a["byId.number"] == .int(7200))
        #expect(a["byId.experiment"] == .string("XENONNT"))
        #expect(a["nt.number"] == .int(7201))
        #expect(a["missing"] == .null)
        // Two muon-veto runs have number 0 and neither is a TPC run: ambiguous.
        #expect(a["mvTpc"] == .null)
        #expect(a.codes == ["BAD_USER_INPUT"])
        #expect(a.errors.first?.message.contains("look the run up by `name`") == true)
        #expect(a.errors.first?.path == [.key("mvTpc")])
        await h.drop()
    }

    @Test func lookupArgumentsAreChecked() async throws {
        let h = try RegistryHarness("lookupargs")
        let a = try await h.run("""
            {
              none: xenonRun { number }
              two: xenonRun(number: 1, name: "x") { number }
              badId: xenonRun(objectId: "nope") { number }
              xamsTwo: xamsRun(number: 1, objectId: "300000000000000000000001") { number }
            }
            """)
        #expect(a.codes == ["BAD_USER_INPUT", "BAD_USER_INPUT", "BAD_USER_INPUT", "BAD_USER_INPUT"])
        #expect(a.errors.contains { $0.message == "Invalid objectId \"nope\": expected 24 hexadecimal digits." })
        #expect(a["none"] == .null && a["badId"] == .null)
        await h.drop()
    }

    @Test func xenon1TDocumentsAreNormalized() async throws {
        let h = try RegistryHarness("norm1t")
        try await h.insertFixtures()
        let a = try await h.run("""
            {
              xenonRun(experiment: XENON1T, number: 6386) {
                user start end detectors mode source runStatus bootstrax { state }
                tags { name user date version } comments { text user date }
                gains eventsBuilt triggerStatus rawSizeBytes daqConfig
                pseudoStatus pseudoStatuses
                data { type host status location rse ruleInfo isRucio sizeBytes checksum checksumProblem paxVersion paxHash creationPlace creationTime }
                rucio: data(rse: "NIKHEF_USERDISK") { host }
                processed: data(type: "processed", host: "midway-login1", status: "transferred") { paxVersion }
                deletedData { at }
              }
            }
            """)
        #expect(a.errors.isEmpty, "\(a.errors)")
        #expect(a["xenonRun.start"] == .string("2017-01-01T00:00:00.000Z"))
        #expect(a.strings("xenonRun.detectors") == ["tpc"])
        #expect(a["xenonRun.mode"] == .string("background_stable"))
        #expect(a["xenonRun.source"] == .string("none"))
        #expect(a["xenonRun.bootstrax"] == .null)
        #expect(a["xenonRun.tags.0.version"] == .string("1.2"))
        #expect(a["xenonRun.tags.0.date"] == .string("2017-02-01T00:00:00.000Z"))
        #expect(a["xenonRun.comments.0.text"] == .string("good run #_sr1"))
        #expect(a["xenonRun.gains"] == .list([.double(1.5), .double(2), .double(0)]))
        #expect(a["xenonRun.eventsBuilt"] == .int(123_456))
        #expect(a["xenonRun.triggerStatus"] == .string("processed"))
        #expect(a["xenonRun.rawSizeBytes"] == .double(5e9))
        #expect(a["xenonRun.daqConfig.name"] == .string("background_stable"))
        #expect(a["xenonRun.pseudoStatus"] == .null)
        #expect(a.strings("xenonRun.pseudoStatuses") == [])
        #expect(a["xenonRun.data.0.sizeBytes"] == .double(1e6))
        #expect(a.strings("xenonRun.data.1.rse") == ["UC_OSG_USERDISK", "NIKHEF_USERDISK"])
        #expect(a.strings("xenonRun.data.1.ruleInfo") == ["UC_OSG_USERDISK:2019-01-01"])
        #expect(a["xenonRun.data.1.isRucio"] == .bool(true))
        #expect(a["xenonRun.data.2.checksumProblem"] == .bool(true))
        #expect(a["xenonRun.data.2.creationTime"] == .string("2017-01-02T00:00:00.000Z"))
        #expect(a.column("xenonRun.rucio", "host") == [.string("rucio-catalogue")])
        #expect(a.column("xenonRun.processed", "paxVersion") == [.string("v6.10.1")])
        #expect(a["xenonRun.deletedData"] == .list([]))
        await h.drop()
    }

    @Test func xenonNTDocumentsAreNormalized() async throws {
        let h = try RegistryHarness("normnt")
        try await h.insertFixtures()
        let a = try await h.run("""
            {
              a: xenonRun(number: 7200) {
                name detectors mode source runStatus comments { text user }
                bootstrax { state host time failures startedProcessing nextRetry }
                data { type rse did lineageHash sizeBytes fileCount protocol meta raw }
                dali: data(rse: "UC_DALI_USERDISK") { type }
                deletedData { at by reason entry { type host location } }
                daqConfig
              }
              b: xenonRun(number: 7201) { source end bootstrax { state } }
            }
            """)
        #expect(a.errors.isEmpty, "\(a.errors)")
        #expect(a["a.name"] == .null)
        #expect(a.strings("a.detectors") == ["tpc", "muon_veto", "neutron_veto"])
        #expect(a["a.mode"] == .string("tpc_commissioning"))
        #expect(a["a.source"] == .string("none"))
        #expect(a["a.runStatus"] == .string("transferred"))
        #expect(a["a.comments.0.text"] == .string("linked mode"))
        #expect(a["a.bootstrax.state"] == .string("DONE"))
        #expect(a["a.bootstrax.failures"] == .int(1))
        #expect(a["a.bootstrax.startedProcessing"] == .string("2021-06-01T01:30:00.000Z"))
        #expect(a.strings("a.data.0.rse") == ["UC_DALI_USERDISK"])
        #expect(a["a.data.0.did"] == .string("xnt_007200:raw_records-rfzvpzj4mf"))
        #expect(a["a.data.1.lineageHash"] == .string("rfzvpzj4mf"))
        #expect(a["a.data.1.sizeBytes"] == .double(12.5e6))
        #expect(a["a.data.1.fileCount"] == .int(3))
        #expect(a["a.data.1.meta.strax_version"] == .string("1.1.0"))
        #expect(a["a.data.0.raw.protocol"] == .string("rucio"))
        #expect(a.column("a.dali", "type") == [.string("raw_records")])
        #expect(a["a.deletedData.0.by"] == .string("admix"))
        #expect(a["a.deletedData.0.reason"] == .string("cleanup"))
        #expect(a["a.deletedData.0.at"] == .string("2021-06-02T00:00:00.000Z"))
        #expect(a["a.deletedData.0.entry.location"] == .string("/live/007200"))
        #expect(a["a.daqConfig.a.b.c.d.e"] == .int(5))
        #expect(a["b.source"] == .string("ambe"))
        #expect(a["b.end"] == .null)
        #expect(a["b.bootstrax.state"] == .null)
        await h.drop()
    }

    @Test func xamsDocumentsAreNormalized() async throws {
        let h = try RegistryHarness("normxams")
        try await h.insertFixtures()
        let a = try await h.run("""
            {
              a: xamsRun(number: 6001) {
                experiment detector mode tags { name date } processingFailures
                processingStatus { state rawStatus time host reason legacy }
                data { type lineageHash sizeBytes fileCount creationTime }
                live: data(type: "live", host: "stbc") { location }
              }
              b: xamsRun(number: 6002) { processingStatus { state rawStatus legacy time } processingFailures }
              c: xamsRun(objectId: "300000000000000000000003") { processingStatus { state reason } processingFailures }
              d: xamsRun(number: 6004) { processingStatus { state } deletedData { at by entry { host } } }
            }
            """)
        #expect(a.errors.isEmpty, "\(a.errors)")
        #expect(a["a.experiment"] == .string("XAMS"))
        #expect(a["a.detector"] == .string("xams"))
        #expect(a["a.tags.0.date"] == .string("2024-01-01T05:00:00.000Z"))
        #expect(a["a.processingFailures"] == .int(0))
        #expect(a["a.processingStatus.state"] == .string("DONE"))
        #expect(a["a.processingStatus.host"] == .string("stbc"))
        #expect(a["a.processingStatus.legacy"] == .bool(false))
        #expect(a["a.data.0.lineageHash"] == .string("abcdefghij"))
        #expect(a["a.data.0.sizeBytes"] == .double(2e6))
        #expect(a["a.data.0.fileCount"] == .int(4))
        #expect(a["a.data.0.creationTime"] == .string("2024-01-02T00:00:00.000Z"))
        #expect(a.column("a.live", "location") == [.string("/live")])
        #expect(a["b.processingStatus.state"] == .string("PENDING"))
        #expect(a["b.processingStatus.legacy"] == .bool(true))
        #expect(a["b.processingStatus.time"] == .null)
        #expect(a["c.processingStatus.reason"] == .string("boom"))
        #expect(a["c.processingFailures"] == .int(2))
        #expect(a["d.processingStatus"] == .null)
        #expect(a["d.deletedData.0.by"] == .string("delete_live"))
        #expect(a["d.deletedData.0.at"] == .string("2024-01-05T00:00:00.000Z"))
        #expect(a["d.deletedData.0.entry.host"] == .string("daq"))
        await h.drop()
    }

    @Test func nodeAndNodesResolveBothTypes() async throws {
        let h = try RegistryHarness("node")
        try await h.insertFixtures()
        let ids = try await h.run("""
            { x: xenonRun(number: 7200) { id } y: xenonRun(experiment: XENON1T, name: "170101_0001") { id } z: xamsRun(number: 6003) { id } }
            """)
        let x = try #require(ids["x.id"]), y = try #require(ids["y.id"]), z = try #require(ids["z.id"])
        guard case .string(let xs) = x else { Issue.record("no id"); return }
        let missing = GlobalID(typeName: "XenonRun", key: "XENONNT:2000000000000000000000ff").encoded
        let unknownType = GlobalID(typeName: "CmsRun", key: "1").encoded
        let a = try await h.run("""
            query($ids: [ID!]!, $one: ID!) {
              node(id: $one) { __typename id ... on XenonRun { number experiment } }
              nodes(ids: $ids) { __typename ... on Run { number experiment } ... on XamsRun { processingFailures } }
            }
            """, variables: ["one": x, "ids": .list([z, y, .string(missing), x, .string(unknownType)])])
        #expect(a.errors.isEmpty, "\(a.errors)")
        #expect(a["node.__typename"] == .string("XenonRun"))
        #expect(a["node.id"] == .string(xs))
        #expect(a["node.number"] == .int(7200))
        #expect(a.column("nodes", "__typename") == [.string("XamsRun"), .string("XenonRun"), .null, .string("XenonRun"), .null])
        #expect(a.column("nodes", "number") == [.int(6003), .int(0), .null, .int(7200), .null])
        #expect(a["nodes.0.processingFailures"] == .int(2))
        #expect(a["nodes.1.experiment"] == .string("XENON1T"))
        // An id RunQL never issued names nothing: null, and the other ids keep their answers.
        let bad = try await h.run("""
            query($one: ID!) { node(id: "garbage!") { id } nodes(ids: [$one, "garbage!"]) { ... on Run { number } } }
            """, variables: ["one": x])
        #expect(bad.errors.isEmpty, "\(bad.errors)")
        #expect(bad["node"] == .null)
        #expect(bad.column("nodes", "number") == [.int(7200), .null])
        await h.drop()
    }
}
