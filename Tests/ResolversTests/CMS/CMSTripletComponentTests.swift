// Triplet components named in filters: `where.triplets` and rrFilter keys (`dt-dt`,
// `triplet_summary.dt-dt.GOOD`). A key that cannot be a component is refused while the filter is
// translated; a well-formed one is noted for the registry check, which refuses what the
// Workspace tables do not list. Each registry test uses a schema of its own.

import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

@Suite struct CMSTripletComponentTests {
    // MARK: Shape, while translating

    @Test(arguments: ["dt-dt", "tracker-track_private", "ctpps-rp45_210", "l1t-l1tcalo", "ecal-es"])
    func componentShapedKeysPass(component: String) throws {
        #expect(TripletComponent.hasShape(component))
        var sql = SQLBuilder()
        _ = try CMSFilter.run(["triplets": .list([.object(["component": .string(component), "status": .string("GOOD")])])], alias: "r", &sql)
        #expect(sql.tripletComponents == [component])
        let condition = try RRFilterTranslator(target: .runs).translate(.object([component: .string("GOOD")]))
        #expect(condition.tripletComponents == [component])
        let backend = try RRFilterTranslator(target: .runs).translate(.object(["triplet_summary.\(component).GOOD": .object([">": .int(0)])]))
        #expect(backend.tripletComponents == [component])
    }

    @Test(arguments: ["dt-dt'; --", "' OR '1'='1", "dt", "-dt", "dt-", "dt-dt\u{0}", "dt dt-x", "dt-dt\"", "ümlaut-x", String(repeating: "a", count: 99) + "-b"])
    func keysThatCannotBeComponentsAreRefusedInTypedFilters(component: String) throws {
        var sql = SQLBuilder()
        let filter: JSONObject = ["triplets": .list([.object(["component": .string(component), "status": .string("GOOD")])])]
        let error = try #require(throws: GraphQLError.self) { try CMSFilter.run(filter, alias: "r", &sql) }
        #expect(error.extensions?["code"] == .string("BAD_USER_INPUT"))
        #expect(error.message.hasPrefix("triplets: unknown triplet component \"\(component.prefix(80))"))
        #expect(error.message.contains("tripletSummary { component }"), "says how to list the valid ones")
        // Nested in a dataset filter's run and in not/or, the same.
        var datasetSQL = SQLBuilder()
        #expect(throws: GraphQLError.self) {
            try CMSFilter.dataset(["or": .list([.object(["run": .object(["not": .object(filter)])])])], alias: "d", run: "r", &datasetSQL)
        }
        #expect(throws: GraphQLError.self) { try CMSFilter.dataset(filter, alias: "d", run: "r", &datasetSQL) }
    }

    @Test(arguments: [
        #"{"dt-dt'; --": "GOOD"}"#, #"{"run_number; DROP TABLE \"Run\"; --": "GOOD"}"#, #"{"or": [{"x-y z": "GOOD"}]}"#,
        #"{"triplet_summary.dt-dt'.GOOD": {">": 0}}"#, #"{"triplet_summary.dt.GOOD": {">": 0}}"#,
    ])
    func keysThatCannotBeComponentsAreRefusedInRRFilters(filter: String) throws {
        for target in [RRFilterTarget.runs, .datasets] {
            let error = try #require(throws: GraphQLError.self) { try RRFilterTranslator(target: target).translate(try JSONParser.parse(filter)) }
            #expect(error.extensions?["code"] == .string("BAD_USER_INPUT"))
            #expect(error.message.hasPrefix("rrFilter: unknown triplet component \""), "\(error.message)")
            #expect(error.message.contains("{workspace}-{column}"))
        }
    }

    @Test func aLongKeyIsShownShortened() throws {
        let key = String(repeating: "x", count: 150) + "-y"
        let error = try #require(throws: GraphQLError.self) { try RRFilterTranslator(target: .runs).translate(.object([key: .string("GOOD")])) }
        #expect(error.message.contains(String(repeating: "x", count: 80) + "…\""))
        #expect(!error.message.contains(String(repeating: "x", count: 81)))
    }

    // MARK: Against the registry's Workspace tables

    /// A schema of its own with RR's tables and these workspace columns.
    static func registry(_ columns: [(workspace: String, column: String)]) async throws -> (CMSTestDatabase, CMSDatabase, StatementLog) {
        let db = try await CMSTestDatabase.make()
        for (workspace, column) in columns {
            _ = try await db.pool.query("""
                INSERT INTO "Workspace" (workspace, online_or_offline) SELECT $1, 'online'
                WHERE NOT EXISTS (SELECT 1 FROM "Workspace" WHERE workspace = $1)
                """, [.text(workspace)])
            _ = try await db.pool.query("""
                INSERT INTO "WorkspaceColumn" (id_workspace, name) SELECT id, $2 FROM "Workspace" WHERE workspace = $1
                """, [.text(workspace), .text(column)])
        }
        let log = StatementLog()
        return (db, CMSDatabase(pool: db.pool, observer: { log.append($0) }), log)
    }

    @Test func knownComponentsPassAndUnknownOnesAreRefusedWithSuggestions() async throws {
        let (db, database, log) = try await Self.registry([("dt", "dt"), ("tracker", "strip"), ("tracker", "track_private")])
        defer { Task { _ = try? await db.pool.query("DROP SCHEMA \(db.schema) CASCADE") } }
        #expect(try await TripletComponent.known(database) == ["dt-dt", "tracker-strip", "tracker-track_private"])
        try await TripletComponent.check(["dt-dt", "tracker-track_private"], in: database)

        let typo = try await #require(throws: GraphQLError.self) { try await TripletComponent.check(["dt-dt", "dt-dtx"], in: database) }
        #expect(typo.extensions?["code"] == .string("BAD_USER_INPUT"))
        #expect(typo.message.hasPrefix("unknown triplet component \"dt-dtx\": a component is {workspace}-{column}"))
        #expect(typo.message.hasSuffix(" Did you mean \"dt-dt\"?"))
        // Well-formed but of no workspace: refused, nothing suggested that is not close.
        let stranger = try await #require(throws: GraphQLError.self) { try await TripletComponent.check(["hcal-hf"], in: database) }
        #expect(stranger.message.contains("\"hcal-hf\""))
        #expect(!stranger.message.contains("Did you mean"))
        // Nothing to check: no statement.
        log.reset()
        try await TripletComponent.check([], in: database)
        #expect(log.count == 0)
    }

    @Test func aRegistryWithoutWorkspaceRowsCannotTellAndLetsKeysThrough() async throws {
        let (db, database, _) = try await Self.registry([])
        defer { Task { _ = try? await db.pool.query("DROP SCHEMA \(db.schema) CASCADE") } }
        try await TripletComponent.check(["dt-dt", "anything-else"], in: database)
    }

    @Test func theSeededRegistryKnowsEveryComponentItsRunsAndDatasetsHave() async throws {
        let pool = try await CMSTestDatabase.seeded.value.0.pool
        let database = CMSDatabase(pool: pool)
        let known = try await TripletComponent.known(database)
        let present = try await pool.query(#"SELECT DISTINCT jsonb_object_keys(triplet_summary) FROM "DatasetTripletCache""#)
        let components = Set(present.rows.compactMap { $0[0].stringValue })
        #expect(!components.isEmpty)
        #expect(components.subtracting(known).isEmpty, "components in the cache but not in the Workspace tables: \(components.subtracting(known).sorted())")
        #expect(known.allSatisfy(TripletComponent.hasShape))
    }
}
