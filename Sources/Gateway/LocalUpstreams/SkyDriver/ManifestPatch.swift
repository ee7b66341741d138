// PATCH manifest's bodies, checked against SkyDriver's OpenAPI shapes (Progress, EventMetadata,
// scan metadata); a shape that does not fit is "must match one of the accepted types".

import GraphQLKit

enum ManifestPatch {
    static func progress(_ check: inout ArgumentCheck) -> JSONValue? {
        guard let value = check.arguments["progress"] else { return nil }
        guard case .object(let p) = value,
              p["summary"]?.stringValue != nil, p["epilogue"]?.stringValue != nil, p["tallies"]?.objectValue != nil,
              p["last_updated"]?.stringValue != nil,
              let threshold = p["predictive_scanning_threshold"]?.numberValue, (0...1).contains(threshold),
              case .object(let stats)? = p["processing_stats"], stats["start"]?.objectValue != nil, stats["runtime"]?.objectValue != nil,
              optional(stats["rate"], \.objectValue), optional(stats["end"], \.stringValue),
              optional(stats["finished"], \.boolValue), optional(stats["predictions"], \.objectValue),
              optional(p["start"], \.intValue), optional(p["end"], \.intValue)
        else {
            check.reportNoMatch("progress")
            return nil
        }
        return value
    }

    static func eventMetadata(_ check: inout ArgumentCheck) -> JSONValue? {
        guard let value = check.arguments["event_metadata"] else { return nil }
        guard case .object(let m) = value, m["run_id"]?.intValue != nil, m["event_id"]?.intValue != nil,
              m["event_type"]?.stringValue != nil, m["mjd"]?.numberValue != nil, m["is_real_event"]?.boolValue != nil
        else {
            check.reportNoMatch("event_metadata")
            return nil
        }
        return value
    }

    static func scanMetadata(_ check: inout ArgumentCheck) -> JSONValue? {
        guard let value = check.arguments["scan_metadata"] else { return nil }
        guard case .object = value else {
            check.reportNoMatch("scan_metadata")
            return nil
        }
        return value
    }

    /// Absent or null, or present with the right type.
    private static func optional<T>(_ value: JSONValue?, _ read: (JSONValue) -> T?) -> Bool {
        guard let value, value != .null else { return true }
        return read(value) != nil
    }
}
