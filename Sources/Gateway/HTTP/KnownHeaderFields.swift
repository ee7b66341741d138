// Where the header fields the server and the gateway read on every request are, noted once as
// each field is added. Looking them up by name scanned every field with a case-insensitive
// comparison: about 30 such comparisons per request (framing, Host, Connection, Accept,
// Content-Type, Authorization, X-Request-Id), ~1.5 k instructions of a cached query's path.

/// A header name the request path reads often.
enum KnownHeader: Int, CaseIterable {
    case host, contentLength, transferEncoding, expect, connection, accept, contentType, authorization, requestID

    var name: String {
        switch self {
        case .host: "Host"
        case .contentLength: "Content-Length"
        case .transferEncoding: "Transfer-Encoding"
        case .expect: "Expect"
        case .connection: "Connection"
        case .accept: "Accept"
        case .contentType: "Content-Type"
        case .authorization: "Authorization"
        case .requestID: "X-Request-Id"
        }
    }

    /// `name` as a StaticString, for comparing bytes.
    var canonical: StaticString {
        switch self {
        case .host: "Host"
        case .contentLength: "Content-Length"
        case .transferEncoding: "Transfer-Encoding"
        case .expect: "Expect"
        case .connection: "Connection"
        case .accept: "Accept"
        case .contentType: "Content-Type"
        case .authorization: "Authorization"
        case .requestID: "X-Request-Id"
        }
    }

    /// The name in lowercase, for comparing bytes.
    private var lowercased: StaticString {
        switch self {
        case .host: "host"
        case .contentLength: "content-length"
        case .transferEncoding: "transfer-encoding"
        case .expect: "expect"
        case .connection: "connection"
        case .accept: "accept"
        case .contentType: "content-type"
        case .authorization: "authorization"
        case .requestID: "x-request-id"
        }
    }

    /// The known header `name` is, if any.
    static func of(_ name: String) -> KnownHeader? {
        var name = name
        return name.withUTF8(of(bytes:))
    }

    /// The known header these name bytes spell, if any: by length first (most names then need
    /// one comparison), then byte by byte, ASCII letters without case.
    static func of(bytes name: UnsafeBufferPointer<UInt8>) -> KnownHeader? {
        let candidates: (KnownHeader?, KnownHeader?)
        switch name.count {
        case 4: candidates = (.host, nil)
        case 6: candidates = (.accept, .expect)
        case 10: candidates = (.connection, nil)
        case 12: candidates = (.contentType, .requestID)
        case 13: candidates = (.authorization, nil)
        case 14: candidates = (.contentLength, nil)
        case 17: candidates = (.transferEncoding, nil)
        default: return nil
        }
        // Clients mostly send the canonical spelling: one memcmp, else the case-blind loop.
        if let first = candidates.0, name.equals(first.canonical) || matches(name, first.lowercased) { return first }
        if let second = candidates.1, name.equals(second.canonical) || matches(name, second.lowercased) { return second }
        return nil
    }

    private static func matches(_ name: UnsafeBufferPointer<UInt8>, _ pattern: StaticString) -> Bool {
        pattern.withUTF8Buffer { p in
            guard p.count == name.count else { return false }
            for i in 0..<p.count {
                let c = name[i], q = p[i]
                // Only letters may differ, by case (the pattern is lowercase).
                if c != q && !(q >= UInt8(ascii: "a") && q <= UInt8(ascii: "z") && c | 0x20 == q) { return false }
            }
            return true
        }
    }
}

/// For each known header: the index of its first field and how many fields have its name.
/// Indexes and counts are bytes: headers with 255 fields or more are not noted (`isComplete`
/// turns false and lookups scan the fields by name, as before).
struct KnownHeaderFields: Sendable {
    private var first = SIMD16<UInt8>(repeating: .max)
    private var counts = SIMD16<UInt8>(repeating: 0)
    private(set) var isComplete = true

    /// Index of the first field named `header`, or nil (only meaningful while `isComplete`).
    func firstIndex(_ header: KnownHeader) -> Int? {
        let i = first[header.rawValue]
        return i == .max ? nil : Int(i)
    }

    /// How many fields are named `header` (only meaningful while `isComplete`).
    func count(_ header: KnownHeader) -> Int { Int(counts[header.rawValue]) }

    /// Notes the field at `index` (just appended), whose name is `header` (nil: not a known one).
    mutating func note(_ header: KnownHeader?, at index: Int) {
        guard isComplete else { return }
        guard index < 254 else { isComplete = false; return }
        guard let header else { return }
        counts[header.rawValue] += 1
        if first[header.rawValue] == .max { first[header.rawValue] = UInt8(index) }
    }
}
