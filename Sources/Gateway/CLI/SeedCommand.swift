// `runql seed [--scale N] [--config PATH] [--keep]`: loads the deterministic demo runs
// (XENON1T, XENONnT, XAMS) into the configured MongoDB and creates the run indexes, and the
// CMS Run Registry (RR's tables, created when missing) into the configured PostgreSQL. By default
// each run collection is dropped and rewritten; `--keep` only adds the demo runs that are missing.
// Collections are the configured ones (`sources.mongo.collections`).

import Foundation
import Resolvers

enum SeedCommand {
    static let options: Set<String> = ["scale", "config"]
    /// How long to look for the server when the URI does not say: a clear failure beats a 30 s wait.
    static let serverSelectionTimeoutMS = 5_000

    static func run(_ arguments: [String], environment: [String: String]) async -> CommandResult {
        do throws(CommandFailure) {
            let keep = arguments.contains("--keep")
            let options = try CommandOptions(arguments.filter { $0 != "--keep" }, known: options)
            guard options.positional.isEmpty else { throw CommandFailure(message: "unexpected \(options.positional[0])", status: 2) }
            var scale = 1
            if let text = options.values["scale"] {
                guard let n = Int(text), (1...RunSeeder.maximumScale).contains(n) else {
                    throw CommandFailure(message: "--scale \(text): must be an integer between 1 and \(RunSeeder.maximumScale)", status: 2)
                }
                scale = n
            }
            let configuration = try CommandSupport.configuration(flag: options.values["config"], environment: environment)
            let sources = configuration.sources
            guard sources.mongo != nil || sources.postgres != nil else {
                throw CommandFailure(
                    message: "nothing to seed: set sources.mongo.uri (RUNQL_MONGO_URI) and/or sources.postgres.conninfo (RUNQL_PG_CONNINFO)",
                    status: 1)
            }
            var output = ""
            if let mongo = sources.mongo { output += try await seedMongo(mongo, scale: scale, keep: keep) }
            if let postgres = sources.postgres { output += try await seedPostgres(postgres, scale: scale, keep: keep) }
            return CommandResult(status: 0, output: output)
        } catch {
            return CommandResult(failure: error, command: "seed")
        }
    }

    /// XENON1T, XENONnT and XAMS run documents and their indexes.
    private static func seedMongo(_ mongo: GatewayConfiguration.MongoSettings, scale: Int, keep: Bool) async throws(CommandFailure) -> String {
        let client: MongoClient
        do { client = try MongoClient(uri: withServerSelectionTimeout(mongo.uri.value), threads: 4) } catch {
            throw CommandFailure(message: "\(mongo.uri.redacted): \(error)", status: 2)
        }
        do { try await client.ping() } catch {
            throw CommandFailure(message: "MongoDB is unreachable at \(mongo.uri.redacted): \(error)", status: 1)
        }
        let report: SeedReport
        do { report = try await RunSeeder(client: client, collections: mongo.collections).seed(scale: scale, reset: !keep) } catch {
            throw CommandFailure(message: "\(error)", status: 1)
        }
        return lines(report, keep: keep)
    }

    /// The CMS Run Registry's tables (RR's own layout, created when missing) and demo data.
    private static func seedPostgres(_ postgres: GatewayConfiguration.PostgresSettings, scale: Int, keep: Bool) async throws(CommandFailure) -> String {
        let pool = PostgresPool(PostgresConfiguration(conninfo: postgres.conninfo.value, maximumConnections: 2))
        do { try await CMSMigrations.apply(pool) } catch {
            throw CommandFailure(message: "PostgreSQL at \(postgres.conninfo.redacted): \(error)", status: 1)
        }
        do {
            return "\(try await CMSSeeder(pool: pool).seed(scale: scale, reset: !keep))\n"
        } catch let error as CMSSeedError where keep {
            // `--keep` leaves a registry that already holds runs as it is.
            return "CMS Run Registry: kept as it is (\(error.description))\n"
        } catch {
            throw CommandFailure(message: "\(error)", status: 1)
        }
    }

    private static func lines(_ report: SeedReport, keep: Bool) -> String {
        var text = ""
        for (experiment, count) in [("XENON1T", report.xenon1T), ("XENONnT", report.xenonNT), ("XAMS", report.xams)] {
            let what = keep ? "\(count.inserted) runs added, \(count.generated - count.inserted) already present" : "\(count.inserted) runs"
            text += "\(experiment.padding(toLength: 8, withPad: " ", startingAt: 0)) \(count.collection): \(what)\n"
        }
        text += "seeded in \(String(format: "%.2f", report.seconds)) s (indexes included)\n"
        return text
    }

    /// The URI with `serverSelectionTimeoutMS` added unless it already sets one.
    static func withServerSelectionTimeout(_ uri: String) -> String {
        guard !uri.lowercased().contains("serverselectiontimeoutms") else { return uri }
        let option = "serverSelectionTimeoutMS=\(serverSelectionTimeoutMS)"
        if uri.contains("?") { return uri + "&" + option }
        let afterScheme = uri.range(of: "://").map { uri[$0.upperBound...] } ?? uri[...]
        return uri + (afterScheme.contains("/") ? "?" : "/?") + option
    }
}
