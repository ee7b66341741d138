// SkyDriver's collections in one MongoDB database (`SkyDriver_DB` by default): Manifests,
// Results, ScanBacklog, ScanRequests and I3Events, with SkyDriver's indexes. Every call awaits
// the connector's own threads, so handlers on the event loop never block.

import GraphQLKit
import Resolvers

struct SkyDriverStore: Sendable {
    let client: MongoClient
    let database: String

    static let collectionNames = ["Manifests", "Results", "ScanBacklog", "ScanRequests", "I3Events"]

    var manifests: MongoCollection { client.collection("Manifests", in: database) }
    var results: MongoCollection { client.collection("Results", in: database) }
    var backlog: MongoCollection { client.collection("ScanBacklog", in: database) }
    var requests: MongoCollection { client.collection("ScanRequests", in: database) }
    var events: MongoCollection { client.collection("I3Events", in: database) }

    /// SkyDriver's startup indexes: unique scan ids, unique event ids, the lookups it sorts by.
    func ensureIndexes() async throws(SkyDriverError) {
        do {
            for collection in [manifests, results, backlog, requests] {
                try await collection.createIndexes([IndexModel(keys: ["scan_id": .int32(1)], name: "scan_id_index", unique: true)])
            }
            try await events.createIndexes([IndexModel(keys: ["i3_event_id": .int32(1)], name: "i3_event_id_index", unique: true)])
            try await manifests.createIndexes([
                IndexModel(keys: ["ewms_workflow_id": .int32(1)], name: "ewms_workflow_id_index"),
                IndexModel(keys: ["event_metadata.event_id": .int32(-1), "event_metadata.run_id": .int32(-1)], name: "event_run_index"),
            ])
            try await backlog.createIndexes([
                IndexModel(keys: ["timestamp": .int32(1)], name: "timestamp_index"),
                IndexModel(keys: ["priority": .int32(-1)], name: "priority_index"),
            ])
        } catch { throw SkyDriverError(error) }
    }

    func isEmpty() async throws(SkyDriverError) -> Bool {
        do { return try await manifests.count() == 0 } catch { throw SkyDriverError(error) }
    }

    func dropAll() async throws(SkyDriverError) {
        do {
            for name in Self.collectionNames { try await client.collection(name, in: database).drop() }
        } catch { throw SkyDriverError(error) }
    }

    // MARK: Manifests

    func manifest(_ scanID: String) async throws(SkyDriverError) -> JSONObject? {
        try await one(manifests, ["scan_id": .string(scanID)])
    }

    func findManifests(_ filter: BSONDocument) async throws(SkyDriverError) -> [JSONObject] {
        do { return try await manifests.find(filter).map(SkyDriverJSON.json) } catch { throw SkyDriverError(error) }
    }

    func insert(manifest: JSONObject) async throws(SkyDriverError) {
        try await insert(manifests, manifest)
    }

    /// `$set`s fields and returns the manifest after the change; nil when there is no such scan.
    func updateManifest(_ scanID: String, set fields: JSONObject) async throws(SkyDriverError) -> JSONObject? {
        do {
            let updated = try await manifests.findOneAndUpdate(
                ["scan_id": .string(scanID)], ["$set": .document(SkyDriverJSON.document(fields))], returnNew: true)
            return updated.map(SkyDriverJSON.json)
        } catch { throw SkyDriverError(error) }
    }

    // MARK: Results

    func result(_ scanID: String) async throws(SkyDriverError) -> JSONObject? {
        try await one(results, ["scan_id": .string(scanID)])
    }

    /// Whether the scan has a final result, without fetching the (large) result itself.
    func hasFinalResult(_ scanID: String) async throws(SkyDriverError) -> Bool {
        do { return try await results.count(["scan_id": .string(scanID), "is_final": .bool(true)]) > 0 } catch {
            throw SkyDriverError(error)
        }
    }

    /// Overwrites the scan's result (SkyDriver `$set`s with upsert on every PUT).
    func putResult(_ scanID: String, skyscanResult: JSONObject, isFinal: Bool) async throws(SkyDriverError) -> JSONObject {
        let fields: JSONObject = ["scan_id": .string(scanID), "skyscan_result": .object(skyscanResult), "is_final": .bool(isFinal)]
        do {
            _ = try await results.updateOne(["scan_id": .string(scanID)], ["$set": .document(SkyDriverJSON.document(fields))], upsert: true)
        } catch { throw SkyDriverError(error) }
        return fields
    }

    // MARK: Backlog

    /// Entries oldest first, without the deprecated pickled job.
    func backlogEntries() async throws(SkyDriverError) -> [JSONObject] {
        let options = FindOptions(projection: ["_id": .int32(0), "pickled_k8s_job": .int32(0)], sort: ["timestamp": .int32(1)])
        do { return try await backlog.find([:], options: options).map(SkyDriverJSON.json) } catch { throw SkyDriverError(error) }
    }

    func insert(backlogEntry: JSONObject) async throws(SkyDriverError) {
        try await insert(backlog, backlogEntry)
    }

    func removeFromBacklog(_ scanID: String) async throws(SkyDriverError) {
        do { try await backlog.deleteMany(["scan_id": .string(scanID)]) } catch { throw SkyDriverError(error) }
    }

    // MARK: Scan requests

    func scanRequest(_ scanID: String) async throws(SkyDriverError) -> JSONObject? {
        try await one(requests, ["scan_id": .string(scanID)])
    }

    /// The request a scan was made from: its own, or (for a rescan) the original's.
    func scanRequest(madeFor scanID: String) async throws(SkyDriverError) -> JSONObject? {
        if let own = try await scanRequest(scanID) { return own }
        return try await one(requests, ["rescan_ids": .string(scanID)])
    }

    func insert(scanRequest: JSONObject) async throws(SkyDriverError) {
        try await insert(requests, scanRequest)
    }

    func appendRescan(_ rescanID: String, toRequestOf originID: String) async throws(SkyDriverError) {
        do {
            _ = try await requests.updateOne(["scan_id": .string(originID)], ["$push": .document(["rescan_ids": .string(rescanID)])])
        } catch { throw SkyDriverError(error) }
    }

    // MARK: I3 events

    func i3Event(_ eventID: String) async throws(SkyDriverError) -> JSONObject? {
        try await one(events, ["i3_event_id": .string(eventID)])
    }

    func insert(i3EventID: String, jsonDict: JSONObject) async throws(SkyDriverError) {
        try await insert(events, ["i3_event_id": .string(i3EventID), "json_dict": .object(jsonDict)])
    }

    // MARK: Helpers

    private func one(_ collection: MongoCollection, _ filter: BSONDocument) async throws(SkyDriverError) -> JSONObject? {
        do { return try await collection.findOne(filter).map(SkyDriverJSON.json) } catch { throw SkyDriverError(error) }
    }

    private func insert(_ collection: MongoCollection, _ document: JSONObject) async throws(SkyDriverError) {
        do { _ = try await collection.insertOne(SkyDriverJSON.document(document)) } catch { throw SkyDriverError(error) }
    }
}
