// The permission review, over HTTP against the whole gateway over the demo registries: every
// field of the built schema's Mutation type (enumerated, not listed by hand, so a new mutation
// is covered the day it is added) called anonymously, with a reader API token and with a reader
// JWT, is refused with the auth error and writes nothing; every Query field is refused to
// anonymous callers when anonymous reads are off; and no token, JWT secret, SkyDriver token or
// connection string shows up in an answer or in either log. (AuthTests covers the policy itself
// on a toy schema: token kinds, JWT checks, 401 vs 403; this file covers the real schema.)

import Foundation
import GraphQLKit
import Resolvers
import Testing
@testable import Gateway

/// A document calling `field` of `root` with a value for every required argument, valid against
/// `schema` (the test checks that), so only the policy can refuse it.
func callDocument(_ schema: Schema, operation: String, field: GraphQLField) -> String {
    let arguments = field.arguments.filter(\.isRequired).map { "\($0.name): \(sampleLiteral(schema, $0.type))" }
    let call = arguments.isEmpty ? field.name : "\(field.name)(\(arguments.joined(separator: ", ")))"
    let leaf = schema.scalarType(named: field.type.namedType) != nil || schema.enumType(named: field.type.namedType) != nil
    return "\(operation) { \(call)\(leaf ? "" : " { __typename }") }"
}

/// A literal of `type`: required input fields filled in, lists of one.
func sampleLiteral(_ schema: Schema, _ type: GraphQLType) -> String {
    switch type {
    case .nonNull(let inner): return sampleLiteral(schema, inner)
    case .list(let inner): return "[\(sampleLiteral(schema, inner))]"
    case .named(let name):
        switch name {
        case "Int": return "1"
        case "Float": return "1.5"
        case "Boolean": return "false"
        case "String", "ID": return "\"x\""
        case "DateTime": return "\"2020-01-01T00:00:00Z\""
        case "JSON": return "{}"
        default: break
        }
        if let e = schema.enumType(named: name), let first = e.values.first { return first.name }
        if let input = schema.inputObjectType(named: name) {
            let fields = input.isOneOf ? Array(input.fields.prefix(1)) : input.fields.filter(\.isRequired)
            return "{" + fields.map { "\($0.name): \(sampleLiteral(schema, $0.type))" }.joined(separator: ", ") + "}"
        }
        return "\"x\""
    }
}

private func isValid(_ executable: ExecutableSchema, _ document: String) -> Bool {
    guard case .success(let prepared) = executable.prepare(document) else { return false }
    return prepared.validationErrors.isEmpty
}

@Suite struct PermissionReviewTests {
    @Test func everyMutationIsRefusedToAnonymousCallersAndReadersAndWritesNothing() async throws {
        let gateway = try await DemoGateway.start()
        let closed = try gateway.another(["RUNQL_ANONYMOUS_READ": "false"])
        let executable = gateway.handler.executable
        let mutations = try #require(executable.schema.mutationType).fields
        // XENON 6, XAMS 3, CMS 5, SkyDriver 3 today: the enumeration is neither empty nor partial.
        #expect(mutations.count >= 17)
        for name in ["addDataLocation", "setGains", "setProcessingStatus", "moveCmsRun", "editCmsLumisections", "requestScan", "deleteScan"] {
            #expect(mutations.contains { $0.name == name }, "\(name) missing from Mutation")
        }
        let before = try await gateway.fingerprint()
        let readerJWT = JWTSigner.token(payload: #"{"sub":"viewer","roles":["reader"]}"#, secret: DemoGateway.jwtSecret)
        let rolelessJWT = JWTSigner.token(payload: #"{"sub":"nobody"}"#, secret: DemoGateway.jwtSecret)
        for field in mutations {
            let document = callDocument(executable.schema, operation: "mutation", field: field)
            #expect(isValid(executable, document), "generated call of \(field.name) is not valid: \(document)")
            for (server, label) in [(gateway.served, "anonymous reads on"), (closed, "anonymous reads off")] {
                let anonymous = try await gateway.post(document, to: server)
                #expect(anonymous.status == 401 && errorCodes(anonymous) == ["UNAUTHENTICATED"], "\(field.name) anonymous (\(label)): \(anonymous.status) \(anonymous.body)")
                #expect(anonymous.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
                #expect(!anonymous.body.contains("\"data\""))
            }
            for (token, label) in [(DemoGateway.readerToken, "reader token"), (readerJWT, "reader JWT"), (rolelessJWT, "JWT without roles")] {
                let refused = try await gateway.post(document, token: token)
                #expect(refused.status == 403 && errorCodes(refused) == ["FORBIDDEN"], "\(field.name) as \(label): \(refused.status) \(refused.body)")
                #expect(!refused.body.contains("\"data\""))
            }
            // The mutation picked by operationName out of a document that also holds a query.
            let mixed = "query Q { __typename } " + document.replacingOccurrences(of: "mutation {", with: "mutation M {")
            let picked = try await gateway.post(mixed, operationName: "M", token: DemoGateway.readerToken)
            #expect(picked.status == 403, "\(field.name) picked by operationName: \(picked.body)")
            // Over GET, even for a writer: mutations are POST only.
            let overGET = try await gateway.send(
                method: "GET", target: "/graphql?query=" + TestGateway.encode(document),
                headers: [("Accept", "application/graphql-response+json"), ("Authorization", "Bearer \(DemoGateway.writerToken)")], body: nil)
            #expect(overGET.status == 405, "\(field.name) over GET: \(overGET.status)")
        }
        // A wrong or forged token is 401 for mutations too, whatever the policy.
        let forged = JWTSigner.token(payload: #"{"sub":"x","roles":["writer"]}"#, secret: "another secret of the same ample length!!")
        for token in [forged, DemoGateway.writerToken + "x", DemoGateway.jwtSecret] {
            let r = try await gateway.post(try callDocument(executable.schema, operation: "mutation", field: #require(mutations.first)), token: token)
            #expect(r.status == 401, "forged token: \(r.body)")
        }
        let after = try await gateway.fingerprint()
        #expect(after == before, "changed: \(after.differences(from: before))")
        try checkNoSecrets(gateway, servers: [gateway.served, closed])
        await closed.stop()
        await gateway.stop()
    }

    @Test func everyReadPathHonoursTheAnonymousPolicy() async throws {
        let gateway = try await DemoGateway.start(anonymousRead: false)
        let open = try gateway.another(["RUNQL_ANONYMOUS_READ": "true"])
        let executable = gateway.handler.executable
        let queries = try #require(executable.schema.queryType).fields
        #expect(queries.count >= 15)
        let before = try await gateway.fingerprint()
        var reads: [String] = queries.map { callDocument(executable.schema, operation: "query", field: $0) }
        reads += ["{ __typename }", "{ __schema { queryType { name } } }", "query { ...F } fragment F on Query { xenonRuns { totalCount } }"]
        for document in reads {
            #expect(isValid(executable, document), "generated read is not valid: \(document)")
            let anonymous = try await gateway.post(document)
            #expect(anonymous.status == 401 && errorCodes(anonymous) == ["UNAUTHENTICATED"], "\(document) anonymous: \(anonymous.status) \(anonymous.body)")
            #expect(!anonymous.body.contains("\"data\""))
            let overGET = try await gateway.send(
                method: "GET", target: "/graphql?query=" + TestGateway.encode(document), headers: [("Accept", "application/graphql-response+json")], body: nil)
            #expect(overGET.status == 401, "\(document) anonymous GET: \(overGET.status)")
            // Readers get an answer (its fields may fail on the sample arguments, never with an auth error).
            let reader = try await gateway.post(document, token: DemoGateway.readerToken)
            #expect(reader.status == 200 && !errorCodes(reader).contains { ["UNAUTHENTICATED", "FORBIDDEN", "INTERNAL_SERVER_ERROR"].contains($0) },
                    "\(document) as reader: \(reader.status) \(reader.body.prefix(300))")
            // With anonymous reads on, the same read runs without a token.
            let allowed = try await gateway.post(document, to: open)
            #expect(allowed.status == 200, "\(document) anonymous with reads open: \(allowed.status)")
        }
        // A persisted query's hash does not get around the policy either.
        let hash = Hex.encode(SHA256.hash("{ xenonRuns { totalCount } }"))
        let registered = try await gateway.post(
            body: Array(#"{"query":"{ xenonRuns { totalCount } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"\#(hash)"}}}"#.utf8),
            token: DemoGateway.readerToken)
        #expect(registered.status == 200)
        let replay = try await gateway.post(body: Array(#"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"\#(hash)"}}}"#.utf8))
        #expect(replay.status == 401)
        let after = try await gateway.fingerprint()
        #expect(after == before, "changed: \(after.differences(from: before))")
        try checkNoSecrets(gateway, servers: [gateway.served, open])
        await open.stop()
        await gateway.stop()
    }

    @Test func secretsNeverAppearInAnswersOrLogs() async throws {
        let gateway = try await DemoGateway.start()
        // Requests that make each layer talk about credentials and sources.
        let readerJWT = JWTSigner.token(payload: #"{"sub":"viewer","roles":["reader"]}"#, secret: DemoGateway.jwtSecret)
        var answers: [RawClient.Response] = []
        answers.append(try await gateway.post("{ sources { name kind configured reachable latencyMs } }", token: DemoGateway.readerToken))
        answers.append(try await gateway.post("{ whoIs: __typename }", token: readerJWT))
        answers.append(try await gateway.post("{ __typename }", token: DemoGateway.writerToken + "-wrong"))
        answers.append(try await gateway.post("{ __typename }", token: String(readerJWT.dropLast(3)) + "abc"))
        answers.append(try await gateway.post("{ __typename }", token: DemoGateway.skyDriverToken))
        answers.append(try await gateway.post("{ __typename }", token: DemoGateway.jwtSecret))
        answers.append(try await gateway.post(body: Array(#"{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "\#(DemoGateway.readerToken)"}}}"#.utf8)))
        answers.append(try await gateway.post("mutation { deleteScan(id: \"x\") { scanId } }", token: DemoGateway.readerToken))
        answers.append(try await gateway.post("{ scan(id: \"0000\") { scanId state } scanRequest(id: \"0000\") { scanId } }", token: DemoGateway.readerToken))
        answers.append(try await gateway.post("{ cmsGoldenJson(jsonLogic: {}, datasetNameFilter: \"((\") { runCount } }", token: DemoGateway.readerToken))
        answers.append(try await gateway.send(method: "GET", target: "/readyz", body: nil))
        answers.append(try await gateway.send(method: "GET", target: "/healthz", body: nil))
        answers.append(try await gateway.send(method: "GET", target: "/", headers: [("Accept", "text/html")], body: nil))
        let secrets = gateway.secrets
        for (i, answer) in answers.enumerated() {
            // /readyz names the servers (host and port) for operators, never a password or token.
            let forbidden = i == 10 ? [DemoGateway.pgPassword, DemoGateway.readerToken, DemoGateway.writerToken, DemoGateway.skyDriverToken, DemoGateway.jwtSecret] : secrets
            for secret in forbidden where answer.body.contains(secret) {
                Issue.record("answer \(i) holds a secret (\(secret.prefix(8))…): \(answer.body.prefix(300))")
            }
        }
        #expect(answers[0].status == 200 && answers[0].body.contains("\"reachable\":true"))
        try checkNoSecrets(gateway, servers: [gateway.served])
        await gateway.stop()
    }
}

/// Neither log of any of `servers` holds a secret.
func checkNoSecrets(_ gateway: DemoGateway, servers: [GatewayServer]) throws {
    for server in servers {
        let lines = server.logLines()
        #expect(!lines.isEmpty)
        for line in lines {
            for secret in gateway.secrets where line.contains(secret) { Issue.record("log line holds \(secret.prefix(8))…: \(line.prefix(300))") }
        }
    }
}
