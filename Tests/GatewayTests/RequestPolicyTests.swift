import Foundation
import GraphQLKit
import Testing
@testable import Gateway

/// What a failing registry might throw: its text names internal hosts.
private struct DatabaseDown: Error, CustomStringConvertible {
    var description: String { "connection to db.internal:5432 refused (user runql)" }
}

/// Lets a test release a resolver that ignores cancellation.
private final class Latch: @unchecked Sendable {
    // @unchecked: state is only touched under `lock`.
    private let lock = NSLock()
    private var opened = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now: Bool = lock.withLock {
                if opened { return true }
                waiters.append(c)
                return false
            }
            if now { c.resume() }
        }
    }

    func open() {
        let all: [CheckedContinuation<Void, Never>] = lock.withLock {
            opened = true
            defer { waiters = [] }
            return waiters
        }
        for c in all { c.resume() }
    }
}

private let failingSDL = """
    type Query { ok: String broken: String brokenNonNull: String! refused: String slow: String slowNonNull: String! items: [Item] n: Int }
    type Item { slow: String }
    """

/// Sleeps until cancelled.
private let slow = FieldResolver.async { _, _, _, _ in
    try await Task.sleep(for: .seconds(3600))
    return .json(.string("never"))
}

private let failingResolvers: [String: FieldResolver] = [
    "Query.ok": .value(.json(.string("fine"))),
    "Query.broken": .async { _, _, _, _ in throw DatabaseDown() },
    "Query.brokenNonNull": .sync { _, _, _, _ in throw DatabaseDown() },
    "Query.refused": .sync { _, _, _, _ in throw GraphQLError("No such run.", extensions: ["code": .string("NOT_FOUND")]) },
    "Query.slow": slow,
    "Query.slowNonNull": slow,
    "Item.slow": slow,
    "Query.items": .value(.json(.list([.object([:]), .object([:])]))),
]

@Suite struct RequestPolicyTests {
    // MARK: Operation and parser limits

    @Test func defaultLimitsRefuseDeepWideAndCostlyOperations() async throws {
        let gateway = try TestGateway.start()
        let deep = "{ item " + String(repeating: "{ child ", count: 15) + "{ id }" + String(repeating: " }", count: 15) + " }"
        let r = try await gateway.post(TestGateway.body(deep))
        #expect(r.status == 400 && errorField(r, "code") == "MAX_DEPTH_EXCEEDED")
        #expect(!r.body.contains(#""data""#))
        let aliases = "{ " + (0..<31).map { "a\($0): n" }.joined(separator: " ") + " }"
        #expect(errorField(try await gateway.post(TestGateway.body(aliases)), "code") == "MAX_ALIASES_EXCEEDED")
        let rootFields = "{ " + String(repeating: "n ", count: 21) + "}"
        #expect(errorField(try await gateway.post(TestGateway.body(rootFields)), "code") == "MAX_ROOT_FIELDS_EXCEEDED")
        let costly = "{ list(first: 100) { children { children { id } } } }"
        #expect(errorField(try await gateway.post(TestGateway.body(costly)), "code") == "MAX_COMPLEXITY_EXCEEDED")
        // Legacy application/json clients get the same errors with 200.
        #expect(try await gateway.post(TestGateway.body(costly), accept: "application/json").status == 200)
        // Within the limits everything runs.
        #expect(try await gateway.post(TestGateway.body("{ list(first: 2) { id } }")).body == #"{"data":{"list":[{"id":1},{"id":1}]}}"#)
        await gateway.stop()
    }

    @Test func configuredLimits() async throws {
        var policy = GatewayPolicy()
        policy.operationLimits = OperationLimits(maxDepth: 2)
        policy.maxTokens = 20
        let gateway = try TestGateway.start(policy: policy)
        #expect(try await gateway.post(TestGateway.body("{ item { id } }")).status == 200)
        #expect(errorField(try await gateway.post(TestGateway.body("{ item { child { id } } }")), "code") == "MAX_DEPTH_EXCEEDED")
        // 40 aliases would pass with maxAliases unset.
        let aliases = "{ " + (0..<5).map { "a\($0): n" }.joined(separator: " ") + " }"
        #expect(try await gateway.post(TestGateway.body(aliases)).status == 200)
        let tooManyTokens = "{ " + String(repeating: "n ", count: 20) + "}"
        let r = try await gateway.post(TestGateway.body(tooManyTokens))
        #expect(r.status == 400)
        #expect(errorField(r, "message")?.contains("token") == true, "\(r.body)")
        await gateway.stop()
    }

    @Test func fullIntrospectionPassesTheDefaultLimits() async throws {
        let gateway = try TestGateway.start()
        let r = try await gateway.post(TestGateway.body(Introspection.fullQuery))
        #expect(r.status == 200 && r.body.hasPrefix(#"{"data":{"__schema":"#))
        // Cyclic introspection (types → fields → type → fields …) still hits the complexity limit.
        let cyclic = "{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }"
        #expect(errorField(try await gateway.post(TestGateway.body(cyclic)), "code") == "MAX_COMPLEXITY_EXCEEDED")
        await gateway.stop()
    }

    // MARK: Introspection

    @Test func introspectionCanBeDisabled() async throws {
        let gateway = try TestGateway.start(policy: GatewayPolicy(introspection: .nobody))
        for query in ["{ __schema { queryType { name } } }", #"{ __type(name: "Query") { name } }"#,
                      "{ ...F } fragment F on Query { __schema { types { name } } }", "{ n ... on Query { __type(name: \"Item\") { name } } }"] {
            let r = try await gateway.post(TestGateway.body(query))
            #expect(r.status == 400, "\(query)")
            #expect(errorField(r, "code") == "INTROSPECTION_DISABLED")
            #expect(r.body.contains(#""locations":[{"line":1"#))
            #expect(!r.body.contains(#""data""#))
        }
        #expect(try await gateway.post(TestGateway.body("{ __typename n }")).body == #"{"data":{"__typename":"Query","n":1}}"#)
        #expect(try await gateway.get([("query", "{ __schema { queryType { name } } }")]).status == 400)
        await gateway.stop()
    }

    // MARK: Error masking

    @Test func internalErrorsAreMaskedAndLogged() async throws {
        let log = LogCapture()
        let gateway = try TestGateway.start(sdl: failingSDL, resolvers: failingResolvers, log: log)
        let r = try await gateway.post(TestGateway.body("{ ok broken refused }"), headers: [("X-Request-Id", "req-42")])
        #expect(r.status == 200)
        #expect(r.body == #"{"errors":[{"message":"Internal server error","locations":[{"line":1,"column":6}],"path":["broken"],"extensions":{"code":"INTERNAL_SERVER_ERROR","requestId":"req-42"}},{"message":"No such run.","locations":[{"line":1,"column":13}],"path":["refused"],"extensions":{"code":"NOT_FOUND"}}],"data":{"ok":"fine","broken":null,"refused":null}}"#)
        #expect(!r.body.contains("db.internal"))
        let line = try #require(log.lines.first)
        #expect(line.contains("db.internal:5432") && line.contains(#""requestId":"req-42""#) && line.contains(#""path":"broken""#))
        #expect(line.contains("DatabaseDown"))
        await gateway.stop()
    }

    @Test func maskedErrorsGetAGeneratedRequestIdAndNonNullBubblingStillWorks() async throws {
        let log = LogCapture()
        let gateway = try TestGateway.start(sdl: failingSDL, resolvers: failingResolvers, log: log)
        // An id that is not a plain token is not echoed; a fresh one is made.
        let r = try await gateway.post(TestGateway.body("{ ok brokenNonNull }"), headers: [("X-Request-Id", "<script>")])
        #expect(r.status == 200)
        #expect(r.body.hasSuffix(#""data":null}"#))
        #expect(errorField(r, "message") == "Internal server error")
        let id = try #require(errorField(r, "requestId"))
        #expect(id.count >= 10 && id.contains("-") && id != "<script>")
        #expect(log.lines.count == 1 && log.lines[0].contains(id))
        await gateway.stop()
    }

    @Test func ordinaryErrorsAreNotMasked() async throws {
        let gateway = try TestGateway.start(sdl: failingSDL, resolvers: failingResolvers)
        let syntax = try await gateway.post(TestGateway.body("{"))
        #expect(errorField(syntax, "message")?.hasPrefix("Syntax Error") == true)
        let validation = try await gateway.post(TestGateway.body("{ nope }"))
        #expect(errorField(validation, "message")?.contains("nope") == true)
        let variables = try await gateway.post(TestGateway.body("query($x: Int!) { n }", variables: #"{"x":"a"}"#))
        #expect(errorField(variables, "message")?.contains("$x") == true)
        await gateway.stop()
    }

    @Test func maskingCanBeTurnedOff() async throws {
        let log = LogCapture()
        let gateway = try TestGateway.start(
            sdl: failingSDL, resolvers: failingResolvers, policy: GatewayPolicy(masksInternalErrors: false), log: log)
        let r = try await gateway.post(TestGateway.body("{ broken }"))
        #expect(errorField(r, "message") == "connection to db.internal:5432 refused (user runql)")
        #expect(log.lines.count == 1)
        await gateway.stop()
    }

    // MARK: Timeout

    @Test func timeoutCancelsResolversAndKeepsWhatResolved() async throws {
        let log = LogCapture()
        let gateway = try TestGateway.start(
            sdl: failingSDL, resolvers: failingResolvers, policy: GatewayPolicy(requestTimeout: .milliseconds(100)), log: log)
        let r = try await gateway.post(TestGateway.body("{ ok slow }"))
        // Data survives, so 200; the cancelled field is covered by the one TIMEOUT error.
        #expect(r.status == 200)
        #expect(r.body.hasPrefix(#"{"errors":[{"message":"Request timed out","extensions":{"code":"TIMEOUT","requestId":"#))
        #expect(r.body.hasSuffix(#""data":{"ok":"fine","slow":null}}"#))
        #expect(!r.body.contains("Internal server error"))
        #expect(log.lines.isEmpty)
        // The server goes on answering, and the next request is not cancelled.
        #expect(try await gateway.post(TestGateway.body("{ ok }")).body == #"{"data":{"ok":"fine"}}"#)
        await gateway.stop()
    }

    @Test func timeoutWithoutDataIs504() async throws {
        let gateway = try TestGateway.start(
            sdl: failingSDL, resolvers: failingResolvers, policy: GatewayPolicy(requestTimeout: .milliseconds(100)))
        for accept in ["application/graphql-response+json", "application/json"] {
            // slowNonNull is non-null at the root: cancelled, it takes all data with it.
            let r = try await gateway.post(TestGateway.body("{ ok slowNonNull }"), accept: accept)
            #expect(r.status == 504)
            #expect(r.body.hasPrefix(#"{"errors":[{"message":"Request timed out","extensions":{"code":"TIMEOUT","#))
            #expect(r.body.hasSuffix(#""data":null}"#))
        }
        await gateway.stop()
    }

    @Test func timeoutReachesResolversInsideLists() async throws {
        // The engine's child tasks inherit the cancellation.
        let gateway = try TestGateway.start(
            sdl: failingSDL, resolvers: failingResolvers, policy: GatewayPolicy(requestTimeout: .milliseconds(100)))
        let r = try await gateway.post(TestGateway.body("{ items { slow } }"))
        #expect(r.status == 200)
        #expect(r.body.hasSuffix(#""data":{"items":[{"slow":null},{"slow":null}]}}"#))
        #expect(errorField(r, "code") == "TIMEOUT")
        await gateway.stop()
    }

    @Test func requestTimeoutRunsFastWorkToCompletion() async {
        let outcome = await RequestTimeout.run(timeout: .seconds(60), watchdog: Watchdog()) { 42 }
        #expect(outcome.value == 42 && !outcome.timedOut)
    }

    /// The watchdog's thread stops after idle ticks and starts again for the next deadline;
    /// deadlines scheduled after it stopped (and with a different delay) still fire.
    @Test func watchdogFiresAgainAfterItsThreadStopped() async throws {
        let watchdog = Watchdog(tick: .milliseconds(1))
        let first = Latch()
        _ = watchdog.schedule(after: .milliseconds(5)) { first.open() }
        await first.wait()
        // Long enough for the idle thread to stop (50 ticks of 1 ms); not a timing assertion.
        try await Task.sleep(for: .milliseconds(200))
        let second = Latch(), third = Latch()
        _ = watchdog.schedule(after: .milliseconds(5)) { second.open() }
        _ = watchdog.schedule(after: .milliseconds(30)) { third.open() }
        await second.wait()
        await third.wait()
    }

    @Test func settingAKnownHeaderReplacesItAndKeepsLookupsRight() {
        var headers = HTTPHeaders(.contentType, "application/json")
        headers.set("x-request-id", "a")
        #expect(headers["X-Request-Id"] == "a" && headers[known: .requestID] == "a")
        headers.add("Other", "1")
        headers.set("X-Request-Id", "b")
        #expect(headers.fields.map(\.name) == ["Content-Type", "Other", "X-Request-Id"])
        #expect(headers[known: .requestID] == "b" && headers.count(.requestID) == 1 && headers[known: .contentType] == "application/json")
        headers.set("Content-Type", "text/plain")
        #expect(headers[known: .contentType] == "text/plain" && headers["content-type"] == "text/plain" && headers.count(.contentType) == 1)
    }

    @Test func watchdogFiresOnlyWhatIsNotCancelled() async {
        let watchdog = Watchdog(tick: .milliseconds(1))
        let latch = Latch()
        // Cancelled long before its deadline, which passes before the second one fires.
        let cancelled = watchdog.schedule(after: .milliseconds(300)) { Issue.record("a cancelled deadline fired") }
        watchdog.cancel(cancelled)
        _ = watchdog.schedule(after: .milliseconds(600)) { latch.open() }
        await latch.wait()
    }
}
