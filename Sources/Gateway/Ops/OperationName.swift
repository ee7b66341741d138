// The GraphQL operation name of a request, for metrics and the request log: `operationName`
// when the client sent one, else the name of the document's first operation (`query Runs {…}`),
// found by a lexical scan rather than a parse (the GraphQL handler parses the body for real;
// this runs on every request, so it allocates only the strings it returns). Nil for anonymous
// operations.

import GraphQLKit

enum OperationName {
    /// Bodies above this size are not scanned (the name is then unknown).
    static let maxScannedBody = 64 * 1024

    /// `of(request)` from what the GraphQL handler already read from a POST body (the same
    /// answer without scanning the body a second time); other requests are scanned.
    static func of(_ request: HTTPRequest, known: KnownOperationName?) -> String? {
        guard let known, request.method == "POST" else { return of(request) }
        guard !request.body.isEmpty, request.body.count <= maxScannedBody else { return nil }
        if let name = known.operationName, !name.isEmpty { return bounded(name) }
        // The scan reads the first `queryPrefixBytes` of the query only.
        return known.query.flatMap { firstOperationName($0, limit: BodyScanner.queryPrefixBytes) }
    }

    static func of(_ request: HTTPRequest) -> String? {
        if request.method == "POST" {
            guard !request.body.isEmpty, request.body.count <= maxScannedBody else { return nil }
            let (name, query) = BodyScanner.topLevelStrings(request.body)
            if let name, !name.isEmpty { return bounded(name) }
            return query.flatMap { firstOperationName($0) }
        }
        guard let query = request.query, let pairs = URLQuery.parse(query) else { return nil }
        if let name = pairs.first(where: { $0.0 == "operationName" })?.1, !name.isEmpty { return bounded(name) }
        return pairs.first(where: { $0.0 == "query" }).flatMap { firstOperationName($0.1) }
    }

    /// Names longer than a GraphQL name reasonably gets are cut (labels and log lines stay small).
    private static func bounded(_ name: String) -> String {
        name.utf8.count <= 100 ? name : String(decoding: name.utf8.prefix(100), as: UTF8.self)
    }

    /// `query|mutation|subscription Name` at the start of the document, skipping whitespace,
    /// commas and comments; nil when the first operation is anonymous or the text is not that.
    static func firstOperationName(_ text: String, limit: Int = 4096) -> String? {
        // Over the contiguous bytes: stepping String.UTF8View indices cost several times more.
        var text = text
        return text.withUTF8 { firstOperationName(bytes: $0, limit: limit) }
    }

    private static func firstOperationName(bytes utf8: UnsafeBufferPointer<UInt8>, limit: Int) -> String? {
        var i = 0
        let end = min(4096, limit, utf8.count)
        func skipIgnored() {
            while i < end {
                let c = utf8[i]
                if c == 32 || c == 9 || c == 10 || c == 13 || c == 44 || c == 0xEF || c == 0xBB || c == 0xBF {
                    i += 1
                } else if c == 35 {
                    while i < end, utf8[i] != 10, utf8[i] != 13 { i += 1 }
                } else {
                    return
                }
            }
        }
        func isNameByte(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 }
        func name() -> Slice<UnsafeBufferPointer<UInt8>>? {
            let start = i
            guard i < end, isNameByte(utf8[i]), !(utf8[i] >= 48 && utf8[i] <= 57) else { return nil }
            while i < end, isNameByte(utf8[i]) { i += 1 }
            return utf8[start..<i]
        }
        skipIgnored()
        guard let keyword = name(),
              keyword.elementsEqual("query".utf8) || keyword.elementsEqual("mutation".utf8) || keyword.elementsEqual("subscription".utf8)
        else { return nil }
        skipIgnored()
        return name().map { String(decoding: $0, as: UTF8.self) }
    }
}

/// The top-level `operationName` and `query` strings of a POST body as the GraphQL handler
/// parsed them (nil where absent or not strings; `query` before a persisted query is looked
/// up), handed to the request observer with the response.
struct KnownOperationName: Sendable {
    var operationName: String?
    var query: String?
}

/// Reads the top-level `"operationName"` and the start of `"query"` from a JSON object body,
/// skipping every other value (nested keys of the same names are not mistaken for them).
enum BodyScanner {
    /// How much of the query is decoded: enough for comments and the operation keyword and name.
    static let queryPrefixBytes = 1024

    static func topLevelStrings(_ body: [UInt8]) -> (operationName: String?, query: String?) {
        body.withUnsafeBufferPointer { b in
            var i = 0
            var name: String?, query: String?
            func skipSpace() { while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 } }
            /// Skips a string starting at its opening quote; false when it does not end.
            func skipString() -> Bool {
                i += 1
                while i < b.count {
                    if b[i] == 92 { i += 2; continue }
                    if b[i] == 34 { i += 1; return true }
                    i += 1
                }
                return false
            }
            /// Skips any value (nested containers by depth, strings by their quotes).
            func skipValue() -> Bool {
                guard i < b.count else { return false }
                if b[i] == 34 { return skipString() }
                if b[i] == 123 || b[i] == 91 {
                    var depth = 0
                    while i < b.count {
                        switch b[i] {
                        case 34: if !skipString() { return false }; continue
                        case 123, 91: depth += 1
                        case 125, 93: depth -= 1; if depth == 0 { i += 1; return true }
                        default: break
                        }
                        i += 1
                    }
                    return false
                }
                while i < b.count, b[i] != 44, b[i] != 125 { i += 1 }
                return true
            }
            /// Decodes the string at `i` (escapes included), keeping at most `limit` bytes.
            func readString(limit: Int) -> String? {
                // Usually there is no escape before the closing quote: decode the bytes in place.
                var j = i + 1
                while j < b.count, b[j] != 34, b[j] != 92 { j += 1 }
                if j < b.count, b[j] == 34, j - (i + 1) < limit {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<j]), as: UTF8.self)
                    i = j + 1
                    return text
                }
                var out: [UInt8] = []
                i += 1
                while i < b.count {
                    let c = b[i]
                    if c == 34 { i += 1; return String(decoding: out, as: UTF8.self) }
                    if c == 92, i + 1 < b.count {
                        let e = b[i + 1]
                        i += 2
                        switch e {
                        case 110: out.append(10)
                        case 116: out.append(9)
                        case 114: out.append(13)
                        case 98: out.append(8)
                        case 102: out.append(12)
                        case 117:
                            var v: UInt32 = 0
                            for _ in 0..<4 where i < b.count {
                                let h = b[i]
                                let d: UInt32 = h >= 48 && h <= 57 ? UInt32(h - 48) : h >= 97 && h <= 102 ? UInt32(h - 87) : h >= 65 && h <= 70 ? UInt32(h - 55) : 0
                                v = v << 4 | d
                                i += 1
                            }
                            out.append(contentsOf: Array(String(Unicode.Scalar(v).map(Character.init) ?? "\u{FFFD}").utf8))
                        default: out.append(e)
                        }
                    } else {
                        out.append(c)
                        i += 1
                    }
                    if out.count >= limit {
                        // Enough read: skip the rest of the string.
                        while i < b.count, b[i] != 34 { i += b[i] == 92 ? 2 : 1 }
                        i += 1
                        return String(decoding: out, as: UTF8.self)
                    }
                }
                return nil
            }
            let operationNameKey: [UInt8] = Array("operationName".utf8), queryKey: [UInt8] = Array("query".utf8)
            skipSpace()
            guard i < b.count, b[i] == 123 else { return (nil, nil) }
            i += 1
            while true {
                skipSpace()
                guard i < b.count, b[i] == 34 else { return (name, query) }
                let keyStart = i + 1
                guard skipString() else { return (name, query) }
                let key = UnsafeBufferPointer(rebasing: b[keyStart..<(i - 1)])
                skipSpace()
                guard i < b.count, b[i] == 58 else { return (name, query) }
                i += 1
                skipSpace()
                if i < b.count, b[i] == 34, key.elementsEqual(operationNameKey) {
                    name = readString(limit: 256)
                } else if i < b.count, b[i] == 34, key.elementsEqual(queryKey) {
                    query = readString(limit: queryPrefixBytes)
                } else if !skipValue() {
                    return (name, query)
                }
                skipSpace()
                guard i < b.count, b[i] == 44 else { return (name, query) }
                i += 1
            }
        }
    }
}
