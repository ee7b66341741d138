// A SkyDriver manifest as the `Scan` type sees it. Fields that need another call (state,
// result, request, i3Event, replacedBy) have resolvers in SkyDriverScanResolvers.

import GraphQLKit

public struct ScanValue: FieldValueContainer, TypeNamed {
    static let typeName = "Scan"
    /// The workflow-id sentinel of a scan still in SkyDriver's backlog.
    static let notYetRequested = "not-yet-requested"

    public let manifest: JSONObject
    /// The result that came with the manifest (DELETE answers both), so `result` needs no call.
    let knownResult: JSONObject?

    init(manifest: JSONObject, knownResult: JSONObject? = nil) {
        self.manifest = manifest
        self.knownResult = knownResult
    }

    public var graphQLTypeName: String { Self.typeName }

    public var scanID: String { manifest["scan_id"]?.asString ?? "" }

    public var globalID: GlobalID { GlobalID(typeName: Self.typeName, key: scanID) }

    var isDeleted: Bool { manifest["is_deleted"]?.asBool ?? false }

    var replacedByScanID: String? {
        guard let id = manifest["replaced_by_scan_id"]?.asString, !id.isEmpty else { return nil }
        return id
    }

    public func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "id": .json(.string(globalID.encoded))
        case "scanId": .json(.string(scanID))
        case "isDeleted": .json(.bool(isDeleted))
        case "priority": .json(.int(manifest["priority"]?.asInt ?? 0))
        case "classifiers": .json(manifest["classifiers"]?.asObject.map(JSONValue.object) ?? .object([:]))
        case "timestamp": .json(manifest["timestamp"].doubleJSON)
        case "lastUpdated": .json(manifest["last_updated"].doubleJSON)
        case "i3EventId":
            .json(manifest["i3_event_id"]?.asString.flatMap { $0.isEmpty ? nil : JSONValue.string($0) } ?? .null)
        case "eventMetadata": .json(eventMetadata)
        case "progress": .json(progress)
        case "scanMetadata": .json(manifest["scan_metadata"].structuredJSON)
        case "scannerServerArgs": .json(manifest["scanner_server_args"].stringJSON)
        case "ewmsWorkflowId": .json(manifest["ewms_workflow_id"].stringJSON)
        case "ewmsAddress": .json(manifest["ewms_address"].stringJSON)
        case "isInBacklog": .json(.bool(manifest["ewms_workflow_id"]?.asString == Self.notYetRequested))
        case "replacedByScanId": .json(replacedByScanID.map(JSONValue.string) ?? .null)
        case "manifest": .json(.object(manifest))
        default: nil
        }
    }

    private var eventMetadata: JSONValue {
        guard let m = manifest["event_metadata"]?.asObject else { return .null }
        return .object([
            "runId": m["run_id"].int32JSON, "eventId": m["event_id"].int32JSON, "eventType": m["event_type"].stringJSON,
            "mjd": m["mjd"].doubleJSON, "isRealEvent": m["is_real_event"].boolJSON,
        ])
    }

    private var progress: JSONValue {
        guard let p = manifest["progress"]?.asObject else { return .null }
        var stats: JSONValue = .null
        if let s = p["processing_stats"]?.asObject {
            stats = .object([
                "start": s["start"].structuredJSON, "runtime": s["runtime"].structuredJSON,
                "rate": s["rate"]?.asObject.map(JSONValue.object) ?? .object([:]), "end": s["end"].stringJSON,
                "finished": .bool(s["finished"]?.asBool ?? false),
                "predictions": s["predictions"]?.asObject.map(JSONValue.object) ?? .object([:]),
            ])
        }
        return .object([
            "summary": p["summary"].stringJSON, "epilogue": p["epilogue"].stringJSON, "tallies": p["tallies"].structuredJSON,
            "processingStats": stats, "predictiveScanningThreshold": p["predictive_scanning_threshold"].doubleJSON,
            "lastUpdated": p["last_updated"].stringJSON, "start": p["start"].int32JSON, "end": p["end"].int32JSON,
        ])
    }
}
