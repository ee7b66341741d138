// `runql check [--config PATH]`: validates the configuration, loads the schema, and reaches
// every configured source once, saying plainly what answered. Exit status 0 when all is well, 1 if not.

import Foundation
import GraphQLKit

enum CheckCommand {
    static func run(_ arguments: [String], environment: [String: String]) async -> CommandResult {
        var lines: [String] = []
        var failures = 0
        let configuration: GatewayConfiguration
        do throws(CommandFailure) {
            configuration = try ServeCommand.loadConfiguration(arguments, environment: environment)
        } catch {
            return CommandResult(status: 1, output: "FAIL  configuration: \(error.message)\n")
        }
        let flag = (try? CommandOptions(arguments, known: ServeCommand.options))?.values["config"]
        let file = ConfigurationLoader.configPath(flag: flag, environment: environment)
        lines.append("ok    configuration: \(file ?? "defaults and RUNQL_* environment")")
        do throws(CommandFailure) {
            let schema = try CommandSupport.loadSchema(at: configuration.schema.path)
            let bound = try RegistryBinding.bind(schema, sources: configuration.sources)
            _ = try CommandSupport.executableSchema(bound.schema, resolvers: bound.resolvers, typeResolvers: bound.typeResolvers)
            lines.append("ok    schema: \(configuration.schema.path) (\(schema.types.count) types)")
        } catch {
            lines.append("FAIL  schema: \(configuration.schema.path): \(error.message)")
            failures += 1
        }
        if configuration.sources.mongo == nil { lines.append("skip  MongoDB: not configured (sources.mongo or RUNQL_MONGO_URI)") }
        if configuration.sources.postgres == nil { lines.append("skip  PostgreSQL: not configured (sources.postgres or RUNQL_PG_CONNINFO)") }
        if configuration.sources.skydriver == nil { lines.append("skip  SkyDriver: not configured (sources.skydriver or RUNQL_SKYDRIVER_URL)") }
        for report in await SourceReadiness.check(configuration.sources) {
            lines.append("\(report.ready ? "ok  " : "FAIL")  \(report.name): \(report.detail)")
            if !report.ready { failures += 1 }
        }
        return CommandResult(status: failures == 0 ? 0 : 1, output: lines.joined(separator: "\n") + "\n")
    }
}
