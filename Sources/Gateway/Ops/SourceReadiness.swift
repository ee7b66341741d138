// Whether each configured source answers, and how fast, for /readyz, `runql check` and the
// `sources` query field. Details name the server with any password removed; the GraphQL field
// leaves addresses out altogether.

import Foundation
import Resolvers

enum SourceReadiness {
    struct Report: Sendable {
        var name: String
        var ready: Bool
        var detail: String
        /// Seconds the probe took.
        var latency: Double = 0
    }

    /// Probes every configured source at once.
    static func check(_ sources: GatewayConfiguration.SourceSettings) async -> [Report] {
        async let mongo: Report? = if let settings = sources.mongo { await timed { await checkMongo(settings) } } else { nil }
        async let postgres: Report? = if let settings = sources.postgres { await timed { await checkPostgres(settings) } } else { nil }
        async let skydriver: Report? = if let settings = sources.skydriver { await timed { await checkSkydriver(settings) } } else { nil }
        return [await mongo, await postgres, await skydriver].compactMap { $0 }
    }

    private static func timed(_ probe: () async -> Report) async -> Report {
        let start = DispatchTime.now().uptimeNanoseconds
        var report = await probe()
        report.latency = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return report
    }

    private static func checkMongo(_ mongo: GatewayConfiguration.MongoSettings) async -> Report {
        do {
            try await MongoClient(uri: mongo.uri.value, threads: 1).ping()
            return Report(name: "mongodb", ready: true, detail: "reachable at \(mongo.uri.redacted)")
        } catch {
            return Report(name: "mongodb", ready: false, detail: "\(mongo.uri.redacted): \(error)")
        }
    }

    private static func checkPostgres(_ pg: GatewayConfiguration.PostgresSettings) async -> Report {
        do {
            let pool = PostgresPool(PostgresConfiguration(conninfo: pg.conninfo.value, maximumConnections: 1))
            let version = try await pool.query("SELECT version() AS v").rows.first?["v"]?.stringValue ?? "?"
            pool.closeIdle()
            return Report(name: "postgresql", ready: true, detail: "reachable at \(pg.conninfo.redacted): \(version)")
        } catch {
            return Report(name: "postgresql", ready: false, detail: "\(pg.conninfo.redacted): \(error)")
        }
    }

    /// Any HTTP answer means the server is there; only transport failures and timeouts count as down.
    private static func checkSkydriver(_ sky: GatewayConfiguration.SkydriverSettings) async -> Report {
        guard let url = URL(string: sky.baseURL) else {
            return Report(name: "skydriver", ready: false, detail: "invalid base URL \(sky.baseURL)")
        }
        let client = RESTClient(RESTConfiguration(baseURL: url, bearerToken: sky.token?.value, timeout: 5, maxRetries: 0))
        do {
            _ = try await client.get("")
            return Report(name: "skydriver", ready: true, detail: "reachable at \(Secret.redact(sky.baseURL))")
        } catch {
            switch error {
            case .http(let status, _, _), .redirectRefused(let status, _):
                return Report(name: "skydriver", ready: true, detail: "reachable at \(Secret.redact(sky.baseURL)) (answered \(status))")
            case .invalidResponse:
                return Report(name: "skydriver", ready: true, detail: "reachable at \(Secret.redact(sky.baseURL))")
            default:
                return Report(name: "skydriver", ready: false, detail: "\(Secret.redact(sky.baseURL)): \(error)")
            }
        }
    }
}
