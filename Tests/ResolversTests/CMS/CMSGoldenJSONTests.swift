import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

@Suite struct CMSGoldenJSONReadsTests {
    @Test func literalVariablePathsAreFoundAndComputedOnesReadEverything() throws {
        let paths = GoldenJSON.Reads.variablePaths(try JSONParser.parse(#"{"and": [{"var": "a.b"}, {"==": [{"var": ["c", 1]}, 2]}]}"#))
        #expect(paths == ["a.b", "c"])
        #expect(GoldenJSON.Reads.variablePaths(try JSONParser.parse(#"{"var": {"var": "k"}}"#)) == nil)
        let reads = GoldenJSON.Reads(try JSONParser.parse(#"{"==": [{"var": "lumisection.oms.bpix_ready"}, true]}"#))
        #expect(reads.oms && !reads.everything && !reads.lumisectionNumber && reads.omsKeys == ["bpix_ready"])
        #expect(GoldenJSON.Reads(try JSONParser.parse(#"{"var": ""}"#)).everything)
    }
}

@Suite struct CMSGoldenJSONTests {
    static let readme = """
        {"and": [
          {">=": [{"var": "run.oms.energy"}, 6000]}, {"<=": [{"var": "run.oms.energy"}, 7000]},
          {">=": [{"var": "run.oms.b_field"}, 3.7]}, {"in": ["25ns", {"var": "run.oms.injection_scheme"}]},
          {"==": [{"in": ["WMass", {"var": "run.oms.hlt_key"}]}, false]},
          {"==": [{"var": "lumisection.rr.dt-dt"}, "GOOD"]}, {"==": [{"var": "lumisection.rr.csc-csc"}, "GOOD"]},
          {"==": [{"var": "lumisection.rr.l1t-l1tmu"}, "GOOD"]}, {"==": [{"var": "lumisection.rr.l1t-l1tcalo"}, "GOOD"]},
          {"==": [{"var": "lumisection.rr.hlt-hlt"}, "GOOD"]}, {"==": [{"var": "lumisection.oms.bpix_ready"}, true]}
        ]}
        """

    /// The straightforward way: every lumisection merged on its own (RR's view) and given to the rule.
    func perLumisection(_ db: CMSTestDatabase, rule ruleJSON: JSONValue, filter: String) async throws -> JSONObject {
        let rule = try JSONLogicRule(ruleJSON)
        let datasets = try await db.pool.query("""
            SELECT d.run_number, d.name, d.dataset_attributes, r.oms_attributes, r.rr_attributes FROM "Dataset" d JOIN "Run" r USING (run_number)
            WHERE d.name SIMILAR TO $1 AND NOT d.deleted ORDER BY 1, 2
            """, [.text(filter)])
        var runs: [Int: Set<Int>] = [:]
        for row in datasets.rows {
            let run = try #require(row[0].intValue), name = try #require(row[1].stringValue)
            let rr = try await db.pool.query("""
                SELECT a.lumisection_number, mergejsonb(j.jsonb ORDER BY e.manual_change, e.version) FROM "LumisectionEvent" e
                JOIN "LumisectionEventAssignation" a USING (version) JOIN "JSONBDeduplication" j ON j.id = e.lumisection_metadata_id
                WHERE e.run_number = $1::int AND e.name = $2 GROUP BY 1
                """, [.int(run), .text(name)])
            let oms = try await db.pool.query("""
                SELECT a.lumisection_number, mergejsonb(j.jsonb ORDER BY e.version) FROM "OMSLumisectionEvent" e
                JOIN "OMSLumisectionEventAssignation" a USING (version) JOIN "JSONBDeduplication" j ON j.id = e.lumisection_metadata_id
                WHERE e.run_number = $1::int AND e.name IN ('online', $2) GROUP BY 1
                """, [.int(run), .text(name)])
            var rrAt: [Int: JSONValue] = [:], omsAt: [Int: JSONValue] = [:]
            for r in rr.rows { if let n = r[0].intValue, case .json(let j) = r[1] { rrAt[n] = j } }
            for r in oms.rows { if let n = r[0].intValue, case .json(let j) = r[1] { omsAt[n] = j } }
            var dataset: JSONObject = if case .json(.object(let o)) = row[2] { o } else { JSONObject() }
            dataset["name"] = .string(name)
            let runValue: JSONValue = .object([
                "oms": { if case .json(let j) = row[3] { j } else { .null } }(), "rr": { if case .json(let j) = row[4] { j } else { .null } }(),
                "run_number": .int(run),
            ])
            let last = max(rrAt.keys.max() ?? 0, omsAt.keys.max() ?? 0)
            guard last > 0 else { continue }
            for n in 1...last {
                var statuses = JSONObject()
                if case .object(let o)? = rrAt[n] {
                    for m in o.members { if case .object(let t) = m.value, let s = t["status"] { statuses.append(key: m.key, value: s) } }
                }
                let data: JSONValue = .object([
                    "dataset": .object(dataset), "run": runValue,
                    "lumisection": .object(["lumisection_number": .int(n), "oms": omsAt[n] ?? .object([:]), "rr": .object(statuses)]),
                ])
                if rule.holds(for: data) { runs[run, default: []].insert(n) }
            }
        }
        var out = JSONObject()
        for run in runs.keys.sorted() {
            let numbers = (runs[run] ?? []).sorted()
            var ranges: [JSONValue] = []
            var start = numbers[0], previous = numbers[0]
            for n in numbers.dropFirst() {
                if n == previous + 1 { previous = n; continue }
                ranges.append(.list([.int(start), .int(previous)]))
                start = n
                previous = n
            }
            ranges.append(.list([.int(start), .int(previous)]))
            out.append(key: String(run), value: .list(ranges))
        }
        return out
    }

    @Test func intervalEvaluationEqualsPerLumisectionEvaluation() async throws {
        let (db, _) = try await CMSTestDatabase.seeded.value
        let graph = try CMSGraph(pool: db.pool)
        let rules: [(String, String)] = [
            (Self.readme, "/PromptReco/Collisions2018A/DQM"),
            (Self.readme, "/PromptReco/Collisions2018(A|E)/DQM"),
            (#"{"and": [{"!=": [{"var": "lumisection.rr.tracker-pixel"}, "BAD"]}, {"==": [{"var": "lumisection.oms.beam1_stable"}, true]}]}"#,
             "/PromptReco/HICosmics1_A/DQM"),
            (#"{"or": [{"==": [{"var": "lumisection.rr.dt-dt"}, "BAD"]}, {"<": [{"var": "lumisection.lumisection_number"}, 3]}]}"#, "(online|%HICosmics%)"),
            (#"{"and": [{"in": ["commissioning2018", {"var": "run.oms.hlt_key"}]}, {"===": [{"var": "lumisection.rr.ecal-ecal"}, "EXCLUDED"]}, {"==": [{"var": "dataset.global_state"}, "COMPLETED"]}]}"#, "%Cosmics18CRUZET%"),
            (#"{"!": {"var": "lumisection.rr.dt-dt"}}"#, "/PromptReco/Collisions2018E/DQM"),
        ]
        for (ruleText, filter) in rules {
            let rule = try JSONParser.parse(ruleText)
            let (data, errors) = try await graph.run("""
                query ($rule: JSON!, $filter: String!) { cmsGoldenJson(jsonLogic: $rule, datasetNameFilter: $filter) { runs withDatasetNames runCount lumisectionCount evaluations } }
                """, ["rule": rule, "filter": .string(filter)])
            #expect(errors.isEmpty, "\(errors)")
            let expected = try await perLumisection(db, rule: rule, filter: filter)
            #expect(data[path: "cmsGoldenJson", "runs"] == .object(expected), "\(filter) \(ruleText)")
            #expect(data[path: "cmsGoldenJson", "runCount"]?.int == expected.count)
        }
        // The README rule: non-empty, and far fewer evaluations than lumisections.
        let (data, _) = try await graph.run("""
            query ($rule: JSON!) { cmsGoldenJson(jsonLogic: $rule, datasetNameFilter: "/PromptReco/Collisions2018A/DQM") { runCount lumisectionCount evaluations } }
            """, ["rule": .string(Self.readme)])
        let lumisections = data[path: "cmsGoldenJson", "lumisectionCount"]?.int ?? 0
        #expect((data[path: "cmsGoldenJson", "runCount"]?.int ?? 0) > 0 && lumisections > 0)
        #expect((data[path: "cmsGoldenJson", "evaluations"]?.int ?? .max) * 3 < lumisections)
    }

    @Test func badRulesAndPatternsAreRefused() async throws {
        let (db, _) = try await CMSTestDatabase.seeded.value
        let graph = try CMSGraph(pool: db.pool)
        for (rule, filter) in [(#"{"log": [1]}"#, "online"), (#"{"==": [1, 1]}"#, "/PromptReco/(A"), (#""{not json""#, "online")] {
            let (_, errors) = try await graph.run("query ($rule: JSON!, $f: String!) { cmsGoldenJson(jsonLogic: $rule, datasetNameFilter: $f) { runCount } }",
                                                  ["rule": try JSONParser.parse(rule), "f": .string(filter)])
            #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"), "\(rule) \(filter): \(errors)")
        }
        // An invalid pattern says so, with PostgreSQL's reason, not only its SQLSTATE.
        for filter in ["/PromptReco/(A", "[a", "a)"] {
            let (_, errors) = try await graph.run("query ($f: String!) { cmsGoldenJson(jsonLogic: true, datasetNameFilter: $f) { runCount } }",
                                                  ["f": .string(filter)])
            let message = errors.first?.message ?? ""
            #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"), "\(filter): \(errors)")
            #expect(message.hasPrefix("datasetNameFilter is not a valid SIMILAR TO pattern: ") && !message.contains("SQLSTATE"), "\(filter): \(message)")
        }
    }
}
