import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

private func client(_ server: LoopbackHTTPServer, token: String? = nil, timeout: Double = 5, retries: Int = 2) -> RESTClient {
    RESTClient(RESTConfiguration(baseURL: server.baseURL, bearerToken: token, timeout: timeout, maxRetries: retries, retryDelay: 0.01))
}

/// Counts calls across the server's worker threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}

@Suite struct RESTConnectorTests {
    @Test func everyMethodSendsJSONAndTheBearerToken() async throws {
        let server = try LoopbackHTTPServer { request in
            TestHTTPResponse(status: 200, body: #"{"method":"\#(request.method)","target":"\#(request.target)","echo":\#(request.body.isEmpty ? "null" : request.bodyText)}"#)
        }
        defer { server.stop() }
        let rest = client(server, token: "s3cret")
        let got = try await rest.get("/scan/abc/manifest", query: [("include_result", "true")])
        #expect(got == .object(["method": .string("GET"), "target": .string("/scan/abc/manifest?include_result=true"), "echo": .null]))
        for method in [HTTPMethod.post, .put, .patch, .delete] {
            let answer = try await rest.send(method, "/scan", body: .object(["reco_algo": .string("millipede_wilks"), "nside": .list([.int(8)])]))
            #expect(answer == .object(["method": .string(method.rawValue), "target": .string("/scan"),
                                       "echo": .object(["reco_algo": .string("millipede_wilks"), "nside": .list([.int(8)])])]))
        }
        #expect(server.received.allSatisfy { $0.headers["authorization"] == "Bearer s3cret" })
        #expect(server.received.filter { $0.method != "GET" }.allSatisfy { $0.headers["content-type"] == "application/json" })
    }

    @Test func errorStatusAndBodyAreSurfaced() async throws {
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/json": TestHTTPResponse(status: 400, body: #"{"code":400,"error":"cluster must be a non-empty list"}"#)
            case "/text": TestHTTPResponse(status: 404, headers: ["Content-Type": "text/plain"], body: "no such scan")
            default: TestHTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: "not json")
            }
        }
        defer { server.stop() }
        let rest = client(server)
        do {
            _ = try await rest.post("/json", body: .object([:]))
            Issue.record("a 400 was taken as success")
        } catch {
            #expect(error == .http(status: 400, message: "cluster must be a non-empty list",
                                   body: .object(["code": .int(400), "error": .string("cluster must be a non-empty list")])))
        }
        await #expect(throws: RESTError.http(status: 404, message: "no such scan", body: nil)) { _ = try await rest.get("/text") }
        await #expect(throws: RESTError.invalidResponse("the body is not JSON")) { _ = try await rest.get("/other") }
    }

    @Test func idempotentRequestsAreRetriedWithBackoffOthersAreNot() async throws {
        let calls = Counter()
        let server = try LoopbackHTTPServer { request in
            let n = calls.next()
            if request.method == "GET" && n < 3 { return TestHTTPResponse(status: 503, body: #"{"error":"busy"}"#) }
            if request.method == "POST" { return TestHTTPResponse(status: 503, body: #"{"error":"busy"}"#) }
            return TestHTTPResponse(status: 200, body: #"{"ok":true}"#)
        }
        defer { server.stop() }
        let rest = client(server, retries: 2)
        #expect(try await rest.get("/flaky") == .object(["ok": .bool(true)]))
        #expect(server.received.count == 3)
        await #expect(throws: RESTError.http(status: 503, message: "busy", body: .object(["error": .string("busy")]))) {
            _ = try await rest.post("/scan", body: .object([:]))
        }
        #expect(server.received.filter { $0.method == "POST" }.count == 1)
    }

    @Test func retriesAreBounded() async throws {
        let server = try LoopbackHTTPServer { _ in TestHTTPResponse(status: 503, body: #"{"error":"down"}"#) }
        defer { server.stop() }
        await #expect(throws: RESTError.self) { _ = try await client(server, retries: 3).get("/x") }
        #expect(server.received.count == 4)
    }

    @Test func redirectsKeepTheMethodOrAreRefused() async throws {
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/old-get": TestHTTPResponse(status: 301, headers: ["Location": "/new"])
            case "/old-post-307": TestHTTPResponse(status: 307, headers: ["Location": "/new"])
            case "/old-post-302": TestHTTPResponse(status: 302, headers: ["Location": "/new"])
            case "/loop": TestHTTPResponse(status: 302, headers: ["Location": "/loop"])
            default: TestHTTPResponse(status: 200, body: #"{"method":"\#(request.method)","body":"\#(request.body.count)"}"#)
            }
        }
        defer { server.stop() }
        let rest = client(server)
        #expect(try await rest.get("/old-get") == .object(["method": .string("GET"), "body": .string("0")]))
        let moved = try await rest.post("/old-post-307", body: .object(["a": .int(1)]))
        #expect(moved == .object(["method": .string("POST"), "body": .string("7")]))
        do {
            _ = try await rest.post("/old-post-302", body: .object(["a": .int(1)]))
            Issue.record("a 302 after POST was followed")
        } catch {
            guard case .redirectRefused(302, let location) = error else { Issue.record("expected redirectRefused, got \(error)"); return }
            #expect(location.hasSuffix("/new"))
        }
        #expect(!server.received.contains { $0.path == "/new" && $0.method == "GET" && $0.body.isEmpty && $0.headers["x"] != nil })
        await #expect(throws: RESTError.tooManyRedirects(5)) { _ = try await rest.get("/loop") }
    }

    @Test func unreachableUpstreamFailsWithATransportError() async throws {
        let rest = RESTClient(RESTConfiguration(baseURL: URL(string: "http://127.0.0.1:\(TestServices.closedPort())")!, timeout: 2, maxRetries: 1, retryDelay: 0.01))
        do {
            _ = try await rest.get("/scan")
            Issue.record("a request to a closed port succeeded")
        } catch {
            guard case .transport = error else { Issue.record("expected .transport, got \(error)"); return }
        }
    }

    @Test func slowUpstreamTimesOut() async throws {
        let server = try LoopbackHTTPServer { _ in TestHTTPResponse(status: 200, body: "{}", delay: 3) }
        defer { server.stop() }
        do {
            _ = try await client(server, timeout: 1, retries: 0).get("/slow")
            Issue.record("a slow answer did not time out")
        } catch {
            guard case .timeout = error else { Issue.record("expected .timeout, got \(error)"); return }
            #expect(server.received.count == 1)
        }
    }

    @Test func emptyBodiesAndBadPaths() async throws {
        let server = try LoopbackHTTPServer { _ in TestHTTPResponse(status: 204, headers: [:]) }
        defer { server.stop() }
        #expect(try await client(server).delete("/scan/abc") == .null)
        await #expect(throws: RESTError.invalidURL("/bad path")) { _ = try await client(server).get("/bad path") }
        #expect(server.received.count == 1)
    }
}
