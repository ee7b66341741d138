import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

/// Hand-written RR events, each in its own Version, in the order they are written.
struct CMSFixture {
    let db: CMSTestDatabase

    static func make() async throws -> CMSFixture { CMSFixture(db: try await CMSTestDatabase.make()) }

    func dataset(_ run: Int, _ names: [String]) async throws {
        let v = try await version("auto@auto", "run \(run)")
        try await db.pool.query(#"INSERT INTO "Run" (run_number, oms_attributes, rr_attributes, version) VALUES ($1::int, '{}', '{"state":"OPEN"}', $2::int)"#, [.int(run), .int(v)])
        for name in names {
            try await db.pool.query(#"INSERT INTO "Dataset" (run_number, name, version) VALUES ($1::int, $2, $3::int)"#, [.int(run), .text(name), .int(v)])
        }
    }

    /// A Version and one Event in it; answers the event's version.
    func version(_ by: String, _ comment: String) async throws -> Int {
        let row = try await db.pool.query("""
            WITH v AS (INSERT INTO "Version" ("by", comment) VALUES ($1, $2) RETURNING atomic_version)
            INSERT INTO "Event" (atomic_version) SELECT atomic_version FROM v RETURNING version
            """, [.text(by), .text(comment)])
        return try #require(row.rows.first?[0].intValue)
    }

    func document(_ json: String) async throws -> Int {
        let hash = SHA1.hex(json.utf8)
        let row = try await db.pool.query("""
            INSERT INTO "JSONBDeduplication" (jsonb, unique_hash) VALUES ($1::jsonb, $2)
            ON CONFLICT (unique_hash) DO UPDATE SET unique_hash = EXCLUDED.unique_hash RETURNING id
            """, [.text(json), .text(hash)])
        return try #require(row.rows.first?[0].intValue)
    }

    func rr(_ run: Int, _ name: String, _ json: String, _ numbers: ClosedRange<Int>, manual: Bool) async throws {
        let v = try await version(manual ? "shifter@cern.ch" : "auto@auto", "edit")
        try await db.pool.query(
            #"INSERT INTO "LumisectionEvent" (version, run_number, name, lumisection_metadata_id, manual_change) VALUES ($1::int, $2::int, $3, $4::int, $5)"#,
            [.int(v), .int(run), .text(name), .int(try await document(json)), .bool(manual)])
        try await db.pool.query(#"INSERT INTO "LumisectionEventAssignation" SELECT $1::int, generate_series($2::int, $3::int)"#,
                                [.int(v), .int(numbers.lowerBound), .int(numbers.upperBound)])
    }

    func oms(_ run: Int, _ name: String, _ json: String, _ numbers: ClosedRange<Int>) async throws {
        let v = try await version("auto@auto", "oms")
        try await db.pool.query(
            #"INSERT INTO "OMSLumisectionEvent" (version, run_number, name, lumisection_metadata_id) VALUES ($1::int, $2::int, $3, $4::int)"#,
            [.int(v), .int(run), .text(name), .int(try await document(json))])
        try await db.pool.query(#"INSERT INTO "OMSLumisectionEventAssignation" SELECT $1::int, generate_series($2::int, $3::int)"#,
                                [.int(v), .int(numbers.lowerBound), .int(numbers.upperBound)])
    }

    static func t(_ status: String, _ comment: String = "", _ cause: String = "") -> String {
        #"{"status":"\#(status)","comment":"\#(comment)","cause":"\#(cause)"}"#
    }

    /// Run 1 "online": automatic and manual events overlapping, a gap, a missing component.
    static func certification() async throws -> CMSFixture {
        let f = try await make()
        try await f.dataset(1, ["online", "/PromptReco/X/DQM"])
        try await f.rr(1, "online", #"{"dt-dt":\#(t("GOOD")),"csc-csc":\#(t("GOOD"))}"#, 1...10, manual: false)
        try await f.rr(1, "online", #"{"dt-dt":\#(t("BAD", "HV trip", "HV"))}"#, 3...4, manual: true)
        // Later but automatic: loses to the manual edit for dt-dt, wins over the first load for csc-csc.
        try await f.rr(1, "online", #"{"dt-dt":\#(t("GOOD")),"csc-csc":\#(t("STANDBY"))}"#, 3...6, manual: false)
        // A later manual edit wins over the earlier manual one.
        try await f.rr(1, "online", #"{"dt-dt":\#(t("GOOD", "recovered"))}"#, 3...3, manual: true)
        // LS 11-12: nothing assigned. LS 13-14: only dt-dt.
        try await f.rr(1, "online", #"{"dt-dt":\#(t("GOOD"))}"#, 13...14, manual: false)
        try await f.rr(1, "/PromptReco/X/DQM", #"{"tracker-track":\#(t("GOOD"))}"#, 1...5, manual: false)
        // OMS: online bits, then an online change, then a dataset-only override.
        try await f.oms(1, "online", #"{"bpix_ready":true,"beam1_stable":false,"recorded":0.1}"#, 1...5)
        try await f.oms(1, "online", #"{"beam1_stable":true,"recorded":0.2}"#, 3...5)
        try await f.oms(1, "/PromptReco/X/DQM", #"{"bpix_ready":false}"#, 4...4)
        return f
    }
}

@Suite struct CMSLumisectionTests {
    static let key = DatasetKey(runNumber: 1, name: "online")

    @Test func mergesManualOverAutomaticAndLaterVersionsOverEarlier() async throws {
        let f = try await CMSFixture.certification()
        let store = LumisectionStore(database: CMSDatabase(pool: f.db.pool))
        let ls = try #require(try await store.rrLumisections([Self.key])[Self.key])
        #expect(ls.lastLumisection == 14)
        #expect(ls.components == ["csc-csc", "dt-dt"])
        let perLS = ls.lumisections(from: nil, to: nil)
        #expect(perLS.map(\.number) == Array(1...14))
        let dt = perLS.map { $0.triplets["dt-dt"]?.status ?? "-" }
        let csc = perLS.map { $0.triplets["csc-csc"]?.status ?? "-" }
        #expect(dt == ["GOOD", "GOOD", "GOOD", "BAD", "GOOD", "GOOD", "GOOD", "GOOD", "GOOD", "GOOD", "EMPTY", "EMPTY", "GOOD", "GOOD"])
        #expect(csc == ["GOOD", "GOOD", "STANDBY", "STANDBY", "STANDBY", "STANDBY", "GOOD", "GOOD", "GOOD", "GOOD", "EMPTY", "EMPTY", "EMPTY", "EMPTY"])
        #expect(perLS[2].triplets["dt-dt"] == Triplet(status: "GOOD", comment: "recovered"))
        #expect(perLS[3].triplets["dt-dt"] == Triplet(status: "BAD", comment: "HV trip", cause: "HV"))
        // Lumisections outside 1...last are clamped away.
        #expect(ls.lumisections(from: 13, to: 99).map(\.number) == [13, 14])
        #expect(ls.lumisections(from: 20, to: 30).isEmpty)
    }

    @Test func rangesAreMaximalRunsOfIdenticalTriplets() async throws {
        let f = try await CMSFixture.certification()
        let ls = try #require(try await LumisectionStore(database: CMSDatabase(pool: f.db.pool)).rrLumisections([Self.key])[Self.key])
        #expect(ls.ranges.map { [$0.start, $0.end] } == [[1, 2], [3, 3], [4, 4], [5, 6], [7, 10], [11, 12], [13, 14]])
        #expect(ls.ranges(of: "dt-dt").map { "\($0.start)-\($0.end) \($0.triplet.status)" }
            == ["1-2 GOOD", "3-3 GOOD", "4-4 BAD", "5-10 GOOD", "11-12 EMPTY", "13-14 GOOD"])
        #expect(ls.ranges(of: "csc-csc").map { "\($0.start)-\($0.end) \($0.triplet.status)" }
            == ["1-2 GOOD", "3-6 STANDBY", "7-10 GOOD", "11-14 EMPTY"])
        // A component no event mentions is EMPTY throughout.
        #expect(ls.ranges(of: "rpc-rpc").map { "\($0.start)-\($0.end) \($0.triplet.status)" } == ["1-14 EMPTY"])
    }

    /// Thousands of short ranges (a manual edit on every other lumisection): each range covers
    /// its pieces by rank, not by a comparison with every piece, and both the loader's statement
    /// and the runs page's nested statement give the same ranges.
    @Test func finelyInterleavedEventsGiveEveryRange() async throws {
        let f = try await CMSFixture.make()
        try await f.dataset(7, ["online"])
        try await f.rr(7, "online", #"{"dt-dt":\#(CMSFixture.t("GOOD"))}"#, 1...600, manual: false)
        let v = try await f.version("shifter@cern.ch", "every other")
        try await f.db.pool.query(
            #"INSERT INTO "LumisectionEvent" (version, run_number, name, lumisection_metadata_id, manual_change) VALUES ($1::int, 7, 'online', $2::int, true)"#,
            [.int(v), .int(try await f.document(#"{"dt-dt":\#(CMSFixture.t("BAD", "flip"))}"#))])
        try await f.db.pool.query(#"INSERT INTO "LumisectionEventAssignation" SELECT $1::int, generate_series(1, 599, 2)"#, [.int(v)])
        // And a gap: 601-603 unassigned, 604-605 GOOD again.
        try await f.rr(7, "online", #"{"dt-dt":\#(CMSFixture.t("GOOD"))}"#, 604...605, manual: false)
        let key = DatasetKey(runNumber: 7, name: "online")
        let ls = try #require(try await LumisectionStore(database: CMSDatabase(pool: f.db.pool)).rrLumisections([key])[key])
        let expected = (1...600).map { "\($0)-\($0) \($0 % 2 == 1 ? "BAD" : "GOOD")" } + ["601-603 EMPTY", "604-605 GOOD"]
        #expect(ls.ranges(of: "dt-dt").map { "\($0.start)-\($0.end) \($0.triplet.status)" } == expected)
        let graph = try CMSGraph(pool: f.db.pool)
        let (data, errors) = try await graph.run("""
            { cmsRuns(first: 5) { nodes { datasets { lumisectionRanges { start end triplets { triplet { status } } } } } }
              cmsDataset(runNumber: 7) { lumisectionRanges { start end triplets { triplet { status } } } } }
            """)
        #expect(errors.isEmpty, "\(errors)")
        let nested = data[path: "cmsRuns", "nodes", 0, "datasets", 0, "lumisectionRanges"]
        #expect(nested?.list.count == 602)
        #expect(nested == data[path: "cmsDataset", "lumisectionRanges"])
        #expect(nested?.list.last == .object(["start": .int(604), "end": .int(605), "triplets": .list([.object(["triplet": .object(["status": .string("GOOD")])])])]))
    }

    @Test func tripletSummaryCountsEveryLumisection() async throws {
        let f = try await CMSFixture.certification()
        let ls = try #require(try await LumisectionStore(database: CMSDatabase(pool: f.db.pool)).rrLumisections([Self.key])[Self.key])
        let summary = Dictionary(uniqueKeysWithValues: ls.summary.map { ($0.component, $0) })
        let dt = try #require(summary["dt-dt"])
        #expect(dt.count("GOOD") == 11 && dt.count("BAD") == 1 && dt.count("EMPTY") == 2)
        #expect(dt.comments == ["recovered", "HV trip"] && dt.causes == ["HV"])
        let csc = try #require(summary["csc-csc"])
        #expect(csc.count("GOOD") == 6 && csc.count("STANDBY") == 4 && csc.count("EMPTY") == 4)
        #expect(ls.summaryJSON[path: "csc-csc", "STANDBY"] == .int(4))
        #expect(ls.rangesJSON[path: "dt-dt", "GOOD"] == .list([.list([.int(1), .int(3)]), .list([.int(5), .int(10)]), .list([.int(13), .int(14)])]))
    }

    @Test func offlineDatasetsInheritOnlineOMSBits() async throws {
        let f = try await CMSFixture.certification()
        let offline = DatasetKey(runNumber: 1, name: "/PromptReco/X/DQM")
        let oms = try await LumisectionStore(database: CMSDatabase(pool: f.db.pool)).omsLumisections([Self.key, offline])
        let online = try #require(oms[Self.key]), inherited = try #require(oms[offline])
        #expect(online.map(\.number) == [1, 2, 3, 4, 5])
        #expect(online.map { $0.value["bpix_ready"] } == Array(repeating: .bool(true), count: 5))
        #expect(online.map { $0.value["beam1_stable"] } == [.bool(false), .bool(false), .bool(true), .bool(true), .bool(true)])
        #expect(inherited.map { $0.value["bpix_ready"] } == [.bool(true), .bool(true), .bool(true), .bool(false), .bool(true)])
        #expect(inherited[3].value["beam1_stable"] == .bool(true))
        // Ranges ignore luminosity, which differs at LS 3.
        #expect(OMSRanges.ranges(online).map { [$0.start, $0.end] } == [[1, 2], [3, 5]])
        #expect(OMSRanges.ranges(inherited).map { [$0.start, $0.end] } == [[1, 2], [3, 3], [4, 4], [5, 5]])
    }

    @Test func graphQLServesLumisectionsAndRanges() async throws {
        let f = try await CMSFixture.certification()
        let graph = try CMSGraph(pool: f.db.pool)
        let (data, errors) = try await graph.run("""
            { cmsDataset(runNumber: 1) {
                name
                lumisections(from: 3, to: 4) { number triplets(components: ["dt-dt"]) { component workspace column triplet { status rawStatus comment cause } } }
                gap: lumisections(from: 11, to: 11) { triplets { component triplet { status } } }
                lumisectionRanges { start end }
                componentRanges(components: ["csc-csc"]) { component start end triplet { status } }
              }
              offline: cmsDataset(runNumber: 1, name: "/PromptReco/X/DQM") { lumisections(from: 4, to: 4) { number oms } omsRanges { start end bits } }
              missing: cmsDataset(runNumber: 2) { name } }
            """)
        #expect(errors.isEmpty, "\(errors)")
        #expect(data[path: "cmsDataset", "lumisections", 0, "triplets", 0] == .object([
            "component": .string("dt-dt"), "workspace": .string("dt"), "column": .string("dt"),
            "triplet": .object(["status": .string("GOOD"), "rawStatus": .string("GOOD"), "comment": .string("recovered"), "cause": .string("")]),
        ]))
        #expect(data[path: "cmsDataset", "lumisections", 1, "triplets", 0, "triplet", "status"] == .string("BAD"))
        #expect(data[path: "cmsDataset", "gap", 0, "triplets"]?.list.map { $0[path: "triplet", "status"] } == [.string("EMPTY"), .string("EMPTY")])
        #expect(data[path: "cmsDataset", "lumisectionRanges"]?.list.count == 7)
        #expect(data[path: "cmsDataset", "componentRanges"]?.list.map { $0[path: "triplet", "status"]?.string ?? "" } == ["GOOD", "STANDBY", "GOOD", "EMPTY"])
        #expect(data[path: "offline", "lumisections", 0, "oms", "bpix_ready"] == .bool(false))
        #expect(data[path: "offline", "omsRanges"]?.list.count == 4)
        #expect(data[path: "missing"] == .null)
    }

    /// As `tripletSummary(components:)` does (this fixture has no triplet cache to show it).
    @Test func componentArgumentsLeaveOutComponentsTheDatasetDoesNotHave() async throws {
        let f = try await CMSFixture.certification()
        let graph = try CMSGraph(pool: f.db.pool)
        let (data, errors) = try await graph.run("""
            { cmsDataset(runNumber: 1) {
                componentRanges(components: ["foo-bar", "dt-dt"]) { component }
                lumisections(from: 3, to: 3) { triplets(components: ["foo-bar", "dt-dt"]) { component } }
                lumisectionRanges { triplets(components: ["foo-bar", "dt-dt"]) { component } }
                gap: lumisections(from: 11, to: 11) { triplets(components: ["foo-bar", "csc-csc"]) { component triplet { status } } }
              } }
            """)
        #expect(errors.isEmpty, "\(errors)")
        func components(_ items: JSONValue?) -> Set<String> { Set((items?.list ?? []).compactMap { $0[path: "component"]?.string }) }
        #expect(components(data[path: "cmsDataset", "componentRanges"]) == ["dt-dt"])
        #expect(components(data[path: "cmsDataset", "lumisections", 0, "triplets"]) == ["dt-dt"])
        for range in data[path: "cmsDataset", "lumisectionRanges"]?.list ?? [] { #expect(components(range[path: "triplets"]) == ["dt-dt"]) }
        // A component the dataset has is still EMPTY where nothing is assigned.
        #expect(data[path: "cmsDataset", "gap", 0, "triplets"] == .list([.object(["component": .string("csc-csc"), "triplet": .object(["status": .string("EMPTY")])])]))
    }
}
