// Whether each configured source answers, for /readyz and `runql check`. Details name the
// server with any password removed.

import Foundation
import Resolvers

enum SourceReadiness {
    struct Report: Sendable {
        var name: String
        var ready: Bool
        var detail: String
    }

    static func check(_ sources: GatewayConfiguration.SourceSettings) async -> [Report] {
        var reports: [Report] = []
        if let mongo = sources.mongo {
            do {
                try await MongoClient(uri: mongo.uri.value, threads: 1).ping()
                reports.append(Report(name: "mongodb", ready: true, detail: "reachable at \(mongo.uri.redacted)"))
            } catch {
                reports.append(Report(name: "mongodb", ready: false, detail: "\(mongo.uri.redacted): \(error)"))
            }
        }
        if let pg = sources.postgres {
            do {
                let pool = PostgresPool(PostgresConfiguration(conninfo: pg.conninfo.value, maximumConnections: 1))
                let version = try await pool.query("SELECT version() AS v").rows.first?["v"]?.stringValue ?? "?"
                pool.closeIdle()
                reports.append(Report(name: "postgresql", ready: true, detail: "reachable at \(pg.conninfo.redacted): \(version)"))
            } catch {
                reports.append(Report(name: "postgresql", ready: false, detail: "\(pg.conninfo.redacted): \(error)"))
            }
        }
        if let sky = sources.skydriver {
            reports.append(await checkSkydriver(sky))
        }
        return reports
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
