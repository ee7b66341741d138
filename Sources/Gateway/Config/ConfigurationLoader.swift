// Reads `runql.json` (path from `--config`, else `RUNQL_CONFIG`, else `./runql.json` when it
// exists), applies `RUNQL_*` overrides, validates every key, and resolves secrets from the
// environment or files. All problems are reported together, each naming its key.

import Foundation
import GraphQLKit
import Resolvers
import Glibc

enum ConfigurationLoader {
    static let defaultFileName = "runql.json"

    /// The configuration file to read, if any.
    static func configPath(flag: String?, environment: [String: String]) -> String? {
        if let flag { return flag }
        if let path = environment["RUNQL_CONFIG"], !path.isEmpty { return path }
        return FileManager.default.fileExists(atPath: defaultFileName) ? defaultFileName : nil
    }

    static func load(path: String?, environment: [String: String]) throws(ConfigurationError) -> GatewayConfiguration {
        var root: JSONValue = .object(JSONObject())
        let fileName = path ?? defaultFileName
        if let path {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError("\(path): cannot read the configuration file")
            }
            do { root = try JSONParser.parse(Array(data)) } catch {
                let (line, column) = position(of: error.offset, in: Array(data))
                throw ConfigurationError("\(path): not valid JSON at line \(line), column \(column): \(error.message)")
            }
        }
        let overriddenBy = EnvironmentOverrides.apply(environment, to: &root)
        let reader = ConfigReader(fileName: fileName, overriddenBy: overriddenBy)
        let configuration = decode(root, reader: reader, environment: environment, overriddenBy: overriddenBy)
        // The policy's own checks, once every value it is built from is known to be well formed.
        if reader.problems.isEmpty { checkPolicy(configuration.security, reader) }
        guard reader.problems.isEmpty else { throw ConfigurationError(reader.problems) }
        return configuration
    }

    private static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1
        for b in bytes.prefix(offset) {
            if b == 10 { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    // MARK: Sections

    private static func decode(
        _ root: JSONValue, reader r: ConfigReader, environment: [String: String], overriddenBy: [String: String]
    ) -> GatewayConfiguration {
        var c = GatewayConfiguration()
        let top: JSONObject?
        if case .object = root {
            top = r.section(root, at: "", known: ["server", "schema", "sources", "security", "logging"])
        } else {
            r.general("the configuration must be a JSON object")
            return c
        }

        // server
        let server = r.section(top?["server"], at: "server", known: ["host", "port", "eventLoops", "limits", "timeouts"])
        if let host = r.string(server, "host", at: "server") {
            var address = in_addr()
            if inet_pton(AF_INET, host, &address) == 1 { c.server.host = host }
            else { r.problem("server.host", "must be an IPv4 address such as 127.0.0.1 or 0.0.0.0") }
        }
        c.server.port = r.int(server, "port", at: "server", in: 0...65535) ?? c.server.port
        c.server.eventLoops = r.int(server, "eventLoops", at: "server", in: 1...256) ?? c.server.eventLoops
        let limits = r.section(server?["limits"], at: "server.limits",
                               known: ["maxHeaderBytes", "maxURIBytes", "maxBodyBytes", "maxConnectionsPerLoop"])
        c.server.maxHeaderBytes = r.int(limits, "maxHeaderBytes", at: "server.limits", in: 1024...(1 << 20)) ?? c.server.maxHeaderBytes
        c.server.maxURIBytes = r.int(limits, "maxURIBytes", at: "server.limits", in: 256...(1 << 20)) ?? c.server.maxURIBytes
        c.server.maxBodyBytes = r.int(limits, "maxBodyBytes", at: "server.limits", in: 1...(1 << 30)) ?? c.server.maxBodyBytes
        c.server.maxConnectionsPerLoop = r.int(limits, "maxConnectionsPerLoop", at: "server.limits", in: 1...1_000_000)
            ?? c.server.maxConnectionsPerLoop
        let timeouts = r.section(server?["timeouts"], at: "server.timeouts", known: ["header", "body", "idle", "write", "shutdown"])
        c.server.headerTimeout = r.seconds(timeouts, "header", at: "server.timeouts") ?? c.server.headerTimeout
        c.server.bodyTimeout = r.seconds(timeouts, "body", at: "server.timeouts") ?? c.server.bodyTimeout
        c.server.idleTimeout = r.seconds(timeouts, "idle", at: "server.timeouts") ?? c.server.idleTimeout
        c.server.writeTimeout = r.seconds(timeouts, "write", at: "server.timeouts") ?? c.server.writeTimeout
        c.server.shutdownTimeout = r.seconds(timeouts, "shutdown", at: "server.timeouts") ?? c.server.shutdownTimeout

        // schema: a path, or {path, data}
        if case .string(let path)? = top?["schema"] {
            c.schema.path = path
        } else {
            let schema = r.section(top?["schema"], at: "schema", known: ["path", "data"])
            c.schema.path = r.string(schema, "path", at: "schema") ?? c.schema.path
            c.schema.data = r.string(schema, "data", at: "schema")
        }

        decodeSources(top, into: &c, r, environment, overriddenBy)
        decodeSecurity(top, into: &c, r, environment, overriddenBy)

        let logging = r.section(top?["logging"], at: "logging", known: ["requests", "metrics"])
        c.logging.requests = r.bool(logging, "requests", at: "logging") ?? c.logging.requests
        c.logging.metrics = r.bool(logging, "metrics", at: "logging") ?? c.logging.metrics
        return c
    }

    private static func decodeSources(
        _ top: JSONObject?, into c: inout GatewayConfiguration, _ r: ConfigReader, _ environment: [String: String],
        _ overriddenBy: [String: String]
    ) {
        let sources = r.section(top?["sources"], at: "sources", known: ["mongo", "postgres", "skydriver"])
        if let mongo = r.section(sources?["mongo"], at: "sources.mongo", known: ["uri", "uriFile", "collections"]) {
            var collections = RunCollections()
            if let names = r.section(mongo["collections"], at: "sources.mongo.collections", known: ["xenon1t", "xenonnt", "xams"]) {
                for (key, path) in [("xenon1t", \RunCollections.xenon1T), ("xenonnt", \.xenonNT), ("xams", \.xams)] {
                    guard let text = r.string(names, key, at: "sources.mongo.collections") else { continue }
                    if let address = CollectionAddress(text) {
                        collections[keyPath: path] = address
                    } else {
                        r.problem("sources.mongo.collections.\(key)", "must be written database.collection, e.g. \"xenonnt.runs\"")
                    }
                }
            }
            if let uri = connectionSecret(mongo, inline: "uri", file: "uriFile", at: "sources.mongo", r, overriddenBy) {
                c.sources.mongo = .init(uri: uri, collections: collections)
            }
        }
        if let pg = r.section(sources?["postgres"], at: "sources.postgres", known: ["conninfo", "conninfoFile", "poolSize"]) {
            if let conninfo = connectionSecret(pg, inline: "conninfo", file: "conninfoFile", at: "sources.postgres", r, overriddenBy) {
                c.sources.postgres = .init(conninfo: conninfo, poolSize: r.int(pg, "poolSize", at: "sources.postgres", in: 1...1000) ?? 10)
            }
        }
        if let sky = r.section(sources?["skydriver"], at: "sources.skydriver", known: ["baseURL", "token", "tokenEnv", "tokenFile", "timeout"]) {
            if sky["token"] != nil {
                r.problem("sources.skydriver.token", "must not hold the token inline: name an environment variable in \"tokenEnv\" or a file in \"tokenFile\"")
            }
            let token = secret(sky, env: "tokenEnv", file: "tokenFile", at: "sources.skydriver", r, environment, overriddenBy)
            if let url = r.string(sky, "baseURL", at: "sources.skydriver") {
                if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host?.isEmpty == false {
                    c.sources.skydriver = .init(baseURL: url, token: token)
                    // At least 1 s: URLSession on Linux truncates shorter timeouts to zero.
                    if let timeout = r.seconds(sky, "timeout", at: "sources.skydriver") { c.sources.skydriver?.timeout = max(1, timeout) }
                } else {
                    r.problem("sources.skydriver.baseURL", "must be an http:// or https:// URL")
                }
            } else {
                r.problem("sources.skydriver.baseURL", "is required when sources.skydriver is configured")
            }
        }
    }

    private static func decodeSecurity(
        _ top: JSONObject?, into c: inout GatewayConfiguration, _ r: ConfigReader, _ environment: [String: String],
        _ overriddenBy: [String: String]
    ) {
        let security = r.section(top?["security"], at: "security", known: [
            "tokens", "jwt", "anonymousRead", "introspection", "cors", "limits", "requestTimeout", "maskInternalErrors",
            "csrfPrevention", "persistedQueries",
        ])
        for (i, item) in (r.list(security, "tokens", at: "security") ?? []).enumerated() {
            let path = "security.tokens[\(i)]"
            if case .string = item {
                // Not quoted: a malformed entry may well be a token itself.
                r.problem(path, "must be an object with name, sha256 and roles (in RUNQL_API_TOKENS: name:role+role:sha256hex)")
                continue
            }
            guard let token = r.section(item, at: path, known: ["name", "sha256", "roles", "token"]) else { continue }
            if token["token"] != nil {
                r.problem("\(path).token", "must not hold the token itself: give its SHA-256 in \"sha256\" (printf %s TOKEN | sha256sum)")
            }
            let name = r.string(token, "name", at: path)
            if name == nil || name?.isEmpty == true { r.problem("\(path).name", "is required (a label for logs and metrics)") }
            let hash = r.string(token, "sha256", at: path)?.lowercased()
            if hash.map({ $0.utf8.count == 64 && $0.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) } }) != true {
                r.problem("\(path).sha256", "must be the token's SHA-256 as 64 hex digits (e.g. printf %s TOKEN | sha256sum)")
            }
            var roles: [Role] = []
            for (j, role) in (r.stringList(token, "roles", at: path) ?? []).enumerated() {
                if let known = Role(rawValue: role) { roles.append(known) }
                else { r.problem("\(path).roles[\(j)]", "must be one of reader, writer, admin (not \"\(role)\")") }
            }
            if token["roles"] == nil || (token["roles"] == .list([])) {
                r.problem("\(path).roles", "is required: a list of reader, writer, admin")
            }
            if let name, let hash {
                if c.security.tokens.contains(where: { $0.name == name }) { r.problem("\(path).name", "repeats the name \"\(name)\"") }
                c.security.tokens.append(.init(name: name, sha256: hash, roles: roles))
            }
        }
        if let jwt = r.section(security?["jwt"], at: "security.jwt", known: [
            "secret", "secretEnv", "secretFile", "rolesClaim", "leeway", "issuer", "audience", "requireExpiration",
        ]) {
            if jwt["secret"] != nil {
                r.problem("security.jwt.secret", "must not hold the secret inline: name an environment variable in \"secretEnv\" or a file in \"secretFile\"")
            }
            let claim = r.string(jwt, "rolesClaim", at: "security.jwt") ?? "roles"
            if claim.isEmpty { r.problem("security.jwt.rolesClaim", "must not be empty") }
            if let secret = secret(jwt, env: "secretEnv", file: "secretFile", at: "security.jwt", r, environment, overriddenBy) {
                var settings = GatewayConfiguration.JWTSettings(secret: secret, rolesClaim: claim)
                if secret.origin.hasPrefix("file") { settings.secretKey = "security.jwt.secretFile" }
                if jwt["leeway"] == .int(0) || jwt["leeway"] == .double(0) { settings.leeway = 0 }
                else { settings.leeway = r.seconds(jwt, "leeway", at: "security.jwt") ?? settings.leeway }
                settings.issuer = r.string(jwt, "issuer", at: "security.jwt")
                settings.audience = r.string(jwt, "audience", at: "security.jwt")
                settings.requireExpiration = r.bool(jwt, "requireExpiration", at: "security.jwt") ?? settings.requireExpiration
                c.security.jwt = settings
            } else if jwt["secretEnv"] == nil && jwt["secretFile"] == nil {
                r.problem("security.jwt", "needs \"secretEnv\" or \"secretFile\" for the HS256 secret")
            }
        }
        c.security.anonymousRead = r.bool(security, "anonymousRead", at: "security") ?? c.security.anonymousRead
        switch security?["introspection"] {
        case nil, .null?: break
        case .bool(let allowed)?: c.security.introspection = allowed ? .everyone : .nobody
        case .string(let text)? where IntrospectionAccess(rawValue: text) != nil:
            c.security.introspection = IntrospectionAccess(rawValue: text) ?? .everyone
        default: r.problem("security.introspection", "must be \"everyone\", \"admins\" or \"nobody\" (or true/false)")
        }
        c.security.maskInternalErrors = r.bool(security, "maskInternalErrors", at: "security") ?? c.security.maskInternalErrors
        c.security.csrfPrevention = r.bool(security, "csrfPrevention", at: "security") ?? c.security.csrfPrevention
        let cors = r.section(security?["cors"], at: "security.cors", known: ["origins", "allowCredentials", "maxAge"])
        for (i, origin) in (r.stringList(cors, "origins", at: "security.cors") ?? []).enumerated() {
            if origin == "*" || ((origin.hasPrefix("http://") || origin.hasPrefix("https://")) && !origin.hasSuffix("/")) {
                c.security.cors.origins.append(origin)
            } else {
                r.problem("security.cors.origins[\(i)]", "must be \"*\" or an origin such as https://example.org (scheme and host, no path)")
            }
        }
        c.security.cors.allowCredentials = r.bool(cors, "allowCredentials", at: "security.cors") ?? c.security.cors.allowCredentials
        c.security.cors.maxAge = r.int(cors, "maxAge", at: "security.cors", in: 0...86_400) ?? c.security.cors.maxAge
        let limits = r.section(security?["limits"], at: "security.limits", known: [
            "maxTokens", "maxDepth", "maxAliases", "maxRootFields", "maxComplexity", "defaultListSize", "introspectionMaxComplexity",
        ])
        func limit(_ key: String, _ current: Int?) -> Int? {
            // null turns a limit off.
            if limits?[key] == .null { return nil }
            return r.int(limits, key, at: "security.limits", in: 1...Int.max) ?? current
        }
        c.security.limits.maxTokens = limit("maxTokens", c.security.limits.maxTokens)
        c.security.limits.maxDepth = limit("maxDepth", c.security.limits.maxDepth)
        c.security.limits.maxAliases = limit("maxAliases", c.security.limits.maxAliases)
        c.security.limits.maxRootFields = limit("maxRootFields", c.security.limits.maxRootFields)
        c.security.limits.maxComplexity = limit("maxComplexity", c.security.limits.maxComplexity)
        c.security.limits.defaultListSize = r.int(limits, "defaultListSize", at: "security.limits", in: 1...1_000_000)
            ?? c.security.limits.defaultListSize
        c.security.limits.introspectionMaxComplexity = r.int(limits, "introspectionMaxComplexity", at: "security.limits", in: 1...Int.max)
            ?? c.security.limits.introspectionMaxComplexity
        c.security.requestTimeout = r.seconds(security, "requestTimeout", at: "security") ?? c.security.requestTimeout
        let apq = r.section(security?["persistedQueries"], at: "security.persistedQueries", known: ["enabled", "capacity"])
        c.security.persistedQueries.enabled = r.bool(apq, "enabled", at: "security.persistedQueries") ?? c.security.persistedQueries.enabled
        c.security.persistedQueries.capacity = r.int(apq, "capacity", at: "security.persistedQueries", in: 1...10_000_000)
            ?? c.security.persistedQueries.capacity
    }

    /// What `GatewayPolicy.problems()` finds in the settings the file and environment gave,
    /// reported under the keys that set them.
    private static func checkPolicy(_ security: GatewayConfiguration.SecuritySettings, _ r: ConfigReader) {
        do throws(PolicyError) {
            for problem in try security.policy().problems() {
                let (key, message) = security.configurationKey(for: problem)
                r.problem(key, message)
            }
        } catch {
            r.problem("security.tokens", error.message)
        }
    }

    // MARK: Secrets

    /// A connection string given inline (only without a password), by the environment, or in a file.
    private static func connectionSecret(
        _ object: JSONObject, inline: String, file: String, at path: String, _ r: ConfigReader, _ overriddenBy: [String: String]
    ) -> Secret? {
        let inlinePath = "\(path).\(inline)"
        if let value = r.string(object, inline, at: path) {
            if let variable = overriddenBy[inlinePath] { return Secret(value: value, origin: "environment \(variable)") }
            guard Secret.redact(value) == value else {
                r.problem(inlinePath, "holds a password: put it in the environment (\(variableName(for: inlinePath))) or a file (\"\(file)\")")
                return nil
            }
            return Secret(value: value, origin: "\(r.fileName) \(inlinePath)")
        }
        if let filePath = r.string(object, file, at: path) { return readSecretFile(filePath, key: "\(path).\(file)", r) }
        r.problem(path, "needs \"\(inline)\" or \"\(file)\"")
        return nil
    }

    private static func secret(
        _ object: JSONObject, env: String, file: String, at path: String, _ r: ConfigReader, _ environment: [String: String],
        _ overriddenBy: [String: String]
    ) -> Secret? {
        var variable = r.string(object, env, at: path)
        var filePath = r.string(object, file, at: path)
        if variable != nil && filePath != nil {
            // An environment override wins over the file's other way of giving the secret.
            if overriddenBy["\(path).\(env)"] != nil { filePath = nil }
            else if overriddenBy["\(path).\(file)"] != nil { variable = nil }
            else {
                r.problem(path, "has both \"\(env)\" and \"\(file)\": give one")
                return nil
            }
        }
        if let variable {
            guard let value = environment[variable], !value.isEmpty else {
                r.problem("\(path).\(env)", "names the environment variable \(variable), which is not set")
                return nil
            }
            return Secret(value: value, origin: "environment \(variable)")
        }
        if let filePath { return readSecretFile(filePath, key: "\(path).\(file)", r) }
        return nil
    }

    private static func readSecretFile(_ path: String, key: String, _ r: ConfigReader) -> Secret? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            r.problem(key, "names the file \(path), which cannot be read")
            return nil
        }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            r.problem(key, "names the file \(path), which is empty")
            return nil
        }
        return Secret(value: value, origin: "file \(path)")
    }

    private static func variableName(for key: String) -> String {
        EnvironmentOverrides.all.first { $0.path.joined(separator: ".") == key }?.variable ?? "an environment variable"
    }
}
