import Foundation
import GraphQLKit
import Testing
@testable import Gateway

@Suite struct RequestLogTests {
    @Test func oneJSONLinePerEntry() throws {
        let entry = RequestLog.Entry(
            time: 1_795_438_635.25, requestID: "abc-1", method: "POST", path: "/graphql", status: 200, durationMs: 1.23456,
            operation: "Runs", errors: 2)
        let line = String(decoding: RequestLog.line(entry), as: UTF8.self)
        #expect(line == #"{"time":"2026-11-23T12:57:15.250Z","requestId":"abc-1","method":"POST","path":"/graphql","status":200,"durationMs":1.235,"operation":"Runs","errors":2}"# + "\n")
        var anonymous = entry
        anonymous.operation = nil
        anonymous.path = "/a\"b"
        let parsed = try JSONParser.parse(String(decoding: RequestLog.line(anonymous), as: UTF8.self))
        guard case .object(let object) = parsed else { Issue.record("not an object"); return }
        #expect(object["operation"] == .null && object["path"] == .string("/a\"b"))
        #expect(RequestLog.timestamp(0) == "1970-01-01T00:00:00.000Z")
    }

    @Test func flushHandsBufferedLinesToTheSink() {
        let capture = LogCapture()
        let log = RequestLog(sink: capture.sink)
        for i in 0..<3 {
            log.record(.init(time: 0, requestID: "r\(i)", method: "GET", path: "/", status: 200, durationMs: 0, operation: nil, errors: 0))
        }
        #expect(capture.lines.isEmpty)
        log.flush()
        #expect(capture.lines.count == 3 && capture.lines[2].contains(#""requestId":"r2""#))
        log.flush()
        #expect(capture.lines.count == 3)
    }

    @Test func stopFlushesWhatIsLeft() {
        let capture = LogCapture()
        let log = RequestLog(sink: capture.sink)
        log.startFlusher(interval: 60)
        log.record(.init(time: 0, requestID: "last", method: "GET", path: "/", status: 200, durationMs: 0, operation: nil, errors: 0))
        log.stop()
        #expect(capture.lines.count == 1)
    }

    @Test func servedRequestsAreLoggedWithIDsAndNoSecrets() async throws {
        let gateway = try ObservedGateway()
        let a = try await gateway.post(#"{"query":"query Q { n }"}"#, headers: ["Authorization": "Bearer sup3rsecret"])
        let b = try await gateway.post(#"{"query":"{ broken n }"}"#)
        let c = try await gateway.get("/graphql?query=%7B%20nope%20%7D", headers: ["Accept": "application/graphql-response+json"])
        #expect(c.status == 400)
        await gateway.stop()
        gateway.log.flush()
        let lines = gateway.capture.lines
        #expect(lines.count == 3)
        var entries: [JSONObject] = []
        for line in lines {
            guard case .object(let object) = try JSONParser.parse(line) else { continue }
            entries.append(object)
            #expect(object.keys == ["time", "requestId", "method", "path", "status", "durationMs", "operation", "errors"])
        }
        #expect(entries.map { $0["requestId"] } == [a, b, c].map { $0.headers["x-request-id"].map(JSONValue.string) })
        #expect(entries.map { $0["status"] } == [.int(200), .int(200), .int(400)])
        #expect(entries.map { $0["operation"] } == [.string("Q"), .null, .null])
        #expect(entries.map { $0["errors"] } == [.int(0), .int(1), .int(1)])
        #expect(entries.map { $0["method"] } == [.string("POST"), .string("POST"), .string("GET")])
        #expect(entries[2]["path"] == .string("/graphql"))  // the query string (which may hold values) is not logged
        #expect(!lines.joined().contains("sup3rsecret"))
    }
}

/// The buffered fast path of a log line writes exactly what the piece-by-piece one does.
@Suite struct RequestLogFastPathTests {
    @Test func bufferedLineMatchesPieceByPiece() {
        let texts = ["abc-1", "POST", "/graphql", "Runs", "we\"ird\\\n", "", "caf\u{e9}", String(repeating: "x", count: 900)]
        var durations: [Double] = [0, 0.0004, 0.0005, 0.001, 0.01, 0.05, 0.1, 0.12, 0.123, 1, 1.5, 2.25, 999.999, 1234.5678, 1e9, 1e16, -1, .infinity, .nan]
        for k in stride(from: 0, to: 20_000, by: 7) { durations.append(Double(k) / 997) }
        var checked = 0
        for (i, duration) in durations.enumerated() {
            let entry = RequestLog.Entry(
                time: 1_795_000_000.25 + Double(i), requestID: texts[i % texts.count], method: texts[(i + 1) % texts.count],
                path: texts[(i + 2) % texts.count], status: [200, 400, 0, -3][i % 4], durationMs: duration,
                operation: i % 5 == 0 ? nil : texts[(i + 3) % texts.count], errors: i % 3)
            var slow: [UInt8] = []
            RequestLog.appendLinePieceByPiece(entry, to: &slow)
            #expect(RequestLog.line(entry) == slow, "\(duration)")
            checked += 1
        }
        #expect(checked == durations.count)
    }

    @Test func responseHeadMatchesPieceByPiece() {
        var response = HTTPResponse(status: 200, contentType: "application/json", body: "{}")
        response.headers.add("X-Request-Id", "0a1b2c3d-1")
        let expected = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-Id: 0a1b2c3d-1\r\nContent-Length: 2\r\n\r\n{}"
        #expect(String(decoding: response.serialized(keepAlive: true), as: UTF8.self) == expected)
        #expect(String(decoding: response.serialized(keepAlive: false, headOnly: true), as: UTF8.self)
            == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-Id: 0a1b2c3d-1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n")
        // A head larger than the stack buffer takes the other path, with the same bytes.
        var large = HTTPResponse(status: 599, body: [])
        large.headers.add("X-Long", String(repeating: "v", count: 3000))
        let text = String(decoding: large.serialized(keepAlive: true), as: UTF8.self)
        #expect(text == "HTTP/1.1 599 Status 599\r\nX-Long: \(String(repeating: "v", count: 3000))\r\nContent-Length: 0\r\n\r\n")
    }
}
