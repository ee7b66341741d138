// A PostgreSQL schema of its own for each CMS test (or one seeded schema shared by the read-only
// query tests), on the server scripts/services.sh started.

import Foundation
import GraphQLKit
@testable import Resolvers

struct CMSTestDatabase: Sendable {
    let pool: PostgresPool
    let schema: String

    /// A fresh, empty schema that the pool's connections use as their search path.
    static func make(migrated: Bool = true) async throws -> CMSTestDatabase {
        let conninfo = try TestServices.postgresConnInfo
        let schema = TestServices.uniqueName("cms")
        let admin = PostgresPool(PostgresConfiguration(conninfo: conninfo, maximumConnections: 1))
        try await admin.query("CREATE SCHEMA \(schema)")
        let pool = PostgresPool(PostgresConfiguration(
            conninfo: conninfo + " options='-csearch_path=\(schema)'", maximumConnections: 4, statementTimeout: 120))
        if migrated { try await CMSMigrations.apply(pool) }
        return CMSTestDatabase(pool: pool, schema: schema)
    }

    /// One schema with the default-scale demo registry, seeded once per test process.
    static let seeded: Task<(CMSTestDatabase, CMSSeedReport), any Error> = Task {
        let db = try await make()
        let report = try await CMSSeeder(pool: db.pool).seed()
        return (db, report)
    }
}
