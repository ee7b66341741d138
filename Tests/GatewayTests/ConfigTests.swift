import Foundation
import GraphQLKit
import Resolvers
import Testing
@testable import Gateway

/// A folder of its own holding `files`, for one test.
private func folder(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runql-config-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    return dir
}

/// Loads `json` written to a runql.json of its own, with `environment`.
private func load(_ json: String?, _ environment: [String: String] = [:]) throws -> GatewayConfiguration {
    guard let json else { return try ConfigurationLoader.load(path: nil, environment: environment) }
    let dir = try folder(["runql.json": json])
    return try ConfigurationLoader.load(path: dir.appendingPathComponent("runql.json").path, environment: environment)
}

/// The problems loading reports (empty when it succeeds).
private func problems(_ json: String?, _ environment: [String: String] = [:]) -> [String] {
    do {
        _ = try load(json, environment)
        return []
    } catch let error as ConfigurationError {
        return error.problems
    } catch {
        return ["\(error)"]
    }
}

private let sha = String(repeating: "ab", count: 32)
/// An HS256 secret of the 32 bytes GatewayPolicy requires.
private let jwtKey = String(repeating: "k3y-", count: 8)

@Suite struct ConfigTests {
    @Test func defaultsWithoutFileOrEnvironment() throws {
        let c = try load(nil)
        #expect(c.server.host == "127.0.0.1" && c.server.port == 4000)
        #expect(c.server.maxBodyBytes == 2 * 1024 * 1024 && c.server.maxHeaderBytes == 16 * 1024 && c.server.maxURIBytes == 8 * 1024)
        #expect(c.schema.path == "Schema" && c.schema.data == nil)
        #expect(c.sources.mongo == nil && c.sources.postgres == nil && c.sources.skydriver == nil)
        #expect(c.security.anonymousRead && c.security.introspection == .everyone && c.security.requestTimeout == 30)
        #expect(c.logging.requests && c.logging.metrics)
        let http = c.server.httpConfiguration
        #expect(http.port == 4000 && http.idleTimeout == 60)
    }

    @Test func everySectionIsRead() throws {
        let dir = try folder(["sky.token": "s3cret\n", "jwt.key": jwtKey])
        let c = try load("""
            {
              "server": {"host": "0.0.0.0", "port": 8080, "eventLoops": 3,
                         "limits": {"maxHeaderBytes": 8192, "maxURIBytes": 4096, "maxBodyBytes": 1048576, "maxConnectionsPerLoop": 50},
                         "timeouts": {"header": 5, "body": 7.5, "idle": 20, "write": 9, "shutdown": 3}},
              "schema": {"path": "Schema/runql.graphql", "data": "scripts/demo/data.json"},
              "sources": {
                "mongo": {"uri": "mongodb://127.0.0.1:27017"},
                "postgres": {"conninfo": "host=127.0.0.1 dbname=runs", "poolSize": 4},
                "skydriver": {"baseURL": "https://skydriver.example.org/api", "tokenFile": "\(dir.path)/sky.token"}
              },
              "security": {
                "tokens": [{"name": "ci", "sha256": "\(sha.uppercased())", "roles": ["reader", "writer"]}],
                "jwt": {"secretFile": "\(dir.path)/jwt.key", "rolesClaim": "runql_roles"},
                "anonymousRead": false, "introspection": false,
                "cors": {"origins": ["https://runs.example.org", "*"]},
                "limits": {"maxDepth": 8, "maxComplexity": null},
                "requestTimeout": 12,
                "persistedQueries": {"enabled": false, "capacity": 10}
              },
              "logging": {"requests": false, "metrics": false}
            }
            """)
        #expect(c.server == .init(host: "0.0.0.0", port: 8080, eventLoops: 3, maxHeaderBytes: 8192, maxURIBytes: 4096,
                                  maxBodyBytes: 1_048_576, maxConnectionsPerLoop: 50, headerTimeout: 5, bodyTimeout: 7.5,
                                  idleTimeout: 20, writeTimeout: 9, shutdownTimeout: 3))
        #expect(c.schema == .init(path: "Schema/runql.graphql", data: "scripts/demo/data.json"))
        #expect(c.sources.mongo?.uri.value == "mongodb://127.0.0.1:27017")
        #expect(c.sources.postgres?.conninfo.value == "host=127.0.0.1 dbname=runs" && c.sources.postgres?.poolSize == 4)
        #expect(c.sources.skydriver?.baseURL == "https://skydriver.example.org/api")
        #expect(c.sources.skydriver?.token?.value == "s3cret")
        #expect(c.security.tokens == [.init(name: "ci", sha256: sha, roles: [.reader, .writer])])
        #expect(c.security.jwt?.secret.value == jwtKey && c.security.jwt?.rolesClaim == "runql_roles")
        #expect(!c.security.anonymousRead && c.security.introspection == .nobody)
        #expect(c.security.cors.origins == ["https://runs.example.org", "*"])
        #expect(c.security.limits.maxDepth == 8 && c.security.limits.maxComplexity == nil && c.security.limits.maxAliases == 30)
        #expect(c.security.requestTimeout == 12 && c.security.persistedQueries == .init(enabled: false, capacity: 10))
        #expect(!c.logging.requests && !c.logging.metrics)
    }

    @Test func runCollectionsAreReadAndChecked() throws {
        let c = try load(#"{"sources": {"mongo": {"uri": "mongodb://h", "collections": {"xenonnt": "prod.runs.v2"}}}}"#,
                         ["RUNQL_XAMS_COLLECTION": "run.runs_gas"])
        #expect(c.sources.mongo?.collections.xenonNT == CollectionAddress(database: "prod", collection: "runs.v2"))
        #expect(c.sources.mongo?.collections.xams == CollectionAddress(database: "run", collection: "runs_gas"))
        #expect(c.sources.mongo?.collections.xenon1T == CollectionAddress(database: "run", collection: "runs_new"))
        let found = problems(#"{"sources": {"mongo": {"uri": "mongodb://h", "collections": {"xenon1t": "runs", "xams": ".x", "cms": "a.b"}}}}"#)
        #expect(found.count == 3)
        for expected in [
            #""sources.mongo.collections.xenon1t" must be written database.collection, e.g. "xenonnt.runs""#,
            #""sources.mongo.collections.xams" must be written database.collection"#,
            #"unknown key "sources.mongo.collections.cms""#,
        ] {
            #expect(found.contains { $0.contains(expected) }, "\(expected) not in \(found)")
        }
    }

    @Test func schemaMayBeJustAPath() throws {
        #expect(try load(#"{"schema": "Schema/x.graphql"}"#).schema.path == "Schema/x.graphql")
    }

    @Test func environmentOverridesTheFile() throws {
        let c = try load(#"{"server": {"port": 8080, "host": "0.0.0.0"}, "security": {"anonymousRead": true}}"#, [
            "RUNQL_PORT": "5000", "RUNQL_MAX_BODY_BYTES": "1000", "RUNQL_SCHEMA": "other", "RUNQL_ANONYMOUS_READ": "false",
            "RUNQL_CORS_ORIGINS": "https://a.example, https://b.example", "RUNQL_IDLE_TIMEOUT": "2.5",
            "RUNQL_PG_CONNINFO": "host=db password=hunter2", "RUNQL_PG_POOL_SIZE": "3", "RUNQL_MONGO_URI": "mongodb://u:pw@h/",
            "RUNQL_API_TOKENS": #"[{"name":"ops","sha256":"\#(sha)","roles":["admin"]}]"#, "RUNQL_LOG_REQUESTS": "0",
            "RUNQL_PG_BIN": "/usr/lib/postgresql/15/bin",  // unrelated RUNQL_* variables are left alone
        ])
        #expect(c.server.port == 5000 && c.server.host == "0.0.0.0" && c.server.maxBodyBytes == 1000 && c.server.idleTimeout == 2.5)
        #expect(c.schema.path == "other" && !c.security.anonymousRead && !c.logging.requests)
        #expect(c.security.cors.origins == ["https://a.example", "https://b.example"])
        // Passwords are fine in the environment, and never printed.
        #expect(c.sources.postgres?.conninfo.value == "host=db password=hunter2" && c.sources.postgres?.poolSize == 3)
        #expect(c.sources.postgres?.conninfo.redacted == "host=db password=***")
        #expect("\(c.sources.postgres!.conninfo)" == "<secret from environment RUNQL_PG_CONNINFO>")
        #expect(c.sources.mongo?.uri.redacted == "mongodb://u:***@h/")
        #expect(c.security.tokens.map(\.roles) == [[.admin]])
    }

    @Test func errorsNameTheKeyAndWhereItCameFrom() throws {
        let dir = try folder(["runql.json": #"{"server": {"port": 70000}}"#])
        let path = dir.appendingPathComponent("runql.json").path
        #expect(throws: ConfigurationError("\(path): \"server.port\" must be an integer between 0 and 65535")) {
            try ConfigurationLoader.load(path: path, environment: [:])
        }
        #expect(problems(nil, ["RUNQL_PORT": "http"]) == [#"RUNQL_PORT: "server.port" must be an integer between 0 and 65535"#])
        #expect(problems(nil, ["RUNQL_ANONYMOUS_READ": "maybe"]) == [#"RUNQL_ANONYMOUS_READ: "security.anonymousRead" must be true or false"#])
        #expect(problems(nil, ["RUNQL_HOST": "localhost"]) == [#"RUNQL_HOST: "server.host" must be an IPv4 address such as 127.0.0.1 or 0.0.0.0"#])
        #expect(problems(nil, ["RUNQL_REQUEST_TIMEOUT": "-1"]) == [#"RUNQL_REQUEST_TIMEOUT: "security.requestTimeout" must be a number of seconds above 0"#])
        #expect(problems(nil, ["RUNQL_API_TOKENS": "[not json"]) == [#"RUNQL_API_TOKENS: "security.tokens" must be a list"#])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let found = problems(#"{"server": {"port": "80", "eventLoops": 0, "limits": {"maxBodyBytes": 1.5}, "timeouts": {"idle": 0}}, "logging": {"requests": "yes"}}"#)
        #expect(found.count == 5)
        #expect(found.contains { $0.hasSuffix(#""server.port" must be an integer between 0 and 65535"#) })
        #expect(found.contains { $0.hasSuffix(#""server.eventLoops" must be an integer between 1 and 256"#) })
        #expect(found.contains { $0.hasSuffix(#""server.limits.maxBodyBytes" must be an integer between 1 and 1073741824"#) })
        #expect(found.contains { $0.hasSuffix(#""server.timeouts.idle" must be a number of seconds above 0"#) })
        #expect(found.contains { $0.hasSuffix(#""logging.requests" must be true or false"#) })
    }

    @Test func unknownKeysAreRejectedWithASuggestion() {
        let found = problems(#"{"sever": {}, "server": {"prot": 1, "limits": {"maxBodyByte": 5}}, "security": {"cors": {"origin": []}}, "zzz": 1}"#)
        #expect(found.contains { $0.hasSuffix(#"unknown key "sever"; did you mean "server"?"#) })
        #expect(found.contains { $0.hasSuffix(#"unknown key "server.prot"; did you mean "port"?"#) })
        #expect(found.contains { $0.hasSuffix(#"unknown key "server.limits.maxBodyByte"; did you mean "maxBodyBytes"?"#) })
        #expect(found.contains { $0.hasSuffix(#"unknown key "security.cors.origin"; did you mean "origins"?"#) })
        #expect(found.contains { $0.hasSuffix(#"unknown key "zzz"; known keys: server, schema, sources, security, logging"#) })
        #expect(found.count == 5)
    }

    @Test func malformedFilesAndSections() throws {
        let bad = problems("{\n  \"server\": {\"port\": 1,}\n}")
        #expect(bad.count == 1 && bad[0].contains("not valid JSON at line 2, column"))
        #expect(problems("[1]").first?.hasSuffix("the configuration must be a JSON object") == true)
        #expect(problems(#"{"server": 4}"#).first?.hasSuffix(#""server" must be an object"#) == true)
        #expect(throws: ConfigurationError("/nonexistent/runql.json: cannot read the configuration file")) {
            try ConfigurationLoader.load(path: "/nonexistent/runql.json", environment: [:])
        }
    }

    @Test func secretsComeOnlyFromTheEnvironmentOrFiles() throws {
        #expect(problems(#"{"sources": {"skydriver": {"baseURL": "https://s.example", "token": "abc"}}}"#).first?
            .hasSuffix(#""sources.skydriver.token" must not hold the token inline: name an environment variable in "tokenEnv" or a file in "tokenFile""#) == true)
        #expect(problems(#"{"security": {"jwt": {"secret": "abc"}}}"#).first?.contains(#""security.jwt.secret" must not hold the secret inline"#) == true)
        #expect(problems(#"{"sources": {"skydriver": {"baseURL": "https://s.example", "tokenEnv": "SKY_TOKEN"}}}"#).first?
            .hasSuffix(#""sources.skydriver.tokenEnv" names the environment variable SKY_TOKEN, which is not set"#) == true)
        let fromEnv = try load(#"{"sources": {"skydriver": {"baseURL": "https://s.example", "tokenEnv": "SKY_TOKEN"}}}"#, ["SKY_TOKEN": "t0k"])
        #expect(fromEnv.sources.skydriver?.token?.value == "t0k")
        #expect(!"\(fromEnv)".contains("t0k"))
        let direct = try load(nil, ["RUNQL_SKYDRIVER_URL": "http://127.0.0.1:9", "RUNQL_SKYDRIVER_TOKEN": "t1k"])
        #expect(direct.sources.skydriver?.token?.value == "t1k" && direct.sources.skydriver?.token?.origin == "environment RUNQL_SKYDRIVER_TOKEN")
        #expect(problems(#"{"sources": {"skydriver": {"baseURL": "https://s.example", "tokenFile": "/nonexistent/token"}}}"#).first?
            .hasSuffix(#""sources.skydriver.tokenFile" names the file /nonexistent/token, which cannot be read"#) == true)
        #expect(problems(#"{"security": {"jwt": {"secretEnv": "A", "secretFile": "/b"}}}"#, ["A": "x"]).first?
            .hasSuffix(#""security.jwt" has both "secretEnv" and "secretFile": give one"#) == true)
        #expect(problems(#"{"security": {"jwt": {}}}"#).first?.hasSuffix(#""security.jwt" needs "secretEnv" or "secretFile" for the HS256 secret"#) == true)
        // A connection string with a password may not sit in the file; without one it may.
        #expect(problems(#"{"sources": {"mongo": {"uri": "mongodb://u:pw@h/"}}}"#).first?
            .hasSuffix(#""sources.mongo.uri" holds a password: put it in the environment (RUNQL_MONGO_URI) or a file ("uriFile")"#) == true)
        #expect(problems(#"{"sources": {"postgres": {"conninfo": "host=h password=pw"}}}"#).first?
            .contains(#""sources.postgres.conninfo" holds a password"#) == true)
        #expect(problems(#"{"sources": {"postgres": {}}}"#).first?.hasSuffix(#""sources.postgres" needs "conninfo" or "conninfoFile""#) == true)
    }

    @Test func securityValuesAreChecked() {
        let found = problems(#"""
            {"security": {"tokens": [{"name": "a", "sha256": "xyz", "roles": ["reader", "root"]}, {"sha256": "\#(sha)"}, 3],
             "cors": {"origins": ["https://ok.example", "https://bad.example/", "ftp://x"]},
             "limits": {"maxDepth": 0}, "persistedQueries": {"capacity": 0}}}
            """#)
        #expect(found.contains { $0.hasSuffix(#""security.tokens[0].sha256" must be the token's SHA-256 as 64 hex digits (e.g. printf %s TOKEN | sha256sum)"#) })
        #expect(found.contains { $0.hasSuffix(#""security.tokens[0].roles[1]" must be one of reader, writer, admin (not "root")"#) })
        #expect(found.contains { $0.hasSuffix(#""security.tokens[1].name" is required (a label for logs and metrics)"#) })
        #expect(found.contains { $0.hasSuffix(#""security.tokens[1].roles" is required: a list of reader, writer, admin"#) })
        #expect(found.contains { $0.hasSuffix(#""security.tokens[2]" must be an object"#) })
        #expect(found.contains { $0.hasSuffix(#""security.cors.origins[1]" must be "*" or an origin such as https://example.org (scheme and host, no path)"#) })
        #expect(found.contains { $0.hasSuffix(#""security.cors.origins[2]" must be "*" or an origin such as https://example.org (scheme and host, no path)"#) })
        #expect(found.contains { $0.hasSuffix(#""security.limits.maxDepth" must be an integer of at least 1"#) })
        #expect(found.contains { $0.hasSuffix(#""security.persistedQueries.capacity" must be an integer between 1 and 10000000"#) })
        #expect(found.count == 9)
        #expect(problems(#"{"sources": {"skydriver": {"baseURL": "skydriver"}}}"#).first?.hasSuffix(#""sources.skydriver.baseURL" must be an http:// or https:// URL"#) == true)
    }

    @Test func configPathComesFromTheFlagThenTheEnvironment() {
        #expect(ConfigurationLoader.configPath(flag: "a.json", environment: ["RUNQL_CONFIG": "b.json"]) == "a.json")
        #expect(ConfigurationLoader.configPath(flag: nil, environment: ["RUNQL_CONFIG": "b.json"]) == "b.json")
    }

    @Test func serveFlagsOverrideConfigurationAndEnvironment() throws {
        let dir = try folder(["runql.json": #"{"server": {"port": 8080}, "schema": "a"}"#])
        let path = dir.appendingPathComponent("runql.json").path
        let c = try ServeCommand.loadConfiguration(["--config", path, "--port", "0", "--schema", "b", "--data", "d.json"], environment: ["RUNQL_PORT": "9"])
        #expect(c.server.port == 0 && c.schema.path == "b" && c.schema.data == "d.json")
        let fromEnv = try ServeCommand.loadConfiguration([], environment: ["RUNQL_CONFIG": path, "RUNQL_PORT": "9"])
        #expect(fromEnv.server.port == 9 && fromEnv.schema.path == "a")
        #expect(throws: CommandFailure.self) { try ServeCommand.loadConfiguration(["--port", "x"], environment: [:]) }
        do {
            _ = try ServeCommand.loadConfiguration(["--config", path], environment: ["RUNQL_PORT": "-1"])
            Issue.record("expected a configuration error")
        } catch {
            #expect(error.status == 2)
            #expect(error.message.contains(#"RUNQL_PORT: "server.port" must be an integer between 0 and 65535"#))
        }
    }

    // MARK: Security keys → GatewayPolicy

    @Test func defaultSecurityIsGatewayPolicysDefaults() throws {
        let policy = try load(nil).security.policy()
        let defaults = GatewayPolicy()
        #expect(!policy.authentication.isEnabled && policy.authentication.allowsAnonymousRead)
        #expect(policy.operationLimits == defaults.operationLimits && policy.maxTokens == defaults.maxTokens)
        #expect(policy.introspectionMaxComplexity == defaults.introspectionMaxComplexity)
        #expect(policy.requestTimeout == defaults.requestTimeout && policy.masksInternalErrors && policy.preventsCSRF)
        #expect(policy.introspection == .everyone && policy.cors == defaults.cors)
        #expect(policy.persistedQueries == defaults.persistedQueries && policy.problems().isEmpty)
    }

    @Test func everySecurityKeyReachesThePolicy() throws {
        let dir = try folder(["jwt.key": jwtKey + "\n"])
        let c = try load("""
            {"security": {
              "tokens": [{"name": "ci", "sha256": "\(sha)", "roles": ["writer"]}, {"name": "ops", "sha256": "\(sha.replacingOccurrences(of: "ab", with: "cd"))", "roles": ["admin", "reader"]}],
              "jwt": {"secretFile": "\(dir.path)/jwt.key", "rolesClaim": "realm_access.roles", "leeway": 5, "issuer": "https://id.example",
                      "audience": "runql", "requireExpiration": true},
              "anonymousRead": false, "introspection": "admins", "maskInternalErrors": false, "csrfPrevention": false,
              "cors": {"origins": ["https://runs.example.org"], "allowCredentials": true, "maxAge": 60},
              "limits": {"maxTokens": 500, "maxDepth": 4, "maxAliases": 3, "maxRootFields": 2, "maxComplexity": null,
                         "defaultListSize": 7, "introspectionMaxComplexity": 9000},
              "requestTimeout": 2.5,
              "persistedQueries": {"enabled": false, "capacity": 12}
            }}
            """)
        let p = try c.security.policy()
        #expect(p.authentication.apiTokens.map(\.name) == ["ci", "ops"])
        #expect(p.authentication.apiTokens.map(\.roles) == [[.writer], [.admin, .reader]])
        #expect(p.authentication.apiTokens[0].sha256 == Array(repeating: 0xab, count: 32))
        #expect(!p.authentication.allowsAnonymousRead)
        let jwt = try #require(p.authentication.jwt)
        #expect(jwt.secret == Array(jwtKey.utf8) && jwt.rolesClaim == "realm_access.roles" && jwt.leeway == .seconds(5))
        #expect(jwt.issuer == "https://id.example" && jwt.audience == "runql" && jwt.requiresExpiration)
        #expect(c.security.jwt?.secretKey == "security.jwt.secretFile")
        #expect(p.introspection == .admins && !p.masksInternalErrors && !p.preventsCSRF)
        #expect(p.cors.allowedOrigins == ["https://runs.example.org"] && p.cors.allowsCredentials && p.cors.maxAge == .seconds(60))
        #expect(p.operationLimits == OperationLimits(maxDepth: 4, maxAliases: 3, maxRootFields: 2, maxComplexity: nil, defaultListSize: 7))
        #expect(p.maxTokens == 500 && p.introspectionMaxComplexity == 9000)
        #expect(p.requestTimeout == .milliseconds(2500))
        #expect(p.persistedQueries == PersistedQueryPolicy(isEnabled: false, capacity: 12))
        // Booleans still work for introspection; null turns the parser's limit off.
        #expect(try load(#"{"security": {"introspection": true}}"#).security.policy().introspection == .everyone)
        #expect(try load(#"{"security": {"introspection": false}}"#).security.policy().introspection == .nobody)
        #expect(try load(#"{"security": {"limits": {"maxTokens": null}}}"#).security.policy().maxTokens == Int.max)
    }

    @Test func everySecurityVariableReachesThePolicy() throws {
        let other = String(repeating: "cd", count: 32)
        let c = try load(nil, [
            "RUNQL_API_TOKENS": "dashboard:reader:\(sha), ingest:Writer+reader:\(other)",
            "RUNQL_JWT_SECRET": jwtKey, "RUNQL_JWT_ROLES_CLAIM": "groups", "RUNQL_JWT_LEEWAY": "0",
            "RUNQL_JWT_ISSUER": "iss", "RUNQL_JWT_AUDIENCE": "aud", "RUNQL_JWT_REQUIRE_EXP": "yes",
            "RUNQL_ANONYMOUS_READ": "off", "RUNQL_INTROSPECTION": "nobody", "RUNQL_MASK_ERRORS": "false",
            "RUNQL_CSRF_PREVENTION": "0", "RUNQL_CORS_ORIGINS": "https://a.example,*", "RUNQL_CORS_CREDENTIALS": "false",
            "RUNQL_CORS_MAX_AGE": "30", "RUNQL_REQUEST_TIMEOUT": "0.5",
            "RUNQL_MAX_TOKENS": "100", "RUNQL_MAX_DEPTH": "5", "RUNQL_MAX_ALIASES": "6", "RUNQL_MAX_ROOT_FIELDS": "7",
            "RUNQL_MAX_COMPLEXITY": "800", "RUNQL_DEFAULT_LIST_SIZE": "4", "RUNQL_INTROSPECTION_MAX_COMPLEXITY": "900",
            "RUNQL_APQ": "false", "RUNQL_APQ_CAPACITY": "3",
        ])
        let p = try c.security.policy()
        #expect(c.security.tokens == [.init(name: "dashboard", sha256: sha, roles: [.reader]),
                                      .init(name: "ingest", sha256: other, roles: [.writer, .reader])])
        #expect(p.authentication.apiTokens.map(\.roles) == [[.reader], [.writer, .reader]])
        let jwt = try #require(p.authentication.jwt)
        #expect(jwt.secret == Array(jwtKey.utf8) && c.security.jwt?.secret.origin == "environment RUNQL_JWT_SECRET")
        #expect(jwt.rolesClaim == "groups" && jwt.leeway == .zero && jwt.issuer == "iss" && jwt.audience == "aud" && jwt.requiresExpiration)
        #expect(!p.authentication.allowsAnonymousRead && p.introspection == .nobody && !p.masksInternalErrors && !p.preventsCSRF)
        #expect(p.cors.allowedOrigins == ["https://a.example", "*"] && !p.cors.allowsCredentials && p.cors.maxAge == .seconds(30))
        #expect(p.requestTimeout == .milliseconds(500) && p.maxTokens == 100 && p.introspectionMaxComplexity == 900)
        #expect(p.operationLimits == OperationLimits(maxDepth: 5, maxAliases: 6, maxRootFields: 7, maxComplexity: 800, defaultListSize: 4))
        #expect(p.persistedQueries == PersistedQueryPolicy(isEnabled: false, capacity: 3))
        #expect(try load(nil, ["RUNQL_INTROSPECTION": "admins"]).security.introspection == .admins)
        #expect(try load(nil, ["RUNQL_INTROSPECTION": "true"]).security.introspection == .everyone)
    }

    @Test func badSecurityValuesNameTheKey() {
        #expect(problems(nil, ["RUNQL_INTROSPECTION": "some"])
            == [#"RUNQL_INTROSPECTION: "security.introspection" must be "everyone", "admins" or "nobody" (or true/false)"#])
        #expect(problems(nil, ["RUNQL_MASK_ERRORS": "maybe"]) == [#"RUNQL_MASK_ERRORS: "security.maskInternalErrors" must be true or false"#])
        #expect(problems(nil, ["RUNQL_CSRF_PREVENTION": "x"]) == [#"RUNQL_CSRF_PREVENTION: "security.csrfPrevention" must be true or false"#])
        #expect(problems(nil, ["RUNQL_CORS_CREDENTIALS": "x"]) == [#"RUNQL_CORS_CREDENTIALS: "security.cors.allowCredentials" must be true or false"#])
        #expect(problems(nil, ["RUNQL_CORS_MAX_AGE": "-1"]) == [#"RUNQL_CORS_MAX_AGE: "security.cors.maxAge" must be an integer between 0 and 86400"#])
        #expect(problems(nil, ["RUNQL_APQ": "x"]) == [#"RUNQL_APQ: "security.persistedQueries.enabled" must be true or false"#])
        #expect(problems(nil, ["RUNQL_APQ_CAPACITY": "0"]) == [#"RUNQL_APQ_CAPACITY: "security.persistedQueries.capacity" must be an integer between 1 and 10000000"#])
        #expect(problems(nil, ["RUNQL_DEFAULT_LIST_SIZE": "0"]) == [#"RUNQL_DEFAULT_LIST_SIZE: "security.limits.defaultListSize" must be an integer between 1 and 1000000"#])
        #expect(problems(nil, ["RUNQL_INTROSPECTION_MAX_COMPLEXITY": "many"])
            == [#"RUNQL_INTROSPECTION_MAX_COMPLEXITY: "security.limits.introspectionMaxComplexity" must be an integer of at least 1"#])
        #expect(problems(nil, ["RUNQL_MAX_TOKENS": "0"]) == [#"RUNQL_MAX_TOKENS: "security.limits.maxTokens" must be an integer of at least 1"#])
        #expect(problems(nil, ["RUNQL_API_TOKENS": "ci:reader:xyz"])
            == [#"RUNQL_API_TOKENS: "security.tokens[0].sha256" must be the token's SHA-256 as 64 hex digits (e.g. printf %s TOKEN | sha256sum)"#])
        #expect(problems(nil, ["RUNQL_API_TOKENS": "ci:root:\(sha)"])
            == [#"RUNQL_API_TOKENS: "security.tokens[0].roles[0]" must be one of reader, writer, admin (not "root")"#])
        #expect(problems(nil, ["RUNQL_API_TOKENS": "just-a-token"])
            == [#"RUNQL_API_TOKENS: "security.tokens[0]" must be an object with name, sha256 and roles (in RUNQL_API_TOKENS: name:role+role:sha256hex)"#])
        #expect(problems(#"{"security": {"tokens": [{"name": "a", "sha256": "\#(sha)", "roles": []}]}}"#).first?
            .hasSuffix(#""security.tokens[0].roles" is required: a list of reader, writer, admin"#) == true)
        #expect(problems(#"{"security": {"jwt": {"secretEnv": "K", "leeway": -1}}}"#, ["K": jwtKey]).first?
            .hasSuffix(#""security.jwt.leeway" must be a number of seconds above 0"#) == true)
        #expect(problems(#"{"security": {"jwt": {"secretEnv": "K", "requireExpiration": "yes"}}}"#, ["K": jwtKey]).first?
            .hasSuffix(#""security.jwt.requireExpiration" must be true or false"#) == true)
    }

    @Test func policyProblemsAreReportedAsConfigurationErrors() throws {
        // GatewayPolicy.problems(), under the key that gave the value.
        #expect(problems(nil, ["RUNQL_JWT_SECRET": "short"])
            == [#"RUNQL_JWT_SECRET: "security.jwt.secretEnv" gives a secret that must be at least 32 bytes for HS256"#])
        let dir = try folder(["k": "short"])
        #expect(problems(#"{"security": {"jwt": {"secretFile": "\#(dir.path)/k"}}}"#).first?
            .hasSuffix(#""security.jwt.secretFile" gives a secret that must be at least 32 bytes for HS256"#) == true)
        #expect(problems(#"{"security": {"cors": {"origins": ["*"], "allowCredentials": true}}}"#).first?
            .hasSuffix(#""security.cors.allowCredentials" allowing credentials for every origin ("*") would let any site act as the user"#) == true)
        // And `runql serve` refuses to start, with exit status 2.
        do {
            _ = try ServeCommand.loadConfiguration([], environment: ["RUNQL_JWT_SECRET": "short", "RUNQL_CONFIG": ""])
            Issue.record("expected a configuration error")
        } catch {
            #expect(error.status == 2 && error.message.contains(#""security.jwt.secretEnv" gives a secret that must be at least 32 bytes"#))
            #expect(!error.message.contains("short"))
        }
    }

    @Test func inlineSecretsAreRefused() {
        #expect(problems(#"{"security": {"jwt": {"secret": "\#(jwtKey)"}}}"#).first?
            .hasSuffix(#""security.jwt.secret" must not hold the secret inline: name an environment variable in "secretEnv" or a file in "secretFile""#) == true)
        #expect(problems(#"{"security": {"tokens": [{"name": "ci", "token": "s3cret", "roles": ["reader"]}]}}"#).contains {
            $0.hasSuffix(#""security.tokens[0].token" must not hold the token itself: give its SHA-256 in "sha256" (printf %s TOKEN | sha256sum)"#)
        })
        #expect(!problems(#"{"security": {"tokens": [{"name": "ci", "token": "s3cret", "roles": ["reader"]}]}}"#).joined().contains("s3cret"))
    }

    @Test func redactionRemovesPasswords() {
        #expect(Secret.redact("mongodb://reader:s3cret@db.example:27017/runs?tls=true") == "mongodb://reader:***@db.example:27017/runs?tls=true")
        #expect(Secret.redact("mongodb://db.example/") == "mongodb://db.example/")
        #expect(Secret.redact("host=db user=u password=p dbname=r") == "host=db user=u password=*** dbname=r")
    }
}

@Suite struct CheckCommandTests {
    @Test func validConfigurationAndSchemaWithoutSourcesPass() async throws {
        let dir = try folder(["s.graphql": "type Query { a: Int }", "runql.json": "{}"])
        let result = await CheckCommand.run(
            ["--config", dir.appendingPathComponent("runql.json").path, "--schema", dir.appendingPathComponent("s.graphql").path], environment: [:])
        #expect(result.status == 0)
        #expect(result.output.contains("ok    configuration: \(dir.path)/runql.json"))
        #expect(result.output.contains("ok    schema: \(dir.path)/s.graphql"))
        #expect(result.output.contains("skip  PostgreSQL: not configured"))
    }

    @Test func unreachableSourcesAndBadSchemaFailWithoutLeakingSecrets() async throws {
        let dir = try folder(["s.graphql": "type Query { a: Nope }"])
        let result = await CheckCommand.run(["--schema", dir.appendingPathComponent("s.graphql").path], environment: [
            "RUNQL_PG_CONNINFO": "host=127.0.0.1 port=1 user=u password=hunter2 dbname=x connect_timeout=3",
            "RUNQL_SKYDRIVER_URL": "http://127.0.0.1:1/api", "RUNQL_SKYDRIVER_TOKEN": "tok3n", "RUNQL_CONFIG": "",
        ])
        #expect(result.status == 1)
        #expect(result.output.contains("FAIL  schema:"))
        #expect(result.output.contains("FAIL  postgresql: host=127.0.0.1 port=1 user=u password=*** dbname=x connect_timeout=3"))
        #expect(result.output.contains("FAIL  skydriver: http://127.0.0.1:1/api"))
        #expect(!result.output.contains("hunter2") && !result.output.contains("tok3n"))
    }

    @Test func invalidConfigurationFailsNamingTheKey() async {
        let result = await CheckCommand.run([], environment: ["RUNQL_MAX_BODY_BYTES": "lots"])
        #expect(result.status == 1)
        #expect(result.output.contains(#"RUNQL_MAX_BODY_BYTES: "server.limits.maxBodyBytes" must be an integer between 1 and 1073741824"#))
    }
}
