// Fault injection over HTTP: the whole gateway over the demo registries, with one source at a
// time stopped (the local SkyDriver upstream, a SecantusDB and a PostgreSQL cluster of the
// test's own) between two runs of one query that spans every registry. The stopped source's
// fields fail with SOURCE_UNAVAILABLE and their path, the other registries' fields are exactly
// what they were, the process keeps serving, and once the source is back the same gateway
// answers as before, without a restart. The query uses the nullable root fields: a failing
// non-null root (`xenonRuns`, `cmsRuns`) nulls the whole `data`, as the spec says.

import Foundation
import GraphQLKit
import Testing
@testable import Gateway

private struct SpanningQuery {
    let text: String

    /// One XENONnT, XAMS and CMS run that exist, and the newest scans.
    init(_ gateway: DemoGateway) async throws {
        let probe = try await gateway.post("{ xenonRuns(first: 1) { nodes { number } } xamsRuns(first: 1) { nodes { number } } cmsRuns(first: 1) { nodes { number } } }")
        guard case .object(let data)? = jsonObject(probe)?["data"],
              let nt = Self.firstNumber(data["xenonRuns"]), let xams = Self.firstNumber(data["xamsRuns"]), let cms = Self.firstNumber(data["cmsRuns"])
        else { throw PrivateServerError(description: "no demo runs: \(probe.body.prefix(300))") }
        text = """
            { xenonRun(number: \(nt)) { number mode data { type host } } xamsRun(number: \(xams)) { number mode }
              cmsRun(number: \(cms)) { number class state datasets { name } } scans(first: 3) { totalCount nodes { scanId priority } } }
            """
    }

    private static func firstNumber(_ connection: JSONValue?) -> Int? {
        guard case .object(let c)? = connection, case .list(let nodes)? = c["nodes"], case .object(let n)? = nodes.first,
              case .int(let number)? = n["number"] else { return nil }
        return number
    }
}

/// The answer's `data` members, and the errors as (path, code).
private func split(_ response: RawClient.Response) -> (data: JSONObject, errors: [(path: String, code: String, message: String)]) {
    let top = jsonObject(response) ?? [:]
    var data = JSONObject()
    if case .object(let d)? = top["data"] { data = d }
    var errors: [(String, String, String)] = []
    if case .list(let list)? = top["errors"] {
        for case .object(let e) in list {
            let path = (e["path"]?.jsonString) ?? "no path"
            var code = ""
            if case .object(let ext)? = e["extensions"], case .string(let c)? = ext["code"] { code = c }
            var message = ""
            if case .string(let m)? = e["message"] { message = m }
            errors.append((path, code, message))
        }
    }
    return (data, errors)
}

/// Checks the answer given while the fields `down` cannot be answered.
private func expectDegraded(_ response: RawClient.Response, healthy: JSONObject, down: [String], gateway: DemoGateway) {
    #expect(response.status == 200, "status \(response.status): \(response.body.prefix(300))")
    let (data, errors) = split(response)
    for field in healthy.keys {
        if down.contains(field) {
            #expect(data[field] == .null, "\(field) should be null: \(response.body.prefix(300))")
            let error = errors.first { $0.path == "[\"\(field)\"]" }
            #expect(error?.code == "SOURCE_UNAVAILABLE", "\(field): \(errors)")
            #expect(error.map { !$0.message.isEmpty } == true)
        } else {
            #expect(data[field] == healthy[field], "\(field) changed: \(data[field]?.jsonString.prefix(200) ?? "missing")")
        }
    }
    #expect(errors.count == down.count, "\(errors)")
    #expect(!errorCodes(response).contains("INTERNAL_SERVER_ERROR"))
    for secret in gateway.secrets where response.body.contains(secret) { Issue.record("answer holds \(secret.prefix(8))…") }
}

/// The query again until it answers as before: a source that came back is found again by the
/// same gateway. Bounded attempts (MongoDB's monitor and the pools rediscover servers on their
/// own schedule); no timing is asserted.
private func expectRecovery(_ gateway: DemoGateway, _ query: SpanningQuery, healthy: RawClient.Response) async throws {
    var last = healthy
    for _ in 0..<60 {
        last = try await gateway.post(query.text)
        if last.body == healthy.body { return }
        try await Task.sleep(for: .milliseconds(250))
    }
    Issue.record("did not recover: \(last.body.prefix(400))")
}

private func expectServing(_ gateway: DemoGateway) async throws {
    let health = try await gateway.send(method: "GET", target: "/healthz", body: nil)
    #expect(health.status == 200)
    let plain = try await gateway.post("{ __typename }")
    #expect(plain.body == #"{"data":{"__typename":"Query"}}"#)
}

@Suite struct FaultInjectionTests {
    @Test func skyDriverDown() async throws {
        var gateway = try await DemoGateway.start(skyDriverTimeout: 2, ownSkyDriver: true)
        let query = try await SpanningQuery(gateway)
        let healthy = try await gateway.post(query.text)
        #expect(healthy.status == 200 && !healthy.body.contains("\"errors\""), "\(healthy.body.prefix(300))")
        let fields = split(healthy).data

        await gateway.stopSkyDriver()
        let degraded = try await gateway.post(query.text)
        expectDegraded(degraded, healthy: fields, down: ["scans"], gateway: gateway)
        try await expectServing(gateway)

        try await gateway.restartSkyDriver()
        try await expectRecovery(gateway, query, healthy: healthy)
        try checkNoSecrets(gateway, servers: [gateway.served])
        await gateway.stop()
    }

    @Test func mongoDown() async throws {
        let mongo = try PrivateSecantus()
        defer { mongo.destroy() }
        let gateway = try await DemoGateway.start(runsMongoURI: mongo.uri)
        let query = try await SpanningQuery(gateway)
        let healthy = try await gateway.post(query.text)
        #expect(healthy.status == 200 && !healthy.body.contains("\"errors\""), "\(healthy.body.prefix(300))")
        let fields = split(healthy).data

        mongo.stop()
        let degraded = try await gateway.post(query.text)
        expectDegraded(degraded, healthy: fields, down: ["xenonRun", "xamsRun"], gateway: gateway)
        try await expectServing(gateway)

        try mongo.start()
        try await expectRecovery(gateway, query, healthy: healthy)
        try checkNoSecrets(gateway, servers: [gateway.served])
        await gateway.stop()
    }

    @Test func postgresDown() async throws {
        let postgres = try PrivatePostgres()
        defer { postgres.destroy() }
        let gateway = try await DemoGateway.start(pgConninfo: postgres.conninfo)
        let query = try await SpanningQuery(gateway)
        let healthy = try await gateway.post(query.text)
        #expect(healthy.status == 200 && !healthy.body.contains("\"errors\""), "\(healthy.body.prefix(300))")
        let fields = split(healthy).data

        try postgres.stop()
        let degraded = try await gateway.post(query.text)
        expectDegraded(degraded, healthy: fields, down: ["cmsRun"], gateway: gateway)
        try await expectServing(gateway)

        try postgres.start()
        try await expectRecovery(gateway, query, healthy: healthy)
        try checkNoSecrets(gateway, servers: [gateway.served])
        await gateway.stop()
    }
}
