// Cross-origin resource sharing (Fetch standard, "CORS protocol") for browser apps on other
// origins: configured origins get the Access-Control-* headers; everyone else gets none, so the
// browser keeps the response from the page.

/// Which origins may call the gateway from a browser; filled from configuration.
public struct CORSPolicy: Sendable, Hashable {
    /// Exact origins (`https://app.example.org`, scheme and host and port as the browser sends
    /// them), or `*` for any origin. Empty: CORS is off.
    public var allowedOrigins: [String]
    /// Whether browsers may send cookies or HTTP authentication along (`*` then echoes the origin).
    public var allowsCredentials: Bool
    /// How long a browser may cache a preflight answer.
    public var maxAge: Duration
    /// Request headers a page may send besides the CORS-safelisted ones.
    public var allowedHeaders: [String]

    public init(
        allowedOrigins: [String] = [], allowsCredentials: Bool = false, maxAge: Duration = .seconds(600),
        allowedHeaders: [String] = ["Content-Type", "Authorization", "Accept", "GraphQL-Require-Preflight", "X-Requested-With"]
    ) {
        self.allowedOrigins = allowedOrigins
        self.allowsCredentials = allowsCredentials
        self.maxAge = maxAge
        self.allowedHeaders = allowedHeaders
    }

    public var isEnabled: Bool { !allowedOrigins.isEmpty }

    /// Whether `origin` (an `Origin` header value) is allowed. `null` (sandboxed or file pages)
    /// matches only when listed literally.
    public func allows(_ origin: String) -> Bool {
        for allowed in allowedOrigins {
            if allowed == "*" && origin != "null" { return true }
            if allowed.caseInsensitiveEquals(origin) { return true }
        }
        return false
    }
}

struct CORS: Sendable {
    let policy: CORSPolicy
    static let allowedMethods = "GET, POST, OPTIONS"

    /// The answer to a preflight `OPTIONS`: 204, with the CORS headers only for an allowed origin
    /// asking about an allowed method.
    func preflight(_ request: HTTPRequest) -> HTTPResponse {
        var headers = HTTPHeaders([("Allow", Self.allowedMethods)])
        if let origin = request.headers["Origin"], policy.allows(origin),
           let method = request.headers["Access-Control-Request-Method"], ["GET", "POST"].contains(method) {
            addOriginHeaders(origin, to: &headers)
            headers.add("Access-Control-Allow-Methods", Self.allowedMethods)
            headers.add("Access-Control-Allow-Headers", policy.allowedHeaders.joined(separator: ", "))
            headers.add("Access-Control-Max-Age", String(policy.maxAge.components.seconds))
        }
        headers.add("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
        return HTTPResponse(status: 204, headers: headers)
    }

    /// Adds Access-Control-Allow-Origin to an actual (non-preflight) response for an allowed origin.
    func decorate(_ response: inout HTTPResponse, for request: HTTPRequest) {
        guard policy.isEnabled else { return }
        // The answer depends on Origin, so caches must key on it even when no header is added.
        response.headers.add("Vary", "Origin")
        guard let origin = request.headers["Origin"], policy.allows(origin) else { return }
        addOriginHeaders(origin, to: &response.headers)
    }

    private func addOriginHeaders(_ origin: String, to headers: inout HTTPHeaders) {
        let wildcard = policy.allowedOrigins.contains("*") && !policy.allowsCredentials
        headers.add("Access-Control-Allow-Origin", wildcard ? "*" : origin)
        if policy.allowsCredentials { headers.add("Access-Control-Allow-Credentials", "true") }
    }
}
