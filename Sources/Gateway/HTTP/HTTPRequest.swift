// A parsed HTTP/1.1 request, as the server hands it to a handler.

public struct HTTPHeaders: Sendable, Sequence {
    public private(set) var fields: [(name: String, value: String)] = []
    /// Where the fields the request path reads are, kept up to date by every mutation.
    private var known = KnownHeaderFields()

    public init(_ fields: [(String, String)] = []) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
        for (i, field) in self.fields.enumerated() { known.note(KnownHeader.of(field.name), at: i) }
    }

    /// One field of a known name, with room for another (the request id the observer adds):
    /// what most responses start as. The general `init` maps an array and classifies the name
    /// (~950 instructions), and the observer's append then regrew the array.
    init(_ header: KnownHeader, _ value: String) {
        fields.reserveCapacity(2)
        add(header.name, value, known: header)
    }

    /// The first value of a header, matched case-insensitively.
    public subscript(name: String) -> String? {
        for field in fields where field.name.caseInsensitiveEquals(name) { return field.value }
        return nil
    }

    /// `self[header.name]`, from the index noted when the field was added.
    subscript(known header: KnownHeader) -> String? {
        guard known.isComplete else { return self[header.name] }
        return known.firstIndex(header).map { fields[$0].value }
    }

    /// How many fields are named `header`.
    func count(_ header: KnownHeader) -> Int {
        guard known.isComplete else { return fields.count { $0.name.caseInsensitiveEquals(header.name) } }
        return known.count(header)
    }

    public func values(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    public mutating func add(_ name: String, _ value: String) {
        add(name, value, known: KnownHeader.of(name))
    }

    /// `add` with the name already classified (the parser does it over the bytes it has).
    mutating func add(_ name: String, _ value: String, known header: KnownHeader?) {
        fields.append((name: name, value: value))
        known.note(header, at: fields.count - 1)
    }

    /// Room for `count` fields without regrowing (the parser adds one field at a time).
    mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

    public mutating func set(_ name: String, _ value: String) {
        // A known name (the observer's X-Request-Id on every response): presence from the
        // noted counts, no scan.
        if known.isComplete, let header = KnownHeader.of(name), known.count(header) == 0 {
            add(name, value, known: header)
            return
        }
        // Looked for first: `removeAll(where:)` on an array shared with a copy of the headers
        // copies it even when nothing matches (the observer sets a header on every response).
        if fields.contains(where: { $0.name.caseInsensitiveEquals(name) }) {
            fields.removeAll { $0.name.caseInsensitiveEquals(name) }
            // Indexes moved: note them again.
            known = KnownHeaderFields()
            for (i, field) in fields.enumerated() { known.note(KnownHeader.of(field.name), at: i) }
        }
        add(name, value)
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }
}

public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target as sent, e.g. `/graphql?query=...`.
    public var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The id the request observer gave this request (the client's `X-Request-Id` when it is
    /// acceptable): handlers quote it, e.g. in masked errors. Carried here rather than written
    /// into `headers`, which copied the header array on every request.
    var requestID: String? = nil

    public var path: Substring {
        guard let q = queryMark else { return target[...] }
        return target[..<q]
    }
    public var query: Substring? {
        guard let q = queryMark else { return nil }
        return target[target.utf8.index(after: q)...]
    }

    /// Where the `?` is. Searched in the contiguous bytes: stepping the UTF8View of a small
    /// String cost ~280 instructions, and the path is read three times per request.
    private var queryMark: String.Index? {
        let offset = target.utf8.withContiguousStorageIfAvailable { $0.firstIndex(of: UInt8(ascii: "?")) }
        switch offset {
        case .some(.some(let k)): return target.utf8.index(target.utf8.startIndex, offsetBy: k)
        case .some(.none): return nil
        case .none: return target.utf8.firstIndex(of: UInt8(ascii: "?"))
        }
    }

    /// Whether the client wants the connection kept open after this request.
    var keepAlive: Bool {
        // Most requests have no Connection header: then no string work at all. (With Foundation
        // imported, `String.contains` of a String is `NSString.range(of:)`: a bridge and ~1,000
        // instructions per request, even for an empty string.)
        guard let connection = headers[known: .connection] else { return minorVersion != 0 }
        if minorVersion == 0 { return connection.containsIgnoringASCIICase("keep-alive") }
        return !connection.containsIgnoringASCIICase("close")
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        // Header lookups run this many times per request: compare the contiguous bytes
        // rather than stepping two UTF8Views' indices in turn.
        if let equal = a.withContiguousStorageIfAvailable({ x in
            b.withContiguousStorageIfAvailable { y in String.bytesEqualIgnoringCase(x, y) }
        }), let equal {
            return equal
        }
        for (x, y) in zip(a, b) where x != y {
            // ASCII letters only differ by 0x20 between cases.
            guard x | 0x20 == y | 0x20, (x | 0x20) >= 0x61, (x | 0x20) <= 0x7A else { return false }
        }
        return true
    }

    /// Whether `needle` (lowercase ASCII) occurs in this string, ASCII letters compared without
    /// case: what `lowercased().contains(needle)` answered, over bytes.
    func containsIgnoringASCIICase(_ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        return needle.withUTF8Buffer { pattern in
            var text = self
            return text.withUTF8 { bytes in
                guard bytes.count >= n else { return false }
                outer: for start in 0...(bytes.count - n) {
                    for k in 0..<n {
                        let c = bytes[start + k]
                        // Lowercasing only touches A–Z for ASCII patterns.
                        let lower = c >= 65 && c <= 90 ? c | 0x20 : c
                        if lower != pattern[k] { continue outer }
                    }
                    return true
                }
                return false
            }
        }
    }

    /// `caseInsensitiveEquals` for two buffers of the same length.
    private static func bytesEqualIgnoringCase(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 0..<a.count {
            let x = a[i], y = b[i]
            if x == y { continue }
            guard x | 0x20 == y | 0x20, (x | 0x20) >= 0x61, (x | 0x20) <= 0x7A else { return false }
        }
        return true
    }
}
