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

    /// The known header `name` is, if any (by length first: most names then need one comparison).
    static func of(_ name: String) -> KnownHeader? {
        let candidates: (KnownHeader?, KnownHeader?)
        switch name.utf8.count {
        case 4: candidates = (.host, nil)
        case 6: candidates = (.accept, .expect)
        case 10: candidates = (.connection, nil)
        case 12: candidates = (.contentType, .requestID)
        case 13: candidates = (.authorization, nil)
        case 14: candidates = (.contentLength, nil)
        case 17: candidates = (.transferEncoding, nil)
        default: return nil
        }
        if let first = candidates.0, name.caseInsensitiveEquals(first.name) { return first }
        if let second = candidates.1, name.caseInsensitiveEquals(second.name) { return second }
        return nil
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

    /// Notes the field at `index` (just appended), named `name`.
    mutating func note(_ name: String, at index: Int) {
        guard isComplete else { return }
        guard index < 254 else { isComplete = false; return }
        guard let header = KnownHeader.of(name) else { return }
        counts[header.rawValue] += 1
        if first[header.rawValue] == .max { first[header.rawValue] = UInt8(index) }
    }
}
