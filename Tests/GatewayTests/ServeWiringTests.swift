// End to end from runql.json to answers: the gateway built the way `runql serve` builds it
// (ConfigurationLoader, then ServeCommand.makeGateway), checking that the configured API token,
// CORS origins and request timeout take effect.

import Foundation
import GraphQLKit
import Testing
@testable import Gateway

/// A gateway `runql serve` would run for `json` (with a schema and data of its own), on port 0.
private struct ServedGateway {
    let server: HTTPServer

    static let writerToken = "wr1ter-t0ken"
    static let readerToken = "re4der-t0ken"

    /// Sleeps until cancelled: only the request timeout ends it.
    static let slow = FieldResolver.async { _, _, _, _ in
        try await Task.sleep(for: .seconds(3600))
        return .json(.string("never"))
    }

    static func start(security: String, metrics: Bool = false, environment: [String: String] = [:]) throws -> ServedGateway {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runql-serve-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let files = [
            "schema.graphql": "type Query { hello: String slow: String } type Mutation { bump: Int }",
            "data.json": #"{"hello": "world", "bump": 2}"#,
            "runql.json": """
                {"server": {"port": 0, "eventLoops": 1},
                 "schema": {"path": "\(dir.path)/schema.graphql", "data": "\(dir.path)/data.json"},
                 "logging": {"requests": false, "metrics": \(metrics)},
                 "security": \(security)}
                """,
        ]
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let configuration = try ServeCommand.loadConfiguration(
            ["--config", dir.appendingPathComponent("runql.json").path], environment: environment)
        let (server, _) = try ServeCommand.makeGateway(configuration, log: nil, resolvers: ["Query.slow": slow])
        try server.start()
        return ServedGateway(server: server)
    }

    func stop() async {
        server.shutdown(deadline: 2)
        await withCheckedContinuation { continuation in
            Thread { server.wait(); continuation.resume() }.start()
        }
    }

    func send(_ method: String, _ target: String = "/graphql", body: String? = nil, headers: [(String, String)] = []) async throws -> RawClient.Response {
        let client = try RawClient(port: server.port)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.utf8.count)\r\n" }
        client.send(head + "\r\n" + (body ?? ""))
        return try #require(await client.readResponse())
    }

    func post(_ query: String, token: String? = nil, headers: [(String, String)] = []) async throws -> RawClient.Response {
        try await post(body: "{\"query\":" + JSONValue.string(query).jsonString + "}", token: token, headers: headers)
    }

    func post(body: String, token: String? = nil, headers: [(String, String)] = []) async throws -> RawClient.Response {
        var all = [("Content-Type", "application/json"), ("Accept", "application/graphql-response+json")] + headers
        if let token { all.append(("Authorization", "Bearer \(token)")) }
        return try await send("POST", body: body, headers: all)
    }
}

@Suite struct ServeWiringTests {
    private static let security = """
        {"tokens": [{"name": "ci", "sha256": "\(Hex.encode(SHA256.hash(ServedGateway.writerToken)))", "roles": ["writer"]},
                    {"name": "dash", "sha256": "\(Hex.encode(SHA256.hash(ServedGateway.readerToken)))", "roles": ["reader"]}],
         "cors": {"origins": ["https://app.example"]},
         "requestTimeout": 0.2}
        """

    @Test func configuredTokenIsRequiredForMutations() async throws {
        let gateway = try ServedGateway.start(security: Self.security)
        // Anonymous reads stay allowed by default; a mutation needs `writer`.
        let read = try await gateway.post("{ hello }")
        #expect(read.status == 200 && read.body == #"{"data":{"hello":"world"}}"#)
        let anonymous = try await gateway.post("mutation { bump }")
        #expect(anonymous.status == 401 && anonymous.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        let wrong = try await gateway.post("mutation { bump }", token: "not-the-token")
        #expect(wrong.status == 401 && !wrong.body.contains("not-the-token"))
        let reader = try await gateway.post("mutation { bump }", token: ServedGateway.readerToken)
        #expect(reader.status == 403)
        let writer = try await gateway.post("mutation { bump }", token: ServedGateway.writerToken)
        #expect(writer.status == 200 && writer.body == #"{"data":{"bump":2}}"#)
        await gateway.stop()
    }

    @Test func withoutCredentialsConfiguredAuthIsOff() async throws {
        let gateway = try ServedGateway.start(security: "{}")
        let r = try await gateway.post("mutation { bump }")
        #expect(r.status == 200 && r.body == #"{"data":{"bump":2}}"#)
        await gateway.stop()
    }

    @Test func configuredCORSOriginsGetTheHeaders() async throws {
        let gateway = try ServedGateway.start(security: Self.security)
        let preflight = try await gateway.send("OPTIONS", headers: [
            ("Origin", "https://app.example"), ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type, authorization"),
        ])
        #expect(preflight.status == 204)
        #expect(preflight.headers["access-control-allow-origin"] == "https://app.example")
        #expect(preflight.headers["access-control-allow-headers"]?.contains("Authorization") == true)
        let allowed = try await gateway.post("{ hello }", headers: [("Origin", "https://app.example")])
        #expect(allowed.status == 200 && allowed.headers["access-control-allow-origin"] == "https://app.example")
        let other = try await gateway.post("{ hello }", headers: [("Origin", "https://evil.example")])
        #expect(other.headers["access-control-allow-origin"] == nil)
        await gateway.stop()
    }

    @Test func configuredRequestTimeoutCancelsResolvers() async throws {
        let gateway = try ServedGateway.start(security: Self.security)
        let r = try await gateway.post("{ hello slow }")
        #expect(r.status == 200)
        #expect(errorField(r, "code") == "TIMEOUT")
        #expect(r.body.hasSuffix(#""data":{"hello":"world","slow":null}}"#))
        await gateway.stop()
    }

    @Test func jwtSecretFromTheEnvironmentAuthenticates() async throws {
        let gateway = try ServedGateway.start(
            security: #"{"anonymousRead": false, "jwt": {"rolesClaim": "realm_access.roles"}}"#,
            environment: ["RUNQL_JWT_SECRET": JWTSigner.secret])
        let writer = JWTSigner.token(payload: #"{"sub": "ana", "realm_access": {"roles": ["writer"]}}"#)
        let r = try await gateway.post("mutation { bump }", token: writer)
        #expect(r.status == 200 && r.body == #"{"data":{"bump":2}}"#)
        let forged = JWTSigner.token(payload: #"{"sub": "ana", "realm_access": {"roles": ["writer"]}}"#, secret: String(repeating: "x", count: 40))
        #expect(try await gateway.post("mutation { bump }", token: forged).status == 401)
        // anonymousRead false: no credentials, no query.
        #expect(try await gateway.post("{ hello }").status == 401)
        await gateway.stop()
    }

    @Test func persistedQueriesAndTheirCountsInMetrics() async throws {
        let gateway = try ServedGateway.start(security: #"{"persistedQueries": {"capacity": 5}}"#, metrics: true)
        let query = "{ hello }"
        let hash = Hex.encode(SHA256.hash(query))
        let extensions = #"{"persistedQuery":{"version":1,"sha256Hash":"\#(hash)"}}"#
        let miss = try await gateway.post(body: #"{"extensions":\#(extensions)}"#)
        #expect(errorField(miss, "code") == "PERSISTED_QUERY_NOT_FOUND")
        let register = try await gateway.post(body: #"{"query":"{ hello }","extensions":\#(extensions)}"#)
        #expect(register.status == 200 && register.body == #"{"data":{"hello":"world"}}"#)
        let hit = try await gateway.post(body: #"{"extensions":\#(extensions)}"#)
        #expect(hit.body == #"{"data":{"hello":"world"}}"#)
        let scrape = try await gateway.send("GET", "/metrics")
        #expect(scrape.body.contains("runql_persisted_query_hits_total 1\n"))
        #expect(scrape.body.contains("runql_persisted_query_misses_total 1\n"))
        #expect(scrape.body.contains("runql_persisted_query_registrations_total 1\n"))
        #expect(scrape.body.contains("runql_persisted_query_entries 1\n"))
        #expect(scrape.body.contains("capacity 5"))
        await gateway.stop()
    }

    @Test func apqDisabledByConfiguration() async throws {
        let gateway = try ServedGateway.start(security: #"{"persistedQueries": {"enabled": false}}"#)
        let hash = Hex.encode(SHA256.hash("{ hello }"))
        let r = try await gateway.post(body: #"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"\#(hash)"}}}"#)
        #expect(r.status == 400 && errorField(r, "message") == "PersistedQueryNotSupported")
        await gateway.stop()
    }

    @Test func limitsAndIntrospectionFromConfiguration() async throws {
        let gateway = try ServedGateway.start(security: #"{"introspection": "nobody", "limits": {"maxRootFields": 1, "maxTokens": 10}}"#)
        let two = try await gateway.post("{ a: hello b: hello }")
        #expect(errorField(two, "code") == "MAX_ROOT_FIELDS_EXCEEDED")
        let long = try await gateway.post("{ " + String(repeating: "hello ", count: 12) + "}")
        #expect(long.status == 400)
        let schema = try await gateway.post("{ __schema { queryType { name } } }")
        #expect(errorField(schema, "code") == "INTROSPECTION_DISABLED")
        #expect(try await gateway.post("{ __typename }").body == #"{"data":{"__typename":"Query"}}"#)
        await gateway.stop()
    }
}
