// Every failure of the REST connector, as a value a caller can switch on.

import GraphQLKit

public enum RESTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path or query did not make a valid URL.
    case invalidURL(String)
    /// The upstream could not be reached (refused, reset, DNS).
    case transport(String)
    /// No answer within the request timeout.
    case timeout(String)
    /// The upstream answered with a non-2xx status. `message` is the `error` (or `message`)
    /// field of a JSON error body such as `{"code":400,"error":"..."}`, else the body text.
    case http(status: Int, message: String, body: JSONValue?)
    /// The upstream answered 2xx with a body that is not JSON.
    case invalidResponse(String)
    /// A redirect that would change the request's method (e.g. a 302 answering a POST) is not followed.
    case redirectRefused(status: Int, location: String)
    case tooManyRedirects(Int)

    public var description: String {
        switch self {
        case .invalidURL(let u): "Invalid upstream URL: \(u)"
        case .transport(let m): "Upstream unreachable: \(m)"
        case .timeout(let m): "Upstream timed out: \(m)"
        case .http(let status, let message, _): "Upstream answered \(status): \(message)"
        case .invalidResponse(let m): "Upstream sent an invalid response: \(m)"
        case .redirectRefused(let status, let location):
            "Upstream redirected (\(status)) to \(location); not followed because it would change the request method"
        case .tooManyRedirects(let n): "Upstream redirected more than \(n) times"
        }
    }
}
