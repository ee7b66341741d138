// One graph over every registry, end to end through `runql serve`'s gateway: `runs` merging
// XENON1T, XENONnT, XAMS (SecantusDB, collections of the test's own) and CMS (PostgreSQL, a
// schema of the test's own) into one ordering with cursors that page across them; a source
// that fails leaves only its own runs out; `nodes` fails only the ids of a failing registry.

import Foundation
import GraphQLKit
import Testing
@testable import Gateway
@testable import Resolvers

private let schemaFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Schema").path

private func setting(_ name: String) throws -> String {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
        Issue.record("\(name) is not set: run the tests with ./test (it starts PostgreSQL and SecantusDB)")
        throw CancellationError()
    }
    return value
}

private let hour: Int64 = 3_600_000
private let t0: Int64 = 1_600_000_000_000

/// The runs every test starts from: (experiment, number, start offset in hours, tags).
/// Equal start times across experiments (+3 h) exercise the tie-break by experiment.
private let fixture: [(experiment: String, number: Int, hours: Int64?, tags: [String])] = [
    ("XENON1T", 100, 0, ["_sr1"]), ("XENON1T", 101, 3, []),
    ("XENONNT", 7000, 1, ["_sr1", "messy"]), ("XENONNT", 7001, 4, []), ("XENONNT", 7002, 3, []),
    ("XAMS", 50, 2, ["_sr1"]),
    ("CMS", 315000, 1, []), ("CMS", 315001, 5, []), ("CMS", 315002, 3, []), ("CMS", 315003, nil, []),
]

private struct OneGraph {
    let server: HTTPServer
    let mongo: MongoClient
    let collections: RunCollections
    let admin: PostgresPool
    let pgSchema: String

    /// `postgres: false` points PostgreSQL at a closed port; `skydriverDown` configures a
    /// SkyDriver that is not there; `mongo: false` leaves the XENON/XAMS registries unconfigured.
    static func start(mongo useMongo: Bool = true, postgres: Bool = true, skydriverDown: Bool = false) async throws -> OneGraph {
        let uri = try setting("RUNQL_MONGO_URI"), conninfo = try setting("RUNQL_PG_CONNINFO")
        let tag = UUID().uuidString.prefix(8).lowercased()
        let collections = RunCollections().prefixed("t_graph_\(tag)_")
        let pgSchema = "graph_\(tag)"
        let admin = PostgresPool(PostgresConfiguration(conninfo: conninfo, maximumConnections: 1))
        try await admin.query("CREATE SCHEMA \(pgSchema)")
        let pool = PostgresPool(PostgresConfiguration(conninfo: conninfo + " options='-csearch_path=\(pgSchema)'", maximumConnections: 2))
        try await CMSMigrations.apply(pool)
        let mongo = try MongoClient(uri: uri)
        try await insert(mongo, collections, pool)

        var sources: [String] = []
        if useMongo {
            sources.append("""
                "mongo": {"uri": \(JSONValue.string(uri).jsonString), "collections": {
                  "xenon1t": "\(collections.xenon1T)", "xenonnt": "\(collections.xenonNT)", "xams": "\(collections.xams)"}}
                """)
        }
        let pgInfo = postgres ? conninfo + " options='-csearch_path=\(pgSchema)'" : "host=127.0.0.1 port=\(unusedPort()) user=postgres dbname=runql connect_timeout=2"
        sources.append(#""postgres": {"conninfo": \#(JSONValue.string(pgInfo).jsonString), "poolSize": 2}"#)
        if skydriverDown { sources.append(#""skydriver": {"baseURL": "http://127.0.0.1:\#(unusedPort())", "timeout": 2}"#) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runql-graph-\(tag)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try """
            {"server": {"port": 0, "eventLoops": 1}, "schema": {"path": "\(schemaFolder)"},
             "sources": {\(sources.joined(separator: ", "))}, "logging": {"requests": false, "metrics": false}}
            """.write(to: dir.appendingPathComponent("runql.json"), atomically: true, encoding: .utf8)
        let configuration = try ServeCommand.loadConfiguration(["--config", dir.appendingPathComponent("runql.json").path], environment: [:])
        let (server, _) = try ServeCommand.makeGateway(configuration, log: nil)
        try server.start()
        return OneGraph(server: server, mongo: mongo, collections: collections, admin: admin, pgSchema: pgSchema)
    }

    private static func insert(_ mongo: MongoClient, _ collections: RunCollections, _ pool: PostgresPool) async throws {
        func date(_ hours: Int64?) -> BSONValue {
            hours.map { .datetime(BSONDateTime(millisecondsSinceEpoch: t0 + $0 * hour)) } ?? .null
        }
        func tags(_ names: [String]) -> BSONValue { .array(names.map { .document(["name": .string($0), "user": .string("test")]) }) }
        for (experiment, address) in [("XENON1T", collections.xenon1T), ("XENONNT", collections.xenonNT), ("XAMS", collections.xams)] {
            let documents: [BSONDocument] = fixture.filter { $0.experiment == experiment }.map { run in
                var d: BSONDocument = ["number": .int32(Int32(run.number)), "start": date(run.hours), "tags": tags(run.tags)]
                if experiment == "XENON1T" { d["name"] = .string("run_\(run.number)") }
                return d
            }
            _ = try await mongo.collection(address.collection, in: address.database).insertMany(documents)
        }
        let formatter = ISO8601DateFormatter()
        for run in fixture where run.experiment == "CMS" {
            let oms: String = run.hours.map {
                #"{"start_time": "\#(formatter.string(from: Date(timeIntervalSince1970: Double(t0 + $0 * hour) / 1000)))"}"#
            } ?? "{}"
            try await pool.query(#"INSERT INTO "Run" (run_number, oms_attributes, rr_attributes, version) VALUES ($1::int, $2::jsonb, '{"class": "Collisions18"}', 1)"#,
                                 [.int(run.number), .text(oms)])
        }
    }

    func stop() async {
        server.shutdown(deadline: 2)
        await withCheckedContinuation { continuation in Thread { server.wait(); continuation.resume() }.start() }
        for address in [collections.xenon1T, collections.xenonNT, collections.xams] { try? await mongo.database(address.database).drop() }
        _ = try? await admin.query("DROP SCHEMA \(pgSchema) CASCADE")
    }

    func post(_ query: String, variables: String = "{}") async throws -> JSONValue {
        let body = "{\"query\":" + JSONValue.string(query).jsonString + ",\"variables\":" + variables + "}"
        // A hang guard only: the whole suite shares one SecantusDB, slow when busy.
        let raw = try RawClient(port: server.port, receiveTimeout: 300)
        raw.send("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/graphql-response+json\r\n"
                 + "Content-Length: \(body.utf8.count)\r\n\r\n" + body)
        let response = try #require(await raw.readResponse())
        return try JSONParser.parse(Array(response.body.utf8))
    }

    /// Every page of `runs` with `arguments`, `size` at a time: (experiment, number) in order.
    func pages(_ arguments: String, size: Int) async throws -> [String] {
        var out: [String] = []
        var after = "null"
        for _ in 0..<50 {
            let json = try await post("""
                query($after: String) { runs(\(arguments), first: \(size), after: $after) {
                  edges { cursor node { experiment number } } pageInfo { hasNextPage hasPreviousPage endCursor } } }
                """, variables: #"{"after": \#(after)}"#)
            let connection = try #require(json.asObject?["data"]?.asObject?["runs"]?.asObject, "\(json)")
            let edges = connection["edges"]?.asList ?? []
            out += edges.map { e in
                let node = e.asObject?["node"]?.asObject
                return "\(node?["experiment"]?.asString ?? "?") \(node?["number"].flatMap { if case .int(let n) = $0 { n } else { nil } } ?? -1)"
            }
            let info = connection["pageInfo"]?.asObject
            #expect(info?["hasPreviousPage"] == .bool(after != "null"))
            guard info?["hasNextPage"] == .bool(true), case .string(let cursor)? = info?["endCursor"] else { break }
            #expect(edges.count == size)
            after = JSONValue.string(cursor).jsonString
        }
        return out
    }
}

private func withGraph(mongo: Bool = true, postgres: Bool = true, skydriverDown: Bool = false, _ body: (OneGraph) async throws -> Void) async throws {
    let graph = try await OneGraph.start(mongo: mongo, postgres: postgres, skydriverDown: skydriverDown)
    do { try await body(graph) } catch {
        await graph.stop()
        throw error
    }
    await graph.stop()
}

/// The fixture in the order `runs` must give: by value (missing lowest), then experiment in
/// the enum's order, then number within the experiment, all in the same direction.
private func expected(byStart: Bool, ascending: Bool, _ keep: (String, Int, Int64?, [String]) -> Bool = { _, _, _, _ in true }) -> [String] {
    let rank = ["XENON1T": 0, "XENONNT": 1, "XAMS": 2, "CMS": 3]
    let runs = fixture.filter { keep($0.experiment, $0.number, $0.hours, $0.tags) }
    let sorted = runs.sorted { a, b in
        let av = byStart ? a.hours.map(Int.init) ?? Int.min : a.number, bv = byStart ? b.hours.map(Int.init) ?? Int.min : b.number
        let ka = (av, rank[a.experiment] ?? 0, a.number), kb = (bv, rank[b.experiment] ?? 0, b.number)
        return ascending ? ka < kb : ka > kb
    }
    return sorted.map { "\($0.experiment) \($0.number)" }
}

@Suite struct OneGraphTests {
    /// A root field that fails must cost only itself: a non-null root field's error would null
    /// the whole `data`, other registries' answers (and earlier mutations' results) with it.
    @Test func everyRootFieldThatReachesASourceIsNullable() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: schemaFolder).filter { $0.hasSuffix(".graphql") }.sorted()
        let schema = try Schema(sources: try names.map { Source(try String(contentsOfFile: schemaFolder + "/" + $0, encoding: .utf8), name: $0) })
        // Answered without a source: ids, the list of sources.
        let sourceless: Set<String> = ["Query.nodes", "Query.sources"]
        for root in ["Query", "Mutation"] {
            let fields = try #require(schema.type(named: root)?.fields)
            #expect(fields.count > 5)
            for field in fields where !sourceless.contains("\(root).\(field.name)") {
                if case .nonNull = field.type { Issue.record("\(root).\(field.name) is non-null: \(field.type)") }
            }
        }
    }

    /// `runs` is bound only where it is RunQL's RunConnection: an in-memory schema with a `runs`
    /// list of its own (`runql serve --data`, the HTTP benchmark) keeps its default resolver.
    @Test func runsIsBoundOnlyToRunQLsOwnField() throws {
        let foreign = try Schema(sdl: "type Run { number: Int } type Query { runs: [Run!]! }")
        #expect(try RegistryBinding.bind(foreign, sources: GatewayConfiguration.SourceSettings()).resolvers["Query.runs"] == nil)
        let names = try FileManager.default.contentsOfDirectory(atPath: schemaFolder).filter { $0.hasSuffix(".graphql") }.sorted()
        let own = try Schema(sources: try names.map { Source(try String(contentsOfFile: schemaFolder + "/" + $0, encoding: .utf8), name: $0) })
        #expect(try RegistryBinding.bind(own, sources: GatewayConfiguration.SourceSettings()).resolvers["Query.runs"] != nil)
    }

    @Test func runsMergeEveryRegistryInOneOrderingAndPageAcrossThem() async throws {
        try await withGraph { graph in
            let newestFirst = expected(byStart: true, ascending: false)
            #expect(newestFirst.first == "CMS 315001" && newestFirst.last == "CMS 315003")
            for size in [1, 2, 3, 4, 100] {
                let got1 = try await graph.pages("", size: size)
                #expect(got1 == newestFirst, "page size \(size)")
            }
            let oldestFirst = expected(byStart: true, ascending: true)
            let got2 = try await graph.pages("orderBy: {field: START, direction: ASC}", size: 3)
            #expect(got2 == oldestFirst)
            let got3 = try await graph.pages("orderBy: {field: NUMBER, direction: ASC}", size: 4)
            #expect(got3 == expected(byStart: false, ascending: true))
            let got4 = try await graph.pages("orderBy: {field: NUMBER}", size: 2)
            #expect(got4 == expected(byStart: false, ascending: false))
        }
    }

    @Test func runsFilterByExperimentsAndWhereAndCountAll() async throws {
        try await withGraph { graph in
            let got5 = try await graph.pages("experiments: [CMS, XAMS]", size: 2)
            #expect(got5 == expected(byStart: true, ascending: false) { e, _, _, _ in e == "CMS" || e == "XAMS" })
            // CMS runs have no tags, so a tag condition matches none of them.
            let got6 = try await graph.pages(#"where: {tag: "_sr1"}"#, size: 2)
            #expect(got6 == expected(byStart: true, ascending: false) { _, _, _, tags in tags.contains("_sr1") })
            let got7 = try await graph.pages(#"where: {not: {tag: "_sr1"}, start: {gte: "2020-09-13T13:26:40Z"}}"#, size: 2)
            #expect(got7 == expected(byStart: true, ascending: false) { _, _, hours, tags in !tags.contains("_sr1") && (hours ?? -1) >= 1 })
            let got8 = try await graph.pages("where: {or: [{number: {lt: 100}}, {number: {gte: 315002}}]}", size: 3)
            #expect(got8 == expected(byStart: true, ascending: false) { _, n, _, _ in n < 100 || n >= 315002 })

            let counted = try await graph.post(#"{ all: runs { totalCount unavailable { experiment } } cms: runs(experiments: [CMS], where: {number: {gte: 315001}}) { totalCount } }"#)
            #expect(counted.asObject?["data"] == .object([
                "all": .object(["totalCount": .int(fixture.count), "unavailable": .list([])]),
                "cms": .object(["totalCount": .int(3)]),
            ]), "\(counted)")
        }
    }

    @Test func runsFetchWhatEachRunTypeSelects() async throws {
        try await withGraph { graph in
            let json = try await graph.post("""
                { runs(experiments: [XENON1T, CMS], orderBy: {field: NUMBER, direction: ASC}, first: 3) {
                    edges { node { __typename number ... on XenonRun { name tags { name } } ... on CmsRun { class start } } } } }
                """)
            #expect(json == .object(["data": .object(["runs": .object(["edges": .list([
                .object(["node": .object(["__typename": .string("XenonRun"), "number": .int(100), "name": .string("run_100"), "tags": .list([.object(["name": .string("_sr1")])])])]),
                .object(["node": .object(["__typename": .string("XenonRun"), "number": .int(101), "name": .string("run_101"), "tags": .list([])])]),
                .object(["node": .object(["__typename": .string("CmsRun"), "number": .int(315000), "class": .string("Collisions18"), "start": .string("2020-09-13T13:26:40.000Z")])]),
            ])])])]), "\(json)")
        }
    }

    @Test func runsRefuseBadArgumentsWithClearErrors() async throws {
        try await withGraph { graph in
            let first = try await graph.post("{ runs(first: 2) { pageInfo { endCursor } } }")
            let cursor = try #require(first.asObject?["data"]?.asObject?["runs"]?.asObject?["pageInfo"]?.asObject?["endCursor"]?.asString)
            let cases: [(String, String)] = [
                ("runs(first: 2, orderBy: {field: NUMBER}, after: \"\(cursor)\")", "The cursor in `after` belongs to runs ordered by START DESC, not by NUMBER DESC: pass the same `orderBy`."),
                ("runs(after: \"bm90IGEgY3Vyc29y\")", "Invalid cursor in `after`: pass a cursor from `runs`."),
                ("runs(after: \"%%%\")", "Invalid cursor in `after`: pass a cursor from `runs`."),
                ("runs(first: 0)", "`first` must be between 1 and 1000; got 0."),
                ("runs(first: 1001)", "`first` must be between 1 and 1000; got 1001."),
                ("runs(experiments: [])", "`experiments` is empty: name at least one, or omit it for all."),
            ]
            for (field, message) in cases {
                let json = try await graph.post("{ \(field) { nodes { number } } }")
                let error = json.asObject?["errors"]?.asList?.first?.asObject
                #expect(error?["message"]?.asString == message, "\(field): \(json)")
                #expect(error?["extensions"]?.asObject?["code"]?.asString == "BAD_USER_INPUT")
                #expect(error?["path"] == .list([.string("runs")]))
            }
            // A cursor from another connection (xenonRuns) is not a `runs` cursor.
            let xenon = try await graph.post("{ xenonRuns(first: 1) { pageInfo { endCursor } } }")
            let xenonCursor = try #require(xenon.asObject?["data"]?.asObject?["xenonRuns"]?.asObject?["pageInfo"]?.asObject?["endCursor"]?.asString)
            let refused = try await graph.post("{ runs(after: \"\(xenonCursor)\") { nodes { number } } }")
            #expect(refused.asObject?["errors"]?.asList?.first?.asObject?["message"]?.asString == "Invalid cursor in `after`: pass a cursor from `runs`.")
        }
    }

    @Test func aFailingSourceLeavesOnlyItsRunsOutAndTheCursorStaysValid() async throws {
        try await withGraph(postgres: false) { graph in
            let json = try await graph.post("""
                { runs(first: 3) { nodes { experiment number } pageInfo { hasNextPage endCursor } unavailable { experiment code message } }
                  xenonRun(number: 7001) { number } }
                """)
            let data = json.asObject?["data"]?.asObject
            let runs = data?["runs"]?.asObject
            let numbers = runs?["nodes"]?.asList?.compactMap { $0.asObject?["number"] } ?? []
            let withoutCMS = expected(byStart: true, ascending: false) { e, _, _, _ in e != "CMS" }
            #expect(numbers.count == 3 && withoutCMS.prefix(3).map { Int($0.split(separator: " ")[1]) ?? 0 }.map(JSONValue.int) == numbers, "\(json)")
            let unavailable = runs?["unavailable"]?.asList?.first?.asObject
            #expect(unavailable?["experiment"] == .string("CMS"))
            #expect(unavailable?["code"] == .string("SOURCE_UNAVAILABLE"))
            #expect(unavailable?["message"]?.asString?.contains("port=") == false, "no connection string in \(json)")
            #expect(data?["xenonRun"]?.asObject?["number"] == .int(7001))
            #expect(json.asObject?["errors"] == nil)
        }
        try await withGraph(mongo: false) { graph in
            let got9 = try await graph.pages("", size: 2)
            #expect(got9 == expected(byStart: true, ascending: false) { e, _, _, _ in e == "CMS" })
            let json = try await graph.post("{ runs { unavailable { experiment code } } }")
            #expect(json.asObject?["data"]?.asObject?["runs"]?.asObject?["unavailable"] == .list(["XENON1T", "XENONNT", "XAMS"].map {
                .object(["experiment": .string($0), "code": .string("SOURCE_NOT_CONFIGURED")])
            }), "\(json)")
        }
    }

    @Test func everyRunsIDResolvesThroughNodeAndNodes() async throws {
        try await withGraph { graph in
            let page = try await graph.post("{ runs(first: 100) { nodes { id __typename experiment number } } }")
            let runs = page.asObject?["data"]?.asObject?["runs"]?.asObject?["nodes"]?.asList ?? []
            #expect(runs.count == fixture.count, "\(page)")
            #expect(Set(runs.compactMap { $0.asObject?["__typename"]?.asString }) == ["XenonRun", "XamsRun", "CmsRun"])
            let ids = runs.compactMap { $0.asObject?["id"] }
            let variables = JSONValue.object(["ids": .list(ids)]).jsonString
            let json = try await graph.post("query($ids: [ID!]!) { nodes(ids: $ids) { id __typename ... on Run { experiment number } } }", variables: variables)
            #expect(json.asObject?["data"]?.asObject?["nodes"] == .list(runs), "\(json)")
            for run in runs.prefix(4) {
                let one = try await graph.post("query($id: ID!) { node(id: $id) { id __typename ... on Run { experiment number } } }",
                                               variables: JSONValue.object(["id": run.asObject?["id"] ?? .null]).jsonString)
                #expect(one.asObject?["data"]?.asObject?["node"] == run)
            }
        }
    }

    @Test func nodesFailOnlyTheIDsOfAFailingRegistry() async throws {
        try await withGraph(skydriverDown: true) { graph in
            let page = try await graph.post("{ runs(experiments: [XENONNT, CMS], first: 2) { nodes { id } } }")
            let ids = (page.asObject?["data"]?.asObject?["runs"]?.asObject?["nodes"]?.asList ?? []).compactMap { $0.asObject?["id"]?.asString }
            #expect(ids.count == 2, "\(page)")
            let scanID = GlobalID(typeName: "Scan", key: "0123456789abcdef0123456789abcdef").encoded
            let json = try await graph.post(#"query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Run { number } } }"#,
                                            variables: #"{"ids": [\#(JSONValue.string(ids[0]).jsonString), \#(JSONValue.string(scanID).jsonString), \#(JSONValue.string(ids[1]).jsonString)]}"#)
            let nodes = json.asObject?["data"]?.asObject?["nodes"]?.asList ?? []
            #expect(nodes.count == 3, "\(json)")
            #expect(nodes.first?.asObject?["number"] != nil && nodes.last?.asObject?["number"] != nil)
            #expect(nodes.count == 3 && nodes[1] == .null)
            let error = json.asObject?["errors"]?.asList?.first?.asObject
            #expect(error?["path"] == .list([.string("nodes"), .int(1)]), "\(json)")
            #expect(["SOURCE_UNAVAILABLE", "SOURCE_TIMEOUT"].contains(error?["extensions"]?.asObject?["code"]?.asString ?? ""), "\(json)")
        }
    }
}
