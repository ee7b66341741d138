// Faults during load: the whole gateway over the demo registries while three clients keep sending
// one query that spans every registry, and the SkyDriver upstream, the MongoDB-wire server and
// the PostgreSQL cluster are stopped and started again one at a time. FaultInjectionTests stops a
// source between two requests; here requests are in flight when it goes, so resolvers waiting
// on it fail mid-request too. Every answer must be a 200 with a well-formed body in which the
// stopped source's fields are either complete or null with an error that carries their path and
// a source code, and every other registry's fields are exactly the healthy answer's; the gateway
// keeps serving, and once the source is back the same process answers in full again. How long
// recovery took is printed, not asserted (the drivers rediscover servers on their own schedule).

import Foundation
import GraphQLKit
import Testing
@testable import Gateway

/// A source the test stops, and the fields of the spanning query it answers.
private enum Source: String, CaseIterable, Sendable {
    case skyDriver = "SkyDriver", mongo = "SecantusDB", postgres = "PostgreSQL"

    var fields: Set<String> {
        switch self {
        case .skyDriver: ["scans"]
        case .mongo: ["xenonRun", "xamsRun"]
        case .postgres: ["cmsRun"]
        }
    }
}

/// What the load clients saw, and which source was down when each request went out and when its
/// answer came back (either may explain a failed field), shared with the test.
private final class LoadLog: @unchecked Sendable {
    // @unchecked: every member is guarded by `lock`.
    struct Record {
        var sentWhile: Source?
        var answeredWhile: Source?
        var response: RawClient.Response?
    }

    private let lock = NSLock()
    private var down: Source?
    private var running = true
    private var records: [Record] = []

    var isRunning: Bool { lock.withLock { running } }
    var current: Source? { lock.withLock { down } }
    var count: Int { lock.withLock { records.count } }
    var all: [Record] { lock.withLock { records } }

    func set(down source: Source?) { lock.withLock { down = source } }
    func stop() { lock.withLock { running = false } }
    func append(sentWhile: Source?, _ response: RawClient.Response?) {
        lock.withLock { records.append(Record(sentWhile: sentWhile, answeredWhile: down, response: response)) }
    }

    /// Answers recorded after the first `from` that carry errors.
    func failures(since from: Int) -> Int {
        lock.withLock { records.dropFirst(from).filter { $0.response?.body.contains("\"errors\"") ?? true }.count }
    }
}

/// One client: a keep-alive connection sending `body` until the log stops, reconnecting if the
/// server closes it (which is then recorded as a missing answer).
private func client(port: Int, body: [UInt8], log: LoadLog) async {
    let request = Array("""
        POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\n\
        Accept: application/graphql-response+json\r\nContent-Length: \(body.count)\r\n\r\n
        """.utf8) + body
    var connection: RawClient?
    while log.isRunning {
        let sentWhile = log.current
        if connection == nil { connection = try? RawClient(port: port, receiveTimeout: 60) }
        guard let open = connection else {
            log.append(sentWhile: sentWhile, nil)
            try? await Task.sleep(for: .milliseconds(100))
            continue
        }
        open.send(request)
        let response = await open.readResponse()
        log.append(sentWhile: sentWhile, response)
        if response == nil { connection = nil }
    }
}

/// SIGKILL to the process of ours whose command line holds `argument` (a path unique to one
/// server this test started), found in /proc.
private func killProcess(runningWith argument: String) {
    let ids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { pid_t($0) } ?? []
    for id in ids where id != getpid() {
        guard let data = FileManager.default.contents(atPath: "/proc/\(id)/cmdline") else { continue }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        if arguments.contains(argument) { kill(id, SIGKILL) }
    }
}

/// Waits (polling) until `condition` holds; the deadline is a hang guard, not a timing claim.
private func wait(_ what: String, seconds: Double, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("gave up waiting for \(what) after \(seconds) s")
    throw CancellationError()
}

/// The problems of one answer: `allowed` are the fields whose source was down around it.
private func problems(_ record: LoadLog.Record, healthy: JSONObject, secrets: [String]) -> [String] {
    guard let response = record.response else { return ["no answer (connection closed)"] }
    guard response.status == 200 else { return ["status \(response.status): \(response.body.prefix(200))"] }
    guard let top = jsonObject(response), case .object(let data)? = top["data"] else { return ["not a JSON body with data: \(response.body.prefix(200))"] }
    let allowed = (record.sentWhile?.fields ?? []).union(record.answeredWhile?.fields ?? [])
    var out: [String] = []
    var failedFields = Set<String>()
    if case .list(let errors)? = top["errors"] {
        for case .object(let error) in errors {
            var field = ""
            if case .list(let path)? = error["path"], case .string(let first)? = path.first { field = first }
            var code = ""
            if case .object(let extensions)? = error["extensions"], case .string(let c)? = extensions["code"] { code = c }
            let message = if case .string(let m)? = error["message"] { m } else { "" }
            guard allowed.contains(field), ["SOURCE_UNAVAILABLE", "SOURCE_TIMEOUT", "TIMEOUT"].contains(code), !message.isEmpty else {
                out.append("unexpected error (allowed: \(allowed.sorted())): \(JSONValue.object(error).jsonString.prefix(300))")
                continue
            }
            failedFields.insert(field)
        }
    } else if top["errors"] != nil {
        out.append("errors is not a list")
    }
    for member in healthy.members where data[member.key] != member.value {
        let field = member.key
        if data[field] == .null && failedFields.contains(field) { continue }
        out.append("\(field) is neither complete nor null with its error: \(data[field]?.jsonString.prefix(200) ?? "missing")")
    }
    for secret in secrets where response.body.contains(secret) { out.append("answer holds \(secret.prefix(8))…") }
    return out
}

// One test per source, one after the other: three private servers and twelve clients at once
// starved the rest of the suite on a 2-core machine (timeouts in unrelated tests).
@Suite(.serialized) struct FaultUnderLoadTests {
    @Test func skyDriverStoppedUnderLoad() async throws { try await underLoad(stopping: .skyDriver) }
    @Test func mongoStoppedUnderLoad() async throws { try await underLoad(stopping: .mongo) }
    @Test func postgresStoppedUnderLoad() async throws { try await underLoad(stopping: .postgres) }

    private func underLoad(stopping source: Source) async throws {
        let mongo = source == .mongo ? try PrivateSecantus() : nil
        defer { mongo?.destroy() }
        let postgres = source == .postgres ? try PrivatePostgres() : nil
        defer { postgres?.destroy() }
        var gateway = try await DemoGateway.start(
            skyDriverTimeout: source == .skyDriver ? 2 : 8, runsMongoURI: mongo?.uri, pgConninfo: postgres?.conninfo, ownSkyDriver: source == .skyDriver)

        let probe = try await gateway.post("{ xenonRuns(first: 1) { nodes { number } } xamsRuns(first: 1) { nodes { number } } cmsRuns(first: 1) { nodes { number } } }")
        func first(_ field: String) -> Int? {
            guard case .object(let data)? = jsonObject(probe)?["data"], case .object(let c)? = data[field], case .list(let nodes)? = c["nodes"],
                  case .object(let n)? = nodes.first, case .int(let number)? = n["number"] else { return nil }
            return number
        }
        let nt = try #require(first("xenonRuns"), "\(probe.body.prefix(300))")
        let xams = try #require(first("xamsRuns")), cms = try #require(first("cmsRuns"))
        let query = """
            { xenonRun(number: \(nt)) { number mode data { type host } } xamsRun(number: \(xams)) { number mode }
              cmsRun(number: \(cms)) { number class state datasets { name } } scans(first: 3) { totalCount nodes { scanId priority } } }
            """
        let healthy = try await gateway.post(query)
        #expect(healthy.status == 200 && !healthy.body.contains("\"errors\""), "\(healthy.body.prefix(300))")
        guard case .object(let healthyData)? = jsonObject(healthy)?["data"] else { Issue.record("no data: \(healthy.body.prefix(300))"); return }
        #expect(Set(healthyData.keys) == Source.allCases.reduce(into: Set<String>()) { $0.formUnion($1.fields) })

        let log = LoadLog()
        let body = Array(JSONValue.object(["query": .string(query)]).jsonString.utf8)
        let port = gateway.port
        let clients = (0..<3).map { _ in Task { await client(port: port, body: body, log: log) } }
        func stopLoad() async {
            log.stop()
            for c in clients { await c.value }
        }

        do {
            try await wait("healthy load", seconds: 20) { log.count >= 8 }
            log.set(down: source)
            let before = log.count
            switch source {
            case .skyDriver: await gateway.stopSkyDriver()
            case .mongo:
                // Killed, as a crash would: on SIGTERM SecantusDB waits for its clients, and under
                // load it served on until PrivateSecantus's SIGKILL 10 s later. stop() then reaps it.
                if let mongo { killProcess(runningWith: mongo.storage.path) }
                mongo?.stop()
            case .postgres: try postgres?.stop()
            }
            // Enough failed answers to know the fault reached requests, then the gateway's own endpoints.
            try await wait("failed answers with \(source) down", seconds: 20) { log.failures(since: before) >= 3 }
            let health = try await gateway.send(method: "GET", target: "/healthz", body: nil)
            #expect(health.status == 200)
            #expect(try await gateway.post("{ __typename }").body == #"{"data":{"__typename":"Query"}}"#)

            switch source {
            case .skyDriver: try await gateway.restartSkyDriver()
            case .mongo: try mongo?.start()
            case .postgres: try postgres?.start()
            }
            let back = ContinuousClock.now
            var last = ""
            while last != healthy.body {
                guard ContinuousClock.now - back < .seconds(30) else {
                    Issue.record("\(source) came back 30 s ago and the answer is still not the healthy one: \(last.prefix(300))")
                    throw CancellationError()
                }
                last = try await gateway.post(query).body
                if last != healthy.body { try await Task.sleep(for: .milliseconds(50)) }
            }
            let recovery = ContinuousClock.now - back
            log.set(down: nil)
            let failed = log.failures(since: before)
            print("FaultUnderLoad: \(source.rawValue) stopped and restarted under load: \(log.count - before) answers meanwhile, \(failed) with errors; "
                  + "the full answer came back \(recovery.components.seconds * 1000 + recovery.components.attoseconds / 1_000_000_000_000_000) ms after the restart")
            // Some load after recovery, all of which must be complete.
            let after = log.count
            try await wait("load after \(source) recovered", seconds: 20) { log.count >= after + 8 }
        } catch {
            await stopLoad()
            await gateway.stop()
            throw error
        }
        await stopLoad()

        let records = log.all
        var reported = 0
        for (i, record) in records.enumerated() {
            var found = problems(record, healthy: healthyData, secrets: gateway.secrets)
            // With every source up (before the fault, and after recovery was seen), answers are complete.
            if record.sentWhile == nil && record.answeredWhile == nil, let r = record.response, r.body != healthy.body, found.isEmpty {
                found.append("differs with every source up: \(r.body.prefix(300))")
            }
            for problem in found where reported < 20 {
                Issue.record("answer \(i) (sent while \(record.sentWhile?.rawValue ?? "all up") down, answered while \(record.answeredWhile?.rawValue ?? "all up") down): \(problem)")
                reported += 1
            }
        }
        print("FaultUnderLoad: \(source.rawValue): \(records.count) answers in all, \(records.filter { $0.response?.body == healthy.body }.count) complete")
        try await wait("the gateway serving after the fault", seconds: 10) {
            try await gateway.send(method: "GET", target: "/healthz", body: nil).status == 200
        }
        try checkNoSecrets(gateway, servers: [gateway.served])
        await gateway.stop()
    }
}
