// The local SkyDriver upstream end to end: started in-process on port 0 over SecantusDB with a
// database of each test's own (dropped after), every route called over a raw socket, SkyDriver's
// validation messages and status codes, redirects, deletes, rescans and the seed's lifecycle.

import Foundation
import GraphQLKit
import Resolvers
import Testing
@testable import Gateway

private struct SkyReply {
    var status: Int
    var headers: [String: String]
    var body: String
    var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }

    subscript(_ keys: String...) -> JSONValue? {
        var value: JSONValue? = json
        for key in keys {
            guard case .object(let o)? = value else { return nil }
            value = o[key]
        }
        return value
    }

    /// SkyDriver's error body for a status and reason.
    func isError(_ code: Int, _ reason: String) -> Bool {
        status == code && json == .object(["code": .int(code), "error": .string(reason)])
    }
}

private struct Upstream {
    let server: SkyDriverLocalServer
    let client: MongoClient
    let database: String

    static func start(seed: SkyDriverLocalOptions.SeedMode = .always, token: String? = nil) async throws -> Upstream {
        guard let uri = ProcessInfo.processInfo.environment["RUNQL_MONGO_URI"], !uri.isEmpty else {
            Issue.record("RUNQL_MONGO_URI is not set: run the tests with scripts/services.sh (it starts SecantusDB)")
            throw CancellationError()
        }
        let database = "t_sky_\(UUID().uuidString.prefix(8).lowercased())"
        var options = SkyDriverLocalOptions(mongoURI: uri)
        options.port = 0
        options.database = database
        options.seed = seed
        options.token = token
        let server = try await SkyDriverLocalServer.start(options)
        return Upstream(server: server, client: try MongoClient(uri: uri), database: database)
    }

    func stop() async {
        server.shutdown()
        try? await client.database(database).drop()
    }

    func call(_ method: String, _ target: String, json body: String? = nil, headers extra: [String] = [],
              contentType: String = "application/json") async throws -> SkyReply {
        // A safety net against a hung server, not a time limit: SecantusDB serves half-megabyte
        // results slowly when the whole suite runs on two cores.
        let client = try RawClient(port: server.port, receiveTimeout: 120)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        for header in extra { head += header + "\r\n" }
        if let body {
            head += "Content-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        } else {
            head += "\r\n"
        }
        client.send(head)
        guard let response = await client.readResponse() else { throw RawClient.ClientError.connectFailed }
        return SkyReply(status: response.status, headers: response.headers, body: response.body)
    }

    func get(_ target: String) async throws -> SkyReply { try await call("GET", target) }

    func state(_ scanID: String) async throws -> String? {
        try await get("/scan/\(scanID)/status?no_redirect=true")["scan_state"]?.stringValue
    }
}

/// Runs `body` against a fresh upstream and always stops it and drops its database.
private func withUpstream(seed: SkyDriverLocalOptions.SeedMode = .always, token: String? = nil,
                          _ body: (Upstream) async throws -> Void) async throws {
    let upstream = try await Upstream.start(seed: seed, token: token)
    do { try await body(upstream) } catch {
        await upstream.stop()
        throw error
    }
    await upstream.stop()
}

private func id(_ label: String) -> String { SkyDriverSeed.scanID(label) }

@Suite(.serialized) struct SkyDriverLocalTests {
    // MARK: Routing, auth, error shape

    @Test func pingsUnknownRoutesAndMethods() async throws {
        try await withUpstream(seed: .never) { sky in
            let ping = try await sky.get("/")
            #expect(ping.status == 200 && ping.body == "{}")
            #expect(ping.headers["content-type"] == "application/json; charset=UTF-8")
            #expect(try await sky.call("POST", "/", json: "{}").isError(405, "Method Not Allowed"))
            #expect(try await sky.get("/nope").isError(404, "Not Found"))
            #expect(try await sky.get("/scan/has-dash/status").isError(404, "Not Found"))
            #expect(try await sky.get("/scans/backlog/").isError(404, "Not Found"))
            #expect(try await sky.call("PUT", "/scan/abc").isError(405, "Method Not Allowed"))
            #expect(try await sky.get("/scan/unknown").isError(404, "Not Found"))
            #expect(try await sky.get("/scans/backlog")["entries"] == .list([]))
        }
    }

    @Test func requiresTheConfiguredBearerToken() async throws {
        try await withUpstream(seed: .never, token: "s3cret") { sky async throws in
            #expect(try await sky.get("/").isError(403, "authentication failed"))
            #expect(try await sky.call("GET", "/", headers: ["Authorization: Bearer wrong"]).isError(403, "authentication failed"))
            #expect(try await sky.call("GET", "/", headers: ["Authorization: Basic s3cret"]).isError(403, "authentication failed"))
            #expect(try await sky.call("GET", "/", headers: ["Authorization: Bearer s3cret"]).status == 200)
            // Routing comes first: an unknown path is 404 even without a token.
            #expect(try await sky.get("/nope").isError(404, "Not Found"))
        }
    }

    // MARK: The seed

    @Test func seedCoversTheWholeLifecycle() async throws {
        try await withUpstream { sky in
            let report = try #require(sky.server.seedReport)
            #expect(report.scans == 12)
            let expected: [(String, String)] = [
                ("backlog-alert", "PENDING__PRESTARTUP"), ("backlog-sim", "PENDING__PRESTARTUP"),
                ("server-startup", "PENDING__WAITING_ON_SCANNER_SERVER_STARTUP"),
                ("first-pixel", "IN_PROGRESS__WAITING_ON_FIRST_PIXEL_RECO"), ("partial", "IN_PROGRESS__PARTIAL_RESULT_GENERATED"),
                ("final-real", "SCAN_HAS_FINAL_RESULT"), ("final-sim", "SCAN_HAS_FINAL_RESULT"),
                ("deleted", "ABORTED__PARTIAL_RESULT_GENERATED"), ("replaced", "IN_PROGRESS__WAITING_ON_FIRST_PIXEL_RECO"),
                ("rescan", "SCAN_HAS_FINAL_RESULT"), ("v1-final", "SCAN_HAS_FINAL_RESULT"),
                ("v1-stopped", "STOPPED__PARTIAL_RESULT_GENERATED"),
            ]
            for (label, state) in expected {
                let status = try await sky.get("/scan/\(id(label))/status?no_redirect=true")
                #expect(status["scan_state"] == .string(state), "\(label)")
                #expect(status["scan_complete"] == .bool(state == "SCAN_HAS_FINAL_RESULT"), "\(label)")
            }
            let deleted = try await sky.get("/scan/\(id("deleted"))/status")
            #expect(deleted["is_deleted"] == .bool(true) && deleted["ewms_deactivated"] == .string("ABORTED"))
            #expect(try await sky.get("/scan/\(id("final-real"))/status")["ewms_deactivated"] == .string("FINISHED"))
            #expect(try await sky.get("/scan/\(id("partial"))/status")["ewms_deactivated"] == .null)

            let backlog = try await sky.get("/scans/backlog")["entries"]
            guard case .list(let entries)? = backlog else { Issue.record("no entries"); return }
            #expect(entries.compactMap { $0.objectValue?["scan_id"]?.stringValue } == [id("backlog-sim"), id("backlog-alert")])
            #expect(entries.first?.objectValue?.keys == ["scan_id", "timestamp", "priority", "pending_timestamp", "next_attempt"])

            // The same documents every time, ids included.
            #expect(SkyDriverSeed.documents().manifests == SkyDriverSeed.documents().manifests)
            #expect(id("final-real").count == 32 && id("final-real").dropFirst(11).first == "x")
            #expect(id("v1-final").count == 32 && !id("v1-final").contains("x"))
        }
    }

    @Test func seededResultsHaveSkyreadersFormat() async throws {
        try await withUpstream { sky in
            let final = try await sky.get("/scan/\(id("final-real"))/result")
            #expect(final["is_final"] == .bool(true) && final["scan_id"] == .string(id("final-real")))
            var nan = false
            for (nside, rows) in [("nside-8", 768), ("nside-64", 768), ("nside-512", 1536)] {
                let map = try #require(final["skyscan_result", nside]?.objectValue)
                #expect(map.keys == ["columns", "metadata", "data"])
                #expect(map["columns"] == .list(["index", "llh", "E_in", "E_tot", "X", "Y", "Z", "T"].map(JSONValue.string)))
                #expect(map["metadata"]?.objectValue?["nside"] == .int(Int(nside.dropFirst(6)) ?? 0))
                #expect(map["metadata"]?.objectValue?["version"] == .int(1))
                #expect(map["metadata"]?.objectValue?["run_id"] == .int(139_870))
                guard case .list(let data)? = map["data"] else { Issue.record("no data"); continue }
                #expect(data.count == rows, "\(nside)")
                let indexes = data.compactMap { $0.listFirstInt }
                #expect(indexes == indexes.sorted() && Set(indexes).count == rows)
                nan = nan || data.contains { row in if case .list(let r) = row { r.contains(.string("<skyreader.nan>")) } else { false } }
            }
            #expect(nan, "NaN markers appear as the real format has them")
            #expect(final.body.utf8.count > 300_000, "a realistic ~0.45 MB final result")

            let partial = try await sky.get("/scan/\(id("partial"))/result")
            #expect(partial["is_final"] == .bool(false))
            #expect(partial["skyscan_result", "nside-64", "metadata"]?.objectValue?["complete"] == .bool(false))
            #expect(partial["skyscan_result", "nside-512"] == nil)
            let v1 = try await sky.get("/scan/\(id("v1-final"))/result")
            #expect(v1["skyscan_result", "nside-8", "columns"] == .list(["index", "llh", "E_in", "E_tot"].map(JSONValue.string)))
            #expect(try await sky.get("/scan/\(id("backlog-alert"))/result").body == "{}")
        }
    }

    @Test func seedsOnlyAnEmptyDatabaseByDefault() async throws {
        try await withUpstream(seed: .whenEmpty) { sky in
            #expect(sky.server.seedReport?.scans == 12)
            var options = SkyDriverLocalOptions(mongoURI: ProcessInfo.processInfo.environment["RUNQL_MONGO_URI"] ?? "")
            options.port = 0
            options.database = sky.database
            let again = try await SkyDriverLocalServer.start(options)
            #expect(again.seedReport == nil)
            again.shutdown()
        }
    }

    // MARK: /scans/find

    @Test func findsScansWithMongoFilters() async throws {
        try await withUpstream { sky in
            func find(_ body: String) async throws -> SkyReply { try await sky.call("POST", "/scans/find", json: body) }
            func ids(_ reply: SkyReply) -> Set<String> {
                guard case .list(let list)? = reply["manifests"] else { return [] }
                return Set(list.compactMap { $0.objectValue?["scan_id"]?.stringValue })
            }
            #expect(ids(try await find(#"{"filter": {}}"#)).count == 11)
            #expect(ids(try await find(#"{"filter": {}, "include_deleted": true}"#)).count == 12)
            #expect(ids(try await find(#"{"filter": {"is_deleted": true}}"#)) == [id("deleted")])
            #expect(ids(try await find(#"{"filter": {"event_metadata.run_id": 139955, "event_metadata.is_real_event": true}}"#))
                    == [id("replaced"), id("rescan")])
            #expect(ids(try await find(#"{"filter": {"$or": [{"classifiers.alert": "IceCube-Bronze"}, {"priority": {"$lt": 100}}]}}"#)).count == 5)
            #expect(ids(try await find(#"{"filter": {"scan_id": {"$in": ["\#(id("partial"))", "\#(id("deleted"))"]}}}"#)) == [id("partial")])

            let full = try await find(#"{"filter": {"scan_id": "\#(id("first-pixel"))"}}"#)
            let manifest = try #require(full["manifests"].flatMap { if case .list(let l) = $0 { l.first?.objectValue } else { nil } })
            #expect(manifest.keys == ManifestShape.fieldNames.filter { !ManifestProjection.disallowed.contains($0) })
            #expect(manifest["event_metadata"]?.objectValue?["event_type"] == .string("gold"))
            #expect(manifest["progress"]?.objectValue?["processing_stats"]?.objectValue?["rate"] == .object([:]))
            let star = try await find(#"{"filter": {"scan_id": "\#(id("v1-final"))"}, "manifest_projection": ["*"]}"#)
            #expect(star.body.contains("\"ewms_task\":{") && star.body.contains("\"event_i3live_json_dict\":{"))
            let some = try await find(#"{"filter": {"scan_id": "\#(id("v1-final"))"}, "manifest_projection": ["scan_id", "priority"]}"#)
            #expect(some.body == #"{"manifests":[{"scan_id":"\#(id("v1-final"))","priority":0}]}"#)
            #expect(try await find(#"{"filter": {}, "manifest_projection": "*"}"#).status == 200)

            #expect(try await find(#"{"filter": {}, "manifest_projection": ["ewms_task"]}"#).isError(400, "Bad Request"))
            #expect(try await find(#"{"filter": {}, "manifest_projection": 3}"#).isError(400, "'manifest_projection': must match one of the accepted types"))
            #expect(try await find("{}").isError(400, "'filter' is a required property"))
            #expect(try await find(#"{"filter": []}"#).isError(400, "'filter': must be type 'object' (dict)"))
            #expect(try await find(#"{"filter": {}, "include_deleted": "yes"}"#).isError(400, "'include_deleted': must be type 'boolean' (bool)"))
            #expect(try await find(#"{"filter": {}, "limit": 5}"#).isError(400, "Additional properties are not allowed ('limit' was unexpected)"))
            #expect(try await find(#"{"filter": {}, "a": 1, "b": 2}"#).isError(400, "Additional properties are not allowed ('a', 'b' were unexpected)"))
            #expect(try await sky.call("POST", "/scans/find", json: "filter=x", contentType: "application/x-www-form-urlencoded").isError(400, "Bad Request"))
            #expect(try await find("{not json").isError(400, "Bad Request"))
            // The filter is not sanitized: what Mongo refuses is SkyDriver's 500.
            #expect(try await find(#"{"filter": {"$bogus": 1}}"#).isError(500, "Internal Server Error"))
        }
    }

    // MARK: POST /scan

    @Test func launchReportsSkyDriversValidationMessages() async throws {
        try await withUpstream(seed: .never) { sky in
            func launch(_ body: String) async throws -> SkyReply { try await sky.call("POST", "/scan", json: body) }
            let base = #""docker_tag": "v3.21.2", "reco_algo": "millipede_wilks", "nsides": {"8": 0, "64": 12}, "real_or_simulated_event": "real", "max_pixel_reco_time": 600, "request_clusters": {"sub-2": 100}"#
            let event = #""event_i3live_json": {"run_id": 1, "event_id": 2}"#
            #expect(try await launch("{}").isError(400, [
                "'docker_tag' is a required property", "'reco_algo' is a required property", "'nsides' is a required property",
                "'real_or_simulated_event' is a required property", "'max_pixel_reco_time' is a required property",
                "'request_clusters' is a required property",
            ].joined(separator: "; ")))
            #expect(try await launch(#"{\#(base.replacingOccurrences(of: #"{"8": 0, "64": 12}"#, with: "[8]")), \#(event)}"#)
                .isError(400, "'nsides': must be type 'object' (dict)"))
            #expect(try await launch(#"{\#(base.replacingOccurrences(of: "600", with: "0")), \#(event)}"#)
                .isError(400, "'max_pixel_reco_time': must be at least 1"))
            #expect(try await launch(#"{\#(base.replacingOccurrences(of: "600", with: "\"600\"")), \#(event)}"#)
                .isError(400, "'max_pixel_reco_time': must be type 'integer' (int)"))
            #expect(try await launch(#"{\#(base), \#(event), "memory": "8GB"}"#)
                .isError(400, "Additional properties are not allowed ('memory' was unexpected)"))
            #expect(try await launch(#"{\#(base)}"#).isError(400, "Must provide either 'event_i3live_json' or 'i3_event_id' (xor)"))
            #expect(try await launch(#"{\#(base), \#(event), "i3_event_id": "abc"}"#)
                .isError(400, "Must provide either 'event_i3live_json' or 'i3_event_id' (xor)"))
            #expect(try await launch(#"{\#(base), "i3_event_id": "nope"}"#).isError(400, "i3 event not found"))
            #expect(try await launch(#"{\#(base.replacingOccurrences(of: "v3.21.2", with: "no-such-tag")), \#(event)}"#)
                .isError(400, "argument docker_tag: image not found"))
            let old = try await launch(#"{\#(base.replacingOccurrences(of: "v3.21.2", with: "v2.9")), \#(event)}"#)
            #expect(old.status == 400 && old["error"]?.stringValue?.hasPrefix("argument docker_tag: Image tag is older") == true)
            #expect(try await launch(#"{\#(base.replacingOccurrences(of: "\"real\"", with: "\"fake\"")), \#(event)}"#)
                .isError(400, "'real_or_simulated_event': must be one of ['real', 'real_event', 'sim', 'simulated', 'simulated_event']"))
            #expect(try await launch(#"{\#(base.replacingOccurrences(of: "sub-2", with: "mars")), \#(event)}"#)
                .isError(400, "'request_clusters': must match one of the accepted types"))
            #expect(try await launch(#"{\#(base), \#(event), "classifiers": {"rescan": true}}"#)
                .isError(400, "'classifiers': must match one of the accepted types"))
            #expect(try await launch(#"{\#(base), \#(event), "classifiers": {"k": "this string is longer than 25"}}"#)
                .isError(400, "'classifiers': must match one of the accepted types"))
            #expect(try await launch(#"{\#(base.replacingOccurrences(of: "100", with: "200")), \#(event), "debug_mode": "client-logs"}"#)
                .isError(400, "Bad Request"))
            #expect(try await launch(#"{\#(base), \#(event), "worker_memory": "lots"}"#).isError(400, "unspecified validation error"))
            #expect(try await launch(#"{\#(base.replacingOccurrences(of: "millipede_wilks", with: "  ")), \#(event)}"#).status == 400)
            #expect(try await launch(#"{\#(base), \#(event), "predictive_scanning_threshold": 2}"#)
                .isError(400, "'predictive_scanning_threshold': must be at most 1.0"))
            // Several problems at once, joined as rest_tools does.
            #expect(try await launch(#"{"docker_tag": "latest", "reco_algo": "x", "nsides": 1, "real_or_simulated_event": "sim", "max_pixel_reco_time": 0, "cluster": {"osg": 1}}"#)
                .isError(400, "'nsides': must be type 'object' (dict); 'max_pixel_reco_time': must be at least 1"))
            #expect(try await sky.call("POST", "/scans/find", json: "{}").status == 400)
            #expect(try await sky.get("/scans/backlog")["entries"] == .list([]), "nothing stored by rejected requests")
        }
    }

    @Test func aScanGoesThroughItsLifecycle() async throws {
        try await withUpstream(seed: .never) { sky in
            let body = #"{"docker_tag": "latest", "reco_algo": "millipede_wilks", "nsides": {"8": 0, "64": 12, "512": 24}, "real_or_simulated_event": "simulated", "max_pixel_reco_time": 1200, "cluster": [["sub-2", 50], ["osg", 70]], "event_i3live_json": "{\"run_id\": 99, \"event_id\": 7}", "worker_memory": "4GB", "scanner_server_memory_bytes": 2000000000, "priority": 5, "classifiers": {"who": "test", "n": 3}, "debug_mode": ["client-logs"]}"#
            let launched = try await sky.call("POST", "/scan", json: body)
            #expect(launched.status == 200)
            let scanID = try #require(launched["scan_id"]?.stringValue)
            #expect(scanID.count == 32 && scanID.dropFirst(11).first == "x")
            #expect(launched["ewms_workflow_id"] == .string("not-yet-requested") && launched["is_deleted"] == .bool(false))
            #expect(launched["classifiers"] == .object(["who": .string("test"), "n": .int(3)]) && launched["priority"] == .int(5))
            #expect(launched["scanner_server_args"]?.stringValue?.contains("--nsides 8:0 64:12 512:24 --simulated-event") == true)
            #expect(launched["ewms_task"] == nil)

            let request = try await sky.get("/scan-request/\(scanID)")
            #expect(request["nsides"] == .object(["8": .int(0), "64": .int(12), "512": .int(24)]))
            #expect(request["request_clusters"] == .list([.list([.string("sub-2"), .int(50)]), .list([.string("osg"), .int(70)])]))
            #expect(request["worker_memory_bytes"] == .int(4_000_000_000) && request["worker_disk_bytes"] == .int(1_000_000_000))
            #expect(request["scanner_server_memory_bytes"] == .int(2_000_000_000) && request["rescan_ids"] == .list([]))
            #expect(request["debug_mode"] == .list([.string("client-logs")]) && request["_id"] == nil)
            let eventID = try #require(launched["i3_event_id"]?.stringValue)
            #expect(request["i3_event_id"] == .string(eventID))
            #expect(try await sky.get("/scan/\(scanID)/i3-event")["i3_event"] == .object(["run_id": .int(99), "event_id": .int(7)]))
            #expect(try await sky.state(scanID) == "PENDING__PRESTARTUP")
            #expect(try await sky.get("/scans/backlog").body.contains(scanID))
            #expect(try await sky.get("/scan/\(scanID)/ewms/workflow-id").json == .object([
                "workflow_id": .string("not-yet-requested"), "requested_ewms_workflow": .bool(false), "eligible_for_ewms": .bool(true), "ewms_address": .null,
            ]))
            #expect(try await sky.call("POST", "/scan/\(scanID)/actions/add-workers", json: #"{"n_workers": 5, "cluster_location": "osg"}"#).isError(422, "Unprocessable Entity"))

            // The same event again, by id.
            let byID = body.replacingOccurrences(of: #""event_i3live_json": "{\"run_id\": 99, \"event_id\": 7}""#, with: #""i3_event_id": "\#(eventID)""#)
            #expect(try await sky.call("POST", "/scan", json: byID).status == 200)

            // The scanner's side: workflow id, progress, metadata, results.
            #expect(try await sky.call("POST", "/scan/\(scanID)/ewms/workflow-id", json: #"{"workflow_id": "wf-1"}"#).isError(400, "'ewms_address' is a required property"))
            let workflow = try await sky.call("POST", "/scan/\(scanID)/ewms/workflow-id", json: #"{"workflow_id": "wf-1", "ewms_address": "http://ewms"}"#)
            #expect(workflow["ewms_workflow_id"] == .string("wf-1"))
            #expect(try await sky.call("POST", "/scan/\(scanID)/ewms/workflow-id", json: #"{"workflow_id": "wf-2", "ewms_address": "http://ewms"}"#).isError(404, "Not Found"))
            #expect(!(try await sky.get("/scans/backlog").body.contains(scanID)))
            #expect(try await sky.state(scanID) == "PENDING__WAITING_ON_SCANNER_SERVER_STARTUP")

            let progress = #"{"summary": "s", "epilogue": "e", "tallies": {}, "processing_stats": {"start": {}, "runtime": {}}, "predictive_scanning_threshold": 1.0, "last_updated": "2025-03-01 00:00:00"}"#
            #expect(try await sky.call("PATCH", "/scan/\(scanID)/manifest", json: #"{"progress": {"summary": "s"}}"#).isError(400, "'progress': must match one of the accepted types"))
            #expect(try await sky.call("PATCH", "/scan/nosuchscan/manifest", json: #"{"progress": \#(progress)}"#).isError(404, "Not Found"))
            let patched = try await sky.call("PATCH", "/scan/\(scanID)/manifest", json: #"{"progress": \#(progress), "event_metadata": {"run_id": 99, "event_id": 7, "event_type": "sim", "mjd": 59000.5, "is_real_event": false}}"#)
            #expect(patched.status == 200)
            #expect(patched["progress", "processing_stats", "finished"] == .bool(false) && patched["progress", "end"] == .null)
            #expect(try await sky.state(scanID) == "IN_PROGRESS__WAITING_ON_FIRST_PIXEL_RECO")
            #expect(try await sky.call("PATCH", "/scan/\(scanID)/manifest", json: #"{"event_metadata": {"run_id": 100, "event_id": 7, "event_type": "sim", "mjd": 59000.5, "is_real_event": false}}"#)
                .isError(400, "Cannot change an existing event_metadata"))
            #expect(try await sky.call("PATCH", "/scan/\(scanID)/manifest", json: #"{"scan_metadata": {"a": 1}}"#).status == 200)
            #expect(try await sky.call("PATCH", "/scan/\(scanID)/manifest", json: #"{"scan_metadata": {"a": 2}}"#).isError(400, "Cannot change an existing scan_metadata"))
            let running = progress.replacingOccurrences(of: #""runtime": {}"#, with: #""runtime": {}, "rate": {"pixels_per_hour": 100.5}"#)
            #expect(try await sky.call("PATCH", "/scan/\(scanID)/manifest", json: #"{"progress": \#(running)}"#).status == 200)
            #expect(try await sky.state(scanID) == "IN_PROGRESS__PARTIAL_RESULT_GENERATED")
            #expect(try await sky.get("/scan/\(scanID)/ewms/workforce")["n_running"] == .int(120))
            #expect(try await sky.get("/scan/\(scanID)/ewms/taskforces")["taskforces"].map { if case .list(let l) = $0 { l.count } else { 0 } } == 2)
            let workers = try await sky.call("POST", "/scan/\(scanID)/actions/add-workers", json: #"{"n_workers": 5, "cluster_location": "osg"}"#)
            #expect(workers.status == 200 && workers["n_workers"] == .int(5) && workers["taskforce_uuid"]?.stringValue != nil)
            #expect(try await sky.call("POST", "/scan/\(scanID)/actions/add-workers", json: #"{"n_workers": 0, "cluster_location": "osg"}"#).isError(400, "'n_workers': must be at least 1"))

            #expect(try await sky.call("PUT", "/scan/\(scanID)/result", json: #"{"skyscan_result": {}, "is_final": false}"#).body == "{}")
            #expect(try await sky.get("/scan/\(scanID)/result").body == "{}", "an empty result is not stored")
            #expect(try await sky.call("PUT", "/scan/\(scanID)/result", json: #"{"skyscan_result": {"nside-8": {}}}"#).isError(400, "'is_final' is a required property"))
            let partial = try await sky.call("PUT", "/scan/\(scanID)/result", json: #"{"skyscan_result": {"nside-8": {"data": [[0, "<skyreader.nan>"]]}}, "is_final": false}"#)
            #expect(partial.json == .object(["scan_id": .string(scanID), "skyscan_result": .object(["nside-8": .object(["data": .list([.list([.int(0), .string("<skyreader.nan>")])])])]), "is_final": .bool(false)]))
            #expect(try await sky.state(scanID) == "IN_PROGRESS__PARTIAL_RESULT_GENERATED")
            #expect(try await sky.call("PUT", "/scan/\(scanID)/result", json: #"{"skyscan_result": {"nside-8": {"data": []}}, "is_final": true}"#).status == 200)
            #expect(try await sky.state(scanID) == "SCAN_HAS_FINAL_RESULT")
            #expect(try await sky.get("/scan/\(scanID)/result")["skyscan_result"] == .object(["nside-8": .object(["data": .list([])])]), "each PUT overwrites")

            // Deleting a completed scan needs the flag; deleting is idempotent.
            #expect(try await sky.call("DELETE", "/scan/\(scanID)").isError(400, "Attempted to delete a completed scan (must use `delete_completed_scan=True`)"))
            let deleted = try await sky.call("DELETE", "/scan/\(scanID)", json: #"{"delete_completed_scan": true}"#)
            #expect(deleted["manifest", "is_deleted"] == .bool(true) && deleted["result", "is_final"] == .bool(true))
            #expect(try await sky.call("DELETE", "/scan/\(scanID)?delete_completed_scan=true").status == 200)
            #expect(try await sky.get("/scan/\(scanID)").isError(404, "Not Found"))
            #expect(try await sky.get("/scan/\(scanID)/manifest").isError(404, "Not Found"))
            #expect(try await sky.get("/scan/\(scanID)/result").isError(404, "Not Found"))
            #expect(try await sky.get("/scan/\(scanID)?include_deleted=true")["manifest", "is_deleted"] == .bool(true))
            #expect(try await sky.get("/scan/\(scanID)/manifest?include_deleted=true").status == 200)
            #expect(try await sky.get("/scan/\(scanID)/status")["is_deleted"] == .bool(true))
            #expect(try await sky.state(scanID) == "SCAN_HAS_FINAL_RESULT", "deleting does not change the state")
        }
    }

    // MARK: Reads of one scan

    @Test func readsManifestsWithProjectionsAndEvents() async throws {
        try await withUpstream { sky in
            let manifest = try await sky.get("/scan/\(id("partial"))/manifest?projection=scan_id%7Cpriority")
            #expect(manifest.json == .object(["scan_id": .string(id("partial")), "priority": .int(100)]))
            #expect(try await sky.get("/scan/\(id("partial"))/manifest?projection=ewms_task").isError(400, "Bad Request"))
            #expect(try await sky.get("/scan/\(id("partial"))/manifest?projection=*")["ewms_task"] == nil)
            #expect(try await sky.get("/scan/\(id("partial"))/manifest?include_deleted=maybe").isError(400, "'include_deleted': must be type 'boolean' (bool)"))
            #expect(try await sky.get("/scan/\(id("partial"))/manifest?bogus=1").isError(400, "Additional properties are not allowed ('bogus' was unexpected)"))
            #expect(try await sky.get("/scan/\(id("deleted"))/manifest").isError(404, "Not Found"))
            #expect(try await sky.get("/scan/\(id("deleted"))/result?include_deleted=true")["skyscan_result", "nside-8", "metadata"]?.objectValue?["complete"] == .bool(false))

            let scan = try await sky.get("/scan/\(id("final-sim"))")
            #expect(scan["manifest", "event_metadata", "is_real_event"] == .bool(false))
            #expect(scan["result", "is_final"] == .bool(true))
            #expect(try await sky.get("/scan/\(id("first-pixel"))")["result"] == .object([:]))

            let v1Event = try await sky.get("/scan/\(id("v1-final"))/i3-event")
            #expect(v1Event["i3_event", "run_id"] == .int(136_891))
            #expect(try await sky.get("/scan/\(id("final-real"))/i3-event")["i3_event", "event_id"] == .int(20_468_133))
            #expect(try await sky.get("/scan/\(id("v1-final"))/ewms/workflow-id").json == .object([
                "workflow_id": .null, "requested_ewms_workflow": .bool(false), "eligible_for_ewms": .bool(false), "ewms_address": .null,
            ]))
            #expect(try await sky.get("/scan/\(id("partial"))/logs")["scanner_server", "url"]?.stringValue?.contains(id("partial")) == true)
            #expect(try await sky.get("/scan/\(id("partial"))/ewms/workforce")["n_running"] == .int(1_800))
            #expect(try await sky.get("/scan/\(id("final-real"))/ewms/workforce")["n_running"] == .int(0))
            #expect(try await sky.get("/scan-request/\(id("rescan"))").isError(404, "Not Found"), "rescans have no request of their own")
            #expect(try await sky.get("/scan-request/\(id("replaced"))")["rescan_ids"] == .list([.string(id("rescan"))]))
        }
    }

    // MARK: Redirects, rescans, deletes

    @Test func replacedScansRedirectUnlessAskedNotTo() async throws {
        try await withUpstream { sky in
            let old = id("replaced"), new = id("rescan")
            let redirect = try await sky.get("/scan/\(old)?include_deleted=true")
            #expect(redirect.status == 302 && redirect.headers["location"] == "/scan/\(new)?include_deleted=true")
            #expect(try await sky.get("/scan/\(old)/status").headers["location"] == "/scan/\(new)/status")
            #expect(try await sky.get("/scan/\(old)/result").status == 302)
            #expect(try await sky.call("DELETE", "/scan/\(old)").headers["location"] == "/scan/\(new)")
            #expect(try await sky.call("POST", "/scan/\(old)/actions/rescan", json: "{}").status == 302)
            #expect(try await sky.get("/scan/\(old)?no_redirect=true")["manifest", "replaced_by_scan_id"] == .string(new))
            #expect(try await sky.get("/scan/\(old)/manifest?no_redirect=TRUE")["scan_id"] == .string(old))
            #expect(try await sky.get("/scan/\(new)")["manifest", "classifiers", "origin_scan_id"] == .string(old))
            // The scanner's writes are not redirected.
            #expect(try await sky.call("PUT", "/scan/\(old)/result", json: #"{"skyscan_result": {"a": {}}, "is_final": false}"#).status == 200)
            // The lookup comes before argument checks: an unknown scan is 404 whatever the arguments.
            #expect(try await sky.call("POST", "/scan/nosuchscan/actions/rescan", json: #"{"bogus": 1}"#).isError(404, "Not Found"))
            #expect(try await sky.call("POST", "/scan/\(new)/actions/rescan", json: #"{"bogus": 1}"#).isError(400, "Additional properties are not allowed ('bogus' was unexpected)"))
        }
    }

    @Test func rescansCopyTheRequestAndCanReplaceOrAbort() async throws {
        try await withUpstream { sky in
            let origin = id("final-real")
            let rescan = try await sky.call("POST", "/scan/\(origin)/actions/rescan", json: "{}")
            let rescanID = try #require(rescan["scan_id"]?.stringValue)
            #expect(rescan["classifiers"] == .object(["alert": .string("IceCube-Gold"), "gcn_notice": .int(3_702), "rescan": .bool(true), "origin_scan_id": .string(origin)]))
            #expect(rescan["ewms_workflow_id"] == .string("not-yet-requested") && rescan["priority"] == .int(100))
            #expect(try await sky.get("/scan-request/\(origin)")["rescan_ids"] == .list([.string(rescanID)]))
            #expect(try await sky.state(rescanID) == "PENDING__PRESTARTUP")
            #expect(try await sky.get("/scan/\(origin)").status == 200, "no replacement without replace_scan")

            // A rescan of a rescan goes back to the original request.
            let replacing = try await sky.call("POST", "/scan/\(rescanID)/actions/rescan", json: #"{"replace_scan": true, "abort_first": true, "manifest_projection": ["scan_id"]}"#)
            let secondID = try #require(replacing["scan_id"]?.stringValue)
            #expect(replacing.json == .object(["scan_id": .string(secondID)]))
            #expect(try await sky.get("/scan-request/\(origin)")["rescan_ids"] == .list([.string(rescanID), .string(secondID)]))
            #expect(try await sky.get("/scan/\(rescanID)").headers["location"] == "/scan/\(secondID)")
            let aborted = try await sky.get("/scan/\(rescanID)?no_redirect=true&include_deleted=true")
            #expect(aborted["manifest", "is_deleted"] == .bool(true))
            #expect(!(try await sky.get("/scans/backlog").body.contains(rescanID)), "an aborted scan leaves the backlog")
            #expect(try await sky.call("POST", "/scan/\(id("v1-final"))/actions/rescan", json: "{}").isError(404, "Not Found"), "v1 scans have no request")
            #expect(try await sky.call("POST", "/scan/\(origin)/actions/rescan", json: #"{"abort_first": "no"}"#).isError(400, "'abort_first': must be type 'boolean' (bool)"))
        }
    }

    @Test func deletingAPendingScanKeepsItsState() async throws {
        try await withUpstream { sky in
            let scanID = id("backlog-alert")
            let deleted = try await sky.call("DELETE", "/scan/\(scanID)", json: #"{"manifest_projection": ["scan_id", "is_deleted"]}"#)
            #expect(deleted.json == .object(["manifest": .object(["scan_id": .string(scanID), "is_deleted": .bool(true)]), "result": .object([:])]))
            #expect(!(try await sky.get("/scans/backlog").body.contains(scanID)))
            let status = try await sky.get("/scan/\(scanID)/status")
            #expect(status["scan_state"] == .string("PENDING__PRESTARTUP") && status["is_deleted"] == .bool(true) && status["ewms_deactivated"] == .null)
            #expect(try await sky.call("DELETE", "/scan/\(scanID)", json: #"{"delete_completed_scan": 1}"#).isError(400, "'delete_completed_scan': must be type 'boolean' (bool)"))
            #expect(try await sky.call("DELETE", "/scan/nosuchscan").isError(404, "Not Found"))
            #expect(try await sky.call("DELETE", "/scan/\(id("final-sim"))").isError(400, "Attempted to delete a completed scan (must use `delete_completed_scan=True`)"))
        }
    }

    // MARK: Pieces without a server

    @Test func derivesScanStatesLikeSkyDriver() {
        let running: JSONObject = ["ewms_workflow_id": .string("wf"), "progress": .object(["processing_stats": .object(["rate": .object(["x": .int(1)])])])]
        #expect(ScanState.derive(manifest: running, isFinal: false, deactivated: nil) == "IN_PROGRESS__PARTIAL_RESULT_GENERATED")
        #expect(ScanState.derive(manifest: running, isFinal: false, deactivated: "ABORTED") == "ABORTED__PARTIAL_RESULT_GENERATED")
        #expect(ScanState.derive(manifest: running, isFinal: true, deactivated: "ABORTED") == "SCAN_HAS_FINAL_RESULT")
        #expect(ScanState.derive(manifest: ["ewms_workflow_id": .string("not-yet-requested")], isFinal: false, deactivated: nil) == "PENDING__PRESTARTUP")
        #expect(ScanState.derive(manifest: ["ewms_workflow_id": .null], isFinal: false, deactivated: nil) == "PENDING__PRESTARTUP")
        let v1: JSONObject = ["ewms_workflow_id": .null, "ewms_task": .object(["clusters": .list([.object([:])]), "complete": .bool(true)])]
        #expect(ScanState.derive(manifest: v1, isFinal: false, deactivated: nil) == "STOPPED__WAITING_ON_SCANNER_SERVER_STARTUP")
        #expect(ScanState.derive(manifest: ["ewms_workflow_id": .string("wf"), "progress": .object([:])], isFinal: false, deactivated: "FINISHED")
                == "FINISHED__WAITING_ON_FIRST_PIXEL_RECO")
    }

    @Test func parsesSizesAndTagsLikeSkyDriversHelpers() {
        #expect(DataSize.bytes("1024M") == 1_024_000_000 && DataSize.bytes("8GB") == 8_000_000_000)
        #expect(DataSize.bytes("1.5 GiB") == 1_610_612_736 && DataSize.bytes("512") == 512 && DataSize.bytes("lots") == nil)
        #expect(DockerTags.problem("latest") == nil && DockerTags.problem("v3") == nil && DockerTags.problem("v3.5") == nil)
        #expect(DockerTags.problem("eqscan-6207146") == nil && DockerTags.problem("v3.3.9") != nil && DockerTags.problem("x") == "image not found")
        #expect(ScanIdentifiers.make(at: 1_740_787_200, tail: String(repeating: "a", count: 20)) == "1954f00b000x" + String(repeating: "a", count: 20))
    }

    @Test func commandRejectsBadOptions() async {
        #expect(await SkyDriverLocalCommand.run(["--port", "x"], environment: ["RUNQL_MONGO_URI": "mongodb://h"]) == 2)
        #expect(await SkyDriverLocalCommand.run(["--bogus"], environment: [:]) == 2)
        #expect(await SkyDriverLocalCommand.run([], environment: [:]) == 2)
    }
}

private extension JSONValue {
    var listFirstInt: Int? {
        if case .list(let items) = self, case .int(let i)? = items.first { return i }
        return nil
    }
}
