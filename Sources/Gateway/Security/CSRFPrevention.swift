// Cross-site request forgery: a page on another site can make a browser send "simple" requests
// (GET, or POST with a form or text/plain body) carrying the user's cookies, without asking the
// server first. RunQL refuses them:
//
// - POST must be `application/json` (checked when the body is read; anything else is 415), and a
//   browser only sends that cross-site after a CORS preflight the server approved.
// - GET is refused (403) when it is a cross-site browser request: `Sec-Fetch-Site` is
//   `cross-site` or `same-site`, or an `Origin` header names another origin than the `Host`,
//   unless that origin is allowed by CORS. A GET carrying `GraphQL-Require-Preflight` or
//   `X-Requested-With` is always allowed: a browser sends custom headers cross-site only after
//   a successful preflight.
//
// Non-browser clients (curl, scripts, the graphql-http audit) send neither `Origin` nor
// `Sec-Fetch-Site`, and pass; so do same-origin pages (the explorer) and typed-in URLs
// (`Sec-Fetch-Site: none`).

import Foundation

struct CSRFPrevention: Sendable {
    let enabled: Bool
    let cors: CORSPolicy

    /// Why `request` (a GET) is refused, or nil when it may run.
    func refusal(_ request: HTTPRequest) -> String? {
        guard enabled else { return nil }
        for name in ["GraphQL-Require-Preflight", "X-Requested-With"] {
            if let value = request.headers[name], !value.isEmpty { return nil }
        }
        let origin = request.headers["Origin"]
        if let origin, cors.allows(origin) { return nil }
        let site = request.headers["Sec-Fetch-Site"]?.lowercased()
        let crossSiteFetch = site == "cross-site" || site == "same-site"
        let foreignOrigin = origin.map { !isSameOrigin($0, host: request.headers["Host"]) } ?? false
        guard crossSiteFetch || foreignOrigin else { return nil }
        return "This request has been blocked as a possible cross-site request forgery: a GET from another site must carry a GraphQL-Require-Preflight header (or come from an origin allowed by CORS)."
    }

    /// Whether `origin` (`scheme://host[:port]`) names the host the request was sent to.
    private func isSameOrigin(_ origin: String, host: String?) -> Bool {
        guard let host, let separator = origin.range(of: "://") else { return false }
        return String(origin[separator.upperBound...]).caseInsensitiveEquals(host)
    }
}
