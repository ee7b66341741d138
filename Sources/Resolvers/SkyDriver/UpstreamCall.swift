// One request to SkyDriver, as a value: the key under which identical calls within one GraphQL
// request are answered once (method, path, query and body all take part in equality).

import GraphQLKit

struct UpstreamCall: Sendable, Hashable, CustomStringConvertible {
    var method: HTTPMethod
    /// Already percent-safe: scan ids are checked by `ScanID` before they reach a path.
    var path: String
    var query: [QueryItem] = []
    var body: JSONValue?

    struct QueryItem: Sendable, Hashable {
        var name: String
        var value: String
    }

    /// `no_redirect=true` goes in the query string: SkyDriver only reads it there, and RunQL
    /// follows replacements itself (`Scan.replacedBy`), never through a 302.
    static func scanRoute(_ method: HTTPMethod, _ scanID: ScanID, _ tail: String = "", query: [QueryItem] = [], body: JSONValue? = nil) -> UpstreamCall {
        UpstreamCall(method: method, path: "/scan/\(scanID.value)\(tail)", query: [QueryItem(name: "no_redirect", value: "true")] + query, body: body)
    }

    /// `GET /scan/x/status` in logs and tests; never the base URL (it may hold credentials).
    var description: String { "\(method.rawValue) \(path)" }
}
