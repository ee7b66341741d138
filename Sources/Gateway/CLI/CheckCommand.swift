// `runql check`: reaches each configured source once and says plainly what answered.

import Foundation
import Resolvers

enum CheckCommand {
    static func run(environment: [String: String]) async -> Int32 {
        var failures = 0
        if let uri = environment["RUNQL_MONGO_URI"] {
            do {
                let client = try MongoClient(uri: uri)
                try await client.ping()
                print("ok    MongoDB (XENON / XAMS runs) at \(uri)")
            } catch {
                print("FAIL  MongoDB at \(uri): \(error)")
                failures += 1
            }
        } else {
            print("skip  MongoDB: RUNQL_MONGO_URI is not set")
        }
        if let conninfo = environment["RUNQL_PG_CONNINFO"] {
            let pool = PostgresPool(PostgresConfiguration(conninfo: conninfo, maximumConnections: 1))
            do {
                let version = try await pool.query("SELECT version() AS v").rows.first?["v"]?.stringValue ?? "?"
                print("ok    PostgreSQL (CMS Run Registry) at \(conninfo): \(version)")
            } catch {
                print("FAIL  PostgreSQL at \(conninfo): \(error)")
                failures += 1
            }
        } else {
            print("skip  PostgreSQL: RUNQL_PG_CONNINFO is not set")
        }
        return failures == 0 ? 0 : 1
    }
}
