// An incremental HTTP/1.1 request parser (RFC 9112) with hard limits. It reads from a
// connection's buffer as bytes arrive, never re-scans what it has already scanned, and turns
// every malformed or oversized request into the status code the client should get.

import Glibc

struct HTTPLimits: Sendable {
    var maxHeaderBytes = 16 * 1024
    var maxURIBytes = 8 * 1024
    var maxBodyBytes = 2 * 1024 * 1024
    var maxHeaderCount = 100
}

enum HTTPParseOutcome {
    case needMore
    /// The head asked for `Expect: 100-continue` and the body has not all arrived yet.
    case expectContinue
    case request(HTTPRequest)
    case failure(status: Int, message: String)
}

struct HTTPRequestParser {
    private enum ChunkPhase {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailers
    }

    private enum State {
        case head(scannedTo: Int)
        case body(HTTPRequest, remaining: Int, continueSent: Bool)
        case chunked(HTTPRequest, ChunkPhase, continueSent: Bool)
    }

    let limits: HTTPLimits
    private var state: State = .head(scannedTo: 0)

    init(limits: HTTPLimits) { self.limits = limits }

    /// True while part of a request has been read: a connection closed now lost a request.
    var isMidRequest: Bool {
        if case .head(let scanned) = state { return scanned > 0 }
        return true
    }

    /// True once a head has been parsed and its body is still arriving.
    var isReadingBody: Bool {
        if case .head = state { return false }
        return true
    }

    /// Parses from `buffer[start...]`; on `.request`, `start` moves past the request.
    mutating func parse(_ buffer: [UInt8], start: inout Int) -> HTTPParseOutcome {
        while true {
            switch state {
            case .head(let scannedTo):
                // Clients may send empty lines between requests (RFC 9112 §2.2).
                while start + 1 < buffer.count, buffer[start] == 13, buffer[start + 1] == 10, scannedTo == 0 { start += 2 }
                let from = max(start, scannedTo - 3)
                guard let end = findHeadEnd(buffer, from: from) else {
                    let pending = buffer.count - start
                    if !buffer[start...].contains(10) && pending > limits.maxURIBytes + 64 {
                        return .failure(status: 414, message: "Request line too long")
                    }
                    if pending > limits.maxHeaderBytes { return .failure(status: 431, message: "Request headers too large") }
                    state = .head(scannedTo: buffer.count)
                    return .needMore
                }
                if end - start > limits.maxHeaderBytes { return .failure(status: 431, message: "Request headers too large") }
                let head: HTTPRequest
                // Over the buffer's storage: indexing the array checked bounds at every byte.
                switch buffer.withUnsafeBufferPointer({ parseHead($0, start, end) }) {
                case .success(let h): head = h
                case .failure(let f): return .failure(status: f.status, message: f.message)
                }
                start = end + 4
                switch framing(of: head) {
                case .failure(let f):
                    return .failure(status: f.status, message: f.message)
                case .success(.none):
                    state = .head(scannedTo: 0)
                    return .request(head)
                case .success(.length(let n)):
                    state = .body(head, remaining: n, continueSent: false)
                case .success(.chunked):
                    state = .chunked(head, .size, continueSent: false)
                }
            case .body(var request, let remaining, let continueSent):
                let available = min(remaining, buffer.count - start)
                if available > 0 {
                    request.body.append(contentsOf: buffer[start..<(start + available)])
                    start += available
                }
                if available == remaining {
                    state = .head(scannedTo: 0)
                    return .request(request)
                }
                state = .body(request, remaining: remaining - available, continueSent: true)
                return !continueSent && wantsContinue(request) ? .expectContinue : .needMore
            case .chunked(var request, let phase, let continueSent):
                switch readChunk(buffer, &start, &request, phase) {
                case .failure(let f):
                    return .failure(status: f.status, message: f.message)
                case .success(.none):
                    state = .head(scannedTo: 0)
                    return .request(request)
                case .success(.some(let next)):
                    state = .chunked(request, next, continueSent: true)
                    return !continueSent && wantsContinue(request) ? .expectContinue : .needMore
                }
            }
        }
    }

    // MARK: Head

    struct Failure: Error {
        let status: Int
        let message: String
    }

    /// Where the first CRLF CRLF at or after `from` starts. Every one ends at an LF: glibc's
    /// vectorised memchr finds those, where a byte loop cost several instructions a byte.
    private func findHeadEnd(_ b: [UInt8], from: Int) -> Int? {
        b.withUnsafeBufferPointer { p -> Int? in
            guard let base = p.baseAddress else { return nil }
            var j = max(from, 0) + 3
            while j < p.count {
                guard let hit = memchr(base + j, 10, p.count - j) else { return nil }
                let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if p[k - 1] == 13, p[k - 2] == 10, p[k - 3] == 13 { return k - 3 }
                j = k + 1
            }
            return nil
        }
    }

    private func parseHead(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Result<HTTPRequest, Failure> {
        // Request line: method SP target SP HTTP-version
        var i = start
        let lineEnd = firstCRLF(b, from: start, to: end + 2) ?? end
        while i < lineEnd, isTokenChar(b[i]) { i += 1 }
        guard i > start, i < lineEnd, b[i] == 32 else { return .failure(Failure(status: 400, message: "Malformed request line")) }
        let method = CommonRequestStrings.method(UnsafeBufferPointer(rebasing: b[start..<i]))
        i += 1
        let targetStart = i
        while i < lineEnd, b[i] > 32, b[i] < 127 { i += 1 }
        guard i > targetStart, i < lineEnd, b[i] == 32 else { return .failure(Failure(status: 400, message: "Malformed request target")) }
        if i - targetStart > limits.maxURIBytes { return .failure(Failure(status: 414, message: "URI too long")) }
        let target = CommonRequestStrings.target(UnsafeBufferPointer(rebasing: b[targetStart..<i]))
        i += 1
        // Compared in place: building arrays for this cost allocations on every request.
        let version = b[i..<lineEnd]
        let minor: Int
        if version.equals("HTTP/1.1") { minor = 1 } else if version.equals("HTTP/1.0") { minor = 0 } else if version.starts(with: "HTTP/".utf8) {
            return .failure(Failure(status: 505, message: "HTTP version not supported"))
        } else {
            return .failure(Failure(status: 400, message: "Malformed HTTP version"))
        }
        // Header fields
        var headers = HTTPHeaders()
        headers.reserveCapacity(8)
        var lineStart = lineEnd + 2
        while lineStart < end + 2 {
            let fieldEnd = firstCRLF(b, from: lineStart, to: end + 2) ?? end
            if b[lineStart] == 32 || b[lineStart] == 9 {
                return .failure(Failure(status: 400, message: "Obsolete header line folding is not accepted"))
            }
            var c = lineStart
            while c < fieldEnd, isTokenChar(b[c]) { c += 1 }
            guard c > lineStart, c < fieldEnd, b[c] == 58 else { return .failure(Failure(status: 400, message: "Malformed header field")) }
            let nameBytes = UnsafeBufferPointer(rebasing: b[lineStart..<c])
            let known = KnownHeader.of(bytes: nameBytes)
            let name = CommonRequestStrings.name(nameBytes, known: known)
            var v = c + 1
            while v < fieldEnd, b[v] == 32 || b[v] == 9 { v += 1 }
            var e = fieldEnd
            while e > v, b[e - 1] == 32 || b[e - 1] == 9 { e -= 1 }
            for k in v..<e where (b[k] < 32 && b[k] != 9) || b[k] == 127 {
                return .failure(Failure(status: 400, message: "Control character in header \(name)"))
            }
            headers.add(name, CommonRequestStrings.value(UnsafeBufferPointer(rebasing: b[v..<e]), of: known), known: known)
            if headers.fields.count > limits.maxHeaderCount { return .failure(Failure(status: 431, message: "Too many header fields")) }
            lineStart = fieldEnd + 2
        }
        if minor == 1 && headers[known: .host] == nil { return .failure(Failure(status: 400, message: "Missing Host header")) }
        return .success(HTTPRequest(method: method, target: target, minorVersion: minor, headers: headers, body: []))
    }

    private func firstCRLF(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let base = b.baseAddress else { return nil }
        var i = from
        while i + 1 < to {
            // memchr for the CR (vectorised), then a look at the byte after it.
            guard let hit = memchr(base + i, 13, to - 1 - i) else { return nil }
            let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if b[k + 1] == 10 { return k }
            i = k + 1
        }
        return nil
    }

    private func firstCRLF(_ b: [UInt8], from: Int, to: Int) -> Int? {
        var i = from
        while i + 1 < to {
            if b[i] == 13 && b[i + 1] == 10 { return i }
            i += 1
        }
        return nil
    }

    // MARK: Body framing

    private enum Framing {
        case none
        case length(Int)
        case chunked
    }

    private func framing(of request: HTTPRequest) -> Result<Framing, Failure> {
        // Fast path: the usual request has at most one Content-Length of plain digits and
        // neither Transfer-Encoding nor Expect.
        // (From the indexes the parser noted: no scan of the fields by name.)
        let headers = request.headers
        let other = headers.count(.transferEncoding) > 0 || headers.count(.expect) > 0
        if !other && headers.count(.contentLength) <= 1 {
            guard let text = headers[known: .contentLength] else { return .success(.none) }
            let digits = text.utf8
            if !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(text) {
                if n > limits.maxBodyBytes { return .failure(Failure(status: 413, message: "Request body larger than \(limits.maxBodyBytes) bytes")) }
                return .success(n == 0 ? .none : .length(n))
            }
        }
        let encodings = request.headers.values("Transfer-Encoding")
        let lengths = request.headers.values("Content-Length")
        if let expect = request.headers["Expect"], !expect.caseInsensitiveEquals("100-continue") {
            return .failure(Failure(status: 417, message: "Unsupported Expect value"))
        }
        if !encodings.isEmpty {
            // A request with both is a smuggling vector (RFC 9112 §6.3): refuse it.
            guard lengths.isEmpty else { return .failure(Failure(status: 400, message: "Both Transfer-Encoding and Content-Length")) }
            let codings = encodings.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: " \t") }
            guard codings.count == 1, codings[0].caseInsensitiveEquals("chunked") else {
                return .failure(Failure(status: 501, message: "Unsupported Transfer-Encoding"))
            }
            return .success(.chunked)
        }
        guard !lengths.isEmpty else { return .success(.none) }
        let values = Set(lengths.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: " \t") })
        guard values.count == 1, let text = values.first, !text.isEmpty, text.utf8.count <= 18,
              text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(text) else {
            return .failure(Failure(status: 400, message: "Invalid Content-Length"))
        }
        if n > limits.maxBodyBytes { return .failure(Failure(status: 413, message: "Request body larger than \(limits.maxBodyBytes) bytes")) }
        return .success(n == 0 ? .none : .length(n))
    }

    private func wantsContinue(_ request: HTTPRequest) -> Bool {
        request.minorVersion == 1 && request.headers[known: .expect].map { $0.caseInsensitiveEquals("100-continue") } == true
    }

    /// Reads as much chunked body as is buffered; `.success(nil)` when the body is complete.
    private func readChunk(_ b: [UInt8], _ start: inout Int, _ request: inout HTTPRequest, _ phase: ChunkPhase) -> Result<ChunkPhase?, Failure> {
        var phase = phase
        while true {
            switch phase {
            case .size:
                guard let lineEnd = firstCRLF(b, from: start, to: b.count) else {
                    if b.count - start > 1024 { return .failure(Failure(status: 400, message: "Chunk size line too long")) }
                    return .success(phase)
                }
                var i = start, size = 0, digits = 0
                while i < lineEnd, let d = hexValue(b[i]) {
                    size = size << 4 | d
                    digits += 1
                    i += 1
                    if digits > 15 { return .failure(Failure(status: 400, message: "Chunk size too large")) }
                }
                // Anything after the size must be a chunk extension (";...").
                guard digits > 0, i == lineEnd || b[i] == 59 || b[i] == 32 || b[i] == 9 else {
                    return .failure(Failure(status: 400, message: "Invalid chunk size"))
                }
                if request.body.count + size > limits.maxBodyBytes {
                    return .failure(Failure(status: 413, message: "Request body larger than \(limits.maxBodyBytes) bytes"))
                }
                start = lineEnd + 2
                phase = size == 0 ? .trailers : .data(remaining: size)
            case .data(let remaining):
                let available = min(remaining, b.count - start)
                request.body.append(contentsOf: b[start..<(start + available)])
                start += available
                if available < remaining { return .success(.data(remaining: remaining - available)) }
                phase = .dataEnd
            case .dataEnd:
                guard b.count - start >= 2 else { return .success(phase) }
                guard b[start] == 13, b[start + 1] == 10 else { return .failure(Failure(status: 400, message: "Chunk data not followed by CRLF")) }
                start += 2
                phase = .size
            case .trailers:
                guard let lineEnd = firstCRLF(b, from: start, to: b.count) else {
                    if b.count - start > limits.maxHeaderBytes { return .failure(Failure(status: 431, message: "Trailers too large")) }
                    return .success(phase)
                }
                let empty = lineEnd == start
                start = lineEnd + 2
                if empty { return .success(nil) }
            }
        }
    }
}

@inline(__always) private func isTokenChar(_ c: UInt8) -> Bool {
    switch c {
    case 48...57, 65...90, 97...122: true
    case 33, 35, 36, 37, 38, 39, 42, 43, 45, 46, 94, 95, 96, 124, 126: true
    default: false
    }
}

@inline(__always) private func hexValue(_ c: UInt8) -> Int? {
    switch c {
    case 48...57: Int(c - 48)
    case 65...70: Int(c - 55)
    case 97...102: Int(c - 87)
    default: nil
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        // Byte-wise for ASCII sets (every caller's case): no Set or Character work per call.
        let ascii = set.utf8
        if ascii.allSatisfy({ $0 < 0x80 }) {
            let bytes = utf8
            var start = bytes.startIndex, end = bytes.endIndex
            while start < end, ascii.contains(bytes[start]) { start = bytes.index(after: start) }
            while end > start, ascii.contains(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
            return String(self[start..<end])
        }
        let chars = Set(set)
        var s = self[...]
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
