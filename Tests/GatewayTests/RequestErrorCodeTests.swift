// Request errors carry a machine-readable `extensions.code`, so clients can tell a typo in a
// query from a failing field without parsing messages.

import Foundation
import GraphQLKit
import Testing
@testable import Gateway

@Suite struct RequestErrorCodeTests {
    @Test func parseValidationOperationAndVariableErrorsAreCoded() async throws {
        let gateway = try TestGateway.start()
        let cases: [(String, String)] = [
            (TestGateway.body("{ hello "), "GRAPHQL_PARSE_FAILED"),
            (TestGateway.body("{ helo }"), "GRAPHQL_VALIDATION_FAILED"),
            (TestGateway.body("query A { n } query B { n }"), "OPERATION_RESOLUTION_FAILURE"),
            (TestGateway.body("query($x: Int!) { list(first: $x) { id } }", variables: #"{"x": "abc"}"#), "BAD_USER_INPUT"),
            (TestGateway.body("query($x: Int!) { list(first: $x) { id } }"), "BAD_USER_INPUT"),
        ]
        for (body, code) in cases {
            let response = try await gateway.post(body)
            #expect(response.status == 400, "\(body)")
            let json = try JSONParser.parse(response.body)
            guard case .object(let top) = json, case .list(let errors)? = top["errors"], case .object(let first)? = errors.first,
                  case .object(let extensions)? = first["extensions"]
            else {
                Issue.record("no extensions in \(response.body)")
                continue
            }
            #expect(extensions["code"] == .string(code), "\(body): \(response.body)")
        }
        await gateway.stop()
    }
}
