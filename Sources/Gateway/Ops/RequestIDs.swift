// Request ids: a random per-process prefix and a counter (unique without a system call per
// request), or the client's own `X-Request-Id` when it is a short plain token.

import Synchronization

final class RequestIDs: Sendable {
    /// Eight lowercase hex digits.
    private let prefix: String
    /// An atomic rather than a lock: this is taken once per request on every event loop.
    private let counter = Atomic<UInt64>(0)

    init() {
        var generator = SystemRandomNumberGenerator()
        let bits: UInt64 = generator.next()
        let random = String(bits & 0xFFFF_FFFF, radix: 16)
        prefix = String(repeating: "0", count: 8 - random.count) + random
    }

    func make() -> String {
        let n = counter.add(1, ordering: .relaxed).newValue
        return RequestIDs.format(prefix: prefix, number: n)
    }

    /// `prefix-<hex number>`, written into the String's storage: up to 15 bytes (the first
    /// 16.7 million ids) it is a small String, so most ids cost no allocation, where the
    /// interpolation this replaces cost two.
    static func format(prefix: String, number: UInt64) -> String {
        var prefix = prefix
        return prefix.withUTF8 { head in
            var digits = 1, rest = number >> 4
            while rest > 0 { digits += 1; rest >>= 4 }
            return String(unsafeUninitializedCapacity: head.count + 1 + digits) { out in
                var i = 0
                for byte in head { out[i] = byte; i += 1 }
                out[i] = UInt8(ascii: "-")
                var v = number, k = head.count + digits
                while k > head.count {
                    let d = UInt8(truncatingIfNeeded: v & 0xF)
                    out[k] = d < 10 ? d + UInt8(ascii: "0") : d - 10 + UInt8(ascii: "a")
                    v >>= 4
                    k -= 1
                }
                return head.count + 1 + digits
            }
        }
    }

    /// The id for `request`: the client's, when acceptable, else a new one.
    func id(for request: HTTPRequest) -> String {
        if let given = request.headers[known: .requestID], RequestIDs.isAcceptable(given) { return given }
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
