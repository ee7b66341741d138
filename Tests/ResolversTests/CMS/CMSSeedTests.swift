import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

@Suite struct CMSSeedTests {
    @Test func sha1MatchesKnownDigests() {
        #expect(SHA1.hex("".utf8) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(SHA1.hex("abc".utf8) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(SHA1.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(SHA1.hex(String(repeating: "a", count: 1000).utf8) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    }

    @Test func defaultScaleIsRealisticAndConsistent() async throws {
        let (db, report) = try await CMSTestDatabase.seeded.value
        print("CMS seed:", report)
        #expect((60...100).contains(report.runs))
        let avg = Double(report.lumisections) / Double(report.runs)
        #expect((380...650).contains(avg))
        let counts = try #require(try await db.pool.query("""
            SELECT (SELECT count(*) FROM "Run"), (SELECT count(*) FROM "Dataset"), (SELECT count(*) FROM "DatasetTripletCache"),
                   (SELECT count(*) FROM "Dataset" WHERE name = 'online'),
                   (SELECT count(*) FROM "LumisectionEventAssignation"), (SELECT count(*) FROM "JSONBDeduplication"),
                   (SELECT count(DISTINCT unique_hash) FROM "JSONBDeduplication"),
                   (SELECT count(*) FROM "Version" WHERE "by" <> 'auto@auto'),
                   (SELECT count(*) FROM "LumisectionEvent" WHERE manual_change),
                   (SELECT count(*) FROM "Cycle"), (SELECT count(*) FROM "CycleDataset"), (SELECT count(*) FROM "DatasetsAccepted"),
                   (SELECT count(*) FROM "WorkspaceColumn")
            """).rows.first)
        #expect(counts[0].intValue == report.runs)
        #expect(counts[1].intValue == report.datasets)
        #expect(counts[2].intValue == report.datasets)
        #expect(counts[3].intValue == report.runs)
        #expect(counts[4].intValue == report.lumisectionAssignations)
        #expect(counts[5] == counts[6])
        #expect((counts[7].intValue ?? 0) > 0)
        #expect((counts[8].intValue ?? 0) > 0)
        #expect(counts[9].intValue == 2)
        #expect((counts[10].intValue ?? 0) > 0)
        #expect((counts[11].intValue ?? 0) > 5)
        #expect((counts[12].intValue ?? 0) > 80)
        // The client tests' fixture run and dataset.
        let fixture = try await db.pool.query(#"SELECT name FROM "Dataset" WHERE run_number = 327743 ORDER BY name"#)
        #expect(fixture.rows.compactMap { $0[0].stringValue } == ["/PromptReco/HICosmics18A/DQM", "online"])
        // The deduplication hash is the SHA-1 of the stored JSON text.
        let doc = try #require(try await db.pool.query(#"SELECT jsonb::text, unique_hash FROM "JSONBDeduplication" ORDER BY id LIMIT 1"#).rows.first)
        #expect(doc[1].stringValue?.count == 40)
        // "Run" is the merge of its events: manual changes over automatic ones.
        let mismatched = try await db.pool.query("""
            SELECT r.run_number FROM "Run" r JOIN (
                SELECT run_number, mergejsonb(rr_metadata ORDER BY manual_change, version) AS rr, mergejsonb(oms_metadata ORDER BY version) AS oms
                FROM "RunEvent" GROUP BY run_number) e USING (run_number)
            WHERE r.rr_attributes <> e.rr OR r.oms_attributes <> e.oms
            """)
        #expect(mismatched.rows.isEmpty)
        let states = try await db.pool.query(#"SELECT DISTINCT rr_attributes->>'state' FROM "Run" ORDER BY 1"#)
        #expect(states.rows.compactMap { $0[0].stringValue } == ["COMPLETED", "OPEN", "SIGNOFF"])
    }

    @Test func sameScaleGivesIdenticalData() async throws {
        let a = try await CMSTestDatabase.make(), b = try await CMSTestDatabase.make()
        _ = try await CMSSeeder(pool: a.pool).seed(scale: 1)
        _ = try await CMSSeeder(pool: b.pool).seed(scale: 1)
        // Seeding again with reset gives the same rows too.
        _ = try await CMSSeeder(pool: b.pool).seed(scale: 1)
        let digest = """
            SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
                SELECT format('%s %s %s', run_number, oms_attributes, rr_attributes) AS x FROM "Run"
                UNION ALL SELECT format('%s %s %s %s', run_number, name, dataset_attributes, datasets_in_gui) FROM "Dataset"
                UNION ALL SELECT format('%s %s %s %s %s', run_number, name, triplet_summary, rr_ranges, dcs_summary) FROM "DatasetTripletCache"
                UNION ALL SELECT format('%s %s %s %s', atomic_version, "by", comment, "createdAt") FROM "Version"
                UNION ALL SELECT format('%s %s', id, unique_hash) FROM "JSONBDeduplication"
                UNION ALL SELECT format('%s %s', version, lumisection_number) FROM "LumisectionEventAssignation"
                UNION ALL SELECT format('%s %s %s %s', version, run_number, name, lumisection_metadata_id) FROM "OMSLumisectionEvent") t
            """
        let da = try await a.pool.query(digest).rows.first?[0]
        let db = try await b.pool.query(digest).rows.first?[0]
        #expect(da != nil && da == db)
        // Adding the same runs again without a reset is refused and writes nothing.
        let versions = try await b.pool.query(#"SELECT count(*) FROM "Version""#).rows.first?[0]
        await #expect(throws: CMSSeedError.self) { try await CMSSeeder(pool: b.pool).seed(scale: 1, reset: false) }
        #expect(try await b.pool.query(#"SELECT count(*) FROM "Version""#).rows.first?[0] == versions)
        await #expect(throws: CMSSeedError.self) { try await CMSSeeder(pool: b.pool).seed(scale: 0) }
    }
}
