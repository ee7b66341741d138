// `runql serve-static [--port N] [--body TEXT]`: the HTTP server answering every request with
// the same small reply. It measures the transport's ceiling in benchmarks (no GraphQL work).

import Foundation

enum ServeStaticCommand {
    static func run(_ arguments: [String]) -> Int32 {
        var configuration = HTTPServerConfiguration()
        var body = #"{"data":{"__typename":"Query"}}"#
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "--port" where i + 1 < arguments.count:
                configuration.port = Int(arguments[i + 1]) ?? configuration.port
                i += 2
            case "--body" where i + 1 < arguments.count:
                body = arguments[i + 1]
                i += 2
            default:
                FileHandle.standardError.write(Data("runql serve-static: unknown option \(arguments[i])\n".utf8))
                return 2
            }
        }
        let reply = HTTPResponse(status: 200, contentType: "application/json", body: body)
        let server = HTTPServer(configuration: configuration) { _ in reply }
        do { try server.start() } catch {
            FileHandle.standardError.write(Data("runql serve-static: \(error)\n".utf8))
            return 1
        }
        print("serving a static reply on http://\(configuration.host):\(server.port)/")
        server.wait()
        return 0
    }
}
