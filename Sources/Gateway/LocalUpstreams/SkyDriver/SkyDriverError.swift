// The failures a SkyDriver route answers with, in SkyDriver's error shape: the status line's
// reason and a body `{"code": <status>, "error": "<reason>"}` (tornado / rest_tools `write_error`).

import GraphQLKit
import Resolvers

enum SkyDriverError: Error, Sendable, Equatable {
    /// 400 with SkyDriver's message (OpenAPI messages joined with "; ", or a handler's own text).
    case badRequest(String)
    /// 403: no token, or not the configured one.
    case authenticationFailed
    /// 404 with tornado's generic reason (SkyDriver raises these with a log message only).
    case notFound
    case methodNotAllowed
    /// 422 for add-workers on a scan that cannot take workers.
    case unprocessable
    /// The database failed; SkyDriver answers 500 then too.
    case storage(String)

    var status: Int {
        switch self {
        case .badRequest: 400
        case .authenticationFailed: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .unprocessable: 422
        case .storage: 500
        }
    }

    var reason: String {
        switch self {
        case .badRequest(let message): message
        case .authenticationFailed: "authentication failed"
        case .notFound: "Not Found"
        case .methodNotAllowed: "Method Not Allowed"
        case .unprocessable: "Unprocessable Entity"
        // The database's text can name hosts; SkyDriver shows tornado's generic reason.
        case .storage: "Internal Server Error"
        }
    }

    var response: HTTPResponse {
        SkyDriverJSON.response(status: status, .object(["code": .int(status), "error": .string(reason)]))
    }

    /// The generic 400 SkyDriver gives for errors raised without a message.
    static let genericBadRequest = SkyDriverError.badRequest("Bad Request")

    init(_ error: MongoError) {
        self = .storage(error.description)
    }
}
