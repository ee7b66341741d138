// The whole gateway over the demo-seeded registries, in storage no other suite uses: XENON1T,
// XENONnT and XAMS run collections in SecantusDB databases with a unique prefix, the CMS Run
// Registry in a PostgreSQL schema of its own (RR's tables, `CMSSeeder`), and the local SkyDriver
// (`runql skydriver-local`, 12 scans) over a SecantusDB database of its own. These stores are
// seeded once per test process and shared by the tests that only read (each checks they did not
// change); fault tests get the store they break seeded on a server of their own. The gateway is
// built from a runql.json as `runql serve` builds it, with API tokens, a JWT secret, a SkyDriver
// token and a PostgreSQL password from the environment, and both logs captured in memory.
// `fingerprint()` reads back every document and row, so a test can prove nothing was written.

import Foundation
import GraphQLKit
import Resolvers
import Testing
@testable import Gateway

struct DemoGateway {
    static let writerToken = "wr1ter-t0ken-Hostile-5a1f"
    static let readerToken = "re4der-t0ken-Hostile-77c3"
    static let skyDriverToken = "sky-upstream-t0ken-9e2b"
    static let jwtSecret = "hostile-suite jwt secret, long enough for HS256"
    /// Sent in the PostgreSQL conninfo (the test cluster trusts every connection, so it is unused
    /// there): it must never come back in an answer or a log.
    static let pgPassword = "pg-pa55word-never-shown"

    static let schemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Schema").path

    let served: GatewayServer
    let configPath: String
    let environment: [String: String]
    /// What this gateway's test seeded or started itself (and so removes or stops).
    struct Owned { var runs: Bool; var cms: Bool; var skyDriver: Bool }
    let owned: Owned
    let mongo: MongoClient
    let collections: RunCollections
    private(set) var skyDriver: SkyDriverLocalServer
    let skyDatabase: String
    let skyMongoURI: String
    let pgAdmin: PostgresPool
    let pgSchema: String
    let conninfo: String
    let mongoURI: String
    var port: Int { served.port }
    var handler: GraphQLHTTPHandler { served.handler }

    /// Every secret the configuration holds, for leak checks.
    var secrets: [String] {
        [Self.writerToken, Self.readerToken, Self.skyDriverToken, Self.jwtSecret, Self.pgPassword, conninfo, mongoURI,
         "dbname=", "mongodb://", "127.0.0.1:\(skyDriver.port)", "search_path"]
    }

    static func setting(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            Issue.record("\(name) is not set: run the tests with ./test or scripts/services.sh")
            throw CancellationError()
        }
        return value
    }

    /// `anonymousRead` false refuses requests without credentials.
    /// The demo runs (scale 1) in databases named by `id`.
    static func seedRuns(uri: String, id: String) async throws -> (MongoClient, RunCollections) {
        let mongo = try MongoClient(uri: uri, threads: 4)
        let collections = RunCollections().prefixed("t_hostile_\(id)_")
        _ = try await RunSeeder(client: mongo, collections: collections).seed(scale: 1, reset: true)
        return (mongo, collections)
    }

    /// RR's tables and the demo registry in a schema named by `id`; the conninfo that uses it.
    static func seedCMS(conninfo base: String, id: String) async throws -> (PostgresPool, String, String) {
        let pgSchema = "hostile_\(id)"
        let pgAdmin = PostgresPool(PostgresConfiguration(conninfo: base, maximumConnections: 2))
        _ = try await pgAdmin.query("CREATE SCHEMA \(pgSchema)")
        let conninfo = base + " options='-csearch_path=\(pgSchema)'"
        let seedPool = PostgresPool(PostgresConfiguration(conninfo: conninfo, maximumConnections: 2, statementTimeout: 120))
        try await CMSMigrations.apply(seedPool)
        _ = try await CMSSeeder(pool: seedPool).seed()
        seedPool.closeIdle()
        return (pgAdmin, pgSchema, conninfo)
    }

    /// The local SkyDriver behind a bearer token over `database` (its 12 demo scans written when `seed`).
    static func startSkyDriver(uri: String, database: String, seed: Bool, port: Int = 0) async throws -> SkyDriverLocalServer {
        var options = SkyDriverLocalOptions(mongoURI: uri)
        options.port = port
        options.database = database
        options.seed = seed ? .always : .never
        options.token = skyDriverToken
        return try await SkyDriverLocalServer.start(options)
    }

    /// Stores seeded once per test process on the shared servers, for the tests that only read
    /// (each checks that nothing changed): seeding is most of what these tests cost.
    struct Shared: Sendable {
        let mongo: MongoClient
        let collections: RunCollections
        let pgAdmin: PostgresPool
        let pgSchema: String
        let conninfo: String
        let skyDatabase: String
        let skyDriver: SkyDriverLocalServer
    }

    static let shared: Task<Shared, any Error> = Task {
        let id = "shared_" + UUID().uuidString.prefix(6).lowercased()
        let uri = try setting("RUNQL_MONGO_URI")
        async let runs = seedRuns(uri: uri, id: id)
        async let cms = seedCMS(conninfo: try setting("RUNQL_PG_CONNINFO"), id: id)
        let skyDatabase = "t_hostile_sky_\(id)"
        async let sky = startSkyDriver(uri: uri, database: skyDatabase, seed: true)
        let (mongo, collections) = try await runs
        let (pgAdmin, pgSchema, conninfo) = try await cms
        return Shared(
            mongo: mongo, collections: collections, pgAdmin: pgAdmin, pgSchema: pgSchema, conninfo: conninfo,
            skyDatabase: skyDatabase, skyDriver: try await sky)
    }

    /// A gateway over the shared demo stores. `runsMongoURI` and `pgConninfo` give the runs and
    /// the CMS registry servers of the test's own (seeded here); `ownSkyDriver` starts a local
    /// SkyDriver of the test's own over the shared scans, which the test may stop. The SkyDriver
    /// timeout is generous (tests of timeouts pass their own): with the whole suite on two cores,
    /// a hostile-input request once waited more than 5 s for the local SkyDriver.
    static func start(
        anonymousRead: Bool = true, skyDriverTimeout: Int = 15, requestTimeout: Double = 30,
        runsMongoURI: String? = nil, pgConninfo: String? = nil, ownSkyDriver: Bool = false
    ) async throws -> DemoGateway {
        let shared = try await shared.value
        let sharedMongoURI = try setting("RUNQL_MONGO_URI")
        let mongoURI = runsMongoURI ?? sharedMongoURI
        let id = UUID().uuidString.prefix(8).lowercased()
        var (mongo, collections) = (shared.mongo, shared.collections)
        if let runsMongoURI { (mongo, collections) = try await seedRuns(uri: runsMongoURI, id: id) }
        var (pgAdmin, pgSchema, conninfo) = (shared.pgAdmin, shared.pgSchema, shared.conninfo)
        if let pgConninfo { (pgAdmin, pgSchema, conninfo) = try await seedCMS(conninfo: pgConninfo, id: id) }
        var skyDriver = shared.skyDriver
        if ownSkyDriver { skyDriver = try await startSkyDriver(uri: sharedMongoURI, database: shared.skyDatabase, seed: false) }
        let owned = Owned(runs: runsMongoURI != nil, cms: pgConninfo != nil, skyDriver: ownSkyDriver)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runql-hostile-\(id)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = """
            {"server": {"port": 0, "eventLoops": 1}, "schema": {"path": "\(schemaPath)"},
             "sources": {
               "mongo": {"collections": {"xenon1t": "\(collections.xenon1T)", "xenonnt": "\(collections.xenonNT)", "xams": "\(collections.xams)"}},
               "postgres": {"poolSize": 4},
               "skydriver": {"baseURL": "http://127.0.0.1:\(skyDriver.port)", "tokenEnv": "HOSTILE_SKY_TOKEN", "timeout": \(skyDriverTimeout)}},
             "logging": {"requests": true, "metrics": false},
             "security": {"anonymousRead": \(anonymousRead), "requestTimeout": \(requestTimeout), "tokens": [
               {"name": "ingest", "sha256": "\(Hex.encode(SHA256.hash(writerToken)))", "roles": ["writer"]},
               {"name": "dash", "sha256": "\(Hex.encode(SHA256.hash(readerToken)))", "roles": ["reader"]}]}}
            """
        let path = dir.appendingPathComponent("runql.json").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        let environment = [
            "RUNQL_MONGO_URI": mongoURI,
            "RUNQL_PG_CONNINFO": conninfo + " password=\(pgPassword)",
            "RUNQL_JWT_SECRET": jwtSecret,
            "HOSTILE_SKY_TOKEN": skyDriverToken,
        ]
        let served = try GatewayServer.start(configPath: path, environment: environment)
        return DemoGateway(
            served: served, configPath: path, environment: environment, owned: owned, mongo: mongo, collections: collections,
            skyDriver: skyDriver, skyDatabase: shared.skyDatabase, skyMongoURI: sharedMongoURI, pgAdmin: pgAdmin, pgSchema: pgSchema, conninfo: conninfo,
            mongoURI: mongoURI)
    }

    /// Another gateway over the same sources, with `overrides` (e.g. `RUNQL_ANONYMOUS_READ`) added
    /// to the environment; the caller stops it.
    func another(_ overrides: [String: String]) throws -> GatewayServer {
        try GatewayServer.start(configPath: configPath, environment: environment.merging(overrides) { $1 })
    }

    /// Stops the local SkyDriver (what the gateway sees as SkyDriver going down); only for a
    /// gateway started with `ownSkyDriver`.
    func stopSkyDriver() async {
        precondition(owned.skyDriver, "the shared SkyDriver serves other tests")
        skyDriver.shutdown()
        await skyDriver.waitUntilStopped()
    }

    /// Starts the local SkyDriver again on the same port over the same store.
    mutating func restartSkyDriver() async throws {
        skyDriver = try await Self.startSkyDriver(uri: skyMongoURI, database: skyDatabase, seed: false, port: skyDriver.port)
    }

    /// Stops the gateway and removes or stops what its test owns; the shared stores stay.
    func stop() async {
        await served.stop()
        if owned.skyDriver {
            skyDriver.shutdown()
            await skyDriver.waitUntilStopped()
        }
        if owned.runs {
            for database in [collections.xenon1T.database, collections.xenonNT.database, collections.xams.database] {
                try? await mongo.database(database).drop()
            }
        }
        if owned.cms {
            _ = try? await pgAdmin.query("DROP SCHEMA \(pgSchema) CASCADE")
            pgAdmin.closeIdle()
        }
    }

    /// Every line both logs wrote so far.
    func logLines() -> [String] { served.logLines() }

    // MARK: Requests

    /// One request of raw bytes; the body is framed with Content-Length.
    func send(method: String = "POST", target: String = "/graphql", headers: [(String, String)] = [], body: [UInt8]?,
              to other: GatewayServer? = nil, receiveTimeout: Double = 60) async throws -> RawClient.Response {
        let port = other?.port ?? self.port
        let client = try RawClient(port: port, receiveTimeout: receiveTimeout)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        client.send(Array((head + "\r\n").utf8) + (body ?? []))
        guard let response = await client.readResponse() else { throw TestGatewayError.noResponse }
        return response
    }

    func post(body: [UInt8], token: String? = nil, contentType: String = "application/json", to other: GatewayServer? = nil) async throws -> RawClient.Response {
        var headers = [("Content-Type", contentType), ("Accept", "application/graphql-response+json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        return try await send(headers: headers, body: body, to: other)
    }

    func post(_ query: String, variables: JSONValue? = nil, operationName: String? = nil, token: String? = nil,
              to other: GatewayServer? = nil) async throws -> RawClient.Response {
        var object: JSONObject = ["query": .string(query)]
        if let variables { object["variables"] = variables }
        if let operationName { object["operationName"] = .string(operationName) }
        return try await post(body: Array(JSONValue.object(object).jsonString.utf8), token: token, to: other)
    }

    // MARK: Fingerprint

    /// Everything stored: each run and SkyDriver collection's documents (by `_id`), each CMS
    /// table's rows (count and MD5 of the sorted row texts) and each sequence's position (a
    /// rolled-back insert still moves it).
    struct Fingerprint: Equatable, CustomStringConvertible {
        var mongo: [String: [BSONDocument]] = [:]
        var postgres: [String: String] = [:]

        var description: String {
            let counts = mongo.keys.sorted().map { "\($0): \(mongo[$0]?.count ?? 0) documents" }
            return (counts + postgres.keys.sorted().map { "\($0): \(postgres[$0] ?? "")" }).joined(separator: "\n")
        }

        /// The collections and tables that differ.
        func differences(from other: Fingerprint) -> [String] {
            Set(mongo.keys).union(other.mongo.keys).filter { mongo[$0] != other.mongo[$0] }.sorted()
                + Set(postgres.keys).union(other.postgres.keys).filter { postgres[$0] != other.postgres[$0] }.sorted()
        }
    }

    var mongoDatabases: [String] {
        [collections.xenon1T.database, collections.xenonNT.database, collections.xams.database, skyDatabase]
    }

    func fingerprint() async throws -> Fingerprint {
        var print = Fingerprint()
        let sky = try MongoClient(uri: skyMongoURI, threads: 2)
        for database in Set(mongoDatabases).sorted() {
            let client = database == skyDatabase ? sky : mongo
            let listed = try await client.runCommand(["listCollections": .int32(1), "nameOnly": .bool(true)], in: database)
            var names: [String] = []
            if case .document(let cursor)? = listed["cursor"], case .array(let batch)? = cursor["firstBatch"] {
                for case .document(let entry) in batch { if case .string(let name)? = entry["name"] { names.append(name) } }
            }
            for name in names.sorted() {
                print.mongo["\(database).\(name)"] = try await client.collection(name, in: database)
                    .find([:], options: FindOptions(sort: ["_id": .int32(1)]))
            }
        }
        let tables = try await pgAdmin.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name", [.text(pgSchema)])
        for row in tables.rows {
            guard let table = row["table_name"]?.stringValue else { continue }
            let r = try await pgAdmin.query(
                "SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') AS f FROM \(pgSchema).\"\(table)\" t")
            print.postgres[table] = r.rows.first?["f"]?.stringValue ?? "?"
        }
        let sequences = try await pgAdmin.query(
            "SELECT sequencename, coalesce(last_value::text, 'unused') AS v FROM pg_sequences WHERE schemaname = $1", [.text(pgSchema)])
        for row in sequences.rows {
            print.postgres["sequence " + (row["sequencename"]?.stringValue ?? "?")] = row["v"]?.stringValue ?? "?"
        }
        return print
    }
}

/// A gateway built from a runql.json as `ServeCommand.makeGateway` builds it, with the error log
/// and the request log captured.
struct GatewayServer {
    let server: HTTPServer
    let handler: GraphQLHTTPHandler
    let requestLog: RequestLog
    let log: LogCapture
    var port: Int { server.port }

    static func start(configPath: String, environment: [String: String]) throws -> GatewayServer {
        let configuration = try ServeCommand.loadConfiguration(["--config", configPath], environment: environment)
        let bound = try RegistryBinding.bind(CommandSupport.loadSchema(at: configuration.schema.path), sources: configuration.sources)
        let executable = try CommandSupport.executableSchema(bound.schema, resolvers: bound.resolvers, typeResolvers: bound.typeResolvers)
        let log = LogCapture()
        let handler = GraphQLHTTPHandler(
            executable: executable, rootValue: .json(.null), policy: try configuration.security.policy(), errorLog: log.log)
        let requestLog = RequestLog(sink: log.sink)
        let sources = configuration.sources
        let router = Router(
            graphQL: handler, readiness: { await SourceReadiness.check(sources).map { ($0.name, $0.ready, $0.detail) } },
            observer: RequestObserver(metrics: nil, log: requestLog))
        let server = HTTPServer(configuration: configuration.server.httpConfiguration) { await router.handle($0) }
        try server.start()
        return GatewayServer(server: server, handler: handler, requestLog: requestLog, log: log)
    }

    func stop() async {
        server.shutdown(deadline: 2)
        await withCheckedContinuation { continuation in Thread { server.wait(); continuation.resume() }.start() }
    }

    /// Every line both logs wrote so far.
    func logLines() -> [String] {
        requestLog.flush()
        return log.lines
    }
}

/// The parsed JSON body's object, or nil.
func jsonObject(_ response: RawClient.Response) -> JSONObject? {
    if case .object(let o)? = json(response) { o } else { nil }
}

/// Every `errors[].extensions.code`.
func errorCodes(_ response: RawClient.Response) -> [String] {
    guard case .list(let errors)? = jsonObject(response)?["errors"] else { return [] }
    return errors.compactMap { error in
        if case .object(let e) = error, case .object(let ext)? = e["extensions"], case .string(let code)? = ext["code"] { code } else { nil }
    }
}
