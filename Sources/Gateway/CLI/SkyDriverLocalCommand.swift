// `runql skydriver-local [--host H] [--port P] [--mongo-uri URI] [--database DB] [--seed|--no-seed]
// [--token T]`: a local SkyDriver-compatible REST upstream over MongoDB for the demo and the
// tests (Sources/Gateway/LocalUpstreams/SkyDriver). Prints `serving SkyDriver on URL` once it
// accepts connections, so scripts started with `--port 0` can read the port.

import Foundation

enum SkyDriverLocalCommand {
    static func run(_ arguments: [String], environment: [String: String]) async -> Int32 {
        var options = SkyDriverLocalOptions(mongoURI: environment["RUNQL_MONGO_URI"] ?? "")
        var i = 0
        func value() -> String? {
            guard i + 1 < arguments.count else { return nil }
            defer { i += 2 }
            return arguments[i + 1]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--seed": options.seed = .always; i += 1
            case "--no-seed": options.seed = .never; i += 1
            case "--host":
                guard let v = value() else { return usage("--host needs a value") }
                options.host = v
            case "--port":
                guard let v = value(), let port = Int(v), (0...65_535).contains(port) else { return usage("--port needs a port number") }
                options.port = port
            case "--mongo-uri":
                guard let v = value() else { return usage("--mongo-uri needs a value") }
                options.mongoURI = v
            case "--database":
                guard let v = value(), !v.isEmpty else { return usage("--database needs a name") }
                options.database = v
            case "--token":
                guard let v = value(), !v.isEmpty else { return usage("--token needs a value") }
                options.token = v
            default:
                return usage("unknown option \(arguments[i])")
            }
        }
        guard !options.mongoURI.isEmpty else { return usage("no MongoDB: pass --mongo-uri or set RUNQL_MONGO_URI") }
        let server: SkyDriverLocalServer
        do { server = try await SkyDriverLocalServer.start(options) } catch {
            FileHandle.standardError.write(Data("runql skydriver-local: \(error)\n".utf8))
            return 1
        }
        var lines = ""
        if let report = server.seedReport {
            lines += "seeded \(report.scans) scans (\(report.resultRows) result rows) into \(options.database) in \(String(format: "%.2f", report.seconds)) s\n"
        }
        lines += "serving SkyDriver on http://\(options.host):\(server.port)/ (database \(options.database), \(options.token == nil ? "no auth" : "bearer token required"))\n"
        FileHandle.standardOutput.write(Data(lines.utf8))
        await server.waitUntilStopped()
        return 0
    }

    private static func usage(_ problem: String) -> Int32 {
        FileHandle.standardError.write(Data("runql skydriver-local: \(problem)\n".utf8))
        return 2
    }
}
