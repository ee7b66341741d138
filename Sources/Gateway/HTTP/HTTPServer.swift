// The HTTP/1.1 server: one epoll event loop per core, each with its own listener on the same
// port (SO_REUSEPORT), and graceful shutdown.

import Foundation
import Glibc

public final class HTTPServer: @unchecked Sendable {
    // @unchecked: `loops` and `threads` are set in `start` before any other thread sees them.
    /// Runs where its caller runs (`nonisolated(nonsending)`): in the request's task on the
    /// event loop, without a hop through the generic executor on the way in and out (each
    /// hop looked up the task's executor preference under the task's status lock).
    public typealias Handler = nonisolated(nonsending) @Sendable (HTTPRequest) async -> HTTPResponse

    public let configuration: HTTPServerConfiguration
    /// The port actually bound (differs from the configured one when that is 0).
    public private(set) var port = 0
    private let handler: Handler
    private var loops: [EventLoop] = []
    private let finished = DispatchGroup()

    public init(configuration: HTTPServerConfiguration, handler: @escaping Handler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// Binds and starts the event loops; returns once the server accepts connections.
    public func start() throws {
        // A client that disconnects mid-response must not kill the process.
        signal(SIGPIPE, SIG_IGN)
        var boundPort = configuration.port
        for _ in 0..<max(1, configuration.eventLoops) {
            let (fd, actual) = try Socket.listen(host: configuration.host, port: boundPort)
            boundPort = actual
            loops.append(try EventLoop(listenerFD: fd, configuration: configuration, handler: handler))
        }
        port = boundPort
        for (i, loop) in loops.enumerated() {
            finished.enter()
            let thread = Thread { [finished] in
                loop.run()
                finished.leave()
            }
            thread.name = "runql-http-\(i)"
            thread.start()
        }
    }

    /// Stops accepting, lets in-flight requests finish for up to `deadline` seconds, then closes everything.
    public func shutdown(deadline: Double = 10) {
        for loop in loops { loop.beginShutdown(deadline: deadline) }
    }

    /// Whether the caller runs on one of this server's event loop threads (handlers normally do).
    var isOnEventLoopThread: Bool { loops.contains { $0.onLoopThread } }

    /// Blocks until every event loop has exited.
    public func wait() {
        finished.wait()
    }
}
