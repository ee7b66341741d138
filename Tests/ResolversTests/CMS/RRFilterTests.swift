// RR's filter language against PostgreSQL: both the backend's and the Python client's forms,
// every operator, the backend's coercions (ILIKE, numeric and boolean literals), and refusals.
// Each test works in a schema of its own holding just the columns filters read.

import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

@Suite struct RRFilterTests {
    struct Tables {
        let pool: PostgresPool
        let schema: String

        static func make() async throws -> Tables {
            let pool = PostgresPool(PostgresConfiguration(conninfo: try TestServices.postgresConnInfo, maximumConnections: 2))
            let schema = TestServices.uniqueName("t_rrfilter")
            let s = "\"\(schema)\""
            for statement in [
                "CREATE SCHEMA \(s)",
                #"CREATE TABLE \#(s)."Run" (run_number integer PRIMARY KEY, oms_attributes jsonb NOT NULL, rr_attributes jsonb NOT NULL, deleted boolean NOT NULL DEFAULT false)"#,
                #"CREATE TABLE \#(s)."Dataset" (run_number integer, name text, dataset_attributes jsonb NOT NULL, datasets_in_gui jsonb NOT NULL DEFAULT '[]', deleted boolean NOT NULL DEFAULT false, PRIMARY KEY (run_number, name))"#,
                #"CREATE TABLE \#(s)."DatasetTripletCache" (run_number integer, name text, triplet_summary jsonb, PRIMARY KEY (run_number, name))"#,
            ] { _ = try await pool.query(statement) }
            let runs: [(Int, String, String)] = [
                (309100, #"{"energy": 6500, "b_field": 3.8, "hlt_key": "/cdaq/physics/Commissioning2018/v1.0", "cms_included": true}"#,
                 #"{"class": "Commissioning18", "significant": true, "state": "COMPLETED", "stop_reason": null}"#),
                (309200, #"{"energy": "6500", "b_field": 0.02, "hlt_key": "/cdaq/cosmic/CRUZET/v2", "cms_included": false}"#,
                 #"{"class": "Cosmics18CRUZET", "significant": false, "state": "SIGNOFF", "stop_reason": "magnet ramp"}"#),
                (315257, #"{"energy": "n/a", "b_field": 3.8, "hlt_key": "/cdaq/physics/Run2018/2e34/v3.6.1/HLT/V2", "cms_included": true}"#,
                 #"{"class": "Collisions18", "significant": true, "state": "OPEN"}"#),
                (327743, #"{"energy": 2510, "b_field": 3.8, "hlt_key": "/cdaq/cosmic/HICosmics18A/v1"}"#,
                 #"{"class": "Cosmics18", "significant": true, "state": "OPEN"}"#),
            ]
            for (number, oms, rr) in runs {
                _ = try await pool.query(#"INSERT INTO \#(s)."Run" VALUES ($1, $2::jsonb, $3::jsonb)"#, [.int(number), .text(oms), .text(rr)])
                let summary = number == 309200 ? #"{"dt-dt": {"BAD": 12, "GOOD": 400}}"# : number == 327743 ? #"{"dt-dt": {"EMPTY": 95}}"# : #"{"dt-dt": {"GOOD": 480}}"#
                _ = try await pool.query(#"INSERT INTO \#(s)."DatasetTripletCache" VALUES ($1, 'online', $2::jsonb)"#, [.int(number), .text(summary)])
                _ = try await pool.query(#"INSERT INTO \#(s)."Dataset" VALUES ($1, 'online', '{"global_state": "OPEN"}', '[]')"#, [.int(number)])
            }
            _ = try await pool.query(#"INSERT INTO \#(s)."Dataset" VALUES (309200, '/PromptReco/Cosmics18CRUZET/DQM', '{"global_state": "COMPLETED", "csc_state": "SIGNOFF"}', '["DQM GUI"]')"#)
            _ = try await pool.query(#"INSERT INTO \#(s)."Dataset" VALUES (327743, '/PromptReco/HICosmics18A/DQM', '{"global_state": "OPEN"}', '["DBS", "DQM GUI"]')"#)
            return Tables(pool: pool, schema: schema)
        }

        func drop() async { _ = try? await pool.query("DROP SCHEMA \"\(schema)\" CASCADE") }

        func runs(_ filter: String) async throws -> [Int] {
            let condition = try RRFilterTranslator(target: .runs).translate(try JSONParser.parse(filter))
            let s = "\"\(schema)\""
            let result = try await pool.query(#"""
                SELECT "Run".run_number FROM \#(s)."Run" AS "Run"
                LEFT JOIN \#(s)."DatasetTripletCache" AS "DatasetTripletCache"
                  ON "DatasetTripletCache".run_number = "Run".run_number AND "DatasetTripletCache".name = 'online'
                WHERE NOT "Run".deleted AND \#(condition.text) ORDER BY 1
                """#, condition.parameters)
            return result.rows.compactMap { $0["run_number"]?.intValue }
        }

        func datasets(_ filter: String) async throws -> [String] {
            let condition = try RRFilterTranslator(target: .datasets).translate(try JSONParser.parse(filter))
            let s = "\"\(schema)\""
            let result = try await pool.query(#"""
                SELECT "Dataset".run_number || ' ' || "Dataset".name AS id FROM \#(s)."Dataset" AS "Dataset"
                JOIN \#(s)."Run" AS "Run" ON "Run".run_number = "Dataset".run_number
                LEFT JOIN \#(s)."DatasetTripletCache" AS "DatasetTripletCache"
                  ON "DatasetTripletCache".run_number = "Dataset".run_number AND "DatasetTripletCache".name = "Dataset".name
                WHERE NOT "Dataset".deleted AND \#(condition.text) ORDER BY 1
                """#, condition.parameters)
            return result.rows.compactMap { $0["id"]?.stringValue }
        }
    }

    @Test func backendFormWithTheBackendsSemantics() async throws {
        let t = try await Tables.make()
        defer { Task { await t.drop() } }
        #expect(try await t.runs(#"{"run_number": {"and": [{">": 309000}, {"<": 310000}]}}"#) == [309100, 309200])
        // The client README's raw filter: like is case-insensitive.
        #expect(try await t.runs(#"{"oms_attributes.hlt_key": {"like": "%commissioning2018%"}, "triplet_summary.dt-dt.GOOD": {">": 0}}"#) == [309100])
        // A numeric literal compares numbers, whether the JSON holds 6500 or "6500"; "n/a" never matches.
        #expect(try await t.runs(#"{"oms_attributes.energy": {">=": 6000}}"#) == [309100, 309200])
        #expect(try await t.runs(#"{"oms_attributes.energy": {"<": 6000}}"#) == [327743])
        #expect(try await t.runs(#"{"rr_attributes.significant": {"=": true}}"#) == [309100, 315257, 327743])
        #expect(try await t.runs(#"{"rr_attributes.class": {"<>": "Collisions18"}}"#) == [309100, 309200, 327743])
        #expect(try await t.runs(#"{"rr_attributes.stop_reason": {"=": null}}"#) == [309100, 315257, 327743])
        #expect(try await t.runs(#"{"rr_attributes.stop_reason": {"<>": null}}"#) == [309200])
        #expect(try await t.runs(#"{"oms_attributes.hlt_key": {"notlike": "%COSMIC%"}}"#) == [309100, 315257])
        #expect(try await t.runs(#"{"oms_attributes.hlt_key": {"NOTLIKE": "%COSMIC%"}}"#) == [309100, 309200, 315257, 327743])
        #expect(try await t.runs(#"{"or": [{"run_number": {"=": 315257}}, {"oms_attributes.b_field": {"<": 1}}]}"#) == [309200, 315257])
        // An `or` mixing run and triplet conditions keeps its meaning.
        #expect(try await t.runs(#"{"or": [{"triplet_summary.dt-dt.BAD": {">": 0}}, {"rr_attributes.class": {"like": "cosmics18"}}]}"#) == [309200, 327743])
        #expect(try await t.runs(#"{"run_number": {"or": [{"=": 309100}, {"=": 327743}]}}"#) == [309100, 327743])
        #expect(try await t.runs("{}") == [309100, 309200, 315257, 327743])
    }

    @Test func pythonClientForm() async throws {
        let t = try await Tables.make()
        defer { Task { await t.drop() } }
        #expect(try await t.runs(#"{"class": "Collisions18"}"#) == [315257])
        #expect(try await t.runs(#"{"dt-dt": "bad"}"#) == [309200])
        #expect(try await t.runs(#"{"dt-dt": "GOOD", "run_number": {"and": [{">": 309000}, {"<": 310000}]}}"#) == [309100, 309200])
        #expect(try await t.runs(#"{"energy": {">": 6000}, "cms_included": true}"#) == [309100])
        #expect(try await t.runs(#"{"run_number": {"or": [309200, {"=": 315257}]}}"#) == [309200, 315257])
        #expect(try await t.datasets(#"{"dataset_name": {"like": "%/PromptReco/Cosmics18CRUZET%"}, "global_state": {"like": "completed"}, "run_number": {"and": [{">": 309000}, {"<": 310000}]}}"#) == ["309200 /PromptReco/Cosmics18CRUZET/DQM"])
        #expect(try await t.datasets(#"{"name": {"<>": "online"}, "dataset_attributes.global_state": {"and": [{"or": [{"=": "OPEN"}, {"=": "SIGNOFF"}, {"=": "COMPLETED"}]}]}}"#) == ["309200 /PromptReco/Cosmics18CRUZET/DQM", "327743 /PromptReco/HICosmics18A/DQM"])
        #expect(try await t.datasets(#"{"datasets_in_gui": {"contains": ["DBS"]}}"#) == ["327743 /PromptReco/HICosmics18A/DQM"])
    }

    @Test func valuesAndKeysNeverBecomeSQL() async throws {
        let t = try await Tables.make()
        defer { Task { await t.drop() } }
        #expect(try await t.runs(#"{"oms_attributes.x'); DROP TABLE \"Run\"; --": {"=": "1' OR '1'='1"}}"#) == [])
        #expect(try await t.runs(#"{"rr_attributes.class": "x' OR 'a'='a"}"#) == [])
        #expect(try await t.runs("{}").count == 4)
    }

    @Test(arguments: [
        (#"[1]"#, "rrFilter: a filter must be a JSON object, e.g. {\"run_number\": {\">\": 315000}}"),
        (#"{"run_number": {"$where": "1"}}"#, "rrFilter: unknown operator \"$where\" (use =, <>, >, <, >=, <=, like, notlike, and, or)"),
        (#"{"colour": "red"}"#, "rrFilter: unknown key \"colour\": use run_number, an OMS or RR attribute, a {workspace}-{column} triplet, or a key starting with rr_attributes., oms_attributes., triplet_summary."),
        (#"{"dt-dt": "MAYBE"}"#, "rrFilter: \"dt-dt\" is a {workspace}-{column} triplet: give one of BAD, EMPTY, EXCLUDED, GOOD, NOTSET, STANDBY"),
        (#"{"oms_attributes.energy": {"like": 6500}}"#, "rrFilter: like and notlike take a text pattern, e.g. \"%commissioning%\""),
        (#"{"and": []}"#, "rrFilter: \"and\" needs a non-empty list of filters"),
        (#"{"oms_attributes..x": 1}"#, "rrFilter: \"oms_attributes..x\" has an empty path part"),
        (#"{"run_number": {">": [1, 2]}}"#, "rrFilter: operator \">\" needs a text, number, boolean or null value"),
        (#"{"run_number": {"contains": 1}}"#, "rrFilter: \"contains\" applies to datasets_in_gui and dataset attributes only"),
    ])
    func refusals(filter: String, message: String) throws {
        #expect(throws: RegistryError.badUserInput(message)) {
            try RRFilterTranslator(target: .runs).translate(try JSONParser.parse(filter))
        }
    }

    @Test func bombsAreBounded() throws {
        var deep = JSONValue.object(["run_number": .int(1)])
        for _ in 0..<50 { deep = .object(["and": .list([deep])]) }
        #expect(throws: RegistryError.badUserInput("rrFilter: nested deeper than 20 levels")) {
            try RRFilterTranslator(target: .runs).translate(deep)
        }
        let wide = JSONValue.object(["or": .list(Array(repeating: .object(["run_number": .int(1)]), count: 3_000))])
        #expect(throws: RegistryError.badUserInput("rrFilter: more than 2000 conditions")) {
            try RRFilterTranslator(target: .runs).translate(wide)
        }
    }
}
