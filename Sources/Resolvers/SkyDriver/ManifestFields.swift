// Which manifest fields a `scans` page needs, from the query's selection, for `/scans/find`'s
// `manifest_projection`: SkyDriver answers every field of every match otherwise (its #133 was
// about such answers). The scan id, timestamp and deletion flag are always asked for (cursors
// and ids need them); a selection this file does not know asks for everything.

import GraphQLKit

enum ManifestFields {
    static let always = ["scan_id", "timestamp", "is_deleted"]

    /// Manifest keys per `Scan` field; an empty list means the field needs only the scan id
    /// (it calls SkyDriver again by id). Fields absent here (`manifest`) need everything.
    static let byScanField: [String: [String]] = [
        "__typename": [], "id": [], "scanId": [], "state": [], "rawState": [], "scanComplete": [], "ewmsDeactivated": [], "logsUrl": [], "ewmsWorkforce": [],
        "result": [], "request": [], "i3Event": [],
        "isDeleted": [], "timestamp": [], "priority": ["priority"], "classifiers": ["classifiers"], "lastUpdated": ["last_updated"],
        "i3EventId": ["i3_event_id"], "eventMetadata": ["event_metadata"], "progress": ["progress"], "scanMetadata": ["scan_metadata"],
        "scannerServerArgs": ["scanner_server_args"], "ewmsWorkflowId": ["ewms_workflow_id"], "isInBacklog": ["ewms_workflow_id"],
        "ewmsAddress": ["ewms_address"], "replacedByScanId": ["replaced_by_scan_id"], "replacedBy": ["replaced_by_scan_id"],
    ]

    /// The projection for a `scans` field (a `ScanConnection`); nil for every field.
    static func projection(forConnection info: ResolveInfo) -> [String]? {
        var keys = always
        for field in info.selection(on: "ScanConnection") {
            switch field.name {
            case "nodes":
                guard add(scanSelection: field.selection(on: "Scan"), to: &keys) else { return nil }
            case "edges":
                for edgeField in field.selection(on: "ScanEdge") where edgeField.name == "node" {
                    guard add(scanSelection: edgeField.selection(on: "Scan"), to: &keys) else { return nil }
                }
            default:
                break
            }
        }
        return keys
    }

    /// False when some field needs the whole manifest.
    private static func add(scanSelection: [SelectedField], to keys: inout [String]) -> Bool {
        for field in scanSelection {
            guard let needed = byScanField[field.name] else { return false }
            for key in needed where !keys.contains(key) { keys.append(key) }
        }
        return true
    }
}
