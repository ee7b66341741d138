// A small real HTTP/1.1 server on 127.0.0.1 for testing the REST connector: it speaks HTTP over
// a socket, so the client under test runs its real network path. One request per connection.

import Foundation

struct TestHTTPRequest: Sendable {
    var method: String
    var target: String
    var headers: [String: String]
    var body: [UInt8]
    var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

struct TestHTTPResponse: Sendable {
    var status: Int
    var headers: [String: String] = ["Content-Type": "application/json"]
    var body: String = ""
    /// Seconds to wait before answering (to test client timeouts).
    var delay: Double = 0
}

final class LoopbackHTTPServer: @unchecked Sendable {
    // @unchecked: `listener` is set once; `requests` is guarded by `lock`.
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var requests: [TestHTTPRequest] = []
    private let handler: @Sendable (TestHTTPRequest) -> TestHTTPResponse

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    var received: [TestHTTPRequest] { lock.withLock { requests } }

    init(handler: @escaping @Sendable (TestHTTPRequest) -> TestHTTPResponse) throws {
        self.handler = handler
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, len) } }
        guard bound == 0, listen(listener, 64) == 0 else { throw ServerError.cannotListen }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 { return }
            DispatchQueue.global().async { [self] in serve(fd) }
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var headerEnd: Int?
        while headerEnd == nil {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { return }
            buffer.append(contentsOf: chunk[0..<n])
            headerEnd = find(buffer, [13, 10, 13, 10])
        }
        guard let end = headerEnd else { return }
        let head = String(decoding: buffer[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        guard requestLine.count >= 2 else { return }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = Array(buffer[(end + 4)...])
        while body.count < length {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            body.append(contentsOf: chunk[0..<n])
        }
        let request = TestHTTPRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
        lock.withLock { requests.append(request) }
        let response = handler(request)
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        let bodyBytes = Array(response.body.utf8)
        var text = "HTTP/1.1 \(response.status) \(reason(response.status))\r\n"
        for (k, v) in response.headers { text += "\(k): \(v)\r\n" }
        text += "Content-Length: \(bodyBytes.count)\r\nConnection: close\r\n\r\n"
        let out = Array(text.utf8) + bodyBytes
        var sent = 0
        while sent < out.count {
            let n = out[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            sent += n
        }
    }

    private func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where Array(haystack[i..<(i + needle.count)]) == needle { return i }
        return nil
    }

    private func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 307: "Temporary Redirect"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }

    enum ServerError: Error { case cannotListen }
}
