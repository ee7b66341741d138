// Refusals of the mutations' arguments found in acceptance testing: each is BAD_USER_INPUT and
// writes nothing (no Version row, no event).

import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

@Suite struct CMSMutationValidationTests {
    static let shifter = CMSMutationTests.shifter

    func versions(_ f: CMSFixture) async throws -> Int {
        try await f.db.pool.query(#"SELECT count(*) FROM "Version""#).rows.first?[0].intValue ?? -1
    }

    func edit(_ g: CMSGraph, component: String = "dt-dt", start: Int = 1, end: Int, comment: String = "", cause: String = "") async throws -> [GraphQLError] {
        try await g.run("""
            mutation($c: String!, $s: Int!, $e: Int!, $comment: String, $cause: String) {
              editCmsLumisections(edit: {runNumber: 101, component: $c, start: $s, end: $e, status: GOOD, comment: $comment, cause: $cause}) { name } }
            """, ["c": .string(component), "s": .int(start), "e": .int(end), "comment": .string(comment), "cause": .string(cause)], context: Self.shifter).errors
    }

    @Test func editsPastTheLastLumisectionAreRefused() async throws {
        let (f, g) = try await CMSMutationTests.fixture()
        let before = try await versions(f)
        let errors = try await edit(g, start: 5, end: 11)
        #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"))
        #expect(errors.first?.message == "end 11 is past the last lumisection of run 101 (10).")
        #expect(try await versions(f) == before)
        // OMS's ls_duration says where the run ends even where RR has assigned nothing yet.
        try await f.db.pool.query(#"UPDATE "Run" SET oms_attributes = '{"ls_duration": 12}' WHERE run_number = 101"#)
        #expect(try await edit(g, start: 11, end: 12).isEmpty)
        #expect(try await edit(g, start: 12, end: 13).first?.message == "end 13 is past the last lumisection of run 101 (12).")
    }

    @Test func unknownComponentsAreRefused() async throws {
        let (f, g) = try await CMSMutationTests.fixture()
        let before = try await versions(f)
        for component in ["foo-bar", "dt-DT", "tracker-strips", "tracker-track_private_private"] {
            let errors = try await edit(g, component: component, end: 2)
            #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"), "\(component)")
            #expect(errors.first?.message.contains("component \(component) is not a {workspace}-{column}") == true, "\(errors)")
        }
        #expect(try await versions(f) == before)
        for component in ["dt-dt", "tracker-strip", "tracker-track_private", "tracker-track"] {
            #expect(try await edit(g, component: component, end: 2).isEmpty, "\(component)")
        }
    }

    @Test func unknownWorkspacesAreRefused() async throws {
        let (f, g) = try await CMSMutationTests.fixture()
        let before = try await versions(f)
        func move(_ workspace: String) async throws -> [GraphQLError] {
            try await g.run(#"mutation($w: String!) { moveCmsDataset(runNumber: 100, datasetName: "online", workspace: $w, to: OPEN) { name } }"#,
                            ["w": .string(workspace)], context: Self.shifter).errors
        }
        var errors = try await move("nosuch")
        #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"))
        #expect(errors.first?.message == "workspace nosuch is not a workspace of the registry.")
        errors = try await move("GLOBAL")
        #expect(errors.first?.message == "workspace GLOBAL is not a workspace of the registry. Workspaces are lowercase: use global.")
        errors = try await move("Tracker")
        #expect(errors.first?.message == "workspace Tracker is not a workspace of the registry. Workspaces are lowercase: use tracker.")
        #expect(try await versions(f) == before)
        #expect(try await move("global").isEmpty)
        #expect(try await move("tracker").isEmpty)
    }

    @Test func overlongCommentsAreRefused() async throws {
        let (f, g) = try await CMSMutationTests.fixture()
        let before = try await versions(f)
        let long = String(repeating: "x", count: 4097)
        var errors = try await edit(g, end: 2, comment: long)
        #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"))
        #expect(errors.first?.message == "comment is 4097 bytes; at most 4096 are kept.")
        errors = try await edit(g, end: 2, cause: long)
        #expect(errors.first?.message == "cause is 4097 bytes; at most 4096 are kept.")
        errors = try await g.run(#"mutation($c: String!) { markCmsRunSignificant(runNumber: 101, change: {comment: $c}) { significant } }"#,
                                 ["c": .string(long)], context: Self.shifter).errors
        #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"))
        #expect(errors.first?.message == "change.comment is 4097 bytes; at most 4096 are kept.")
        #expect(try await versions(f) == before)
        let limit = String(repeating: "é", count: 2048)
        #expect(try await edit(g, end: 2, comment: limit).isEmpty)
    }
}
