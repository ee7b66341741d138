// A stored manifest as SkyDriver hands it out: SkyDriver decodes each document into its
// Manifest dataclass and serializes that, so every field is present (defaults filled in), in
// the dataclass's order, and fields the dataclass does not know are dropped.

import GraphQLKit

enum ManifestShape {
    /// Manifest fields in SkyDriver's order, with their defaults (nil = required, no default).
    static let fields: [(name: String, defaultValue: JSONValue?)] = [
        ("scan_id", nil),
        ("timestamp", nil),
        ("is_deleted", nil),
        ("scanner_server_args", nil),
        ("ewms_workflow_id", .null),
        ("ewms_address", .null),
        ("ewms_task", .string("use 'ewms_workflow_id'")),
        ("priority", .int(0)),
        ("classifiers", .object([:])),
        ("i3_event_id", .string("")),
        ("event_i3live_json_dict", .string("use 'i3_event_id'")),
        ("event_i3live_json_dict__hash", .null),
        ("event_metadata", .null),
        ("scan_metadata", .null),
        ("progress", .null),
        ("replaced_by_scan_id", .null),
        ("last_updated", .double(0)),
    ]

    static let fieldNames = fields.map(\.name)

    static let progressFields: [(name: String, defaultValue: JSONValue?)] = [
        ("summary", nil), ("epilogue", nil), ("tallies", nil), ("processing_stats", nil),
        ("predictive_scanning_threshold", nil), ("last_updated", nil), ("start", .null), ("end", .null),
    ]

    static let processingStatsFields: [(name: String, defaultValue: JSONValue?)] = [
        ("start", nil), ("runtime", nil), ("rate", .object([:])), ("end", .string("")),
        ("finished", .bool(false)), ("predictions", .object([:])),
    ]

    /// The manifest with every field; a missing required field becomes null rather than a 500.
    static func normalized(_ stored: JSONObject) -> JSONObject {
        var manifest = shaped(stored, fields)
        if case .object(var progress)? = manifest["progress"] {
            progress = shaped(progress, progressFields)
            if case .object(let stats)? = progress["processing_stats"] {
                progress["processing_stats"] = .object(shaped(stats, processingStatsFields))
            }
            manifest["progress"] = .object(progress)
        }
        return manifest
    }

    private static func shaped(_ object: JSONObject, _ fields: [(name: String, defaultValue: JSONValue?)]) -> JSONObject {
        var out = JSONObject()
        out.reserveCapacity(fields.count)
        for field in fields {
            out.append(key: field.name, value: object[field.name] ?? field.defaultValue ?? .null)
        }
        return out
    }
}
