import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

private func pool(maximumConnections: Int = 4, acquireTimeout: Double = 5, statementTimeout: Double = 30) throws -> PostgresPool {
    PostgresPool(PostgresConfiguration(
        conninfo: try TestServices.postgresConnInfo, maximumConnections: maximumConnections,
        acquireTimeout: acquireTimeout, statementTimeout: statementTimeout))
}

@Suite struct PostgresConnectorTests {
    @Test func decodesEveryColumnType() async throws {
        let db = try pool()
        let result = try await db.query("""
            SELECT 1::int2 AS i2, 2::int4 AS i4, 9007199254740993::int8 AS i8, 1.5::float4 AS f4, 0.1::float8 AS f8,
                   'NaN'::float8 AS nan, 12345.678901234567890::numeric AS num, 'text ü'::text AS t, true AS b,
                   '{"a":[1,2.5,null],"b":"x"}'::json AS j, '{"z":1}'::jsonb AS jb,
                   '2018-05-01 12:00:00.25+02'::timestamptz AS ts, int4range(1, 10) AS r, 'empty'::int4range AS er,
                   int4range(NULL, 5) AS open_r, NULL::int4 AS nothing
            """)
        let row = try #require(result.rows.first)
        #expect(row["i2"] == .int(1))
        #expect(row["i4"] == .int(2))
        #expect(row["i8"] == .int(9_007_199_254_740_993))
        #expect(row["f4"] == .double(1.5))
        #expect(row["f8"] == .double(0.1))
        #expect(row["nan"]?.doubleValue?.isNaN == true)
        #expect(row["num"] == .numeric("12345.678901234567890"))
        #expect(row["t"] == .text("text ü"))
        #expect(row["b"] == .bool(true))
        #expect(row["j"] == .json(.object(["a": .list([.int(1), .double(2.5), .null]), "b": .string("x")])))
        #expect(row["jb"] == .json(.object(["z": .int(1)])))
        #expect(row["ts"] == .timestamp(Date(timeIntervalSince1970: 1_525_168_800.25)))
        #expect(row["r"] == .int4Range(PostgresInt4Range(lower: 1, upper: 10)))
        #expect(row["er"] == .int4Range(.empty))
        #expect(row["open_r"] == .int4Range(PostgresInt4Range(lower: nil, upper: 5)))
        #expect(row["nothing"] == .null)
        #expect(result.columns.count == 16)
    }

    @Test func decodesArrays() async throws {
        let db = try pool()
        let row = try #require(try await db.query("""
            SELECT ARRAY[1,2,NULL]::int4[] AS ints, ARRAY['a b','c"d','NULL',NULL]::text[] AS texts,
                   ARRAY[true,false] AS bools, ARRAY[1.5,2]::float8[] AS floats, ARRAY[1.10]::numeric[] AS nums,
                   ARRAY['{"k":1}'::jsonb] AS docs, ARRAY[int4range(1,3), int4range(5,7)] AS ranges,
                   ARRAY['2020-01-01 00:00:00+00'::timestamptz] AS times, ARRAY[[1,2],[3,4]]::int8[] AS grid,
                   '{}'::int4[] AS empty
            """).rows.first)
        #expect(row["ints"] == .array([.int(1), .int(2), .null]))
        #expect(row["texts"] == .array([.text("a b"), .text("c\"d"), .text("NULL"), .null]))
        #expect(row["bools"] == .array([.bool(true), .bool(false)]))
        #expect(row["floats"] == .array([.double(1.5), .double(2)]))
        #expect(row["nums"] == .array([.numeric("1.10")]))
        #expect(row["docs"] == .array([.json(.object(["k": .int(1)]))]))
        #expect(row["ranges"] == .array([.int4Range(PostgresInt4Range(lower: 1, upper: 3)), .int4Range(PostgresInt4Range(lower: 5, upper: 7))]))
        #expect(row["times"] == .array([.timestamp(Date(timeIntervalSince1970: 1_577_836_800))]))
        #expect(row["grid"] == .array([.array([.int(1), .int(2)]), .array([.int(3), .int(4)])]))
        #expect(row["empty"] == .array([]))
    }

    @Test func parametersAreSentAsValuesNeverAsSQL() async throws {
        let db = try pool()
        let table = TestServices.uniqueName("runs")
        try await db.query("CREATE TABLE \(table) (run_number int PRIMARY KEY, class text, lumis int4range, tags text[], oms jsonb, started timestamptz)")
        let hostile = "Collisions'; DROP TABLE \(table); --"
        let started = Date(timeIntervalSince1970: 1_530_000_000.5)
        try await db.query(
            "INSERT INTO \(table) VALUES ($1, $2, $3, $4, $5, $6)",
            [.int(315_000), .text(hostile), .int4Range(PostgresInt4Range(lower: 1, upper: 100)), .array([.text("a,b"), .text("q\"x"), .null]),
             .json(.object(["b_field": .double(3.8)])), .timestamp(started)])
        let rows = try await db.query("SELECT * FROM \(table) WHERE class = $1 AND run_number = ANY($2)", [.text(hostile), .array([.int(315_000)])]).rows
        #expect(rows.count == 1)
        #expect(rows.first?["tags"] == .array([.text("a,b"), .text("q\"x"), .null]))
        #expect(rows.first?["oms"] == .json(.object(["b_field": .double(3.8)])))
        #expect(rows.first?["started"] == .timestamp(started))
        #expect(rows.first?["lumis"] == .int4Range(PostgresInt4Range(lower: 1, upper: 100)))
        let update = try await db.query("UPDATE \(table) SET class = $1 WHERE run_number = $2", [.text("Cosmics"), .int(315_000)])
        #expect(update.affectedRows == 1)
        try await db.query("DROP TABLE \(table)")
    }

    @Test func transactionsCommitOrRollBackWhole() async throws {
        let db = try pool()
        let table = TestServices.uniqueName("tx")
        try await db.query("CREATE TABLE \(table) (id int PRIMARY KEY, state text)")
        try await db.transaction { (tx) throws(PostgresError) in
            try tx.query("INSERT INTO \(table) VALUES (1, 'OPEN')")
            try tx.query("INSERT INTO \(table) VALUES (2, 'OPEN')")
        }
        do {
            try await db.transaction { (tx) throws(PostgresError) in
                try tx.query("UPDATE \(table) SET state = 'SIGNOFF' WHERE id = 1")
                try tx.query("INSERT INTO \(table) VALUES (2, 'duplicate')")
            }
            Issue.record("a duplicate key committed")
        } catch {
            #expect(error.isUniqueViolation)
        }
        let states = try await db.query("SELECT state FROM \(table) ORDER BY id").rows.map { $0["state"] }
        #expect(states == [.text("OPEN"), .text("OPEN")])
        try await db.query("DROP TABLE \(table)")
    }

    @Test func statementTimeoutCancelsTheStatement() async throws {
        let db = try pool(statementTimeout: 0.2)
        await #expect(throws: PostgresError.self) { try await db.query("SELECT pg_sleep(5)") }
        do {
            _ = try await db.query("SELECT pg_sleep(5)")
        } catch {
            guard case .statementTimeout = error else { Issue.record("expected .statementTimeout, got \(error)"); return }
        }
        // A per-call timeout overrides the default, and the connection stays usable.
        #expect(try await db.query("SELECT pg_sleep(0.3), 1 AS one", timeout: 5).rows.first?["one"] == .int(1))
    }

    @Test func poolWaitsAtMostItsAcquireTimeout() async throws {
        let db = try pool(maximumConnections: 1, acquireTimeout: 0.2)
        let marker = TestServices.uniqueName("holder")
        // Held until the test cancels it, so a slow machine cannot let it finish early.
        async let holder = db.query("SELECT pg_sleep(60) AS \(marker)")
        // Wait (on another pool) until the holder's statement runs on the server: ordered by
        // what the server reports, not by sleeping.
        let observer = try pool()
        while try await observer.query("SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE $1 AND state = 'active'",
                                       [.text("%AS \(marker)%")]).rows.first?["n"] != .int(1) {
            try await Task.sleep(for: .milliseconds(10))
        }
        do {
            _ = try await db.query("SELECT 1")
            Issue.record("a second connection was handed out beyond the maximum")
        } catch {
            #expect(error == .poolTimeout(seconds: 0.2))
        }
        _ = try await observer.query(
            "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE $1 AND state = 'active'", [.text("%AS \(marker)%")])
        _ = try? await holder
        #expect(try await db.query("SELECT 1 AS one").rows.first?["one"] == .int(1))
    }

    @Test func serverDownGivesAConnectionError() async throws {
        let db = PostgresPool(PostgresConfiguration(conninfo: "host=127.0.0.1 port=\(TestServices.closedPort()) user=postgres connect_timeout=2"))
        do {
            _ = try await db.query("SELECT 1")
            Issue.record("a query succeeded against a closed port")
        } catch {
            guard case .connection = error else { Issue.record("expected .connection, got \(error)"); return }
        }
    }

    @Test func reconnectsAfterTheServerRestarts() async throws {
        let cluster = try PrivatePostgresCluster()
        defer { cluster.destroy() }
        let db = PostgresPool(PostgresConfiguration(conninfo: cluster.conninfo, maximumConnections: 2))
        #expect(try await db.query("SELECT 1 AS one").rows.first?["one"] == .int(1))
        try cluster.stop()
        do {
            _ = try await db.query("SELECT 1")
            Issue.record("a query succeeded while the server was down")
        } catch {
            guard case .connection = error else { Issue.record("expected .connection, got \(error)"); return }
        }
        try cluster.start()
        #expect(try await db.query("SELECT 2 AS two").rows.first?["two"] == .int(2))
    }

    @Test func malformedInputGivesTypedErrorsAndChangesNothing() async throws {
        let db = try pool()
        do {
            _ = try await db.query("SELEC 1")
            Issue.record("bad SQL was accepted")
        } catch {
            guard case .server(let state, _, _) = error else { Issue.record("expected .server, got \(error)"); return }
            #expect(state == "42601")
        }
        await #expect(throws: PostgresError.invalidValue("\"abc\" is not a number")) {
            try await db.query("SELECT $1::numeric", [.numeric("abc")])
        }
        await #expect(throws: PostgresError.nulCharacter) {
            try await db.query("SELECT $1::text", [.text("a\u{0}b")])
        }
        // Inside arrays and JSON too (jsonb refuses \u0000 as text refuses the byte).
        await #expect(throws: PostgresError.nulCharacter) {
            try await db.query("SELECT $1::text[]", [.array([.text("ok"), .text("a\u{0}b")])])
        }
        await #expect(throws: PostgresError.nulCharacter) {
            try await db.query("SELECT $1::jsonb", [.json(.object(["k": .list([.string("a\u{0}b")])]))])
        }
        await #expect(throws: PostgresError.nulCharacter) {
            try await db.query("SELECT $1::jsonb", [.json(.object(["a\u{0}b": .null]))])
        }
        do {
            _ = try await db.query("SELECT $1::int4", [.text("not a number")])
            Issue.record("a bad integer was accepted")
        } catch {
            guard case .server(let state, _, _) = error else { Issue.record("expected .server, got \(error)"); return }
            #expect(state == "22P02")
        }
        let bad = PostgresPool(PostgresConfiguration(conninfo: "this is = not valid"))
        await #expect(throws: PostgresError.self) { try await bad.query("SELECT 1") }
    }

    @Test func textFormatParsers() throws {
        #expect(PostgresTextFormat.parseTimestamp("1970-01-01 00:00:00+00") == Date(timeIntervalSince1970: 0))
        #expect(PostgresTextFormat.parseTimestamp("2000-02-29 23:59:59.5-05:30") == Date(timeIntervalSince1970: 951_888_599.5))
        #expect(PostgresTextFormat.parseTimestamp("garbage") == nil)
        #expect(throws: PostgresError.self) { _ = try PostgresTextFormat.parseRange("[a,b)") }
        #expect(throws: PostgresError.self) { _ = try PostgresTextFormat.parseArray("{1,2", element: PostgresType.int4) }
        #expect(throws: PostgresError.self) { _ = try PostgresTextFormat.decode("x", type: PostgresType.int4) }
        #expect(throws: PostgresError.self) { _ = try PostgresTextFormat.decode("{bad json", type: PostgresType.jsonb) }
    }
}

@Suite struct PostgresTimeoutTests {
    @Test func hungServerGivesAConnectionErrorWithinConnectTimeout() async throws {
        let silent = SilentListener()
        let db = PostgresPool(PostgresConfiguration(conninfo: "host=127.0.0.1 port=\(silent.port) user=postgres connect_timeout=1"))
        do {
            _ = try await db.query("SELECT 1")
            Issue.record("a query against a silent server succeeded")
        } catch {
            guard case .connection(let message) = error else { Issue.record("expected .connection, got \(error)"); return }
            #expect(message.contains("timeout"))
        }
        withExtendedLifetime(silent) {}
    }
}
