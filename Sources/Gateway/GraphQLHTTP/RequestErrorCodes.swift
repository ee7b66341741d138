// Machine-readable codes on request errors. The engine reports parse, validation, operation and
// variable errors in the specification's words with no `extensions`; clients need a stable code
// to tell them apart from field errors, so the gateway adds the codes GraphQL servers commonly
// use (resolver and limit errors already carry theirs, which are kept).

import GraphQLKit

enum RequestErrorCodes {
    static let parseFailed = "GRAPHQL_PARSE_FAILED"
    static let validationFailed = "GRAPHQL_VALIDATION_FAILED"
    static let operationResolutionFailure = "OPERATION_RESOLUTION_FAILURE"
    static let badUserInput = "BAD_USER_INPUT"

    /// The code for a request that ended before execution for `failure`.
    static func code(for failure: RequestFailure) -> String {
        switch failure {
        case .syntax: parseFailed
        case .validation: validationFailed
        case .operationSelection: operationResolutionFailure
        case .variables, .limits: badUserInput
        }
    }

    /// `errors` with `code` added to each that has none.
    static func coded(_ errors: [GraphQLError], _ code: String) -> [GraphQLError] {
        errors.map { error in
            guard error.extensions?["code"] == nil else { return error }
            var coded = error
            var extensions = error.extensions ?? JSONObject()
            extensions.append(key: "code", value: .string(code))
            coded.extensions = extensions
            return coded
        }
    }
}
