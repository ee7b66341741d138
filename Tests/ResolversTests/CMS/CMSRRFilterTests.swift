import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

/// RR's own filter JSON (`rrFilter`) against the typed filters, on the demo registry.
@Suite struct CMSRRFilterTests {
    /// totalCount of cmsRuns (or cmsDatasets) with `rrFilter` given as JSON text, and with `where` given as GraphQL.
    func counts(_ g: CMSGraph, datasets: Bool = false, rr: String, typed: String) async throws -> (rr: Int, typed: Int) {
        let field = datasets ? "cmsDatasets" : "cmsRuns"
        let filter = try JSONParser.parse(rr)
        let (data, errors) = try await g.run("""
            query ($f: JSON) { a: \(field)(rrFilter: $f) { totalCount } b: \(field)(where: \(typed)) { totalCount } }
            """, ["f": filter])
        #expect(errors.isEmpty, "\(rr): \(errors)")
        return (data[path: "a", "totalCount"]?.int ?? -1, data[path: "b", "totalCount"]?.int ?? -2)
    }

    @Test func runFiltersInBothForms() async throws {
        let g = try await CMSGraph.seeded()
        let cases: [(String, String)] = [
            // README: backend syntax, as the web application sends it.
            (#"{"run_number":{"and":[{">":309000},{"<":310000}]},"oms_attributes.hlt_key":{"like":"%commissioning2018%"},"triplet_summary.dt-dt.GOOD":{">":0}}"#,
             #"{number: {gt: 309000, lt: 310000}, hltKey: {like: "%commissioning2018%"}, triplets: [{component: "dt-dt", status: GOOD}]}"#),
            // README: the client's form.
            (#"{"run_number":{"and":[{">":309000},{"<":310000}]},"dt-dt":"GOOD"}"#,
             #"{number: {gt: 309000, lt: 310000}, triplets: [{component: "dt-dt", status: GOOD}]}"#),
            (#"{"run_number":{"and":[{">":309000},{"<":310000}]},"tracker-strip":"good"}"#,
             #"{number: {gt: 309000, lt: 310000}, triplets: [{component: "tracker-strip", status: GOOD}]}"#),
            (#"{"class":"Collisions18"}"#, #"{class: {eq: "Collisions18"}}"#),
            (#"{"rr_attributes.class":{"=":"Collisions18"}}"#, #"{class: {eq: "Collisions18"}}"#),
            (#"{"rr_attributes.class":{"<>":"Collisions18"}}"#, #"{class: {ne: "Collisions18"}}"#),
            (#"{"run_number":{"or":[323555,{"=":327743},{"=":"323444"}]}}"#, #"{number: {in: [323555, 327743, 323444]}}"#),
            (#"{"oms_attributes.energy":{">=":6000}}"#, #"{energy: {gte: 6000}}"#),
            (#"{"energy":{">":6400,"<=":6500}}"#, #"{energy: {gt: 6400, lte: 6500}}"#),
            (#"{"oms_attributes.b_field":{"<":3.7}}"#, #"{bField: {lt: 3.7}}"#),
            (#"{"oms_attributes.b_field":{"and":[{">=":0},{"<":1}]}}"#, #"{bField: {gte: 0, lt: 1}}"#),
            (#"{"oms_attributes.hlt_key":{"like":"%PHYSICS%"}}"#, #"{hltKey: {like: "%physics%"}}"#),
            (#"{"hlt_key":{"notlike":"%PHYSICS%"}}"#, #"{hltKey: {notLike: "%physics%"}}"#),
            (#"{"rr_attributes.significant":{"=":true}}"#, #"{significant: true}"#),
            (#"{"significant":false}"#, #"{significant: false}"#),
            (#"{"oms_attributes.castor_included":{"=":false}}"#, #"{included: [{subsystem: "castor", included: false}]}"#),
            (#"{"tracker_included":true}"#, #"{included: [{subsystem: "tracker", included: true}]}"#),
            (#"{"oms_attributes.start_time":{"<":"2018-06-01T00:00:00Z"}}"#, #"{startTime: {lt: "2018-06-01T00:00:00Z"}}"#),
            (#"{"rr_attributes.state":{"or":[{"=":"OPEN"},{"=":"SIGNOFF"}]}}"#, #"{state: [OPEN, SIGNOFF]}"#),
            (#"{"or":[{"rr_attributes.state":"OPEN"},{"class":{"like":"cosmics%"}}]}"#, #"{or: [{state: [OPEN]}, {class: {like: "cosmics%"}}]}"#),
            (#"{"and":[{"run_number":{">=":320000}},{"oms_attributes.fill_number":{"<":7000}}]}"#, #"{number: {gte: 320000}, fillNumber: {lt: 7000}}"#),
            (#"{"oms_attributes.fill_number":{"=":null}}"#, #"{not: {fillNumber: {gte: -1}}}"#),
            (#"{"triplet_summary.dt-dt.BAD":{">":0}}"#, #"{triplets: [{component: "dt-dt", status: BAD}]}"#),
            (#"{}"#, #"{}"#),
        ]
        for (rr, typed) in cases {
            let (a, b) = try await counts(g, rr: rr, typed: typed)
            #expect(a == b && a >= 0, "\(rr): rrFilter \(a), where \(b)")
        }
        // like is case-insensitive, NOTLIKE is not.
        let (upper, _) = try await counts(g, rr: #"{"hlt_key":{"like":"%PHYSICS%"}}"#, typed: "{}")
        let (sensitive, all) = try await counts(g, rr: #"{"hlt_key":{"NOTLIKE":"%PHYSICS%"}}"#, typed: "{}")
        #expect(upper > 0 && sensitive == all)
    }

    @Test func datasetFiltersInBothForms() async throws {
        let g = try await CMSGraph.seeded()
        let cases: [(String, String)] = [
            // The client test's raw filter (ignore_filter_transformation).
            (#"{"and":[{"run_number":{"and":[{">":309000},{"<":310000}]}}],"name":{"and":[{"<>":"online"}]},"dataset_attributes.global_state":{"and":[{"or":[{"=":"OPEN"},{"=":"SIGNOFF"},{"=":"COMPLETED"}]}]}}"#,
             #"{runNumber: {gt: 309000, lt: 310000}, name: {ne: "online"}, or: [{states: [{workspace: "global", state: OPEN}]}, {states: [{workspace: "global", state: SIGNOFF}]}, {states: [{workspace: "global", state: COMPLETED}]}]}"#),
            // The client test's custom dataset filter, in the client's form.
            (#"{"dataset_name":{"like":"%/PromptReco/Cosmics18CRUZET%"},"run_number":{"and":[{">=":309000},{"<=":310000}]},"class":{"like":"Cosmics18CRUZET"},"global_state":{"like":"COMPLETED"},"ecal-ecal":"EXCLUDED"}"#,
             #"{name: {like: "%/PromptReco/Cosmics18CRUZET%"}, runNumber: {gte: 309000, lte: 310000}, run: {class: {like: "Cosmics18CRUZET"}}, states: [{workspace: "global", state: COMPLETED}], triplets: [{component: "ecal-ecal", status: EXCLUDED}]}"#),
            (#"{"run_number":{"and":[{">":309000},{"<":310000}]},"tracker-strip":"GOOD"}"#,
             #"{runNumber: {gt: 309000, lt: 310000}, triplets: [{component: "tracker-strip", status: GOOD}]}"#),
            (#"{"oms_attributes.energy":{">=":6000},"name":{"like":"/express/%"}}"#, #"{run: {energy: {gte: 6000}}, name: {like: "/Express/%"}}"#),
            (#"{"datasets_in_gui":{"contains":["/PromptReco/HICosmics18A/DQM"]}}"#, #"{name: {eq: "/PromptReco/HICosmics18A/DQM"}}"#),
            (#"{"tracker_state":"waiting dqm gui"}"#, #"{states: [{workspace: "tracker", state: WAITING_DQM_GUI}]}"#),
        ]
        for (rr, typed) in cases {
            let (a, b) = try await counts(g, datasets: true, rr: rr, typed: typed)
            #expect(a == b && a >= 0, "\(rr): rrFilter \(a), where \(b)")
        }
        let (cruzet, _) = try await counts(g, datasets: true, rr: cases[1].0, typed: "{}")
        #expect(cruzet > 0)
    }

    @Test func badFiltersAreRefusedAndKeysNeverReachSQLText() async throws {
        let g = try await CMSGraph.seeded()
        for filter in [#"{"colour":"red"}"#, #"{"run_number":{"~":1}}"#, #"{"dt-dt":"SHINY"}"#, #"[1]"#,
                       #"{"and":{"run_number":1}}"#] {
            let (_, errors) = try await g.run("query ($f: JSON) { cmsRuns(rrFilter: $f) { totalCount } }", ["f": try JSONParser.parse(filter)])
            #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"), "\(filter): \(errors)")
        }
        let hostile = #"{"oms_attributes.x'}') OR true; DROP TABLE \"Run\"; --":{"=":"y"}}"#
        let (data, errors) = try await g.run("query ($f: JSON) { cmsRuns(rrFilter: $f) { totalCount } }", ["f": try JSONParser.parse(hostile)])
        #expect(errors.isEmpty, "\(errors)")
        #expect(data[path: "cmsRuns", "totalCount"] == .int(0))
        // A value that is not a number does not match a numeric comparison (RR would fail).
        let (text, textErrors) = try await g.run(#"query ($f: JSON) { cmsRuns(rrFilter: $f) { totalCount } }"#,
                                                 ["f": try JSONParser.parse(#"{"oms_attributes.hlt_key":{">":1}}"#)])
        #expect(textErrors.isEmpty && text[path: "cmsRuns", "totalCount"] == .int(0))
    }
}
