// What the HTTP server listens on, how much it accepts, and how long it waits.

public struct HTTPServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    /// 0 picks a free port (tests); the bound port is reported by `HTTPServer.port`.
    public var port: Int = 4000
    /// Event loops (threads); one per core by default.
    public var eventLoops: Int = HTTPServerConfiguration.coreCount
    public var maxHeaderBytes = 16 * 1024
    public var maxURIBytes = 8 * 1024
    public var maxBodyBytes = 2 * 1024 * 1024
    public var maxConnectionsPerLoop = 10_000
    /// From the first byte of a request until its head is complete (slowloris guard).
    public var headerTimeout: Double = 10
    /// From the end of the head until the body is complete.
    public var bodyTimeout: Double = 30
    /// How long a keep-alive connection may sit idle between requests.
    public var idleTimeout: Double = 60
    /// How long a response may sit unsent because the client does not read.
    public var writeTimeout: Double = 30
    /// Pending response bytes above which the server stops reading more requests from a client.
    public var writeBackpressureBytes = 1024 * 1024

    public init() {}

    public static var coreCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    var limits: HTTPLimits {
        HTTPLimits(maxHeaderBytes: maxHeaderBytes, maxURIBytes: maxURIBytes, maxBodyBytes: maxBodyBytes)
    }
}

import Glibc
