// The original request of a scan (GET /scan-request/{id}) as `ScanRequest`: SkyDriver's
// normalized POST /scan inputs (sizes in bytes, nsides keyed by strings, clusters as
// [[name, n]]) plus the ids of its rescans.

import GraphQLKit

struct ScanRequestValue: FieldValueContainer {
    let document: JSONObject

    var scanID: String { document["scan_id"]?.asString ?? "" }

    var rescanIDs: [String] { (document["rescan_ids"]?.asList ?? []).compactMap(\.asString) }

    func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "scanId": .json(.string(scanID))
        case "rescanIds": .json(.list(rescanIDs.map(JSONValue.string)))
        case "dockerTag": .json(document["docker_tag"].stringJSON)
        case "recoAlgo": .json(document["reco_algo"].stringJSON)
        case "nsides": .json(nsides)
        case "realOrSimulatedEvent": .json(document["real_or_simulated_event"].stringJSON)
        case "eventKind": .json(eventKind)
        case "maxPixelRecoTime": .json(document["max_pixel_reco_time"].int32JSON)
        case "requestClusters": .json(clusters)
        case "scannerServerMemoryBytes": .json(document["scanner_server_memory_bytes"].doubleJSON)
        case "workerMemoryBytes": .json(document["worker_memory_bytes"].doubleJSON)
        case "workerDiskBytes": .json(document["worker_disk_bytes"].doubleJSON)
        case "predictiveScanningThreshold": .json(document["predictive_scanning_threshold"].doubleJSON)
        case "priority": .json(.int(document["priority"]?.asInt ?? 0))
        case "debugMode": .json(.list(debugMode))
        case "classifiers": .json(document["classifiers"]?.asObject.map(JSONValue.object) ?? .object([:]))
        case "i3EventId": .json(document["i3_event_id"].stringJSON)
        case "scannerServerEnv": .json(document["scanner_server_env_from_user"]?.asObject.map(JSONValue.object) ?? .object([:]))
        case "raw": .json(.object(document))
        default: nil
        }
    }

    /// `{"8": 0, "64": 12}` → `[{nside: 8, pixelExtension: 0}, …]` in ascending nside.
    private var nsides: JSONValue {
        let pairs = (document["nsides"]?.asObject?.members ?? []).compactMap { m -> (Int, Int)? in
            guard let n = Int(m.key), let ext = m.value.asInt else { return nil }
            return (n, ext)
        }
        return .list(pairs.sorted { $0.0 < $1.0 }.map { .object(["nside": .int($0.0), "pixelExtension": .int($0.1)]) })
    }

    /// `real`/`real_event` → REAL, `sim`/`simulated`/`simulated_event` → SIMULATED.
    private var eventKind: JSONValue {
        guard let kind = document["real_or_simulated_event"]?.asString else { return .null }
        if kind.hasPrefix("real") { return .string("REAL") }
        if kind.hasPrefix("sim") { return .string("SIMULATED") }
        return .null
    }

    /// `[[name, n], …]`, or the `{name: n}` form older requests may hold.
    private var clusters: JSONValue {
        var out: [JSONValue] = []
        switch document["request_clusters"] {
        case .list(let items)?:
            for item in items {
                guard let pair = item.asList, pair.count == 2, let name = pair[0].asString, let n = pair[1].asInt else { continue }
                out.append(.object(["location": .string(name), "nWorkers": n.clampedJSON]))
            }
        case .object(let o)?:
            for m in o.members { if let n = m.value.asInt { out.append(.object(["location": .string(m.key), "nWorkers": n.clampedJSON])) } }
        default: break
        }
        return .list(out)
    }

    /// A string or a list of strings.
    private var debugMode: [JSONValue] {
        switch document["debug_mode"] {
        case .string(let s)?: [.string(s)]
        case .list(let items)?: items.filter { $0.asString != nil }
        default: []
        }
    }
}

private extension Int {
    var clampedJSON: JSONValue { .int(Swift.min(self, Int(Int32.max))) }
}
