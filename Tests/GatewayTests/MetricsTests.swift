import Foundation
import GraphQLKit
import Resolvers
import Testing
@testable import Gateway

/// A gateway over a small schema with metrics and a request log (captured in memory).
struct ObservedGateway {
    let server: HTTPServer
    let metrics: GatewayMetrics?
    let log: RequestLog
    let capture: LogCapture

    init(metricsOn: Bool = true) throws {
        let schema = try Schema(sdl: """
            type Query { hello(name: String!): String n: Int broken: Int }
            type Mutation { bump: Int }
            """)
        let executable = try ExecutableSchema(
            schema: schema, resolvers: ["Query.broken": .sync { _, _, _, _ in throw GraphQLError("broken on purpose") }],
            validate: { validate(schema: $0, document: $1, source: $2) })
        let root: FieldValue = .json(.object(["n": .int(1), "bump": .int(2)]))
        capture = LogCapture()
        log = RequestLog(sink: capture.sink)
        metrics = metricsOn ? GatewayMetrics(collectors: [ProcessMetrics.documentCacheCollector(executable.documentCache)]) : nil
        let router = Router(
            graphQL: GraphQLHTTPHandler(executable: executable, rootValue: root), readiness: { [] },
            observer: RequestObserver(metrics: metrics, log: log))
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.eventLoops = 1
        server = HTTPServer(configuration: configuration) { await router.handle($0) }
        try server.start()
    }

    var port: Int { server.port }

    func stop() async {
        server.shutdown(deadline: 2)
        await withCheckedContinuation { continuation in
            Thread { server.wait(); continuation.resume() }.start()
        }
    }

    func post(_ body: String, headers: [String: String] = [:]) async throws -> RawClient.Response {
        let client = try RawClient(port: port)
        var head = "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        client.send(head + "\r\n" + body)
        return try #require(await client.readResponse())
    }

    func get(_ target: String, headers: [String: String] = [:]) async throws -> RawClient.Response {
        let client = try RawClient(port: port)
        var head = "GET \(target) HTTP/1.1\r\nHost: x\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        client.send(head + "\r\n")
        return try #require(await client.readResponse())
    }
}

@Suite struct MetricsTests {
    @Test func countsRenderInPrometheusTextFormat() {
        let metrics = GatewayMetrics()
        for (operation, status, seconds, errors, requestError) in [
            ("Runs", 200, 0.0004, 0, false), ("Runs", 200, 0.003, 1, false), (nil, 400, 0.02, 2, true), ("We\"ird\\\n", 200, 20.0, 0, false),
        ] as [(String?, Int, Double, Int, Bool)] {
            metrics.requestStarted()
            metrics.record(route: .graphQL, operation: operation, status: status, seconds: seconds, errors: errors, requestError: requestError)
        }
        metrics.requestStarted()
        metrics.record(route: .healthz, operation: nil, status: 200, seconds: 0.0001, errors: 0, requestError: false)
        metrics.requestStarted()
        let text = metrics.render()
        #expect(text.contains("# TYPE runql_http_requests_total counter\n"))
        #expect(text.contains(#"runql_http_requests_total{route="graphql",operation="Runs",status="200"} 2"#))
        #expect(text.contains(#"runql_http_requests_total{route="graphql",operation="",status="400"} 1"#))
        #expect(text.contains(#"runql_http_requests_total{route="graphql",operation="We\"ird\\\n",status="200"} 1"#))
        #expect(text.contains(#"runql_http_requests_total{route="healthz",operation="",status="200"} 1"#))
        #expect(text.contains("runql_http_requests_in_flight 1\n"))
        // Cumulative buckets; the health check is not a GraphQL request.
        #expect(text.contains(#"runql_graphql_request_duration_seconds_bucket{le="0.0005"} 1"#))
        #expect(text.contains(#"runql_graphql_request_duration_seconds_bucket{le="0.005"} 2"#))
        #expect(text.contains(#"runql_graphql_request_duration_seconds_bucket{le="0.025"} 3"#))
        #expect(text.contains(#"runql_graphql_request_duration_seconds_bucket{le="10"} 3"#))
        #expect(text.contains(#"runql_graphql_request_duration_seconds_bucket{le="+Inf"} 4"#))
        #expect(text.contains("runql_graphql_request_duration_seconds_count 4\n"))
        #expect(text.contains(#"runql_graphql_errors_total{kind="field"} 1"#))
        #expect(text.contains(#"runql_graphql_errors_total{kind="request"} 2"#))
        // Every sample line is `name{labels} value` or `name value`.
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.split(separator: " ").count >= 2, "\(line)")
        }
    }

    @Test func operationNamesAreBounded() {
        let metrics = GatewayMetrics()
        for i in 0..<(GatewayMetrics.maxOperationNames + 10) {
            metrics.requestStarted()
            metrics.record(route: .graphQL, operation: "Op\(i)", status: 200, seconds: 0.001, errors: 0, requestError: false)
        }
        let text = metrics.render()
        #expect(text.contains(#"operation="(other)",status="200"} 10"#))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("runql_http_requests_total{") }.count == GatewayMetrics.maxOperationNames + 1)
    }

    @Test func countersAreExactUnderConcurrency() async {
        let metrics = GatewayMetrics()
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<8 {
                group.addTask {
                    for _ in 0..<1000 {
                        metrics.requestStarted()
                        metrics.record(route: .graphQL, operation: "T\(t % 2)", status: 200, seconds: 0.001, errors: 1, requestError: false)
                    }
                }
            }
        }
        let text = metrics.render()
        #expect(text.contains(#"operation="T0",status="200"} 4000"#) && text.contains(#"operation="T1",status="200"} 4000"#))
        #expect(text.contains("runql_graphql_request_duration_seconds_count 8000\n"))
        #expect(text.contains(#"runql_graphql_errors_total{kind="field"} 8000"#))
        #expect(text.contains("runql_http_requests_in_flight 0\n"))
    }

    @Test func operationNameComesFromTheRequest() {
        func post(_ body: String) -> HTTPRequest {
            HTTPRequest(method: "POST", target: "/graphql", minorVersion: 1, headers: HTTPHeaders(), body: Array(body.utf8))
        }
        #expect(OperationName.of(post(#"{"query":"query A { n } query B { n }","operationName":"B"}"#)) == "B")
        #expect(OperationName.of(post(##"{"query":"# comment\n  query Runs($n: Int) { n }"}"##)) == "Runs")
        #expect(OperationName.of(post(#"{"query":"mutation Bump { bump }"}"#)) == "Bump")
        #expect(OperationName.of(post(#"{"query":"{ n }"}"#)) == nil)
        #expect(OperationName.of(post(#"{"query":"query { n }"}"#)) == nil)
        #expect(OperationName.of(post("not json")) == nil)
        #expect(OperationName.firstOperationName("\u{FEFF}, query _x1 { n }") == "_x1")
        #expect(OperationName.firstOperationName("subscription S { n }") == "S")
        #expect(OperationName.firstOperationName("query 1x { n }") == nil)
        #expect(OperationName.firstOperationName("fragment F on Q { n } query Q { ...F }") == nil)
        #expect(OperationName.firstOperationName("queryX { n }") == nil)
        #expect(OperationName.firstOperationName("# only a comment") == nil)
        let get = HTTPRequest(method: "GET", target: "/graphql?query=query%20G%20%7B%20n%20%7D", minorVersion: 1, headers: HTTPHeaders(), body: [])
        #expect(OperationName.of(get) == "G")
        let named = HTTPRequest(method: "GET", target: "/graphql?query=%7Bn%7D&operationName=X", minorVersion: 1, headers: HTTPHeaders(), body: [])
        #expect(OperationName.of(named) == "X")
    }

    /// The observer takes the name from what the GraphQL handler parsed instead of scanning the
    /// body: both must give the same answer.
    @Test func operationNameFromTheParsedBodyMatchesTheScan() throws {
        let long = String(repeating: "#", count: 1100)
        let bodies = [
            #"{"query":"query A { n } query B { n }","operationName":"B"}"#,
            ##"{"query":"# comment\n  query Runs($n: Int) { n }"}"##,
            #"{"query":"mutation Bump { bump }"}"#,
            #"{"query":"{ n }"}"#,
            #"{"query":"query { n }","operationName":""}"#,
            #"{"query":"query Q { n }","operationName":null}"#,
            #"{"operationName":"\#(String(repeating: "N", count: 300))","query":"{ n }"}"#,
            #"{"query":"\#(long)\nquery Late { n }"}"#,
            #"{"query":"\#(String(repeating: " ", count: 1017))query Cut { n }"}"#,
            ##"{"query":"# caf\u00e9\nquery Accent { n }"}"##,
        ]
        for body in bodies {
            let request = HTTPRequest(method: "POST", target: "/graphql", minorVersion: 1, headers: HTTPHeaders(), body: Array(body.utf8))
            guard case .object(let object) = try JSONParser.parse(Array(body.utf8)) else { Issue.record("not an object: \(body)"); continue }
            func string(_ key: String) -> String? { if case .string(let s)? = object[key] { s } else { nil } }
            let known = KnownOperationName(operationName: string("operationName"), query: string("query"))
            #expect(OperationName.of(request, known: known) == OperationName.of(request), "\(body.prefix(80))")
        }
        // Bodies the scan skips (too large) get no name either way.
        let big = #"{"query":"query Big { n }","pad":"\#(String(repeating: "x", count: OperationName.maxScannedBody))"}"#
        let request = HTTPRequest(method: "POST", target: "/graphql", minorVersion: 1, headers: HTTPHeaders(), body: Array(big.utf8))
        #expect(OperationName.of(request, known: KnownOperationName(operationName: nil, query: "query Big { n }")) == nil)
        #expect(OperationName.of(request) == nil)
    }

    @Test func bodyScannerReadsOnlyTopLevelKeys() {
        func scan(_ body: String) -> (String?, String?) { BodyScanner.topLevelStrings(Array(body.utf8)) }
        #expect(scan(#"{"variables":{"operationName":"No","query":"no"},"extensions":[{"query":"x"}],"query":"query Yes { n }"}"#) == (nil, "query Yes { n }"))
        #expect(scan(#"{ "query" : "q", "operationName" : "N\u00e9\"x" }"#) == ("Né\"x", "q"))
        #expect(scan(##"{"query":"# a \"quoted\" comment\nquery Q { n }","operationName":null}"##) == (nil, "# a \"quoted\" comment\nquery Q { n }"))
        #expect(scan(#"{"n":12.5e3,"b":true,"query":"x"}"#) == (nil, "x"))
        let long = String(repeating: "#", count: 5000)
        let (_, prefix) = scan(#"{"query":"\#(long)","operationName":"After"}"#)
        #expect(prefix?.utf8.count == BodyScanner.queryPrefixBytes)
        #expect(scan(#"{"query":"\#(long)","operationName":"After"}"#).0 == "After")
        for broken in ["", "[]", "{", #"{"query""#, #"{"query":"unterminated"#, #"{"a":{"b":1}"#, #"{"a":[1,2"#] {
            _ = scan(broken)  // no crash, no hang
        }
        #expect(scan(#"{"a":{"b":[1,{"c":"}"}]},"operationName":"Deep"}"#) == ("Deep", nil))
    }

    @Test func errorCountReadsOnlyResponsesWithErrors() {
        #expect(RequestObserver.errorCount(Array(#"{"data":{"n":1}}"#.utf8)) == (0, false))
        #expect(RequestObserver.errorCount(Array(#"{"errors":[{"message":"a"},{"message":"b"}]}"#.utf8)) == (2, true))
        #expect(RequestObserver.errorCount(Array(#"{"errors":[{"message":"a"}],"data":{"x":null}}"#.utf8)) == (1, false))
        #expect(RequestObserver.errorCount(Array("<html>".utf8)) == (0, false))
    }

    @Test func metricsEndpointReflectsServedRequests() async throws {
        let gateway = try ObservedGateway()
        #expect(try await gateway.post(#"{"query":"query Q { n }"}"#).status == 200)
        #expect(try await gateway.post(#"{"query":"query Q { n }"}"#).status == 200)
        #expect(try await gateway.post(#"{"query":"{ broken n }"}"#).status == 200)
        #expect(try await gateway.post(#"{"query":"{ nope }"}"#).status == 200)
        #expect(try await gateway.get("/healthz").status == 200)
        let scrape = try await gateway.get("/metrics")
        #expect(scrape.status == 200)
        #expect(scrape.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(scrape.body.contains(#"runql_http_requests_total{route="graphql",operation="Q",status="200"} 2"#))
        #expect(scrape.body.contains(#"runql_http_requests_total{route="graphql",operation="",status="200"} 2"#))
        #expect(scrape.body.contains(#"runql_http_requests_total{route="healthz",operation="",status="200"} 1"#))
        #expect(scrape.body.contains(#"runql_graphql_errors_total{kind="field"} 1"#))
        #expect(scrape.body.contains(#"runql_graphql_errors_total{kind="request"} 1"#))
        #expect(scrape.body.contains("runql_graphql_request_duration_seconds_count 4\n"))
        #expect(scrape.body.contains("runql_document_cache_hits_total "))
        #expect(scrape.body.contains("runql_document_cache_entries 3\n"))
        #expect(scrape.body.contains("runql_http_requests_in_flight 1\n"))  // the scrape itself
        await gateway.stop()
    }

    @Test func metricsCanBeTurnedOff() async throws {
        let gateway = try ObservedGateway(metricsOn: false)
        #expect(try await gateway.get("/metrics").status == 404)
        await gateway.stop()
    }

    @Test func everyResponseCarriesARequestID() async throws {
        let gateway = try ObservedGateway()
        let a = try await gateway.post(#"{"query":"{ n }"}"#)
        let b = try await gateway.get("/healthz")
        let c = try await gateway.get("/nope")
        let ids = [a, b, c].compactMap { $0.headers["x-request-id"] }
        #expect(ids.count == 3 && Set(ids).count == 3)
        #expect(ids.allSatisfy { RequestIDs.isAcceptable($0) })
        #expect(try await gateway.post(#"{"query":"{ n }"}"#, headers: ["X-Request-Id": "client-id.42"]).headers["x-request-id"] == "client-id.42")
        let replaced = try await gateway.post(#"{"query":"{ n }"}"#, headers: ["X-Request-Id": "bad id\"<script>"])
        #expect(replaced.headers["x-request-id"] != nil && replaced.headers["x-request-id"] != "bad id\"<script>")
        await gateway.stop()
    }

    @Test func requestIDsAreThePrefixAndTheCounterInHex() {
        for n: UInt64 in [0, 1, 9, 10, 15, 16, 255, 0xFFFFFF, 0x1000000, 0xDEADBEEF, .max] {
            #expect(RequestIDs.format(prefix: "0a1b2c3d", number: n) == "0a1b2c3d-" + String(n, radix: 16))
        }
        let ids = RequestIDs()
        let first = ids.make(), second = ids.make()
        #expect(first.hasSuffix("-1") && second.hasSuffix("-2") && first.dropLast() == second.dropLast())
    }

    @Test func requestIDsAreUnique() {
        let ids = RequestIDs()
        let made = (0..<1000).map { _ in ids.make() }
        #expect(Set(made).count == 1000)
        #expect(!RequestIDs.isAcceptable(String(repeating: "a", count: 65)) && !RequestIDs.isAcceptable(""))
    }
}

// MARK: Source calls

/// The gateway `runql serve` builds (`ServeCommand.makeGateway`, metrics on) over the demo
/// stores of a `DemoGateway`, so /metrics reports the call counters of its own connectors.
struct SourceCountingGateway {
    let demo: DemoGateway
    let server: HTTPServer

    static func start() async throws -> SourceCountingGateway {
        let demo = try await DemoGateway.start()
        var configuration = try ServeCommand.loadConfiguration(["--config", demo.configPath], environment: demo.environment)
        configuration.logging.metrics = true
        let (server, _) = try ServeCommand.makeGateway(configuration, log: nil)
        try server.start()
        return SourceCountingGateway(demo: demo, server: server)
    }

    func stop() async {
        server.shutdown(deadline: 2)
        await withCheckedContinuation { continuation in Thread { server.wait(); continuation.resume() }.start() }
        await demo.stop()
    }

    func post(_ query: String, variables: JSONValue? = nil) async throws -> RawClient.Response {
        var object: JSONObject = ["query": .string(query)]
        if let variables { object["variables"] = variables }
        let body = JSONValue.object(object).jsonString
        let client = try RawClient(port: server.port, receiveTimeout: 60)
        client.send("POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
        return try #require(await client.readResponse())
    }

    /// `runql_source_calls_total` by source, scraped from /metrics.
    func sourceCalls() async throws -> [String: Int] {
        let client = try RawClient(port: server.port)
        client.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
        let scrape = try #require(await client.readResponse())
        var calls: [String: Int] = [:]
        for line in scrape.body.split(separator: "\n") where line.hasPrefix("runql_source_calls_total{source=\"") {
            let rest = line.dropFirst("runql_source_calls_total{source=\"".count)
            guard let quote = rest.firstIndex(of: "\""), let space = rest.lastIndex(of: " "), let n = Int(rest[rest.index(after: space)...]) else {
                Issue.record("unreadable line \(line)")
                continue
            }
            calls[String(rest[..<quote])] = n
        }
        return calls
    }

    /// How far each source's counter moved while `query` was answered (which must have no errors).
    func callsMade(by query: String, variables: JSONValue? = nil) async throws -> [String: Int] {
        let before = try await sourceCalls()
        let response = try await post(query, variables: variables)
        #expect(response.status == 200)
        #expect(jsonObject(response)?["errors"] == nil, "\(query): \(response.body.prefix(400))")
        let after = try await sourceCalls()
        return after.merging(before) { $0 - $1 }
    }
}

extension MetricsTests {
    @Test func sourceCallsRenderOneSeriesPerConfiguredSource() {
        let postgres = CallCounter(), mongo = CallCounter()
        for _ in 0..<3 { postgres.increment() }
        mongo.increment()
        let text = SourceCallMetrics.collector([
            SourceCallCount(source: "mongodb") { mongo.value }, SourceCallCount(source: "postgresql") { postgres.value },
        ])()
        #expect(text.contains("# TYPE runql_source_calls_total counter\n"))
        #expect(text.contains(#"runql_source_calls_total{source="mongodb"} 1"# + "\n"))
        #expect(text.contains(#"runql_source_calls_total{source="postgresql"} 3"# + "\n"))
        #expect(!text.contains(#"source="skydriver""#))
        // Read at scrape time, not when the collector was made.
        postgres.increment()
        #expect(SourceCallMetrics.collector([SourceCallCount(source: "postgresql") { postgres.value }])().contains("} 4\n"))
        #expect(SourceCallMetrics.collector([])().isEmpty)
    }

    @Test func callCounterIsExactUnderConcurrency() async {
        let counter = CallCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { for _ in 0..<1000 { counter.increment() } } }
        }
        #expect(counter.value == 8000)
    }

    /// Writes and transactions count too: a transaction is its BEGIN, its statements and its
    /// COMMIT (or ROLLBACK); every MongoDB write and command is one operation.
    @Test func connectorsCountTransactionsWritesAndCommands() async throws {
        let pool = PostgresPool(PostgresConfiguration(conninfo: try DemoGateway.setting("RUNQL_PG_CONNINFO"), maximumConnections: 1))
        _ = try await pool.query("SELECT 1")
        #expect(pool.statementCount == 1)
        try await pool.transaction { (tx) throws(PostgresError) in
            try tx.query("SELECT 1")
            try tx.query("SELECT 2")
        }
        #expect(pool.statementCount == 1 + 4)
        await #expect(throws: PostgresError.self) {
            try await pool.transaction { (tx) throws(PostgresError) in try tx.query("SELECT no_such_column") }
        }
        #expect(pool.statementCount == 5 + 3, "BEGIN, the failing statement, ROLLBACK")
        pool.closeIdle()

        let mongo = try MongoClient(uri: try DemoGateway.setting("RUNQL_MONGO_URI"), threads: 2)
        let database = mongo.database("t_metrics_calls_" + UUID().uuidString.prefix(8).lowercased())
        let collection = database.collection("c")
        _ = try await collection.insertMany([["n": .int32(1)], ["n": .int32(2)]])
        _ = try await collection.updateOne(["n": .int32(1)], ["$set": .document(["m": .int32(3)])])
        #expect(try await collection.count() == 2)
        #expect(try await collection.find().count == 2)
        #expect(mongo.operationCount == 4)
        try await database.drop()
        #expect(mongo.operationCount == 5)
    }

    /// Each registry's query moves its own source's counter by the round trips it costs, and no
    /// other source's: one statement for a nested CMS page, one find per XENON page, one
    /// `/scans/find` per SkyDriver page.
    @Test func eachRegistryQueryMovesItsSourceCounterByItsRoundTrips() async throws {
        let gateway = try await SourceCountingGateway.start()
        let initial = try await gateway.sourceCalls()
        #expect(Set(initial.keys) == ["mongodb", "postgresql", "skydriver"])

        // CMS: the runs page builds its datasets and their lumisection ranges as JSON in the same
        // statement (CMSNestedRead), so a nested query is one statement at any depth it covers.
        #expect(try await gateway.callsMade(by: "{ cmsRuns(first: 5) { nodes { number datasets { name } } } }")
            == ["postgresql": 1, "mongodb": 0, "skydriver": 0])
        #expect(try await gateway.callsMade(by: "{ cmsRuns(first: 20) { nodes { datasets { name lumisectionRanges { start end } } } } }")
            == ["postgresql": 1, "mongodb": 0, "skydriver": 0])
        // XENON: data locations live in the run document, so a page is one find; totalCount adds a count.
        #expect(try await gateway.callsMade(by: #"{ xenonRuns(first: 5) { nodes { number data(type: "raw_records") { host location } } } }"#)
            == ["postgresql": 0, "mongodb": 1, "skydriver": 0])
        #expect(try await gateway.callsMade(by: "{ xenonRuns(first: 5) { totalCount nodes { number } } }")
            == ["postgresql": 0, "mongodb": 2, "skydriver": 0])
        // SkyDriver: one `/scans/find` per page; a scan's state is its `/status`, which SkyDriver
        // only answers one scan at a time, so each scan of the page adds one call.
        #expect(try await gateway.callsMade(by: "{ scans(first: 3) { nodes { scanId priority } } }")
            == ["postgresql": 0, "mongodb": 0, "skydriver": 1])
        #expect(try await gateway.callsMade(by: "{ scans(first: 3) { nodes { scanId state rawState } } }")
            == ["postgresql": 0, "mongodb": 0, "skydriver": 4])
        await gateway.stop()
    }
}
