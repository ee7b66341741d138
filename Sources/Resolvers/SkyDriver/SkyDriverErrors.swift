// SkyDriver's failures as GraphQL errors. Its own refusals keep what it said
// (`extensions: {code, upstreamStatus, upstreamError}`); outages say what happened in words a
// user can act on. Neither ever names the base URL: it may carry credentials.

import GraphQLKit

enum SkyDriverErrors {
    static let source = "SkyDriver"

    /// `upstreamStatus` with SkyDriver's `error` text: 400 and 422 are the request's fault
    /// (BAD_USER_INPUT), 404 means no such scan (NOT_FOUND), 401/403 are RunQL's credentials
    /// (SOURCE_UNAUTHORIZED), anything else is an outage (SOURCE_UNAVAILABLE).
    static func map(_ error: RESTError, call: UpstreamCall) -> GraphQLError {
        switch error {
        case .http(let status, let message, _):
            let code: String
            let text: String
            switch status {
            case 400, 422:
                code = "BAD_USER_INPUT"
                text = "\(source) refused the request: \(message)"
            case 404:
                code = "NOT_FOUND"
                text = "\(source) has nothing at \(call.path) (404 \(message))"
            case 401, 403:
                code = "SOURCE_UNAUTHORIZED"
                text = "\(source) refused RunQL's credentials (\(status) \(message)): check sources.skydriver's token"
            default:
                code = "SOURCE_UNAVAILABLE"
                text = "\(source) failed to answer \(call.method.rawValue) \(call.path): \(status) \(message)"
            }
            return GraphQLError(text, extensions: [
                "code": .string(code), "source": .string("skydriver"),
                "upstreamStatus": .int(status), "upstreamError": .string(message),
            ])
        case .timeout:
            return timeout(call, seconds: nil)
        case .transport:
            return unavailable("\(source) is unavailable: cannot connect (\(call.method.rawValue) \(call.path))")
        case .invalidResponse:
            return unavailable("\(source) sent an answer that is not JSON (\(call.method.rawValue) \(call.path))")
        case .redirectRefused(let status, _), .tooManyRedirects(let status):
            return unavailable("\(source) redirected \(call.method.rawValue) \(call.path) (\(status)); RunQL does not follow redirects that change a request")
        case .invalidURL:
            return RegistryError.badUserInput("\(source): cannot form a request for \(call.path)")
        }
    }

    static func timeout(_ call: UpstreamCall, seconds: Double?) -> GraphQLError {
        let after = seconds.map { " within \(format($0)) s" } ?? " in time"
        return GraphQLError("\(source) did not answer \(call.method.rawValue) \(call.path)\(after)",
                            extensions: ["code": .string("SOURCE_TIMEOUT"), "source": .string("skydriver")])
    }

    static func unavailable(_ message: String) -> GraphQLError {
        GraphQLError(message, extensions: ["code": .string("SOURCE_UNAVAILABLE"), "source": .string("skydriver")])
    }

    static func unexpected(_ call: UpstreamCall, _ what: String) -> GraphQLError {
        unavailable("\(source) answered \(call.method.rawValue) \(call.path) with \(what)")
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
