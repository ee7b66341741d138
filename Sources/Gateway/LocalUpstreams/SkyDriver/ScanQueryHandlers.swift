// The read routes: ping, find, backlog, scan request, scan, manifest, i3 event, result, status,
// logs and the EWMS views.

import GraphQLKit
import Resolvers

extension SkyDriverHandlers {
    func ping(_ arguments: SkyDriverArguments) throws(SkyDriverError) -> JSONValue {
        .object([:])
    }

    /// The filter goes to Mongo as given; `is_deleted: false` is added unless the filter names
    /// `is_deleted` or `include_deleted` is true. No pagination and no sort, as in SkyDriver.
    func findScans(_ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        var check = ArgumentCheck(arguments)
        check.require(["filter"])
        let filter = check.object("filter")
        let includeDeleted = check.bool("include_deleted") ?? false
        let projection = try ManifestProjection.parse("manifest_projection", in: &check)
        check.allowOnly(["filter", "include_deleted", "manifest_projection"])
        try check.finish()
        var query = SkyDriverJSON.document(filter ?? [:])
        if query["is_deleted"] == nil, !includeDeleted { query["is_deleted"] = .bool(false) }
        let manifests = try await store.findManifests(query)
        return .object(["manifests": .list(manifests.map { .object(projection.apply(ManifestShape.normalized($0))) })])
    }

    func backlog(_ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        try checkOnly(arguments)
        let entries = try await store.backlogEntries().map { entry -> JSONValue in
            .object([
                "scan_id": entry["scan_id"] ?? .null,
                "timestamp": entry["timestamp"] ?? .null,
                "priority": entry["priority"] ?? .int(0),
                "pending_timestamp": entry["pending_timestamp"] ?? .double(0),
                "next_attempt": entry["next_attempt"] ?? .int(0),
            ])
        }
        return .object(["entries": .list(entries)])
    }

    /// The original request; a rescan has none of its own (404).
    func scanRequest(_ scanID: String, _ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        try checkOnly(arguments)
        guard let request = try await store.scanRequest(scanID) else { throw .notFound }
        return .object(request)
    }

    func scan(_ manifest: JSONObject, _ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        var check = ArgumentCheck(arguments)
        let includeDeleted = check.bool("include_deleted") ?? false
        check.allowOnly(Self.routing.union(["include_deleted"]))
        try check.finish()
        try requireVisible(manifest, includeDeleted: includeDeleted)
        let result = try await store.result(scanID(manifest))
        return .object(["manifest": .object(ManifestProjection.allowed.apply(manifest)), "result": .object(result ?? [:])])
    }

    /// `projection` is pipe-delimited here (or `*`).
    func manifestAnswer(_ manifest: JSONObject, _ arguments: SkyDriverArguments) throws(SkyDriverError) -> JSONValue {
        var check = ArgumentCheck(arguments)
        let includeDeleted = check.bool("include_deleted") ?? false
        var projectionText: String?
        if let value = arguments["projection"] {
            switch value {
            case .string(let s): projectionText = s
            case .list(let items) where items.allSatisfy({ $0.stringValue != nil }):
                projectionText = items.compactMap(\.stringValue).joined(separator: "|")
            default: check.reportNoMatch("projection")
            }
        }
        check.allowOnly(Self.routing.union(["include_deleted", "projection"]))
        try check.finish()
        try requireVisible(manifest, includeDeleted: includeDeleted)
        return .object(try ManifestProjection.parse(pipeDelimited: projectionText).apply(manifest))
    }

    /// v2 scans keep the event in I3Events; v1 scans carried it in the manifest.
    func i3Event(_ manifest: JSONObject, _ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        try checkOnly(arguments)
        if let id = manifest["i3_event_id"]?.stringValue, !id.isEmpty {
            guard let event = try await store.i3Event(id) else { throw .notFound }
            return .object(["i3_event": event["json_dict"] ?? .object([:])])
        }
        if case .object(let legacy)? = manifest["event_i3live_json_dict"] { return .object(["i3_event": .object(legacy)]) }
        throw .notFound
    }

    func result(_ manifest: JSONObject, _ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        var check = ArgumentCheck(arguments)
        let includeDeleted = check.bool("include_deleted") ?? false
        check.allowOnly(Self.routing.union(["include_deleted"]))
        try check.finish()
        try requireVisible(manifest, includeDeleted: includeDeleted)
        return .object(try await store.result(scanID(manifest)) ?? [:])
    }

    func status(_ manifest: JSONObject, _ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        try checkOnly(arguments)
        let id = scanID(manifest)
        let isFinal = try await store.hasFinalResult(id)
        let deactivated = LocalEWMS.deactivated(manifest, isFinal: isFinal)
        let state = ScanState.derive(manifest: manifest, isFinal: isFinal, deactivated: deactivated)
        let workers = try await requestedClusters(id).reduce(0) { $0 + $1.1 }
        return .object([
            "scan_state": .string(state),
            "is_deleted": manifest["is_deleted"] ?? .bool(false),
            "ewms_deactivated": deactivated.map(JSONValue.string) ?? .null,
            "scan_complete": .bool(state == ScanState.finalResult),
            "scanner_server_logs": .object(["url": .string(LocalEWMS.logsURL(scanID: id))]),
            "ewms_workforce": LocalEWMS.workforce(manifest, isFinal: isFinal, requestedWorkers: workers),
        ])
    }

    func logs(_ manifest: JSONObject, _ arguments: SkyDriverArguments) throws(SkyDriverError) -> JSONValue {
        try checkOnly(arguments)
        return .object(["scanner_server": .object(["url": .string(LocalEWMS.logsURL(scanID: scanID(manifest)))])])
    }

    func workflowID(_ manifest: JSONObject, _ arguments: SkyDriverArguments) throws(SkyDriverError) -> JSONValue {
        try checkOnly(arguments)
        let workflowID = manifest["ewms_workflow_id"] ?? .null
        return .object([
            "workflow_id": workflowID,
            "requested_ewms_workflow": .bool(LocalEWMS.hasWorkflow(manifest)),
            "eligible_for_ewms": .bool(workflowID != .null),
            "ewms_address": manifest["ewms_address"] ?? .null,
        ])
    }

    func workforce(_ manifest: JSONObject, _ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        try checkOnly(arguments)
        let id = scanID(manifest)
        let isFinal = try await store.hasFinalResult(id)
        let workers = try await requestedClusters(id).reduce(0) { $0 + $1.1 }
        return LocalEWMS.workforce(manifest, isFinal: isFinal, requestedWorkers: workers)
    }

    func taskforces(_ manifest: JSONObject, _ arguments: SkyDriverArguments) async throws(SkyDriverError) -> JSONValue {
        try checkOnly(arguments)
        return LocalEWMS.taskforces(manifest, clusters: try await requestedClusters(scanID(manifest)))
    }
}
