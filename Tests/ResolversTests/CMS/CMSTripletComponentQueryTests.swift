// Triplet components through cmsRuns and cmsDatasets on the seeded demo registry (read-only):
// known components filter as before, unknown ones (well-formed or not) are BAD_USER_INPUT on the
// field that names them, in `where.triplets` and as rrFilter keys alike.

import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

@Suite struct CMSTripletComponentQueryTests {
    @Test func knownComponentsFilterInBothPlaces() async throws {
        let g = try await CMSGraph.seeded()
        let (data, errors) = try await g.run("""
            query($rr: JSON, $backend: JSON, $ds: JSON) {
              typed: cmsRuns(where: {triplets: [{component: "dt-dt", status: GOOD}]}) { totalCount }
              client: cmsRuns(rrFilter: $rr) { totalCount }
              backend: cmsRuns(rrFilter: $backend) { totalCount }
              private: cmsRuns(where: {triplets: [{component: "tracker-track_private", status: GOOD}]}) { totalCount }
              datasets: cmsDatasets(where: {triplets: [{component: "ecal-ecal", status: EXCLUDED}]}) { totalCount }
              datasetsRR: cmsDatasets(rrFilter: $ds) { totalCount }
            }
            """, ["rr": .object(["dt-dt": .string("GOOD")]), "backend": .object(["triplet_summary.dt-dt.GOOD": .object([">": .int(0)])]),
                  "ds": .object(["ecal-ecal": .string("EXCLUDED")])])
        #expect(errors.isEmpty, "\(errors)")
        for name in ["typed", "private", "datasets"] { #expect((data[path: name, "totalCount"]?.int ?? 0) > 0, "\(name) is empty") }
        #expect(data[path: "client", "totalCount"] == data[path: "typed", "totalCount"])
        #expect(data[path: "backend", "totalCount"] == data[path: "typed", "totalCount"])
        #expect(data[path: "datasetsRR", "totalCount"] == data[path: "datasets", "totalCount"])
    }

    @Test(arguments: [
        ("typed", "{ x: cmsRuns(where: {triplets: [{component: \"dt-dtx\", status: GOOD}]}) { totalCount } }", JSONObject(), "dt-dtx"),
        ("typed, nested", "{ x: cmsRuns(where: {or: [{number: {eq: 1}}, {not: {triplets: [{component: \"tracker-stripp\", status: BAD}]}}]}) { totalCount } }",
         JSONObject(), "tracker-stripp"),
        ("typed, datasets", "{ x: cmsDatasets(where: {run: {triplets: [{component: \"hcal-hfx\", status: GOOD}]}}) { totalCount } }", JSONObject(), "hcal-hfx"),
        ("client key", "query($f: JSON) { x: cmsRuns(rrFilter: $f) { totalCount } }", ["f": .object(["dt-dtx": .string("GOOD")])], "dt-dtx"),
        ("client key, datasets", "query($f: JSON) { x: cmsDatasets(rrFilter: $f) { totalCount } }", ["f": .object(["or": .list([.object(["run_number": .int(1)]), .object(["csc-cscc": .string("BAD")])])])], "csc-cscc"),
        ("backend key", "query($f: JSON) { x: cmsRuns(rrFilter: $f) { totalCount } }", ["f": .object(["triplet_summary.dt-dtx.GOOD": .object([">": .int(0)])])], "dt-dtx"),
        ("injection", "query($f: JSON) { x: cmsRuns(rrFilter: $f) { totalCount } }", ["f": .object(["dt-dt'; --": .string("GOOD")])], "dt-dt'; --"),
        ("injection, typed", "query($c: String!) { x: cmsRuns(where: {triplets: [{component: $c, status: GOOD}]}) { totalCount } }",
         ["c": .string("x'; DROP TABLE \"Run\"; --")], "x'; DROP TABLE \"Run\"; --"),
    ] as [(String, String, JSONObject, String)])
    func unknownComponentsAreRefused(name: String, query: String, variables: JSONObject, component: String) async throws {
        let g = try await CMSGraph.seeded()
        let (data, errors) = try await g.run(query, variables.isEmpty ? nil : variables)
        #expect(data[path: "x"] == .null)
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.extensions?["code"] == .string("BAD_USER_INPUT"))
        #expect(error.path == [.key("x")])
        #expect(error.message.contains("unknown triplet component \"\(component)\""), "\(error.message)")
        #expect(error.message.contains("tripletSummary { component }"))
    }

    @Test func aTypoGetsASuggestionAndTheCheckCostsOneStatementOnlyWhenComponentsAreNamed() async throws {
        let g = try await CMSGraph.seeded()
        let (_, errors) = try await g.run(#"{ cmsRuns(where: {triplets: [{component: "dt-dtt", status: GOOD}]}) { totalCount } }"#)
        #expect(errors.first?.message.hasSuffix(#" Did you mean "dt-dt"?"#) == true, "\(errors)")
        g.log.reset()
        _ = try await g.run(#"{ cmsRuns(where: {number: {eq: 327743}}) { totalCount } }"#)
        let plain = g.log.count
        g.log.reset()
        _ = try await g.run(#"{ cmsRuns(where: {number: {eq: 327743}, triplets: [{component: "dt-dt", status: GOOD}, {component: "rpc-hv", status: GOOD}]}) { totalCount } }"#)
        #expect(g.log.count == plain + 1)
    }
}
