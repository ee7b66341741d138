// What resolvers receive as `context` for a request over HTTP.
//
// A registry's resolver reads it like this:
//
//     "Query.runs": .async { _, args, context, info in
//         guard let request = context as? RequestContext else { ... }
//         let registry = request.application as! RunRegistry    // what makeContext built
//         if !request.principal.has(.admin) { ... }              // roles, subject
//         ...
//     }

public struct RequestContext: Sendable {
    /// The id error masking puts in `extensions.requestId` and the log line, for this request.
    public let requestId: String
    /// Who the request runs as: anonymous or authenticated, with roles and subject.
    public let principal: Principal
    /// What the application's `makeContext` built for this request (registries, loaders).
    public let application: (any Sendable)?
}

enum RequestID {
    /// The id an upstream proxy or the router set in `X-Request-Id` when it is a plain token
    /// (so it is safe in logs), else a fresh random one.
    static func make(for request: HTTPRequest) -> String {
        if let given = request.headers["X-Request-Id"], (1...64).contains(given.utf8.count),
           given.utf8.allSatisfy({ isTokenByte($0) }) {
            return given
        }
        return Hex.encode(withUnsafeBytes(of: UInt64.random(in: .min ... .max).bigEndian) { Array($0) })
    }

    private static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
        default: false
        }
    }
}
