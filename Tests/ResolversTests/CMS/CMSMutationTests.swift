import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

@Suite struct CMSMutationTests {
    static let shifter = "maria.rossi@cern.ch"

    /// Run 100: class Collisions18, every certifiable online component GOOD on LS 1-10.
    /// Run 101: the same with nothing assigned at LS 5. Run 102: no class.
    static func fixture() async throws -> (CMSFixture, CMSGraph) {
        let f = try await CMSFixture.make()
        var all = JSONObject()
        for c in CMSMutations.certifiableOnline { all.append(key: c, value: try JSONParser.parse(CMSFixture.t("GOOD"))) }
        let text = JSONValue.object(all).jsonString
        for run in [100, 101, 102] {
            try await f.dataset(run, ["online"])
            let rr = run == 102 ? #"{"state":"OPEN"}"# : #"{"state":"OPEN","class":"Collisions18","significant":false}"#
            try await f.db.pool.query(#"UPDATE "Run" SET rr_attributes = $2::jsonb WHERE run_number = $1::int"#, [.int(run), .text(rr)])
            let v = try await f.version("auto@auto", "run")
            try await f.db.pool.query(#"INSERT INTO "RunEvent" (version, run_number, oms_metadata, rr_metadata) VALUES ($1::int, $2::int, '{}', $3::jsonb)"#,
                                      [.int(v), .int(run), .text(rr)])
            if run == 101 {
                try await f.rr(run, "online", text, 1...4, manual: false)
                try await f.rr(run, "online", text, 6...10, manual: false)
            } else {
                try await f.rr(run, "online", text, 1...10, manual: false)
            }
        }
        try await f.db.pool.query(#"INSERT INTO "Workspace" (workspace, online_or_offline) VALUES ('tracker', 'offline'), ('dt', 'offline'), ('dt', 'online'), ('tracker', 'online')"#)
        // Columns as the seed writes them: the online tracker's own copy of `track` is `track_private`.
        try await f.db.pool.query("""
            INSERT INTO "WorkspaceColumn" (id_workspace, name)
            SELECT w.id, c.name FROM "Workspace" w JOIN (VALUES ('tracker', 'offline', 'track'), ('tracker', 'offline', 'strip'),
                ('dt', 'offline', 'dt'), ('dt', 'online', 'dt'), ('tracker', 'online', 'strip'), ('tracker', 'online', 'track_private'))
                AS c (workspace, o, name) ON c.workspace = w.workspace AND c.o = w.online_or_offline
            """)
        try await f.db.pool.query("""
            INSERT INTO "DatasetsAccepted" (name, regexp, enabled, class, run_from, run_to) VALUES
            ('/PromptReco/Collisions2018A/DQM', '^/PromptReco/Collisions2018A/DQM$', true, 'Collisions18', 1, 1000),
            ('/PromptReco/Disabled/DQM', '.*', false, 'Collisions18', 1, 1000),
            ('/PromptReco/Cosmics18/DQM', '.*', true, 'Cosmics18', 1, 1000)
            """)
        return (f, try CMSGraph(pool: f.db.pool))
    }

    func count(_ f: CMSFixture, _ sql: String) async throws -> Int { try await f.db.pool.query(sql).rows.first?[0].intValue ?? -1 }

    @Test func movingARunChecksCertificationAndCreatesOfflineDatasets() async throws {
        let (f, g) = try await Self.fixture()
        let versions = try await count(f, #"SELECT count(*) FROM "Version""#)
        // LS 5 of run 101 is EMPTY in every component: refused, nothing written.
        var (data, errors) = try await g.run(#"mutation { moveCmsRun(runNumber: 101, to: SIGNOFF) { state } }"#, context: Self.shifter)
        #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"))
        #expect(errors.first?.message.contains("dt-dt (EMPTY in 1 lumisections)") == true, "\(errors)")
        (data, errors) = try await g.run(#"mutation { moveCmsRun(runNumber: 102, to: COMPLETED) { state } }"#, context: Self.shifter)
        #expect(errors.first?.message == "Run 102 has no class; set one before moving it to COMPLETED.")
        #expect(try await count(f, #"SELECT count(*) FROM "Version""#) == versions)

        (data, errors) = try await g.run("""
            mutation { moveCmsRun(runNumber: 100, to: SIGNOFF, change: {comment: "all good"}) {
                state rrAttributes datasets { name states { workspace state } } } }
            """, context: Self.shifter)
        #expect(errors.isEmpty, "\(errors)")
        #expect(data[path: "moveCmsRun", "state"] == .string("SIGNOFF"))
        #expect(data[path: "moveCmsRun", "datasets"]?.list.compactMap { $0[path: "name"]?.string } == ["/PromptReco/Collisions2018A/DQM", "online"])
        let states = data[path: "moveCmsRun", "datasets", 0, "states"]?.list ?? []
        #expect(states.map { $0[path: "workspace"]?.string ?? "" } == ["dt", "global", "tracker"])
        #expect(states.allSatisfy { $0[path: "state"] == .string("WAITING_DQM_GUI") })
        // History: one Version by the shifter with the comment, a manual run event, the dataset's event.
        let version = try #require(try await f.db.pool.query(#"SELECT "by", comment FROM "Version" ORDER BY atomic_version DESC LIMIT 1"#).rows.first)
        #expect(version[0] == .text(Self.shifter) && version[1] == .text("all good"))
        #expect(try await count(f, #"SELECT count(*) FROM "RunEvent" WHERE run_number = 100 AND manual_change AND rr_metadata->>'state' = 'SIGNOFF'"#) == 1)
        #expect(try await count(f, #"SELECT count(*) FROM "DatasetEvent" WHERE run_number = 100 AND name = '/PromptReco/Collisions2018A/DQM'"#) == 1)
        #expect(try await count(f, #"SELECT count(*) FROM "DatasetTripletCache" WHERE run_number = 100"#) == 1)

        // Edits need an OPEN run.
        (data, errors) = try await g.run("""
            mutation { editCmsLumisections(edit: {runNumber: 100, component: "dt-dt", start: 1, end: 2, status: BAD, comment: "HV trip"}) { name } }
            """, context: Self.shifter)
        #expect(errors.first?.message == "Run must be in state OPEN to be edited.")
        (data, errors) = try await g.run(#"mutation { changeCmsRunClass(runNumber: 100, class: "Cosmics18") { class } }"#, context: Self.shifter)
        #expect(errors.first?.message == "Run must be in state OPEN to be edited.")

        // The dataset's workspaces move on.
        (data, errors) = try await g.run("""
            mutation { moveCmsDataset(runNumber: 100, datasetName: "/PromptReco/Collisions2018A/DQM", workspace: "global", to: COMPLETED) {
                states { workspace state rawState } } }
            """, context: Self.shifter)
        #expect(errors.isEmpty, "\(errors)")
        #expect(data[path: "moveCmsDataset", "states", 1] == .object(["workspace": .string("global"), "state": .string("COMPLETED"), "rawState": .string("COMPLETED")]))
        (data, errors) = try await g.run(#"mutation { moveCmsDataset(runNumber: 100, datasetName: "/nope", workspace: "global", to: OPEN) { name } }"#)
        #expect(errors.first?.message == "Dataset /nope of run 100 does not exist.")
        (data, errors) = try await g.run(#"mutation { moveCmsDataset(runNumber: 100, datasetName: "online", workspace: "a b", to: OPEN) { name } }"#)
        #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"))
        // Back to OPEN needs no checks.
        (data, errors) = try await g.run(#"mutation { moveCmsRun(runNumber: 100, to: OPEN) { state } }"#)
        #expect(errors.isEmpty && data[path: "moveCmsRun", "state"] == .string("OPEN"))
        #expect(try await f.db.pool.query(#"SELECT "by" FROM "Version" ORDER BY atomic_version DESC LIMIT 1"#).rows.first?[0] == .text("api@runql"))
    }

    @Test func lumisectionEditsAreManualEventsThatWin() async throws {
        let (f, g) = try await Self.fixture()
        var (_, errors) = try await g.run("""
            mutation { editCmsLumisections(edit: {runNumber: 101, component: "dt-dt", start: 2, end: 3, status: BAD, comment: "ok"}) { name } }
            """, context: Self.shifter)
        #expect(errors.first?.message == "A BAD lumisection range needs a comment of at least 3 characters.")
        (_, errors) = try await g.run("""
            mutation { editCmsLumisections(edit: {runNumber: 101, component: "dt-dt", start: 2, end: 3, status: EMPTY}) { name } }
            """, context: Self.shifter)
        #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"))
        (_, errors) = try await g.run("""
            mutation { editCmsLumisections(edit: {runNumber: 101, component: "dt-dt", start: 3, end: 2, status: GOOD}) { name } }
            """, context: Self.shifter)
        #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"))
        (_, errors) = try await g.run("""
            mutation { editCmsLumisections(edit: {runNumber: 999, component: "dt-dt", start: 1, end: 2, status: GOOD}) { name } }
            """, context: Self.shifter)
        #expect(errors.first?.message == "Run 999 is not in the registry.")

        let (data, editErrors) = try await g.run("""
            mutation { editCmsLumisections(edit: {runNumber: 101, component: "dt-dt", start: 2, end: 6, status: BAD, comment: "HV trip", cause: "HV"}) {
                tripletSummary(components: ["dt-dt"]) { counts { rawStatus count } comments causes }
                lumisections(from: 4, to: 6) { number triplets(components: ["dt-dt", "csc-csc"]) { component triplet { status comment cause } } } } }
            """, context: Self.shifter)
        #expect(editErrors.isEmpty, "\(editErrors)")
        let counts = data[path: "editCmsLumisections", "tripletSummary", 0, "counts"]?.list.map { "\($0[path: "rawStatus"]?.string ?? "") \($0[path: "count"]?.int ?? 0)" }
        #expect(counts == ["GOOD 5", "BAD 5", "EMPTY 0"])
        #expect(data[path: "editCmsLumisections", "tripletSummary", 0, "comments"] == .list([.string("HV trip")]))
        // LS 5 had nothing: now dt-dt is BAD there and csc-csc stays EMPTY.
        let ls5 = data[path: "editCmsLumisections", "lumisections", 1, "triplets"]?.list ?? []
        #expect(ls5.map { $0[path: "triplet", "status"]?.string ?? "" } == ["BAD", "EMPTY"])
        #expect(ls5.first?[path: "triplet", "comment"] == .string("HV trip"))
        #expect(try await count(f, #"SELECT count(*) FROM "LumisectionEvent" WHERE run_number = 101 AND manual_change"#) == 1)
        #expect(try await count(f, #"SELECT count(*) FROM "LumisectionEventAssignation" a JOIN "LumisectionEvent" e USING (version) WHERE e.manual_change"#) == 5)

        // Significance and class are manual run events over the automatic ones.
        let (run, runErrors) = try await g.run("""
            mutation { a: markCmsRunSignificant(runNumber: 101) { significant } b: changeCmsRunClass(runNumber: 101, class: "Cosmics18", change: {comment: "cosmics after all"}) { class significant } }
            """, context: Self.shifter)
        #expect(runErrors.isEmpty, "\(runErrors)")
        #expect(run[path: "a", "significant"] == .bool(true))
        #expect(run[path: "b"] == .object(["class": .string("Cosmics18"), "significant": .bool(true)]))
        #expect(try await count(f, #"SELECT count(*) FROM "RunEvent" WHERE run_number = 101 AND manual_change"#) == 2)
    }
}
