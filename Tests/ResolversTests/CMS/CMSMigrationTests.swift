import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

@Suite struct CMSMigrationTests {
    static let rrTables = [
        "Run", "Dataset", "DatasetTripletCache", "Version", "Event", "RunEvent", "DatasetEvent", "LumisectionEvent",
        "LumisectionEventAssignation", "OMSLumisectionEvent", "OMSLumisectionEventAssignation", "JSONBDeduplication",
        "Workspace", "WorkspaceColumn", "Cycle", "CycleDataset", "DatasetsAccepted",
    ]

    @Test func createsRRTablesWithTheirExactNamesAndIsIdempotent() async throws {
        let db = try await CMSTestDatabase.make()
        try await CMSMigrations.apply(db.pool)
        try await CMSMigrations.applyRunQLIndexes(db.pool)
        try await CMSMigrations.applyRunQLIndexes(db.pool)
        let tables = try await db.pool.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name", [.text(db.schema)])
        #expect(Set(tables.rows.compactMap { $0[0].stringValue }) == Set(Self.rrTables))
        let columns = try await db.pool.query("""
            SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'Version' ORDER BY ordinal_position
            """, [.text(db.schema)])
        #expect(columns.rows.compactMap { $0[0].stringValue } == ["atomic_version", "by", "comment", "createdAt", "updatedAt"])
        #expect(columns.rows.last?[1] == .text("timestamp with time zone"))
        let keys = try await db.pool.query("""
            SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = '"LumisectionEventAssignation"'::regclass AND i.indisprimary ORDER BY a.attname
            """)
        #expect(keys.rows.compactMap { $0[0].stringValue } == ["lumisection_number", "version"])
    }

    @Test func mergejsonbIsRRsShallowMergeInOrder() async throws {
        let db = try await CMSTestDatabase.make()
        let row = try #require(try await db.pool.query("""
            SELECT mergejsonb(j ORDER BY o) FROM (VALUES (2, '{"a":{"x":2},"c":3}'::jsonb), (1, '{"a":{"x":1,"y":1},"b":1}'::jsonb)) AS t (o, j)
            """).rows.first)
        #expect(row[0] == .json(.object(["a": .object(["x": .int(2)]), "b": .int(1), "c": .int(3)])))
    }
}
