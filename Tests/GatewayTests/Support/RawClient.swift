// A raw TCP client for HTTP tests: sends exact bytes (including malformed ones) and reads the
// server's answers, so every test sees what a real client on the wire would see.

import Foundation
import Glibc

/// Blocking socket calls run on Dispatch threads (`offPool`): a test blocked in recv() on one of
/// Swift's few cooperative threads would starve the server's own handler tasks.
final class RawClient: @unchecked Sendable {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, receiveTimeout: Double = 5) throws {
        // Connected before `self.fd` is set: a class whose init throws once every property is
        // set still runs its deinit, so closing here and there closed the descriptor twice; the
        // second close hit whatever the number had been reused for meanwhile (another test's
        // PostgreSQL or MongoDB socket: "server closed the connection unexpectedly").
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError.connectFailed }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { close(fd); throw ClientError.connectFailed }
        self.fd = fd
        var tv = timeval(tv_sec: Int(receiveTimeout), tv_usec: Int((receiveTimeout - Double(Int(receiveTimeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    /// Reads one complete response (Content-Length framed, none for HEAD); nil if the connection closed first.
    func readResponse(head: Bool = false) async -> Response? {
        await offPool { self.readResponseBlocking(head: head) }
    }

    /// True when the server closed the connection (reads EOF) within the receive timeout.
    func isClosedByServer() async -> Bool {
        await offPool { self.isClosedBlocking() }
    }

    private func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        // A thread of its own: Dispatch's global queue runs only as many blocking items as there
        // are cores, and a test with 64 clients would queue behind itself.
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    private func readResponseBlocking(head: Bool) -> Response? {
        while true {
            if let r = takeResponse(head: head) { return r }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    private func isClosedBlocking() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    private func takeResponse(head isHead: Bool) -> Response? {
        guard let end = find([13, 10, 13, 10]) else { return nil }
        let head = String(decoding: buffer[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = head[0].split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = status == 100 || isHead ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        guard buffer.count >= end + 4 + length else { return nil }
        let body = String(decoding: buffer[(end + 4)..<(end + 4 + length)], as: UTF8.self)
        buffer.removeSubrange(0..<(end + 4 + length))
        return Response(status: status, headers: headers, body: body)
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        for i in 0...(buffer.count - needle.count) where buffer[i] == needle[0] && Array(buffer[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }

    enum ClientError: Error { case connectFailed }
}
