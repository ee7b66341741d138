// The local SkyDriver-compatible upstream: connects to MongoDB, creates SkyDriver's indexes,
// seeds the demo scans when asked (or when the database is empty), then serves SkyDriver's
// routes on the project's HTTP server.

import Foundation
import Resolvers

struct SkyDriverLocalOptions: Sendable {
    enum SeedMode: Sendable, Equatable {
        /// Seed when the Manifests collection is empty.
        case whenEmpty
        /// Drop SkyDriver's collections and write the demo scans again.
        case always
        case never
    }

    var host = "127.0.0.1"
    var port = 8080
    var mongoURI: String
    var database = "SkyDriver_DB"
    var seed = SeedMode.whenEmpty
    /// Required bearer token; nil accepts every caller (SkyDriver's CI mode).
    var token: String?
}

final class SkyDriverLocalServer: Sendable {
    let store: SkyDriverStore
    let seedReport: SkyDriverSeedReport?
    private let server: HTTPServer

    var port: Int { server.port }

    private init(store: SkyDriverStore, seedReport: SkyDriverSeedReport?, server: HTTPServer) {
        self.store = store
        self.seedReport = seedReport
        self.server = server
    }

    enum StartError: Error, CustomStringConvertible {
        case mongo(String)
        case listen(String)

        var description: String {
            switch self {
            case .mongo(let message): "MongoDB: \(message)"
            case .listen(let message): "cannot listen: \(message)"
            }
        }
    }

    static func start(_ options: SkyDriverLocalOptions, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) async throws(StartError) -> SkyDriverLocalServer {
        let client: MongoClient
        do {
            client = try MongoClient(uri: SeedCommand.withServerSelectionTimeout(options.mongoURI), threads: 8)
            try await client.ping()
        } catch { throw .mongo("\(error)") }
        let store = SkyDriverStore(client: client, database: options.database)
        var report: SkyDriverSeedReport?
        do {
            let seed: Bool
            switch options.seed {
            case .always: seed = true
            case .never: seed = false
            case .whenEmpty: seed = try await store.isEmpty()
            }
            if seed {
                try await store.dropAll()
                report = try await SkyDriverSeed.write(into: store)
            } else {
                try await store.ensureIndexes()
            }
        } catch { throw .mongo(describe(error)) }

        var configuration = HTTPServerConfiguration()
        configuration.host = options.host
        configuration.port = options.port
        // A result PUT is ~0.5 MB; leave room for finer progressions.
        configuration.maxBodyBytes = 16 * 1024 * 1024
        let router = SkyDriverRouter(handlers: SkyDriverHandlers(store: store, clock: clock), token: options.token)
        let server = HTTPServer(configuration: configuration) { request in await router.respond(to: request) }
        do { try server.start() } catch { throw .listen("\(error)") }
        return SkyDriverLocalServer(store: store, seedReport: report, server: server)
    }

    func shutdown() { server.shutdown(deadline: 2) }

    /// Returns when the server has stopped; the blocking wait runs on a thread of its own.
    func waitUntilStopped() async {
        let server = self.server
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread { server.wait(); continuation.resume() }.start()
        }
    }

    private static func describe(_ error: SkyDriverError) -> String {
        if case .storage(let message) = error { return message }
        return error.reason
    }
}
