// Request ids: a random per-process prefix and a counter (unique without a system call per
// request), or the client's own `X-Request-Id` when it is a short plain token.

import Foundation

final class RequestIDs: @unchecked Sendable {
    // @unchecked: `next` is guarded by `lock`.
    private let prefix: String
    private let lock = NSLock()
    private var next: UInt64 = 0

    init() {
        var generator = SystemRandomNumberGenerator()
        let bits: UInt64 = generator.next()
        let random = String(bits & 0xFFFF_FFFF, radix: 16)
        prefix = String(repeating: "0", count: 8 - random.count) + random
    }

    func make() -> String {
        let n = lock.withLock { () -> UInt64 in
            next &+= 1
            return next
        }
        return "\(prefix)-\(String(n, radix: 16))"
    }

    /// The id for `request`: the client's, when acceptable, else a new one.
    func id(for request: HTTPRequest) -> String {
        if let given = request.headers["X-Request-Id"], RequestIDs.isAcceptable(given) { return given }
        return make()
    }

    /// 1–64 characters of letters, digits, `-`, `_`, `.`: safe to echo and to log.
    static func isAcceptable(_ id: String) -> Bool {
        let bytes = id.utf8
        return !bytes.isEmpty && bytes.count <= 64 && bytes.allSatisfy {
            ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95 || $0 == 46
        }
    }
}
