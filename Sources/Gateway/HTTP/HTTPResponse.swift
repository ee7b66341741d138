// An HTTP response and its serialization to bytes.

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders

    /// One array (nearly every response), or a large GraphQL answer in the chunks the executor
    /// wrote: the connection queues those as they are instead of copying them into one buffer.
    enum Body: Sendable {
        case bytes([UInt8])
        case chunks([[UInt8]])
    }

    private(set) var content: Body

    /// For a body in chunks: the answer's error count and whether it is a request error, which
    /// the request log would otherwise parse out of the body.
    var graphQLErrors: (count: Int, requestError: Bool)?

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.content = .bytes(body)
    }

    /// A body in several chunks, written one after the other.
    init(status: Int, headers: HTTPHeaders, chunks: [[UInt8]]) {
        self.status = status
        self.headers = headers
        self.content = chunks.count == 1 ? .bytes(chunks[0]) : .chunks(chunks)
    }

    /// The body as one array (joined, a copy, when it is in chunks).
    public var body: [UInt8] {
        get {
            switch content {
            case .bytes(let bytes): return bytes
            case .chunks(let chunks): return chunks.flatMap { $0 }
            }
        }
        set { content = .bytes(newValue) }
    }

    /// The body's length in bytes.
    var bodyCount: Int {
        switch content {
        case .bytes(let bytes): bytes.count
        case .chunks(let chunks): chunks.reduce(0) { $0 + $1.count }
        }
    }

    /// The body's chunks when it is large enough to be queued without copying.
    var largeBodyChunks: [[UInt8]]? {
        switch content {
        case .bytes(let bytes): bytes.count >= HTTPResponse.largeBodySize ? [bytes] : nil
        case .chunks(let chunks): chunks
        }
    }

    /// From this size a body is queued as it is rather than copied into the write buffer.
    static let largeBodySize = 64 * 1024

    public init(status: Int, contentType: String, body: String) {
        self.init(status: status, headers: HTTPHeaders([("Content-Type", contentType)]), body: Array(body.utf8))
    }

    /// A short plain-text error answer, e.g. for 400/413/431.
    static func plain(_ status: Int, _ message: String) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", body: message + "\n")
    }

    /// Status line, headers (Content-Length and Connection added here) and body.
    func serialized(keepAlive: Bool, headOnly: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        serialize(into: &out, keepAlive: keepAlive, headOnly: headOnly)
        return out
    }

    /// `serialized`, appended to `out` (a connection's write buffer, whose storage is reused
    /// from response to response instead of a new array per response).
    func serialize(into out: inout [UInt8], keepAlive: Bool, headOnly: Bool = false) {
        let bodyCount = self.bodyCount
        out.reserveCapacity(out.count + 128 + (headOnly ? 0 : bodyCount))
        // The head goes through a stack buffer and is appended once; a head too large for it
        // (very long header values) takes the piece-by-piece path.
        let done = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { buffer -> Bool in
            var head = ByteWriter(buffer)
            head.write("HTTP/1.1 ")
            head.write(decimal: max(status, 0))  // as appendDecimal: "0" for anything not positive
            head.write(byte: 32)
            head.write(HTTPResponse.reason(status))
            head.write("\r\n")
            for field in headers.fields {
                head.write(field.name)
                head.write(": ")
                head.write(field.value)
                head.write("\r\n")
            }
            head.write("Content-Length: ")
            head.write(decimal: bodyCount)
            head.write("\r\n")
            if !keepAlive { head.write("Connection: close\r\n") }
            head.write("\r\n")
            if head.overflowed { return false }
            out.append(contentsOf: head.written)
            return true
        }
        if !done { appendHead(to: &out, keepAlive: keepAlive, bodyCount: bodyCount) }
        guard !headOnly else { return }
        switch content {
        case .bytes(let bytes): out.append(contentsOf: bytes)
        case .chunks(let chunks): for chunk in chunks { out.append(contentsOf: chunk) }
        }
    }

    /// The head, piece by piece (for heads larger than `serialize`'s buffer).
    private func appendHead(to out: inout [UInt8], keepAlive: Bool, bodyCount: Int) {
        // Constants as StaticStrings and Strings through their contiguous UTF-8: appending a
        // String's UTF8View goes through the generic element-by-element path.
        append("HTTP/1.1 ", to: &out)
        appendDecimal(status, to: &out)
        out.append(32)
        append(HTTPResponse.reason(status), to: &out)
        append("\r\n", to: &out)
        for field in headers.fields {
            append(field.name, to: &out)
            append(": ", to: &out)
            append(field.value, to: &out)
            append("\r\n", to: &out)
        }
        append("Content-Length: ", to: &out)
        appendDecimal(bodyCount, to: &out)
        append("\r\n", to: &out)
        if !keepAlive { append("Connection: close\r\n", to: &out) }
        append("\r\n", to: &out)
    }

    @inline(__always) private func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    @inline(__always) private func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Digits without building a String (this runs for every response).
    private func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        guard value > 0 else { out.append(48); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var v = value, i = 20
            while v > 0 {
                i -= 1
                digits[i] = UInt8(48 + v % 10)
                v /= 10
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i..<20]))
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 204: "No Content"
        case 294: "Partial Success"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }
}
