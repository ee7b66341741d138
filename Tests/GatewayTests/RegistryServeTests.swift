// The XENON and XAMS registries end to end: runql.json naming SecantusDB and collections of the
// test's own, the repository's Schema/, and requests over real sockets with API tokens, as
// `runql serve` runs them.

import Foundation
import GraphQLKit
import Resolvers
import Testing
@testable import Gateway

private struct RegistryGateway {
    let server: HTTPServer
    let client: MongoClient
    let collections: RunCollections

    static let writerToken = "wr1ter-t0ken"
    static let readerToken = "re4der-t0ken"
    static let schemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Schema").path

    static func mongoURI() throws -> String {
        guard let uri = ProcessInfo.processInfo.environment["RUNQL_MONGO_URI"], !uri.isEmpty else {
            Issue.record("RUNQL_MONGO_URI is not set: run the tests with ./test (it starts SecantusDB)")
            throw CancellationError()
        }
        return uri
    }

    /// `mongo: false` leaves the registries unconfigured.
    static func start(mongo: Bool = true) async throws -> RegistryGateway {
        let uri = try mongoURI()
        let prefix = "t_serve_\(UUID().uuidString.prefix(8).lowercased())_"
        let collections = RunCollections().prefixed(prefix)
        let sources = mongo ? """
            "sources": {"mongo": {"uri": \(JSONValue.string(uri).jsonString), "collections": {
              "xenon1t": "\(collections.xenon1T)", "xenonnt": "\(collections.xenonNT)", "xams": "\(collections.xams)"}}},
            """ : ""
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runql-registry-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = """
            {"server": {"port": 0, "eventLoops": 1}, "schema": {"path": "\(schemaPath)"}, \(sources)
             "logging": {"requests": false, "metrics": false},
             "security": {"tokens": [
               {"name": "ingest", "sha256": "\(Hex.encode(SHA256.hash(writerToken)))", "roles": ["writer"]},
               {"name": "dash", "sha256": "\(Hex.encode(SHA256.hash(readerToken)))", "roles": ["reader"]}]}}
            """
        try config.write(to: dir.appendingPathComponent("runql.json"), atomically: true, encoding: .utf8)
        let configuration = try ServeCommand.loadConfiguration(["--config", dir.appendingPathComponent("runql.json").path], environment: [:])
        let (server, _) = try ServeCommand.makeGateway(configuration, log: nil)
        try server.start()
        let client = try MongoClient(uri: uri)
        let nt = client.collection(collections.xenonNT.collection, in: collections.xenonNT.database)
        _ = try await nt.insertMany([
            [
                "number": .int32(7200), "detectors": .array([.string("tpc")]), "source": .string("none"),
                "start": .datetime(BSONDateTime(millisecondsSinceEpoch: 1_600_000_000_000)),
                "end": .datetime(BSONDateTime(millisecondsSinceEpoch: 1_600_003_600_000)),
                "data": .array([.document(["type": .string("live"), "host": .string("daq"), "location": .string("/live/007200")])]),
            ]
        ])
        return RegistryGateway(server: server, client: client, collections: collections)
    }

    func stop() async {
        server.shutdown(deadline: 2)
        await withCheckedContinuation { continuation in
            Thread { server.wait(); continuation.resume() }.start()
        }
        for address in [collections.xenon1T, collections.xenonNT, collections.xams] {
            try? await client.database(address.database).drop()
        }
    }

    func post(_ query: String, token: String?) async throws -> RawClient.Response {
        let body = "{\"query\":" + JSONValue.string(query).jsonString + "}"
        let raw = try RawClient(port: server.port)
        var head = "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/graphql-response+json\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        raw.send(head + "Content-Length: \(body.utf8.count)\r\n\r\n" + body)
        return try #require(await raw.readResponse())
    }
}

@Suite struct RegistryServeTests {
    static let remove = """
        mutation { removeDataLocation(run: {experiment: XENONNT, number: 7200}, key: {type: "live", host: "daq", location: "/live/007200"}, reason: "moved") {
          number data { type } deletedData { by reason } } }
        """

    @Test func readersQueryAndOnlyWritersChangeRuns() async throws {
        let gateway = try await RegistryGateway.start()
        let read = try await gateway.post("{ xenonRuns(where: {pseudoStatus: NEW_RUN}) { totalCount nodes { number pseudoStatus data { host } } } }", token: RegistryGateway.readerToken)
        #expect(read.status == 200)
        #expect(read.body == #"{"data":{"xenonRuns":{"totalCount":1,"nodes":[{"number":7200,"pseudoStatus":"NEW_RUN","data":[{"host":"daq"}]}]}}}"#)

        let refused = try await gateway.post(Self.remove, token: RegistryGateway.readerToken)
        #expect(refused.status == 403)
        let nt = gateway.client.collection(gateway.collections.xenonNT.collection, in: gateway.collections.xenonNT.database)
        #expect(try await nt.findOne(["number": .int32(7200)])?["deleted_data"] == nil)

        let written = try await gateway.post(Self.remove, token: RegistryGateway.writerToken)
        #expect(written.status == 200)
        #expect(written.body == #"{"data":{"removeDataLocation":{"number":7200,"data":[],"deletedData":[{"by":"ingest","reason":"moved"}]}}}"#)
        await gateway.stop()
    }

    @Test func sourcesReportKindReachabilityAndLatency() async throws {
        let gateway = try await RegistryGateway.start()
        let response = try await gateway.post("{ sources { name kind registries configured reachable latencyMs } }", token: RegistryGateway.readerToken)
        #expect(response.status == 200)
        guard case .object(let top) = try JSONParser.parse(response.body), case .object(let data)? = top["data"],
              case .list(let sources)? = data["sources"], sources.count == 3,
              case .object(let mongo) = sources[0], case .object(let postgres) = sources[1]
        else {
            Issue.record("unexpected answer \(response.body)")
            await gateway.stop()
            return
        }
        #expect(mongo["name"] == .string("mongodb") && mongo["kind"] == .string("MONGODB"))
        #expect(mongo["configured"] == .bool(true) && mongo["reachable"] == .bool(true))
        if case .double(let ms)? = mongo["latencyMs"] { #expect(ms >= 0) } else { Issue.record("no latency: \(mongo)") }
        #expect(postgres["configured"] == .bool(false) && postgres["reachable"] == .null && postgres["latencyMs"] == .null)
        #expect(!response.body.contains("127.0.0.1"))
        await gateway.stop()
    }

    @Test func anUnconfiguredRegistryFailsOnlyItsFields() async throws {
        let gateway = try await RegistryGateway.start(mongo: false)
        let response = try await gateway.post("{ __typename xenonRun(number: 7200) { number } }", token: RegistryGateway.readerToken)
        #expect(response.status == 200)
        #expect(response.body.contains(#""data":{"__typename":"Query","xenonRun":null}"#))
        #expect(response.body.contains(#""path":["xenonRun"]"#))
        #expect(response.body.contains("SOURCE_NOT_CONFIGURED"))
        #expect(response.body.contains("set sources.mongo.uri in runql.json or RUNQL_MONGO_URI"))
        await gateway.stop()
    }
}
