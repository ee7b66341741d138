import Foundation
import Testing
@testable import Gateway

/// Handler tasks run on their event loop's thread (the loop is their executor); these tests hold
/// the cases where work leaves that thread and comes back.
private func start(_ handler: @escaping HTTPServer.Handler) throws -> HTTPServer {
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    configuration.eventLoops = 2
    let server = HTTPServer(configuration: configuration, handler: handler)
    try server.start()
    return server
}

private func stop(_ server: HTTPServer, deadline: Double = 2) async {
    server.shutdown(deadline: deadline)
    await withCheckedContinuation { continuation in
        Thread { server.wait(); continuation.resume() }.start()
    }
}

private func get(_ port: Int, _ path: String) async throws -> RawClient.Response? {
    let client = try RawClient(port: port)
    client.send("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
    return await client.readResponse()
}

/// Lets a handler see the server it belongs to (set once, before the first request).
private final class ServerBox: @unchecked Sendable {
    var server: HTTPServer?
}

@Suite struct EventLoopExecutorTests {
    @Test func handlersRunOnTheEventLoopThread() async throws {
        let box = ServerBox()
        let server = try start { _ in
            HTTPResponse(status: 200, contentType: "text/plain", body: box.server?.isOnEventLoopThread == true ? "loop" : "elsewhere")
        }
        box.server = server
        let response = try #require(try await get(server.port, "/"))
        #expect(response.body == "loop")
        #expect(!server.isOnEventLoopThread)
        await stop(server)
    }

    @Test func workResumedFromOtherThreadsComesBack() async throws {
        let server = try start { request in
            // Resumed by a plain thread, as the connectors' blocking C calls are.
            let value = await withCheckedContinuation { continuation in
                Thread { continuation.resume(returning: request.path.count) }.start()
            }
            try? await Task.sleep(nanoseconds: 1_000_000)
            let sum = await withTaskGroup(of: Int.self) { group in
                for i in 0..<4 { group.addTask { i } }
                return await group.reduce(0, +)
            }
            return HTTPResponse(status: 200, contentType: "text/plain", body: "\(value + sum)")
        }
        try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<64 { group.addTask { try await get(server.port, "/abc")?.body } }
            for try await body in group { #expect(body == "10") }
        }
        await stop(server)
    }

    @Test func aHandlerStillRunningAtTheDeadlineDoesNotHangShutdown() async throws {
        // The handler is held until after shutdown's deadline has passed: ordered by events.
        let gate = Gate()
        let server = try start { _ in
            await gate.arriveAndWait()
            return HTTPResponse(status: 200)
        }
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        await gate.waitForArrival()
        await stop(server, deadline: 0.2)
        // The loop has exited; the handler's task finishes later on Dispatch without a loop to answer.
        #expect(await client.readResponse() == nil)
        await gate.open()
    }
}
