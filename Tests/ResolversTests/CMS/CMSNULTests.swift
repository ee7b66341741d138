// A NUL character in any string argument is the client's mistake (PostgreSQL text cannot hold
// it): BAD_USER_INPUT, never SOURCE_UNAVAILABLE, whether it reaches a read or a write.

import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

@Suite struct CMSNULTests {
    static let message = "A string argument contains a NUL character, which text values cannot hold."

    @Test func readsRefuseNULAsBadInput() async throws {
        let g = try CMSGraph(pool: try await CMSTestDatabase.seeded.value.0.pool)
        let nul = JSONValue.string("a\u{0}b")
        let cases: [(String, JSONObject)] = [
            ("query ($v: JSON) { cmsRuns(rrFilter: $v) { totalCount } }", ["v": .object(["rr_attributes.class": nul])]),
            ("query ($v: JSON) { cmsRuns(rrFilter: $v) { totalCount } }", ["v": .object(["oms_attributes.a\u{0}b": .string("x")])]),
            ("query ($v: JSON) { cmsDatasets(rrFilter: $v) { totalCount } }", ["v": .object(["name": nul])]),
            ("query ($v: String) { cmsRuns(where: {class: {eq: $v}}) { totalCount } }", ["v": nul]),
            ("query ($v: String) { cmsDatasets(where: {name: {like: $v}}) { totalCount } }", ["v": nul]),
            ("query ($v: String!) { cmsDataset(runNumber: 1, name: $v) { name } }", ["v": nul]),
            ("query ($v: String) { cmsRuns(first: 1) { nodes { datasets(name: $v) { name } } } }", ["v": nul]),
            ("query ($v: String!) { cmsGoldenJson(jsonLogic: true, datasetNameFilter: $v) { runCount } }", ["v": nul]),
        ]
        for (query, variables) in cases {
            let (_, errors) = try await g.run(query, variables)
            #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"), "\(query): \(errors)")
            #expect(errors.first?.message == Self.message, "\(query): \(errors)")
        }
    }

    @Test func writesRefuseNULAsBadInputAndWriteNothing() async throws {
        let (f, g) = try await CMSMutationTests.fixture()
        let versions = { try await f.db.pool.query(#"SELECT count(*) FROM "Version""#).rows.first?[0].intValue ?? -1 }
        let before = try await versions()
        let cases: [(String, JSONObject)] = [
            (#"mutation ($v: String!) { moveCmsDataset(runNumber: 100, datasetName: "online", workspace: $v, to: OPEN) { name } }"#, ["checked": .bool(true)]),
            (#"mutation ($v: String!) { moveCmsDataset(runNumber: 100, datasetName: $v, workspace: "global", to: OPEN) { name } }"#, [:]),
            (#"mutation ($v: String!) { editCmsLumisections(edit: {runNumber: 101, component: $v, start: 1, end: 2, status: GOOD}) { name } }"#, ["checked": .bool(true)]),
            (#"mutation ($v: String!) { editCmsLumisections(edit: {runNumber: 101, component: "dt-dt", start: 1, end: 2, status: GOOD, cause: $v}) { name } }"#, [:]),
            (#"mutation ($v: String!) { editCmsLumisections(edit: {runNumber: 101, component: "dt-dt", start: 1, end: 2, status: BAD, comment: $v}) { name } }"#, [:]),
            (#"mutation ($v: String!) { markCmsRunSignificant(runNumber: 101, change: {comment: $v}) { significant } }"#, [:]),
            (#"mutation ($v: String!) { changeCmsRunClass(runNumber: 101, class: $v) { class } }"#, [:]),
        ]
        // Workspace and component names are checked for their characters before any statement.
        for (query, options) in cases {
            let (_, errors) = try await g.run(query, ["v": .string("a\u{0}bcd")], context: CMSMutationTests.shifter)
            #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"), "\(query): \(errors)")
            if options["checked"] == nil { #expect(errors.first?.message == Self.message, "\(query): \(errors)") }
        }
        #expect(try await versions() == before)
    }
}
