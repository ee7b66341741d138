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

import Foundation

public struct RequestContext: Sendable {
    /// The id error masking puts in `extensions.requestId` and the log line, for this request.
    public var requestId: String { id.text }
    /// Who the request runs as: anonymous or authenticated, with roles and subject.
    public let principal: Principal
    /// What the application's `makeContext` built for this request (registries, loaders).
    public let application: (any Sendable)?
    let id: RequestID
}

/// A request's id: the one the router's observer chose, or the one an upstream proxy set in
/// `X-Request-Id` when it is a plain token (so it is safe in logs), else this process's prefix and a sequence number,
/// formatted only when someone reads it.
enum RequestID: Sendable {
    case given(String)
    case generated(prefix: String, number: UInt64)

    var text: String {
        switch self {
        case .given(let id): id
        case .generated(let prefix, let number): prefix + "-" + String(number, radix: 16)
        }
    }
}

final class RequestIDSource: Sendable {
    /// Random per handler, so ids from restarts and replicas do not collide.
    private let prefix = Hex.encode(withUnsafeBytes(of: UInt32.random(in: .min ... .max)) { Array($0) })
    private let counter = Counter()

    func next(for request: HTTPRequest) -> RequestID {
        // Behind the router the observer has chosen the id already (and checked it).
        if let chosen = request.requestID { return .given(chosen) }
        if let given = request.headers[known: .requestID], (1...64).contains(given.utf8.count),
           given.utf8.allSatisfy(Self.isTokenByte) {
            return .given(given)
        }
        return .generated(prefix: prefix, number: counter.next())
    }

    private static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
        default: false
        }
    }

    private final class Counter: @unchecked Sendable {
        // @unchecked: `value` is only touched under `lock`.
        private let lock = NSLock()
        private var value: UInt64 = 0
        func next() -> UInt64 { lock.withLock { value &+= 1; return value } }
    }
}
