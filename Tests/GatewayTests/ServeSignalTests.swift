import Foundation
import Testing
@testable import Gateway

/// `runql serve` as a process: SIGTERM and SIGINT must stop it gracefully (exit 0) however
/// many threads it runs, which thread the kernel picks, and how early the signal comes.
@Suite struct ServeSignalTests {
    /// The `runql` binary `swift build --build-tests` put next to the test bundle.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("runql")
    }

    /// Starts `runql serve` on a free port with no sources, waits for its "serving" line, sends
    /// a few requests (which start the concurrency pool's threads), then `signal`; returns the
    /// exit status and standard output. Runs on a thread of its own: waiting for a process must
    /// not block Swift's cooperative pool.
    static func serveAndSignal(_ signal: Int32, requests: Int) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                let process = Process()
                process.executableURL = binary
                process.arguments = ["serve", "--port", "0", "--schema", "Schema"]
                var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("RUNQL_") }
                process.environment = environment
                let output = Pipe()
                process.standardOutput = output
                process.standardError = FileHandle.nullDevice
                do {
                    try process.run()
                    var text = ""
                    let reader = output.fileHandleForReading
                    while !text.contains("Explorer:") {
                        let data = reader.availableData
                        if data.isEmpty { break }
                        text += String(decoding: data, as: UTF8.self)
                    }
                    if let range = text.range(of: #"127\.0\.0\.1:(\d+)/graphql"#, options: .regularExpression),
                       let port = Int(text[range].dropFirst("127.0.0.1:".count).prefix { $0.isNumber }) {
                        for _ in 0..<requests {
                            if let client = try? RawClient(port: port) {
                                client.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                            }
                        }
                    }
                    kill(process.processIdentifier, signal)
                    let rest = reader.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: (process.terminationStatus, text + String(decoding: rest, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    @Test(arguments: [(SIGTERM, 0), (SIGTERM, 20), (SIGINT, 5), (SIGTERM, 5)])
    func aSignalStopsTheServerGracefully(_ signal: Int32, requests: Int) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build runql first (swift build --build-tests)")
        let (status, output) = try await Self.serveAndSignal(signal, requests: requests)
        #expect(status == 0)
        #expect(output.contains("RunQL stopped."))
    }
}
