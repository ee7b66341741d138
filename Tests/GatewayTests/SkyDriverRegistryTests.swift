// The SkyDriver registry end to end: the local SkyDriver upstream started in-process over
// SecantusDB (a database of each test's own), RunQL's schema from the repository's Schema/
// folder executed in-process against it, every query and mutation, SkyDriver's refusals mapped,
// the upstream stopped and delayed mid-test, call counts proving deduplication and batching,
// and a full gateway where a hung SkyDriver fails only its own fields.

import Foundation
import GraphQLKit
import Testing
@testable import Gateway
@testable import Resolvers

// MARK: Harness

private let schemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Schema")

private func mongoURI() throws -> String {
    guard let uri = ProcessInfo.processInfo.environment["RUNQL_MONGO_URI"], !uri.isEmpty else {
        Issue.record("RUNQL_MONGO_URI is not set: run the tests with scripts/services.sh (it starts SecantusDB)")
        throw CancellationError()
    }
    return uri
}

private func repositorySchema() throws -> Schema {
    let names = try FileManager.default.contentsOfDirectory(atPath: schemaPath.path).filter { $0.hasSuffix(".graphql") }.sorted()
    let sources = try names.map { Source(try String(contentsOf: schemaPath.appendingPathComponent($0), encoding: .utf8), name: $0) }
    return try Schema(sources: sources).implementingScalars(RunQLScalars.implementations)
}

/// The local SkyDriver on a port of its own, with a database of its own.
private struct LocalSkyDriver {
    let server: SkyDriverLocalServer
    let database: String
    let uri: String

    static func start(token: String? = nil) async throws -> LocalSkyDriver {
        let uri = try mongoURI()
        let database = "t_skyreg_\(UUID().uuidString.prefix(8).lowercased())"
        var options = SkyDriverLocalOptions(mongoURI: uri)
        options.port = 0
        options.database = database
        options.seed = .always
        options.token = token
        return LocalSkyDriver(server: try await SkyDriverLocalServer.start(options), database: database, uri: uri)
    }

    var url: URL { URL(string: "http://127.0.0.1:\(server.port)")! }

    func stop() async {
        server.shutdown()
        await server.waitUntilStopped()
        try? await MongoClient(uri: uri).database(database).drop()
    }
}

/// RunQL's schema executed in-process with the SkyDriver registry (and its node fetcher).
private struct SkyGraph {
    let executable: ExecutableSchema
    let log = SkyDriverCallLog()

    // 60 s: a hang guard for the suite running beside every other one on a loaded machine; the
    // tests of the deadline itself pass a small one.
    init(_ url: URL, token: String? = nil, timeout: Double = 60) throws {
        let registry = SkyDriverRegistry(baseURL: url, token: token, timeout: timeout, callLog: log)
        var resolvers = registry.resolvers
        resolvers.merge(NodeResolvers(fetchers: registry.nodeFetchers).resolvers) { _, b in b }
        executable = try ExecutableSchema(
            schema: try repositorySchema(), resolvers: resolvers, typeResolvers: registry.typeResolvers,
            validate: { schema, document, source in validate(schema: schema, document: document, source: source) })
    }

    func run(_ query: String, _ variables: JSONObject? = nil) async -> Reply {
        Reply(await executable.execute(query: query, variables: variables))
    }
}

private struct Reply {
    let data: JSONValue
    let errors: [GraphQLError]
    let text: String

    init(_ result: ExecutionResult) {
        data = result.dataJSON.flatMap { try? JSONParser.parse($0) } ?? .null
        errors = result.errors
        text = result.json
    }

    subscript(_ path: Any...) -> JSONValue? {
        var value: JSONValue? = data
        for key in path {
            switch (value, key) {
            case (.object(let o)?, let k as String): value = o[k]
            case (.list(let l)?, let i as Int): value = i < l.count ? l[i] : nil
            default: return nil
            }
        }
        return value
    }

    var codes: [String] { errors.map { $0.extensions?["code"]?.asString ?? "" } }
}

private func id(_ label: String) -> String { SkyDriverSeed.scanID(label) }

private func withSkyDriver(token: String? = nil, _ body: (LocalSkyDriver) async throws -> Void) async throws {
    let sky = try await LocalSkyDriver.start(token: token)
    do { try await body(sky) } catch {
        await sky.stop()
        throw error
    }
    await sky.stop()
}

/// In front of the local SkyDriver: forwards requests, optionally holding those whose target
/// contains `delayMatch` for `delay` seconds first, or answering the next `failures` matching
/// `failMatch` with SkyDriver's 503. Records what reached it.
private final class FaultyProxy: @unchecked Sendable {
    struct Faults {
        var delay = 0.0
        var delayMatch = ""
        var failures = 0
        var failMatch = ""
        var received: [String] = []
        var bodies: [JSONValue] = []
    }

    private let lock = NSLock()
    private var state = Faults()
    private(set) var server: HTTPServer?

    init(upstreamPort: Int) throws {
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let server = HTTPServer(configuration: configuration) { [unowned self] request in
            let (delay, fail) = self.admit(request)
            if fail {
                return HTTPResponse(status: 503, contentType: "application/json", body: #"{"code":503,"error":"server overloaded"}"#)
            }
            if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000)) }
            return await FaultyProxy.forward(request, to: upstreamPort)
        }
        self.server = server
        try server.start()
    }

    func update(_ change: (inout Faults) -> Void) { lock.withLock { change(&state) } }

    var received: [String] { lock.withLock { state.received } }

    var bodies: [JSONValue] { lock.withLock { state.bodies } }

    private func admit(_ request: HTTPRequest) -> (Double, Bool) {
        lock.withLock {
            state.received.append("\(request.method) \(request.path)")
            if !request.body.isEmpty { state.bodies.append((try? JSONParser.parse(request.body)) ?? .null) }
            if state.failures > 0, state.failMatch.isEmpty || request.target.contains(state.failMatch) {
                state.failures -= 1
                return (0, true)
            }
            return (state.delayMatch.isEmpty || request.target.contains(state.delayMatch) ? state.delay : 0, false)
        }
    }

    var url: URL { URL(string: "http://127.0.0.1:\(server?.port ?? 0)")! }

    func stop() async {
        guard let server else { return }
        server.shutdown(deadline: 1)
        await withCheckedContinuation { continuation in Thread { server.wait(); continuation.resume() }.start() }
    }

    private static func forward(_ request: HTTPRequest, to port: Int) async -> HTTPResponse {
        guard let client = try? RawClient(port: port, receiveTimeout: 120) else { return HTTPResponse(status: 502) }
        var head = "\(request.method) \(request.target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if let type = request.headers["Content-Type"] { head += "Content-Type: \(type)\r\n" }
        client.send(head + "Content-Length: \(request.body.count)\r\n\r\n")
        client.send(request.body)
        guard let answer = await client.readResponse() else { return HTTPResponse(status: 502) }
        return HTTPResponse(status: answer.status, headers: HTTPHeaders([("Content-Type", "application/json")]), body: Array(answer.body.utf8))
    }
}

/// A loopback port that completes TCP handshakes and never answers: a hung SkyDriver.
private final class HungListener {
    let port: Int
    private let fd: Int32

    init() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        listen(fd, 64)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
    }

    deinit { close(fd) }
}

private let scanFields = """
    id scanId state rawState scanComplete ewmsDeactivated logsUrl ewmsWorkforce isDeleted priority classifiers timestamp lastUpdated i3EventId
    eventMetadata { runId eventId eventType mjd isRealEvent } scanMetadata isInBacklog ewmsWorkflowId replacedByScanId
    progress { summary epilogue tallies predictiveScanningThreshold lastUpdated start end
               processingStats { start runtime rate end finished predictions } }
    """

// MARK: Tests

@Suite(.serialized) struct SkyDriverRegistryTests {
    // MARK: Queries

    @Test func scanByIDWithStateAndPagedResult() async throws {
        try await withSkyDriver { sky in
            let gateway = try SkyGraph(sky.url)
            let reply = await gateway.run("""
                { scan(id: "\(id("final-real"))") { \(scanFields)
                    result { scanId isFinal nsides { nside columns complete metadata rowCount first: rows(limit: 2) tail: rows(offset: 766, limit: 10) } } } }
                """)
            #expect(reply.errors.isEmpty, "\(reply.text)")
            #expect(reply["scan", "scanId"] == .string(id("final-real")))
            #expect(reply["scan", "id"] == .string(GlobalID(typeName: "Scan", key: id("final-real")).encoded))
            #expect(reply["scan", "state"] == .string("SCAN_HAS_FINAL_RESULT"))
            #expect(reply["scan", "rawState"] == .string("SCAN_HAS_FINAL_RESULT"))
            #expect(reply["scan", "scanComplete"] == .bool(true))
            #expect(reply["scan", "isDeleted"] == .bool(false))
            #expect(reply["scan", "priority"] == .int(100))
            #expect(reply["scan", "classifiers", "alert"] == .string("IceCube-Gold"))
            #expect(reply["scan", "eventMetadata"] == .object([
                "runId": .int(139_870), "eventId": .int(20_468_133), "eventType": .string("gold"), "mjd": .double(60_712.1105), "isRealEvent": .bool(true)]))
            #expect(reply["scan", "progress", "processingStats", "finished"] == .bool(true))
            #expect(reply["scan", "isInBacklog"] == .bool(false))
            #expect(reply["scan", "logsUrl"]?.asString?.contains(id("final-real")) == true)
            #expect(reply["scan", "ewmsWorkforce"]?.asObject != nil)
            #expect(reply["scan", "result", "isFinal"] == .bool(true))
            let nsides = reply["scan", "result", "nsides"]?.asList ?? []
            #expect(nsides.map { $0.asObject?["nside"] } == [.int(8), .int(64), .int(512)])
            let eight = nsides.first?.asObject ?? [:]
            #expect(eight["columns"] == .list(["index", "llh", "E_in", "E_tot", "X", "Y", "Z", "T"].map(JSONValue.string)))
            #expect(eight["rowCount"] == .int(768))
            #expect(eight["complete"] == .bool(true))
            #expect(eight["first"]?.asList?.count == 2)
            #expect(eight["first"]?.asList?.first?.asList?.count == 8)
            #expect(eight["tail"]?.asList?.count == 2, "offset past the end gives what is left")
            // One find for the manifest, one status, one result: nothing else.
            #expect(gateway.log.calls.sorted() == [
                "GET /scan/\(id("final-real"))/result", "GET /scan/\(id("final-real"))/status", "POST /scans/find"])
        }
    }

    @Test func resultRowsOnlyWhenSelectedAndNaNIsNull() async throws {
        try await withSkyDriver { sky in
            let gateway = try SkyGraph(sky.url)
            _ = await gateway.run(#"{ scan(id: "\#(id("partial"))") { scanId priority } }"#)
            #expect(gateway.log.calls == ["POST /scans/find"], "no result, no status unless selected")

            // The scanner's own PUT (SkyDriver's system role), with skyreader's NaN marker.
            let scanner = RESTClient(RESTConfiguration(baseURL: sky.url))
            let nan = JSONValue.string("<skyreader.nan>")
            _ = try await scanner.put("/scan/\(id("partial"))/result", body: .object([
                "is_final": .bool(false),
                "skyscan_result": .object(["nside-8": .object([
                    "columns": .list(["index", "llh", "E_in", "E_tot"].map(JSONValue.string)),
                    "metadata": .object(["nside": .int(8), "complete": .bool(false), "version": .int(0)]),
                    "data": .list([.list([.int(0), .double(1.5), nan, .double(2)]), .list([.int(1), nan, nan, nan])]),
                ])]),
            ]))
            let reply = await gateway.run(#"{ scan(id: "\#(id("partial"))") { result { isFinal nsides { nside rowCount rows { __typename } } } } }"#)
            #expect(reply.errors.count == 1, "rows is a leaf list: selecting into it is a validation error")
            let rows = await gateway.run(#"{ scan(id: "\#(id("partial"))") { result { isFinal nsides { nside rowCount rows } } } }"#)
            #expect(rows.errors.isEmpty, "\(rows.text)")
            #expect(rows["scan", "result", "nsides", 0, "rows"] == .list([
                .list([.double(0), .double(1.5), .null, .double(2)]), .list([.double(1), .null, .null, .null])]))
            let bad = await gateway.run(#"{ scan(id: "\#(id("partial"))") { result { nsides { rows(limit: 20000) } } } }"#)
            #expect(bad.codes == ["BAD_USER_INPUT"])
        }
    }

    @Test func everySeededStateAndDeletedScans() async throws {
        try await withSkyDriver { sky in
            let gateway = try SkyGraph(sky.url)
            let reply = await gateway.run("{ scans(includeDeleted: true, first: 100) { totalCount nodes { scanId state isDeleted } } }")
            #expect(reply.errors.isEmpty, "\(reply.text)")
            var states: [String: String] = [:]
            for node in reply["scans", "nodes"]?.asList ?? [] {
                if let o = node.asObject, let scanID = o["scanId"]?.asString { states[scanID] = o["state"]?.asString }
            }
            let expected = [
                "backlog-alert": "PENDING__PRESTARTUP", "backlog-sim": "PENDING__PRESTARTUP",
                "server-startup": "PENDING__WAITING_ON_SCANNER_SERVER_STARTUP", "first-pixel": "IN_PROGRESS__WAITING_ON_FIRST_PIXEL_RECO",
                "partial": "IN_PROGRESS__PARTIAL_RESULT_GENERATED", "final-real": "SCAN_HAS_FINAL_RESULT", "final-sim": "SCAN_HAS_FINAL_RESULT",
                "deleted": "ABORTED__PARTIAL_RESULT_GENERATED", "replaced": "IN_PROGRESS__WAITING_ON_FIRST_PIXEL_RECO",
                "rescan": "SCAN_HAS_FINAL_RESULT", "v1-final": "SCAN_HAS_FINAL_RESULT", "v1-stopped": "STOPPED__PARTIAL_RESULT_GENERATED",
            ]
            #expect(states == Dictionary(uniqueKeysWithValues: expected.map { (id($0.key), $0.value) }))
            #expect(reply["scans", "totalCount"] == .int(12))
            #expect(gateway.log.count("POST /scans/find") == 1)

            // A deleted scan is hidden unless asked for, like SkyDriver's GET /scan.
            let hidden = await gateway.run(#"{ scan(id: "\#(id("deleted"))") { scanId } }"#)
            #expect(hidden.errors.isEmpty && hidden["scan"] == .null)
            let shown = await gateway.run(#"{ scan(id: "\#(id("deleted"))", includeDeleted: true) { isDeleted state result { isFinal } } }"#)
            #expect(shown["scan"] == .object(["isDeleted": .bool(true), "state": .string("ABORTED__PARTIAL_RESULT_GENERATED"), "result": .object(["isFinal": .bool(false)])]))
            let missing = await gateway.run(#"{ scan(id: "doesnotexist") { scanId } }"#)
            #expect(missing.errors.isEmpty && missing["scan"] == .null)
            let invalid = await gateway.run(#"{ scan(id: "../scans/backlog") { scanId } }"#)
            #expect(invalid.codes == ["BAD_USER_INPUT"] && invalid["scan"] == .null)
        }
    }

    @Test func replacementIsFollowedDeliberatelyNeverByRedirect() async throws {
        try await withSkyDriver { sky in
            let gateway = try SkyGraph(sky.url)
            let reply = await gateway.run("""
                { scan(id: "\(id("replaced"))") { scanId state replacedByScanId
                    replacedBy { scanId state classifiers replacedBy { scanId } request { scanId } } } }
                """)
            #expect(reply.errors.isEmpty, "\(reply.text)")
            // The replaced scan's own status, not its replacement's (a followed 302 would say SCAN_HAS_FINAL_RESULT).
            #expect(reply["scan", "scanId"] == .string(id("replaced")))
            #expect(reply["scan", "state"] == .string("IN_PROGRESS__WAITING_ON_FIRST_PIXEL_RECO"))
            #expect(reply["scan", "replacedByScanId"] == .string(id("rescan")))
            #expect(reply["scan", "replacedBy", "scanId"] == .string(id("rescan")))
            #expect(reply["scan", "replacedBy", "state"] == .string("SCAN_HAS_FINAL_RESULT"))
            #expect(reply["scan", "replacedBy", "classifiers", "origin_scan_id"] == .string(id("replaced")))
            #expect(reply["scan", "replacedBy", "replacedBy"] == .null)
            #expect(reply["scan", "replacedBy", "request"] == .null, "a rescan has no request of its own")
        }
    }

    @Test func manyScansByIDCostOneFind() async throws {
        try await withSkyDriver { sky in
            let gateway = try SkyGraph(sky.url)
            let labels = ["final-real", "partial", "deleted", "v1-final", "backlog-sim"]
            let aliases = labels.enumerated().map { #"s\#($0.offset): scan(id: "\#(id($0.element))", includeDeleted: true) { scanId }"# }
            let globalIDs = labels.map { JSONValue.string(GlobalID(typeName: "Scan", key: id($0)).encoded) }
            let reply = await gateway.run("query($ids: [ID!]!) { \(aliases.joined(separator: " ")) nodes(ids: $ids) { id ... on Scan { scanId } } }",
                                          ["ids": .list(globalIDs + [.string("bm90LWFuLWlk")])])
            #expect(reply.errors.isEmpty, "\(reply.text)")
            for (i, label) in labels.enumerated() {
                #expect(reply["s\(i)", "scanId"] == .string(id(label)))
                #expect(reply["nodes", i, "scanId"] == .string(id(label)))
            }
            #expect(reply["nodes", labels.count] == .null)
            #expect(gateway.log.calls == ["POST /scans/find"], "\(gateway.log.calls)")

            // The backlog's scans and every replacement in a page: one find per level.
            gateway.log.removeAll()
            let nested = await gateway.run("{ scanBacklog { scanId scan { scanId replacedBy { scanId } } } }")
            #expect(nested.errors.isEmpty, "\(nested.text)")
            #expect(gateway.log.calls == ["GET /scans/backlog", "POST /scans/find"])
        }
    }

    @Test func identicalCallsAreSentOnce() async throws {
        try await withSkyDriver { sky in
            let gateway = try SkyGraph(sky.url)
            let f = id("final-sim")
            let reply = await gateway.run("""
                { a: scanBacklog { scanId } b: scanBacklog { priority }
                  x: scan(id: "\(f)") { state result { isFinal } } y: scan(id: "\(f)") { rawState scanComplete result { nsides { nside } } }
                  p: scans(where: {eventKind: SIMULATED}) { totalCount } q: scans(where: {eventKind: SIMULATED}) { nodes { scanId } }
                  r: scans(where: {eventKind: REAL}) { totalCount } }
                """)
            #expect(reply.errors.isEmpty, "\(reply.text)")
            // Only scans whose scanner has reported the event carry event_metadata.
            #expect(reply["p", "totalCount"] == .int(1) && reply["r", "totalCount"] == .int(7))
            #expect(gateway.log.count("GET /scans/backlog") == 1)
            #expect(gateway.log.count("GET /scan/\(f)/status") == 1)
            #expect(gateway.log.count("GET /scan/\(f)/result") == 1)
            // By-id lookup, the SIMULATED filter, the REAL filter.
            #expect(gateway.log.count("POST /scans/find") == 3)
        }
    }

    @Test func typedFilterAndMongoFilter() async throws {
        try await withSkyDriver { sky in
            let gateway = try SkyGraph(sky.url)
            func ids(_ query: String, _ variables: JSONObject? = nil) async -> Set<String> {
                let reply = await gateway.run(query, variables)
                #expect(reply.errors.isEmpty, "\(reply.text)")
                return Set((reply["scans", "nodes"]?.asList ?? []).compactMap { $0.asObject?["scanId"]?.asString })
            }
            func labels(_ l: String...) -> Set<String> { Set(l.map(id)) }
            #expect(await ids("{ scans(where: {runId: {eq: 139955}}) { nodes { scanId } } }") == labels("replaced", "rescan"))
            #expect(await ids("{ scans(where: {runId: {eq: 139955}, isReplaced: true}) { nodes { scanId } } }") == labels("replaced"))
            // event_metadata is the scanner's: scans it has not started on match no event condition.
            #expect(await ids("{ scans(where: {eventKind: SIMULATED}) { nodes { scanId } } }") == labels("final-sim"))
            #expect(await ids("{ scans(where: {eventId: {in: [20468133, 4478091]}}) { nodes { scanId } } }") == labels("final-real"))
            #expect(await ids("{ scans(where: {eventId: {in: [20468133, 4478091]}}, includeDeleted: true) { nodes { scanId } } }") == labels("final-real", "deleted"))
            #expect(await ids("{ scans(where: {isDeleted: true}) { nodes { scanId } } }") == labels("deleted"))
            #expect(await ids("{ scans(where: {isInBacklog: true}) { nodes { scanId } } }") == labels("backlog-alert", "backlog-sim"))
            #expect(await ids(#"{ scans(where: {classifiers: {alert: "IceCube-Bronze"}}) { nodes { scanId } } }"#) == labels("server-startup"))
            #expect(await ids(#"{ scans(where: {scanIds: ["\#(id("partial"))", "\#(id("v1-final"))"], priority: {gte: 100}}) { nodes { scanId } } }"#) == labels("partial"))
            #expect(await ids("{ scans(where: {eventType: \"cascade\", eventKind: REAL}) { nodes { scanId } } }") == labels("partial"))
            let filter: JSONValue = .object(["$or": .list([
                .object(["event_metadata.run_id": .object(["$gte": .int(140_150)])]),
                .object(["classifiers.campaign": .object(["$regex": .string("^sim"), "$options": .string("i")])]),
            ])])
            #expect(await ids("query($f: JSON) { scans(mongoFilter: $f, where: {eventKind: REAL}) { nodes { scanId } } }", ["f": filter]) == labels("first-pixel", "partial"))
            #expect(await ids("query($f: JSON) { scans(mongoFilter: $f) { nodes { scanId } } }", ["f": filter]) == labels("first-pixel", "partial", "backlog-sim", "final-sim"))

            gateway.log.removeAll()
            for bad: JSONValue in [.object(["$where": .string("true")]), .object(["a": .object(["$expr": .object([:])])]), .list([]),
                                   .object(["x": .object(["$regex": .string("a"), "$options": .string("e")])])] {
                let reply = await gateway.run("query($f: JSON) { scans(mongoFilter: $f) { totalCount } }", ["f": bad])
                #expect(reply.codes == ["BAD_USER_INPUT"], "\(reply.text)")
                #expect(reply["scans"] == .null)
            }
            let where_ = await gateway.run(#"{ scans(where: {classifiers: {alert: {nested: 1}}}) { totalCount } }"#)
            #expect(where_.codes == ["BAD_USER_INPUT"])
            #expect(gateway.log.calls.isEmpty, "refused filters never reach SkyDriver")
        }
    }

    @Test func scansAskOnlyForTheSelectedManifestFields() async throws {
        try await withSkyDriver { sky in
            let proxy = try FaultyProxy(upstreamPort: sky.server.port)
            let gateway = try SkyGraph(proxy.url)
            let reply = await gateway.run("{ scans(first: 100) { totalCount nodes { scanId priority replacedBy { scanId } } edges { node { isInBacklog } } } }")
            #expect(reply.errors.isEmpty, "\(reply.text)")
            let projection = proxy.bodies.first?.asObject?["manifest_projection"]
            #expect(projection == .list(["scan_id", "timestamp", "is_deleted", "priority", "replaced_by_scan_id", "ewms_workflow_id"].map(JSONValue.string)))
            let nodes = reply["scans", "nodes"]?.asList ?? []
            #expect(nodes.count == 11)
            let replaced = nodes.first { $0.asObject?["scanId"] == .string(id("replaced")) }?.asObject
            #expect(replaced?["priority"] == .int(100) && replaced?["replacedBy"] == .object(["scanId": .string(id("rescan"))]))
            #expect((reply["scans", "edges"]?.asList ?? []).filter { $0.asObject?["node"]?.asObject?["isInBacklog"] == .bool(true) }.count == 2)

            // The raw manifest needs every field: no projection.
            proxy.update { $0.bodies = [] }
            let raw = await gateway.run(#"{ scans(where: {scanIds: ["\#(id("partial"))"]}) { nodes { manifest } } }"#)
            #expect(proxy.bodies.first?.asObject?["manifest_projection"] == nil)
            #expect(raw["scans", "nodes", 0, "manifest", "progress", "epilogue"] == .string("Scan in progress"))
            await proxy.stop()
        }
    }

    @Test func scansArePagedNewestFirst() async throws {
        try await withSkyDriver { sky in
            let gateway = try SkyGraph(sky.url)
            var seen: [String] = []
            var after: JSONValue = .null
            var pages = 0
            while true {
                let reply = await gateway.run("query($after: String) { scans(first: 5, after: $after) { totalCount edges { cursor node { scanId timestamp } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }",
                                              ["after": after])
                #expect(reply.errors.isEmpty, "\(reply.text)")
                pages += 1
                #expect(reply["scans", "totalCount"] == .int(11))
                #expect(reply["scans", "pageInfo", "hasPreviousPage"] == .bool(after != .null))
                let edges = reply["scans", "edges"]?.asList ?? []
                seen += edges.compactMap { $0.asObject?["node"]?.asObject?["scanId"]?.asString }
                #expect(reply["scans", "pageInfo", "endCursor"] == edges.last?.asObject?["cursor"])
                guard reply["scans", "pageInfo", "hasNextPage"] == .bool(true), let next = reply["scans", "pageInfo", "endCursor"] else { break }
                after = next
                if pages > 5 { break }
            }
            #expect(pages == 3 && seen.count == 11 && Set(seen).count == 11)
            let all = SkyDriverSeed.specs.filter { $0.label != "deleted" }.sorted { $0.minutes > $1.minutes }.map { id($0.label) }
            #expect(seen == all, "newest first")
            #expect(gateway.log.count("POST /scans/find") == 3, "one find per page")
            let bad = await gateway.run(#"{ scans(first: 2, after: "bm9wZQ") { totalCount } }"#)
            #expect(bad.codes == ["BAD_USER_INPUT"])
            let big = await gateway.run("{ scans(first: 5000) { totalCount } }")
            #expect(big.codes == ["BAD_USER_INPUT"])
        }
    }

    @Test func backlogAndScanRequest() async throws {
        try await withSkyDriver { sky in
            let gateway = try SkyGraph(sky.url)
            let backlog = await gateway.run("{ scanBacklog { scanId timestamp priority pendingTimestamp nextAttempt scan { state isInBacklog } } }")
            #expect(backlog.errors.isEmpty, "\(backlog.text)")
            let entries = backlog["scanBacklog"]?.asList ?? []
            #expect(Set(entries.compactMap { $0.asObject?["scanId"]?.asString }) == [id("backlog-alert"), id("backlog-sim")])
            let times = entries.compactMap { $0.asObject?["timestamp"]?.asDouble }
            #expect(times == times.sorted(), "oldest first, as SkyDriver sorts them")
            #expect(entries.allSatisfy { $0.asObject?["scan"] == .object(["state": .string("PENDING__PRESTARTUP"), "isInBacklog": .bool(true)]) })
            #expect(entries.contains { $0.asObject?["priority"] == .int(100) })

            let request = await gateway.run("""
                { scanRequest(id: "\(id("replaced"))") { scanId rescanIds rescans { scanId } dockerTag recoAlgo nsides { nside pixelExtension }
                    realOrSimulatedEvent eventKind maxPixelRecoTime requestClusters { location nWorkers } scannerServerMemoryBytes
                    workerMemoryBytes workerDiskBytes predictiveScanningThreshold priority debugMode classifiers i3EventId scannerServerEnv }
                  rescanRequest: scanRequest(id: "\(id("rescan"))") { scanId }
                  unknown: scanRequest(id: "nosuchscan") { scanId } }
                """)
            #expect(request.errors.isEmpty, "\(request.text)")
            #expect(request["scanRequest", "rescanIds"] == .list([.string(id("rescan"))]))
            #expect(request["scanRequest", "rescans", 0, "scanId"] == .string(id("rescan")))
            #expect(request["scanRequest", "nsides"] == .list([
                .object(["nside": .int(8), "pixelExtension": .int(0)]), .object(["nside": .int(64), "pixelExtension": .int(12)]),
                .object(["nside": .int(512), "pixelExtension": .int(24)])]))
            #expect(request["scanRequest", "eventKind"] == .string("REAL"))
            #expect(request["scanRequest", "requestClusters"] == .list([
                .object(["location": .string("sub-2"), "nWorkers": .int(1000)]), .object(["location": .string("osg"), "nWorkers": .int(800)])]))
            #expect(request["scanRequest", "workerMemoryBytes"] == .double(8e9))
            #expect(request["scanRequest", "dockerTag"] == .string("v3.21.2"))
            #expect(request["rescanRequest"] == .null && request["unknown"] == .null)

            let viaScan = await gateway.run(#"{ scan(id: "\#(id("final-real"))") { request { scanId maxPixelRecoTime } i3Event } }"#)
            #expect(viaScan["scan", "request", "scanId"] == .string(id("final-real")))
            #expect(viaScan["scan", "request", "maxPixelRecoTime"] == .int(2400))
            #expect(viaScan["scan", "i3Event", "run_id"] == .int(139_870))
        }
    }

    @Test func nodeResolvesScanIDs() async throws {
        try await withSkyDriver { sky in
            let gateway = try SkyGraph(sky.url)
            let first = await gateway.run(#"{ scan(id: "\#(id("v1-stopped"))") { id } }"#)
            let globalID = try #require(first["scan", "id"]?.asString)
            gateway.log.removeAll()
            let reply = await gateway.run("query($id: ID!) { node(id: $id) { __typename id ... on Scan { scanId state } } }", ["id": .string(globalID)])
            #expect(reply.errors.isEmpty, "\(reply.text)")
            #expect(reply["node"] == .object(["__typename": .string("Scan"), "id": .string(globalID), "scanId": .string(id("v1-stopped")),
                                              "state": .string("STOPPED__PARTIAL_RESULT_GENERATED")]))
            // Deleted scans are nodes too; an id of a scan SkyDriver lacks is null.
            let ids: [JSONValue] = [.string(GlobalID(typeName: "Scan", key: id("deleted")).encoded), .string(GlobalID(typeName: "Scan", key: "gone").encoded),
                                    .string(GlobalID(typeName: "Scan", key: "not/a/scan").encoded)]
            let many = await gateway.run("query($ids: [ID!]!) { nodes(ids: $ids) { ... on Scan { isDeleted } } }", ["ids": .list(ids)])
            #expect(many.errors.isEmpty, "\(many.text)")
            #expect(many["nodes"] == .list([.object(["isDeleted": .bool(true)]), .null, .null]))
            // `scan(id:)` also takes the global id.
            let byGlobal = await gateway.run("query($id: ID!) { scan(id: $id) { scanId } }", ["id": .string(globalID)])
            #expect(byGlobal["scan", "scanId"] == .string(id("v1-stopped")))
        }
    }

    // MARK: Mutations

    @Test func requestScanWithDefaultsThenRescanAndDelete() async throws {
        try await withSkyDriver { sky in
            let gateway = try SkyGraph(sky.url)
            let input: JSONValue = .object([
                "dockerTag": .string("v3.21.2"), "recoAlgo": .string("millipede_wilks"), "eventKind": .string("REAL"), "maxPixelRecoTime": .int(1800),
                "nsides": .list([.object(["nside": .int(8), "pixelExtension": .int(0)]), .object(["nside": .int(64), "pixelExtension": .int(12)])]),
                "requestClusters": .list([.object(["location": .string("sub-2"), "nWorkers": .int(300)]), .object(["location": .string("sub-2"), "nWorkers": .int(20)])]),
                "eventI3liveJson": .object(["run_id": .int(1), "event_id": .int(2), "value": .object(["data": .object([:])])]),
                "classifiers": .object(["note": .string("from RunQL")]),
            ])
            let launched = await gateway.run("mutation($in: ScanRequestInput!) { requestScan(input: $in) { scanId state isInBacklog priority classifiers request { " +
                "nsides { nside pixelExtension } requestClusters { location nWorkers } scannerServerMemoryBytes workerMemoryBytes workerDiskBytes " +
                "predictiveScanningThreshold priority debugMode realOrSimulatedEvent } } }", ["in": input])
            #expect(launched.errors.isEmpty, "\(launched.text)")
            let newID = try #require(launched["requestScan", "scanId"]?.asString)
            #expect(launched["requestScan", "state"] == .string("PENDING__PRESTARTUP"))
            #expect(launched["requestScan", "isInBacklog"] == .bool(true))
            #expect(launched["requestScan", "classifiers"] == .object(["note": .string("from RunQL")]))
            #expect(launched["requestScan", "request"] == .object([
                "nsides": .list([.object(["nside": .int(8), "pixelExtension": .int(0)]), .object(["nside": .int(64), "pixelExtension": .int(12)])]),
                "requestClusters": .list([.object(["location": .string("sub-2"), "nWorkers": .int(300)]), .object(["location": .string("sub-2"), "nWorkers": .int(20)])]),
                "scannerServerMemoryBytes": .double(1_024_000_000), "workerMemoryBytes": .double(8e9), "workerDiskBytes": .double(1e9),
                "predictiveScanningThreshold": .double(1), "priority": .int(0), "debugMode": .list([]), "realOrSimulatedEvent": .string("real"),
            ]))
            #expect(gateway.log.count("POST /scan") == 1)

            // Rescan the new scan, replacing it; the original now points at its replacement.
            let rescan = await gateway.run(#"mutation { rescan(id: "\#(newID)", replaceScan: true) { scanId classifiers } }"#)
            #expect(rescan.errors.isEmpty, "\(rescan.text)")
            let rescanID = try #require(rescan["rescan", "scanId"]?.asString)
            #expect(rescan["rescan", "classifiers", "rescan"] == .bool(true))
            #expect(rescan["rescan", "classifiers", "origin_scan_id"] == .string(newID))
            let original = await gateway.run(#"{ scan(id: "\#(newID)") { replacedBy { scanId } request { rescanIds } } }"#)
            #expect(original["scan", "replacedBy", "scanId"] == .string(rescanID))
            #expect(original["scan", "request", "rescanIds"] == .list([.string(rescanID)]))
            // A rescan of a replaced scan acts on the scan named, not on its replacement.
            let again = await gateway.run(#"mutation { rescan(id: "\#(newID)", abortFirst: true) { classifiers } }"#)
            #expect(again["rescan", "classifiers", "origin_scan_id"] == .string(newID))
            let aborted = await gateway.run(#"{ scan(id: "\#(newID)", includeDeleted: true) { isDeleted } }"#)
            #expect(aborted["scan", "isDeleted"] == .bool(true), "abortFirst deleted the original")

            // Delete: a completed scan needs deleteCompletedScan; the answer's result needs no second call.
            let f = id("final-sim")
            let refused = await gateway.run(#"mutation { deleteScan(id: "\#(f)") { isDeleted } }"#)
            #expect(refused["deleteScan"] == .null)
            let error = try #require(refused.errors.first)
            #expect(error.path == [.key("deleteScan")])
            #expect(error.extensions == [
                "code": .string("BAD_USER_INPUT"), "source": .string("skydriver"), "upstreamStatus": .int(400),
                "upstreamError": .string("Attempted to delete a completed scan (must use `delete_completed_scan=True`)")])
            gateway.log.removeAll()
            let deleted = await gateway.run(#"mutation { deleteScan(id: "\#(f)", deleteCompletedScan: true) { scanId isDeleted result { isFinal nsides { nside } } } }"#)
            #expect(deleted.errors.isEmpty, "\(deleted.text)")
            #expect(deleted["deleteScan", "isDeleted"] == .bool(true))
            #expect(deleted["deleteScan", "result", "isFinal"] == .bool(true))
            #expect(gateway.log.calls == ["POST /scans/find", "DELETE /scan/\(f)"])
            let twice = await gateway.run(#"mutation { deleteScan(id: "\#(f)", deleteCompletedScan: true) { isDeleted } }"#)
            #expect(twice["deleteScan", "isDeleted"] == .bool(true), "idempotent")
        }
    }

    @Test func skyDriverRefusalsBecomeErrorsWithUpstreamDetail() async throws {
        try await withSkyDriver { sky in
            let gateway = try SkyGraph(sky.url)
            let base: JSONObject = [
                "dockerTag": .string("v3.21.2"), "recoAlgo": .string("millipede_wilks"), "eventKind": .string("SIMULATED"), "maxPixelRecoTime": .int(60),
                "nsides": .list([.object(["nside": .int(8), "pixelExtension": .int(0)])]),
                "requestClusters": .list([.object(["location": .string("local"), "nWorkers": .int(2)])]),
                "i3EventId": .string("i3ev" + String(id("final-real").suffix(28))),
            ]
            func refusal(_ change: (inout JSONObject) -> Void) async -> JSONObject? {
                var input = base
                change(&input)
                let reply = await gateway.run("mutation($in: ScanRequestInput!) { requestScan(input: $in) { scanId } }", ["in": .object(input)])
                #expect(reply["requestScan"] == .null)
                #expect(reply.errors.first?.path == [.key("requestScan")])
                return reply.errors.first?.extensions
            }
            let ok = await gateway.run("mutation($in: ScanRequestInput!) { requestScan(input: $in) { scanId state } }", ["in": .object(base)])
            #expect(ok.errors.isEmpty, "\(ok.text)")

            let cases: [(String, (inout JSONObject) -> Void, String)] = [
                ("old tag", { $0["dockerTag"] = .string("v2.0") }, "argument docker_tag: Image tag is older than the minimum supported tag 'v3.4.0'. Contact admins for more info"),
                ("unknown tag", { $0["dockerTag"] = .string("not a tag") }, "argument docker_tag: image not found"),
                ("both events", { $0["eventI3liveJson"] = .object(["run_id": .int(1)]) }, "Must provide either 'event_i3live_json' or 'i3_event_id' (xor)"),
                ("no event", { $0["i3EventId"] = nil }, "Must provide either 'event_i3live_json' or 'i3_event_id' (xor)"),
                ("unknown event", { $0["i3EventId"] = .string("nosuchevent") }, "i3 event not found"),
                ("reco time", { $0["maxPixelRecoTime"] = .int(0) }, "'max_pixel_reco_time': must be at least 1"),
            ]
            for (name, change, message) in cases {
                let extensions = await refusal(change)
                #expect(extensions?["code"] == .string("BAD_USER_INPUT"), "\(name)")
                #expect(extensions?["upstreamStatus"] == .int(400), "\(name)")
                #expect(extensions?["upstreamError"] == .string(message), "\(name): \(extensions.map { "\($0)" } ?? "nil")")
            }
            for (name, change) in [("cluster", { (i: inout JSONObject) in i["requestClusters"] = .list([.object(["location": .string("mars"), "nWorkers": .int(1)])]) }),
                                   ("reserved classifier", { (i: inout JSONObject) in i["classifiers"] = .object(["rescan": .bool(true)]) }),
                                   ("threshold", { (i: inout JSONObject) in i["predictiveScanningThreshold"] = .double(3) })] {
                let extensions = await refusal(change)
                #expect(extensions?["upstreamStatus"] == .int(400) && extensions?["code"] == .string("BAD_USER_INPUT"), "\(name)")
                #expect(extensions?["upstreamError"]?.asString?.isEmpty == false, "\(name)")
            }

            // 404s: a rescan of an unknown scan is SkyDriver's; a delete of one is refused before any write.
            let unknownRescan = await gateway.run(#"mutation { rescan(id: "nosuchscan") { scanId } }"#)
            #expect(unknownRescan.errors.first?.extensions?["code"] == .string("NOT_FOUND"))
            #expect(unknownRescan.errors.first?.extensions?["upstreamStatus"] == .int(404))
            gateway.log.removeAll()
            let unknownDelete = await gateway.run(#"mutation { deleteScan(id: "nosuchscan") { scanId } }"#)
            #expect(unknownDelete.codes == ["NOT_FOUND"])
            #expect(gateway.log.calls == ["POST /scans/find"], "no DELETE for a scan SkyDriver does not have")
            let badID = await gateway.run(#"mutation { deleteScan(id: "a-b") { scanId } }"#)
            #expect(badID.codes == ["BAD_USER_INPUT"])
        }
    }

    @Test func credentialsAreSentAndNeverShown() async throws {
        try await withSkyDriver(token: "sky-s3cret") { sky in
            let good = try SkyGraph(sky.url, token: "sky-s3cret")
            let ok = await good.run("{ scanBacklog { scanId } }")
            #expect(ok.errors.isEmpty, "\(ok.text)")
            let wrong = try SkyGraph(sky.url, token: "wrong-t0ken")
            let refused = await wrong.run("{ scanBacklog { scanId } }")
            #expect(refused["scanBacklog"] == .null)
            #expect(refused.errors.first?.extensions == [
                "code": .string("SOURCE_UNAUTHORIZED"), "source": .string("skydriver"), "upstreamStatus": .int(403), "upstreamError": .string("authentication failed")])
            #expect(!refused.text.contains("wrong-t0ken") && !refused.text.contains("sky-s3cret"))
            #expect(!refused.text.contains("127.0.0.1"), "the base URL is not named")
        }
    }

    // MARK: Isolation (issue 9 item 4)

    @Test func stoppedUpstreamFailsOnlyItsFieldsWithPathAndMessage() async throws {
        let sky = try await LocalSkyDriver.start()
        let gateway = try SkyGraph(sky.url, timeout: 2)
        let before = await gateway.run("{ scanBacklog { scanId } }")
        #expect(before.errors.isEmpty)
        await sky.stop()
        let reply = await gateway.run(#"{ __typename scanBacklog { scanId } scan(id: "\#(id("partial"))") { scanId } }"#)
        #expect(reply["__typename"] == .string("Query"))
        #expect(reply["scanBacklog"] == .null && reply["scan"] == .null)
        #expect(Set(reply.errors.map(\.path)) == [[.key("scanBacklog")], [.key("scan")]])
        #expect(reply.codes == ["SOURCE_UNAVAILABLE", "SOURCE_UNAVAILABLE"])
        #expect(reply.errors.contains { $0.message == "SkyDriver is unavailable: cannot connect (GET /scans/backlog)" }, "\(reply.text)")
        #expect(!reply.text.contains("127.0.0.1"))
    }

    @Test func delayedUpstreamTimesOutWithinTheConfiguredTimeout() async throws {
        try await withSkyDriver { sky in
            let proxy = try FaultyProxy(upstreamPort: sky.server.port)
            let gateway = try SkyGraph(proxy.url, timeout: 1)
            let fast = await gateway.run("{ scanBacklog { scanId } }")
            #expect(fast.errors.isEmpty, "\(fast.text)")

            // Delayed past the 1 s timeout: the deadline's SOURCE_TIMEOUT (not a late answer) shows
            // the call was cut (no wall-clock assertion: the suite runs on a loaded machine).
            proxy.update { $0.delay = 4 }
            let slow = await gateway.run(#"{ __typename scanBacklog { scanId } scans { totalCount } }"#)
            #expect(slow["__typename"] == .string("Query") && slow["scanBacklog"] == .null && slow["scans"] == .null)
            #expect(slow.codes == ["SOURCE_TIMEOUT", "SOURCE_TIMEOUT"])
            #expect(slow.errors.map(\.message).sorted() == [
                "SkyDriver did not answer GET /scans/backlog within 1 s", "SkyDriver did not answer POST /scans/find within 1 s"])

            // Only the status call is slow: the scan arrives, its state fields fail alone.
            proxy.update { $0.delayMatch = "/status" }
            let partial = await gateway.run(#"{ scan(id: "\#(id("partial"))") { scanId priority state rawState } }"#)
            #expect(partial["scan"] == .object(["scanId": .string(id("partial")), "priority": .int(100), "state": .null, "rawState": .null]))
            #expect(Set(partial.errors.map(\.path)) == [[.key("scan"), .key("state")], [.key("scan"), .key("rawState")]], "\(partial.text)")
            #expect(partial.codes == ["SOURCE_TIMEOUT", "SOURCE_TIMEOUT"])

            proxy.update { $0.delay = 0 }
            let recovered = await gateway.run("{ scanBacklog { scanId } }")
            #expect(recovered.errors.isEmpty, "\(recovered.text)")
            await proxy.stop()
        }
    }

    @Test func readsAreRetriedWritesAreNot() async throws {
        try await withSkyDriver { sky in
            let proxy = try FaultyProxy(upstreamPort: sky.server.port)
            let gateway = try SkyGraph(proxy.url, timeout: 30)
            proxy.update { $0.failures = 2; $0.failMatch = "/scans/backlog" }
            let read = await gateway.run("{ scanBacklog { scanId } }")
            #expect(read.errors.isEmpty, "\(read.text)")
            #expect(proxy.received == ["GET /scans/backlog", "GET /scans/backlog", "GET /scans/backlog"], "two 503s, then the answer")
            #expect(gateway.log.calls == ["GET /scans/backlog"], "one logical call")

            proxy.update { $0.received = []; $0.failures = 1; $0.failMatch = "/actions/rescan" }
            let write = await gateway.run(#"mutation { rescan(id: "\#(id("final-real"))") { scanId } }"#)
            #expect(write["rescan"] == .null)
            #expect(write.errors.first?.extensions == [
                "code": .string("SOURCE_UNAVAILABLE"), "source": .string("skydriver"), "upstreamStatus": .int(503), "upstreamError": .string("server overloaded")])
            #expect(proxy.received == ["POST /scan/\(id("final-real"))/actions/rescan"], "a write is sent once")

            proxy.update { $0.received = []; $0.failures = 1; $0.failMatch = "/scan/\(id("partial"))?" }
            let delete = await gateway.run(#"mutation { deleteScan(id: "\#(id("partial"))") { scanId } }"#)
            #expect(delete.codes == ["SOURCE_UNAVAILABLE"], "\(delete.text)")
            #expect(proxy.received == ["POST /scans/find", "DELETE /scan/\(id("partial"))"], "DELETE is not retried either")
            await proxy.stop()
        }
    }

    @Test func hungSkyDriverLeavesOtherRegistriesComplete() async throws {
        let uri = try mongoURI()
        let hung = HungListener()
        let prefix = "t_skyiso_\(UUID().uuidString.prefix(8).lowercased())_"
        let collections = RunCollections().prefixed(prefix)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runql-skyiso-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = """
            {"server": {"port": 0, "eventLoops": 1}, "schema": {"path": "\(schemaPath.path)"},
             "sources": {"mongo": {"uri": \(JSONValue.string(uri).jsonString), "collections": {
                 "xenon1t": "\(collections.xenon1T)", "xenonnt": "\(collections.xenonNT)", "xams": "\(collections.xams)"}},
               "skydriver": {"baseURL": "http://127.0.0.1:\(hung.port)", "timeout": 1}},
             "logging": {"requests": false, "metrics": false}}
            """
        try config.write(to: dir.appendingPathComponent("runql.json"), atomically: true, encoding: .utf8)
        let configuration = try ServeCommand.loadConfiguration(["--config", dir.appendingPathComponent("runql.json").path], environment: [:])
        #expect(configuration.sources.skydriver?.timeout == 1)
        let (server, _) = try ServeCommand.makeGateway(configuration, log: nil)
        try server.start()
        let client = try MongoClient(uri: uri)
        _ = try await client.collection(collections.xenonNT.collection, in: collections.xenonNT.database).insertMany([
            ["number": .int32(7300), "detectors": .array([.string("tpc")]), "start": .datetime(BSONDateTime(millisecondsSinceEpoch: 1_600_000_000_000))],
        ])

        let query = #"{ xenonRun(number: 7300) { number id } scanBacklog { scanId } scan(id: "abc") { scanId } }"#
        let body = "{\"query\":" + JSONValue.string(query).jsonString + "}"
        let raw = try RawClient(port: server.port, receiveTimeout: 120)
        raw.send("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/graphql-response+json\r\n" +
                 "Content-Length: \(body.utf8.count)\r\n\r\n" + body)
        let response = try #require(await raw.readResponse())
        #expect(response.status == 200)
        let json = (try? JSONParser.parse(Array(response.body.utf8))) ?? .null
        let data = json.asObject?["data"]?.asObject
        #expect(data?["xenonRun"]?.asObject?["number"] == .int(7300), "\(response.body)")
        #expect(data?["scanBacklog"] == .null && data?["scan"] == .null)
        let errors = json.asObject?["errors"]?.asList ?? []
        #expect(errors.count == 2)
        #expect(response.body.contains(#""path":["scanBacklog"]"#) && response.body.contains(#""path":["scan"]"#))
        #expect(response.body.contains("SkyDriver did not answer GET /scans/backlog within 1 s"))
        #expect(response.body.contains("SOURCE_TIMEOUT"))

        // node/nodes serve both registries' ids.
        let runID = try #require(data?["xenonRun"]?.asObject?["id"]?.asString)
        let nodeQuery = "{ node(id: \"\(runID)\") { __typename ... on XenonRun { number } } }"
        let nodeBody = "{\"query\":" + JSONValue.string(nodeQuery).jsonString + "}"
        let raw2 = try RawClient(port: server.port, receiveTimeout: 120)
        raw2.send("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(nodeBody.utf8.count)\r\n\r\n" + nodeBody)
        let nodeResponse = try #require(await raw2.readResponse())
        #expect(nodeResponse.body == #"{"data":{"node":{"__typename":"XenonRun","number":7300}}}"#)

        server.shutdown(deadline: 2)
        await withCheckedContinuation { continuation in Thread { server.wait(); continuation.resume() }.start() }
        for address in [collections.xenon1T, collections.xenonNT, collections.xams] { try? await client.database(address.database).drop() }
    }

    @Test func unconfiguredSkyDriverAnswersSourceNotConfigured() async throws {
        let schema = try repositorySchema()
        let bound = try RegistryBinding.bind(schema, sources: GatewayConfiguration.SourceSettings())
        for coordinate in SkyDriverRegistry.queryFields + SkyDriverRegistry.mutationFields {
            #expect(bound.resolvers[coordinate] != nil, "\(coordinate)")
        }
        let executable = try ExecutableSchema(
            schema: bound.schema, resolvers: bound.resolvers, typeResolvers: bound.typeResolvers,
            validate: { schema, document, source in validate(schema: schema, document: document, source: source) })
        let reply = Reply(await executable.execute(query: #"{ __typename scanBacklog { scanId } scan(id: "abc") { scanId } }"#))
        #expect(reply["__typename"] == .string("Query") && reply["scanBacklog"] == .null && reply["scan"] == .null)
        #expect(reply.codes == ["SOURCE_NOT_CONFIGURED", "SOURCE_NOT_CONFIGURED"])
        #expect(reply.errors.first?.message == "The SkyDriver registry is not configured: set sources.skydriver.baseURL in runql.json or RUNQL_SKYDRIVER_URL.")
        // node ids of an unconfigured registry name nothing.
        let node = Reply(await executable.execute(query: "query($id: ID!) { node(id: $id) { id } }",
                                                  variables: ["id": .string(GlobalID(typeName: "Scan", key: "abc").encoded)]))
        #expect(node.errors.isEmpty && node["node"] == .null)
    }

    // MARK: Schema

    @Test func scanStateEnumListsEveryCode() throws {
        let schema = try repositorySchema()
        guard case .enumType(let states)? = schema.type(named: "ScanState") else {
            Issue.record("no ScanState enum")
            return
        }
        #expect(states.values.map(\.name) == ScanStateCode.all)
        #expect(ScanStateCode.enumValue("aborted__prestartup") == "ABORTED__PRESTARTUP")
        #expect(ScanStateCode.enumValue("SOMETHING_NEW") == "UNKNOWN")
    }

    @Test func everySkyDriverTypeFieldAndArgumentIsDescribed() throws {
        let schema = try repositorySchema()
        let sdl = try String(contentsOf: schemaPath.appendingPathComponent("skydriver.graphql"), encoding: .utf8)
        let names = sdl.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard words.count >= 2, ["type", "enum", "input"].contains(words[0]) else { return nil }
            return String(words[1])
        }
        #expect(names.count >= 15)
        var missing: [String] = []
        for name in names {
            switch schema.type(named: name) {
            case .object(let t)?:
                if t.description == nil { missing.append(name) }
                for f in t.fields {
                    if f.description == nil { missing.append("\(name).\(f.name)") }
                    for a in f.arguments where a.description == nil { missing.append("\(name).\(f.name)(\(a.name):)") }
                }
            case .inputObject(let t)?:
                if t.description == nil { missing.append(name) }
                for f in t.fields where f.description == nil { missing.append("\(name).\(f.name)") }
            case .enumType(let t)?:
                if t.description == nil { missing.append(name) }
                for v in t.values where v.description == nil { missing.append("\(name).\(v.name)") }
            default:
                missing.append("\(name) (not in the schema)")
            }
        }
        for coordinate in SkyDriverRegistry.queryFields + SkyDriverRegistry.mutationFields {
            let parts = coordinate.split(separator: ".").map(String.init)
            guard case .object(let root)? = schema.type(named: parts[0]), let field = root.fields.first(where: { $0.name == parts[1] }) else {
                missing.append(coordinate)
                continue
            }
            if field.description == nil { missing.append(coordinate) }
            for a in field.arguments where a.description == nil { missing.append("\(coordinate)(\(a.name):)") }
        }
        #expect(missing.isEmpty, "\(missing)")
    }
}
