import GraphQLKit
import Testing
@testable import Gateway

private let readerToken = "reader-token-0123456789"
private let writerToken = "writer-token-9876543210"

private func policy(anonymousRead: Bool = true, jwt: Bool = true, introspection: IntrospectionAccess = .everyone) throws -> GatewayPolicy {
    var policy = GatewayPolicy(introspection: introspection)
    policy.authentication = AuthenticationPolicy(
        apiTokens: [
            try APIToken(name: "dashboard", sha256Hex: Hex.encode(SHA256.hash(readerToken)), roles: [.reader]),
            APIToken(name: "ingest", plaintext: writerToken, roles: [.writer]),
        ],
        jwt: jwt ? JWTPolicy(secret: JWTSigner.secret) : nil, allowsAnonymousRead: anonymousRead)
    return policy
}

private func bearer(_ token: String) -> [(String, String)] { [("Authorization", "Bearer \(token)")] }

private let whoami = TestGateway.body("{ whoami }")
private let mutation = TestGateway.body("mutation { bump }")

@Suite struct AuthTests {
    @Test func apiTokensCarryTheirRolesIntoTheResolverContext() async throws {
        let gateway = try TestGateway.start(policy: try policy())
        let reader = try await gateway.post(whoami, headers: bearer(readerToken))
        #expect(reader.status == 200 && reader.body == #"{"data":{"whoami":"dashboard:reader"}}"#)
        let writer = try await gateway.post(whoami, headers: [("authorization", "bearer \(writerToken)")])
        #expect(writer.body == #"{"data":{"whoami":"ingest:writer"}}"#)
        let anonymous = try await gateway.post(whoami)
        #expect(anonymous.body == #"{"data":{"whoami":"anonymous:reader"}}"#)
        await gateway.stop()
    }

    @Test func mutationsNeedTheWriterRole() async throws {
        let gateway = try TestGateway.start(policy: try policy())
        let asReader = try await gateway.post(mutation, headers: bearer(readerToken))
        #expect(asReader.status == 403)
        #expect(errorField(asReader, "code") == "FORBIDDEN")
        #expect(!asReader.body.contains("data"))
        // Anonymous: it could authenticate, so 401 with a challenge.
        let anonymous = try await gateway.post(mutation)
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        #expect(try await gateway.post(mutation, headers: bearer(writerToken)).body == #"{"data":{"bump":2}}"#)
        let admin = JWTSigner.token(payload: #"{"sub":"root","roles":["admin"]}"#)
        #expect(try await gateway.post(mutation, headers: bearer(admin)).body == #"{"data":{"bump":2}}"#)
        await gateway.stop()
    }

    @Test func anonymousReadsCanBeRefused() async throws {
        let gateway = try TestGateway.start(policy: try policy(anonymousRead: false))
        let anonymous = try await gateway.post(whoami)
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["www-authenticate"] == #"Bearer realm="RunQL""#)
        #expect(errorField(anonymous, "code") == "UNAUTHENTICATED")
        let overGET = try await gateway.get([("query", "{ n }")])
        #expect(overGET.status == 401)
        #expect(try await gateway.post(whoami, headers: bearer(readerToken)).status == 200)
        await gateway.stop()
    }

    @Test func invalidCredentialsAre401EvenWhenAnonymousReadsAreAllowed() async throws {
        let log = LogCapture()
        let gateway = try TestGateway.start(policy: try policy(), log: log)
        let secretGuess = "not-a-configured-token-ABCDEF"
        let none = Base64URL.encode(Array(#"{"alg":"none"}"#.utf8)) + "." + Base64URL.encode(Array(#"{"roles":["admin"]}"#.utf8)) + "."
        let expired = JWTSigner.token(payload: #"{"roles":["admin"],"exp":1000}"#)
        let wrongKey = JWTSigner.token(payload: #"{"roles":["admin"]}"#, secret: "some other secret of enough length....")
        for (headers, token) in [(bearer(secretGuess), secretGuess), (bearer(none), none), (bearer(expired), expired),
                                 (bearer(wrongKey), wrongKey), ([("Authorization", "Basic dXNlcjpwYXNz")], "dXNlcjpwYXNz"),
                                 (bearer(""), "Bearer")] {
            let r = try await gateway.post(whoami, headers: headers)
            #expect(r.status == 401, "\(headers)")
            #expect(r.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            #expect(errorField(r, "code") == "UNAUTHENTICATED")
            // Tokens never appear in answers.
            #expect(!r.body.contains(token) || token == "Bearer")
        }
        #expect(errorField(try await gateway.post(whoami, headers: bearer(expired)), "message") == "The JWT has expired.")
        #expect(errorField(try await gateway.post(whoami, headers: bearer(none)), "message")?.contains("\"none\"") == true)
        // Nor in logs.
        #expect(log.lines.allSatisfy { !$0.contains(secretGuess) && !$0.contains(readerToken) })
        await gateway.stop()
    }

    @Test func jwtRolesAndTimeComeFromTheToken() async throws {
        let gateway = try TestGateway.start(policy: try policy(), now: { 1_800_000_000 })
        let valid = JWTSigner.token(payload: #"{"sub":"bob","roles":["writer"],"exp":1800000600,"nbf":1799999000}"#)
        #expect(try await gateway.post(whoami, headers: bearer(valid)).body == #"{"data":{"whoami":"bob:writer"}}"#)
        #expect(try await gateway.post(mutation, headers: bearer(valid)).status == 200)
        let future = JWTSigner.token(payload: #"{"sub":"bob","roles":["writer"],"nbf":1800000600}"#)
        #expect(try await gateway.post(whoami, headers: bearer(future)).status == 401)
        // A valid token with no roles may do nothing: 403, not 401.
        let roleless = JWTSigner.token(payload: #"{"sub":"carol"}"#)
        let r = try await gateway.post(whoami, headers: bearer(roleless))
        #expect(r.status == 403 && errorField(r, "code") == "FORBIDDEN")
        await gateway.stop()
    }

    @Test func jwtsAreNotAcceptedWhenNoSecretIsConfigured() async throws {
        let gateway = try TestGateway.start(policy: try policy(jwt: false))
        let token = JWTSigner.token(payload: #"{"roles":["admin"]}"#)
        #expect(try await gateway.post(whoami, headers: bearer(token)).status == 401)
        await gateway.stop()
    }

    @Test func withoutConfiguredCredentialsEverythingIsAllowed() async throws {
        let gateway = try TestGateway.start()
        #expect(try await gateway.post(mutation).body == #"{"data":{"bump":2}}"#)
        #expect(try await gateway.post(whoami, headers: bearer("ignored")).body == #"{"data":{"whoami":"anonymous:admin,reader,writer"}}"#)
        await gateway.stop()
    }

    @Test func introspectionForAdminsOnly() async throws {
        let gateway = try TestGateway.start(policy: try policy(introspection: .admins))
        let query = TestGateway.body("{ __schema { queryType { name } } }")
        let r = try await gateway.post(query, headers: bearer(writerToken))
        #expect(r.status == 400 && errorField(r, "code") == "INTROSPECTION_DISABLED")
        let admin = JWTSigner.token(payload: #"{"roles":["admin"]}"#)
        #expect(try await gateway.post(query, headers: bearer(admin)).body == #"{"data":{"__schema":{"queryType":{"name":"Query"}}}}"#)
        await gateway.stop()
    }

    @Test func policyProblemsNameTheField() throws {
        var policy = GatewayPolicy()
        policy.authentication.jwt = JWTPolicy(secret: "short")
        policy.cors = CORSPolicy(allowedOrigins: ["*", "example.org"], allowsCredentials: true)
        policy.persistedQueries.capacity = 0
        let problems = policy.problems()
        #expect(problems.contains { $0.hasPrefix("authentication.jwt.secret") })
        #expect(problems.contains { $0.contains("\"example.org\"") })
        #expect(problems.contains { $0.hasPrefix("cors: allowing credentials") })
        #expect(problems.contains { $0.hasPrefix("persistedQueries.capacity") })
        #expect(GatewayPolicy().problems().isEmpty)
        #expect(throws: PolicyError.self) { try APIToken(name: "x", sha256Hex: "abc", roles: [.reader]) }
        #expect(throws: PolicyError.self) { try APIToken(name: "x", sha256Hex: String(repeating: "0", count: 64), roles: []) }
    }

    @Test func rolesAreRanked() {
        #expect(Role.admin.grants(.writer) && Role.admin.grants(.reader) && Role.writer.grants(.reader))
        #expect(!Role.reader.grants(.writer) && !Role.writer.grants(.admin))
    }
}

@Suite struct APITokenListTests {
    @Test func parsesNameRolesAndHash() throws {
        let hash = Hex.encode(SHA256.hash("t"))
        let tokens = try APIToken.parseList("dashboard:reader:\(hash), ingest:writer+Reader:\(hash.uppercased())")
        #expect(tokens.map(\.name) == ["dashboard", "ingest"])
        #expect(tokens[1].roles == [.writer, .reader])
        #expect(tokens[1].sha256 == SHA256.hash("t"))
        #expect(throws: PolicyError.self) { try APIToken.parseList("x:reader") }
        #expect(throws: PolicyError.self) { try APIToken.parseList("x:owner:\(hash)") }
        #expect(throws: PolicyError.self) { try APIToken.parseList("x:reader:123") }
        #expect(try APIToken.parseList("").isEmpty)
    }
}
