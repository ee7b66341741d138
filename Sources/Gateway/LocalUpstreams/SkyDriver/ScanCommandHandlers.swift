// The write routes: launch, rescan, delete, add workers, and the scanner's (`system`) writes:
// manifest progress, results, the EWMS workflow id.

import Foundation
import GraphQLKit

extension SkyDriverHandlers {
    /// POST /scan: stores the event (when given inline), the manifest, the request and a backlog entry.
    func launchScan(_ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        let launch = try ScanLaunchArguments(arguments)
        let i3EventID: String
        switch launch.event {
        case .stored(let id):
            guard try await store.i3Event(id) != nil else { throw .badRequest("i3 event not found") }
            i3EventID = id
        case .inline(let json):
            i3EventID = ScanIdentifiers.randomHex32()
            try await store.insert(i3EventID: i3EventID, jsonDict: json)
        }
        let now = clock()
        let scanID = ScanIdentifiers.make(at: now)
        let manifest = Self.newManifest(
            scanID: scanID, timestamp: now, priority: launch.priority, classifiers: launch.classifiers, i3EventID: i3EventID,
            scannerServerArgs: ScanIdentifiers.scannerServerArguments(
                recoAlgo: launch.recoAlgo, nsides: launch.nsides.members.compactMap { m in m.value.intValue.map { (m.key, $0) } },
                isRealEvent: launch.isRealEvent, threshold: launch.predictiveScanningThreshold))
        try await store.insert(manifest: manifest)
        try await store.insert(scanRequest: launch.requestDocument(scanID: scanID, i3EventID: i3EventID))
        try await store.insert(backlogEntry: Self.backlogEntry(scanID: scanID, timestamp: now, priority: launch.priority))
        return .object(launch.projection.apply(ManifestShape.normalized(manifest)))
    }

    /// A new scan from the original request; classifiers gain `rescan` and `origin_scan_id`.
    func rescan(_ manifest: JSONObject, _ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        var check = ArgumentCheck(arguments)
        let abortFirst = check.bool("abort_first") ?? false
        let replaceScan = check.bool("replace_scan") ?? false
        let projection = try ManifestProjection.parse("manifest_projection", in: &check)
        check.allowOnly(Self.routing.union(["abort_first", "replace_scan", "manifest_projection"]))
        try check.finish()
        let originID = scanID(manifest)
        guard let request = try await store.scanRequest(madeFor: originID), let requestID = request["scan_id"]?.stringValue else {
            throw .notFound
        }
        if abortFirst { try await abort(originID) }
        var classifiers = request["classifiers"]?.objectValue ?? [:]
        classifiers["rescan"] = .bool(true)
        classifiers["origin_scan_id"] = .string(originID)
        let now = clock()
        let newID = ScanIdentifiers.make(at: now)
        let priority = request["priority"]?.intValue ?? 0
        let nsides = (request["nsides"]?.objectValue ?? [:]).members.compactMap { m in m.value.intValue.map { (m.key, $0) } }
        let fresh = Self.newManifest(
            scanID: newID, timestamp: now, priority: priority, classifiers: classifiers,
            i3EventID: request["i3_event_id"]?.stringValue ?? "",
            scannerServerArgs: ScanIdentifiers.scannerServerArguments(
                recoAlgo: request["reco_algo"]?.stringValue ?? "", nsides: nsides,
                isRealEvent: request["real_or_simulated_event"]?.stringValue?.hasPrefix("real") ?? true,
                threshold: request["predictive_scanning_threshold"]?.numberValue ?? 1.0))
        try await store.insert(manifest: fresh)
        try await store.insert(backlogEntry: Self.backlogEntry(scanID: newID, timestamp: now, priority: priority))
        try await store.appendRescan(newID, toRequestOf: requestID)
        if replaceScan {
            // SkyDriver's replace_scan update leaves last_updated alone.
            _ = try await store.updateManifest(originID, set: ["replaced_by_scan_id": .string(newID)])
        }
        return .object(projection.apply(ManifestShape.normalized(fresh)))
    }

    /// Marks the scan deleted (and so aborted); a scan with a final result needs `delete_completed_scan`.
    func deleteScan(_ manifest: JSONObject, _ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        var check = ArgumentCheck(arguments)
        let deleteCompleted = check.bool("delete_completed_scan") ?? false
        let projection = try ManifestProjection.parse("manifest_projection", in: &check)
        check.allowOnly(Self.routing.union(["delete_completed_scan", "manifest_projection"]))
        try check.finish()
        let id = scanID(manifest)
        if try await store.hasFinalResult(id), !deleteCompleted {
            throw .badRequest("Attempted to delete a completed scan (must use `delete_completed_scan=True`)")
        }
        let updated = try await abort(id) ?? manifest
        let result = try await store.result(id)
        return .object(["manifest": .object(projection.apply(updated)), "result": .object(result ?? [:])])
    }

    func addWorkers(_ manifest: JSONObject, _ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        var check = ArgumentCheck(arguments)
        check.require(["n_workers", "cluster_location"])
        let workers = check.int("n_workers", minimum: 1)
        _ = check.oneOf("cluster_location", ScanLaunchArguments.knownClusters.sorted())
        check.allowOnly(Self.routing.union(["n_workers", "cluster_location"]))
        try check.finish()
        let id = scanID(manifest)
        let isFinal = try await store.hasFinalResult(id)
        guard manifest["is_deleted"]?.boolValue != true, LocalEWMS.hasWorkflow(manifest), !isFinal, let workers else {
            throw .unprocessable
        }
        return .object(["taskforce_uuid": .string(ScanIdentifiers.randomHex32()), "n_workers": .int(workers)])
    }

    // MARK: The scanner's writes (role `system`)

    /// `event_metadata` and `scan_metadata` are write-once; `progress` is replaced each time.
    func patchManifest(_ scanID: String, _ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        var check = ArgumentCheck(arguments)
        let progress = ManifestPatch.progress(&check)
        let eventMetadata = ManifestPatch.eventMetadata(&check)
        let scanMetadata = ManifestPatch.scanMetadata(&check)
        check.allowOnly(["progress", "event_metadata", "scan_metadata"])
        try check.finish()
        guard let stored = try await store.manifest(scanID) else { throw .notFound }
        var fields = JSONObject()
        for (name, value) in [("event_metadata", eventMetadata), ("scan_metadata", scanMetadata)] {
            guard let value else { continue }
            if let existing = stored[name], existing != .null, existing != value {
                throw .badRequest("Cannot change an existing \(name)")
            }
            fields[name] = value
        }
        if let progress { fields["progress"] = progress }
        fields["last_updated"] = .double(clock())
        guard let updated = try await store.updateManifest(scanID, set: fields) else { throw .notFound }
        return .object(ManifestProjection.everything.apply(ManifestShape.normalized(updated)))
    }

    /// Overwrites the stored result; an empty result is answered with `{}` and not stored.
    func putResult(_ scanID: String, _ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        var check = ArgumentCheck(arguments)
        check.require(["skyscan_result", "is_final"])
        let skyscanResult = check.object("skyscan_result")
        let isFinal = check.bool("is_final")
        check.allowOnly(["skyscan_result", "is_final"])
        try check.finish()
        guard let skyscanResult, let isFinal else { throw .badRequest("unspecified validation error") }
        guard try await store.manifest(scanID) != nil else { throw .notFound }
        if skyscanResult.isEmpty { return .object([:]) }
        return .object(try await store.putResult(scanID, skyscanResult: skyscanResult, isFinal: isFinal))
    }

    /// Records the EWMS workflow of a scan leaving the backlog; only while it still has the sentinel.
    func setWorkflowID(_ scanID: String, _ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        var check = ArgumentCheck(arguments)
        check.require(["workflow_id", "ewms_address"])
        let workflowID = check.string("workflow_id")
        let address = check.string("ewms_address")
        check.allowOnly(["workflow_id", "ewms_address"])
        try check.finish()
        guard let workflowID, let address else { throw .badRequest("unspecified validation error") }
        guard let stored = try await store.manifest(scanID), stored["is_deleted"]?.boolValue != true,
              stored["ewms_workflow_id"]?.stringValue == ScanState.notYetRequested else { throw .notFound }
        guard let updated = try await store.updateManifest(scanID, set: ["ewms_workflow_id": .string(workflowID), "ewms_address": .string(address)]) else {
            throw .notFound
        }
        try await store.removeFromBacklog(scanID)
        return .object(updated)
    }

    // MARK: Helpers

    /// Sets `is_deleted` (EWMS would abort the workflow) and drops the backlog entry.
    @discardableResult
    private func abort(_ scanID: String) async throws(SkyDriverError) -> JSONObject? {
        let updated = try await store.updateManifest(scanID, set: ["is_deleted": .bool(true), "last_updated": .double(clock())])
        try await store.removeFromBacklog(scanID)
        return updated.map(ManifestShape.normalized)
    }

    /// A manifest as SkyDriver first stores it: in the backlog, no progress yet.
    static func newManifest(
        scanID: String, timestamp: Double, priority: Int, classifiers: JSONObject, i3EventID: String, scannerServerArgs: String
    ) -> JSONObject {
        [
            "scan_id": .string(scanID),
            "timestamp": .double(timestamp),
            "is_deleted": .bool(false),
            "scanner_server_args": .string(scannerServerArgs),
            "ewms_workflow_id": .string(ScanState.notYetRequested),
            "ewms_address": .null,
            "ewms_task": .string("use 'ewms_workflow_id'"),
            "priority": .int(priority),
            "classifiers": .object(classifiers),
            "i3_event_id": .string(i3EventID),
            "event_i3live_json_dict": .string("use 'i3_event_id'"),
            "event_i3live_json_dict__hash": .null,
            "event_metadata": .null,
            "scan_metadata": .null,
            "progress": .null,
            "replaced_by_scan_id": .null,
            "last_updated": .double(timestamp),
        ]
    }

    static func backlogEntry(scanID: String, timestamp: Double, priority: Int) -> JSONObject {
        ["scan_id": .string(scanID), "timestamp": .double(timestamp), "priority": .int(priority),
         "pending_timestamp": .double(0), "next_attempt": .int(0)]
    }
}
