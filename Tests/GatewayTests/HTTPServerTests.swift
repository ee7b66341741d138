import Foundation
import Testing
@testable import Gateway

/// Starts a server on a free port whose handler echoes what it received.
private func startServer(_ adjust: (inout HTTPServerConfiguration) -> Void = { _ in },
                         handler: HTTPServer.Handler? = nil) throws -> HTTPServer {
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    configuration.eventLoops = 2
    adjust(&configuration)
    let server = HTTPServer(configuration: configuration, handler: handler ?? { request in
        HTTPResponse(status: 200, contentType: "text/plain", body: "\(request.method) \(request.target) \(request.body.count) \(String(decoding: request.body, as: UTF8.self))")
    })
    try server.start()
    return server
}

/// Stops the server and waits for its loops off Swift's cooperative threads, which the
/// server's handler tasks need in order to finish.
private func stop(_ server: HTTPServer) async {
    server.shutdown(deadline: 2)
    await withCheckedContinuation { continuation in
        Thread {
            server.wait()
            continuation.resume()
        }.start()
    }
}

@Suite struct HTTPServerTests {
    @Test func keepAliveServesManyRequestsOnOneConnection() async throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        for i in 0..<5 {
            client.send("GET /n/\(i) HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try #require(await client.readResponse())
            #expect(response.status == 200)
            #expect(response.body == "GET /n/\(i) 0 ")
            #expect(response.headers["connection"] == nil)
        }
        await stop(server)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let server = try startServer(handler: { request in
            // Later requests finish first; answers must still come back in request order.
            let n = Int(request.path.split(separator: "/").last ?? "0") ?? 0
            try? await Task.sleep(nanoseconds: UInt64((5 - n) * 20_000_000))
            return HTTPResponse(status: 200, contentType: "text/plain", body: "\(n)")
        })
        let client = try RawClient(port: server.port)
        client.send((0..<5).map { "GET /\($0) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined())
        var bodies: [String] = []
        for _ in 0..<5 { if let body = await client.readResponse()?.body { bodies.append(body) } }
        #expect(bodies == ["0", "1", "2", "3", "4"])
        await stop(server)
    }

    @Test func largeBodiesInChunksAreSentWholeAndInOrder() async throws {
        // /big answers a body in chunks (as large GraphQL answers are), queued without being
        // copied; small answers pipelined around it keep their order.
        @Sendable func piece(_ i: Int) -> [UInt8] { Array(String(repeating: String(i % 10), count: 70_000).utf8) }
        let server = try startServer(handler: { request in
            if request.path == "/big" {
                return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/plain")]), chunks: (0..<30).map(piece))
            }
            return HTTPResponse(status: 200, contentType: "text/plain", body: String(request.path.dropFirst()))
        })
        let client = try RawClient(port: server.port)
        client.send(["/a", "/big", "/b", "/big", "/c"].map { "GET \($0) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined())
        let expectedBig = (0..<30).map { String(repeating: String($0 % 10), count: 70_000) }.joined()
        var bodies: [String] = []
        for _ in 0..<5 {
            guard let response = await client.readResponse() else { break }
            #expect(response.headers["content-length"] == String(response.body.utf8.count))
            bodies.append(response.body)
        }
        #expect(bodies == ["a", expectedBig, "b", expectedBig, "c"])
        await stop(server)
    }

    @Test func contentLengthAndChunkedBodies() async throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n{\"query\":1}")
        #expect(await client.readResponse()?.body == "POST /graphql 11 {\"query\":1}")
        client.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\n")
        #expect(await client.readResponse()?.body == "POST /c 9 Wikipedia")
        // Bytes dribbled in one at a time still make one request.
        let request = Array("POST /d HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc".utf8)
        for byte in request { client.send([byte]) }
        #expect(await client.readResponse()?.body == "POST /d 3 abc")
        await stop(server)
    }

    @Test func expectContinueGetsAnInterimResponse() async throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        #expect(await client.readResponse()?.status == 100)
        client.send("hello")
        #expect(await client.readResponse()?.body == "POST /e 5 hello")
        // Too large: refused before the body is sent.
        client.send("POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\nExpect: 100-continue\r\n\r\n")
        #expect(await client.readResponse()?.status == 413)
        await stop(server)
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 17_000))\r\n\r\n", 431),
        ("GET /\(String(repeating: "a", count: 9_000)) HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3000000\r\n\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n", 400),
        ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
        ("GET / FTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("G@T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nExpect: magic\r\n\r\n", 417),
    ])
    func malformedRequestsGetTheRightStatusAndTheServerKeepsServing(request: String, status: Int) async throws {
        let server = try startServer()
        let bad = try RawClient(port: server.port)
        bad.send(request)
        let response = try #require(await bad.readResponse())
        #expect(response.status == status)
        #expect(response.headers["connection"] == "close")
        #expect(await bad.isClosedByServer())
        let good = try RawClient(port: server.port)
        good.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await good.readResponse()?.status == 200)
        await stop(server)
    }

    @Test func slowlorisIsCutOffByTheHeaderTimeout() async throws {
        let server = try startServer { $0.headerTimeout = 0.5 }
        let slow = try RawClient(port: server.port)
        slow.send("GET / HTTP/1.1\r\nHost: x\r\n")
        let response = try #require(await slow.readResponse())
        #expect(response.status == 408)
        #expect(await slow.isClosedByServer())
        await stop(server)
    }

    @Test func slowBodyIsCutOffByTheBodyTimeout() async throws {
        let server = try startServer { $0.headerTimeout = 0.3; $0.bodyTimeout = 0.3 }
        let slow = try RawClient(port: server.port)
        slow.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")
        #expect(await slow.readResponse()?.status == 408)
        await stop(server)
    }

    @Test func idleKeepAliveConnectionsAreClosed() async throws {
        let server = try startServer { $0.idleTimeout = 0.3 }
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await client.readResponse()?.status == 200)
        #expect(await client.isClosedByServer())
        await stop(server)
    }

    @Test func connectionCloseAndHTTP10() async throws {
        let server = try startServer()
        let a = try RawClient(port: server.port)
        a.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(await a.readResponse()?.headers["connection"] == "close")
        #expect(await a.isClosedByServer())
        let b = try RawClient(port: server.port)
        b.send("GET / HTTP/1.0\r\n\r\n")
        #expect(await b.readResponse()?.status == 200)
        #expect(await b.isClosedByServer())
        let c = try RawClient(port: server.port)
        c.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try #require(await c.readResponse(head: true))
        #expect(head.body.isEmpty)
        // The HEAD answer carried no body, so the next response parses cleanly.
        let next = try #require(await c.readResponse())
        #expect(next.body.hasPrefix("GET /after"))
        await stop(server)
    }

    @Test func manyConcurrentClients() async throws {
        let server = try startServer()
        let port = server.port
        let ok = await withTaskGroup(of: Int.self) { group in
            for i in 0..<64 {
                group.addTask {
                    // A generous receive timeout: a hang guard only (the full suite loads 2 cores).
                    guard let client = try? RawClient(port: port, receiveTimeout: 60) else { return 0 }
                    var good = 0
                    for j in 0..<20 {
                        client.send("POST /c/\(i) HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n\(j % 10)\(j % 10)")
                        if await client.readResponse()?.body == "POST /c/\(i) 2 \(j % 10)\(j % 10)" { good += 1 }
                    }
                    return good
                }
            }
            return await group.reduce(0, +)
        }
        #expect(ok == 64 * 20)
        await stop(server)
    }

    @Test func gracefulShutdownFinishesInFlightRequests() async throws {
        // The handler holds its answer until the test opens the gate, after shutdown has begun:
        // ordered by events, not by sleeping.
        let gate = Gate()
        let server = try startServer(handler: { _ in
            await gate.arriveAndWait()
            return HTTPResponse(status: 200, contentType: "text/plain", body: "finished")
        })
        let port = server.port
        let client = try RawClient(port: port, receiveTimeout: 60)
        client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        await gate.waitForArrival()
        // The deadline only bounds a request that never finishes; this one finishes when the
        // gate opens, however long a loaded machine takes to get there.
        server.shutdown(deadline: 60)
        // Shutdown has begun once new connections are refused.
        while (try? RawClient(port: port)) != nil { try await Task.sleep(nanoseconds: 10_000_000) }
        await gate.open()
        let response = try #require(await client.readResponse())
        #expect(response.body == "finished")
        #expect(response.headers["connection"] == "close")
        await withCheckedContinuation { continuation in
            Thread { server.wait(); continuation.resume() }.start()
        }
        #expect(throws: RawClient.ClientError.self) { _ = try RawClient(port: port) }
    }

    @Test func aClientThatHangsUpMidResponseDoesNotHurtTheServer() async throws {
        let server = try startServer(handler: { _ in
            HTTPResponse(status: 200, headers: HTTPHeaders(), body: [UInt8](repeating: 65, count: 4_000_000))
        })
        do {
            let rude = try RawClient(port: server.port)
            rude.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
        }
        let polite = try RawClient(port: server.port)
        polite.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await polite.readResponse()?.body.count == 4_000_000)
        await stop(server)
    }
}
