// The deterministic demo data: scans across SkyDriver's whole lifecycle, the same documents
// (scan ids included) on every run. Written with one insertMany per collection (results in
// small batches) so a slow MongoDB-wire server seeds in well under a few seconds.
//
//   label               state                                         what it shows
//   backlog-alert       PENDING__PRESTARTUP                           realtime alert (priority 100) in the backlog
//   backlog-sim         PENDING__PRESTARTUP                           simulated event in the backlog, priority 0
//   server-startup      PENDING__WAITING_ON_SCANNER_SERVER_STARTUP    workflow requested, no progress yet
//   first-pixel         IN_PROGRESS__WAITING_ON_FIRST_PIXEL_RECO      progress without a rate
//   partial             IN_PROGRESS__PARTIAL_RESULT_GENERATED         partial result (nside 8 + part of 64)
//   final-real          SCAN_HAS_FINAL_RESULT                         final result at nsides 8, 64, 512
//   final-sim           SCAN_HAS_FINAL_RESULT                         simulated event, final result
//   deleted             ABORTED__PARTIAL_RESULT_GENERATED             deleted while running, partial result kept
//   replaced            IN_PROGRESS__WAITING_ON_FIRST_PIXEL_RECO      replaced_by_scan_id → rescan (GETs redirect)
//   rescan              SCAN_HAS_FINAL_RESULT                         the replacement: classifiers rescan/origin_scan_id
//   v1-final            SCAN_HAS_FINAL_RESULT                         v1 era: ewms_task clusters, inline event, 4-column result
//   v1-stopped          STOPPED__PARTIAL_RESULT_GENERATED             v1 era, task complete without a final result

import Foundation
import GraphQLKit
import Resolvers

struct SkyDriverSeedReport: Sendable {
    var scans: Int
    var resultRows: Int
    var seconds: Double
}

enum SkyDriverSeed {
    /// 2025-03-01T00:00:00Z; every seeded time is an offset from it.
    static let epoch = 1_740_787_200.0
    static let nsideProgression: JSONObject = ["8": .int(0), "64": .int(12), "512": .int(24)]

    enum Stage {
        case backlog, serverStartup, firstPixel, partial, final, deleted
    }

    struct Spec {
        var label: String
        var minutes: Double
        var event: SkymapEvent
        var stage: Stage
        var priority = 0
        var classifiers: JSONObject = [:]
        var v1 = false
        var replacedBy: String? = nil
        var rescanOf: String? = nil
    }

    static let specs: [Spec] = [
        Spec(label: "backlog-alert", minutes: 5_000, event: SkymapEvent(runID: 140_212, eventID: 51_204_311, eventType: "gold", mjd: 60_740.4213, isRealEvent: true),
             stage: .backlog, priority: 100, classifiers: ["alert": .string("IceCube-Gold"), "realtime": .bool(true)]),
        Spec(label: "backlog-sim", minutes: 4_990, event: SkymapEvent(runID: 12_000_001, eventID: 77, eventType: "cascade", mjd: 59_000.0, isRealEvent: false),
             stage: .backlog, classifiers: ["campaign": .string("sim-bench-2025"), "n_photons": .int(2_000_000)]),
        Spec(label: "server-startup", minutes: 4_800, event: SkymapEvent(runID: 140_199, eventID: 8_830_102, eventType: "bronze", mjd: 60_738.9170, isRealEvent: true),
             stage: .serverStartup, priority: 100, classifiers: ["alert": .string("IceCube-Bronze")]),
        Spec(label: "first-pixel", minutes: 4_700, event: SkymapEvent(runID: 140_187, eventID: 3_311_870, eventType: "gold", mjd: 60_737.2031, isRealEvent: true),
             stage: .firstPixel, priority: 100, classifiers: ["alert": .string("IceCube-Gold")]),
        Spec(label: "partial", minutes: 4_000, event: SkymapEvent(runID: 140_150, eventID: 61_902_214, eventType: "cascade", mjd: 60_733.6602, isRealEvent: true),
             stage: .partial, priority: 100, classifiers: ["alert": .string("IceCube-Cascade"), "reviewed": .bool(false)]),
        Spec(label: "final-real", minutes: 2_000, event: SkymapEvent(runID: 139_870, eventID: 20_468_133, eventType: "gold", mjd: 60_712.1105, isRealEvent: true),
             stage: .final, priority: 100, classifiers: ["alert": .string("IceCube-Gold"), "gcn_notice": .int(3_702)]),
        Spec(label: "final-sim", minutes: 1_900, event: SkymapEvent(runID: 12_000_002, eventID: 311, eventType: "starting", mjd: 59_000.0, isRealEvent: false),
             stage: .final, classifiers: ["campaign": .string("sim-bench-2025"), "energy_gev": .double(125_000.5)]),
        Spec(label: "deleted", minutes: 1_500, event: SkymapEvent(runID: 139_901, eventID: 4_478_091, eventType: "bronze", mjd: 60_715.3390, isRealEvent: true),
             stage: .deleted, classifiers: ["note": .string("duplicate request")]),
        Spec(label: "replaced", minutes: 1_000, event: SkymapEvent(runID: 139_955, eventID: 9_020_114, eventType: "gold", mjd: 60_719.8721, isRealEvent: true),
             stage: .firstPixel, priority: 100, classifiers: ["alert": .string("IceCube-Gold")], replacedBy: "rescan"),
        Spec(label: "rescan", minutes: 1_060, event: SkymapEvent(runID: 139_955, eventID: 9_020_114, eventType: "gold", mjd: 60_719.8721, isRealEvent: true),
             stage: .final, priority: 100, classifiers: ["alert": .string("IceCube-Gold")], rescanOf: "replaced"),
        Spec(label: "v1-final", minutes: 100, event: SkymapEvent(runID: 136_891, eventID: 45_710_229, eventType: "gold", mjd: 60_101.5530, isRealEvent: true),
             stage: .final, v1: true),
        Spec(label: "v1-stopped", minutes: 50, event: SkymapEvent(runID: 136_702, eventID: 10_044_560, eventType: "bronze", mjd: 60_090.0877, isRealEvent: true),
             stage: .partial, v1: true),
    ]

    /// Fixed scan ids, one per label.
    static let scanIDs: [String: String] = {
        var random = SeedRandom(seed: 0x5C4D_1A7E)
        var ids: [String: String] = [:]
        for spec in specs {
            ids[spec.label] = spec.v1 ? random.hex(32) : ScanIdentifiers.make(at: epoch + spec.minutes * 60, tail: random.hex(20))
        }
        return ids
    }()

    static func scanID(_ label: String) -> String { scanIDs[label] ?? "" }

    struct Documents {
        var manifests: [JSONObject] = []
        var results: [JSONObject] = []
        var backlog: [JSONObject] = []
        var requests: [JSONObject] = []
        var events: [JSONObject] = []
        var resultRows = 0
    }

    static func documents() -> Documents {
        var docs = Documents()
        var random = SeedRandom(seed: 0x1CE_CAFE)
        for spec in specs {
            let id = scanID(spec.label)
            let t = epoch + spec.minutes * 60
            let eventKey = spec.rescanOf.map { scanID($0) } ?? id
            let i3EventID = "i3ev" + String(eventKey.suffix(28))
            let live = i3Live(spec.event, t: t)
            var classifiers = spec.classifiers
            if let origin = spec.rescanOf {
                classifiers["rescan"] = .bool(true)
                classifiers["origin_scan_id"] = .string(scanID(origin))
            }
            var manifest = SkyDriverHandlers.newManifest(
                scanID: id, timestamp: t, priority: spec.priority, classifiers: classifiers, i3EventID: spec.v1 ? "" : i3EventID,
                scannerServerArgs: ScanIdentifiers.scannerServerArguments(
                    recoAlgo: spec.v1 ? "millipede_original" : "millipede_wilks", nsides: [("8", 0), ("64", 12), ("512", 24)],
                    isRealEvent: spec.event.isRealEvent, threshold: 1.0))
            if spec.v1 {
                manifest["ewms_workflow_id"] = .null
                manifest["ewms_task"] = .object(v1Task(id: id, random: &random))
                manifest["event_i3live_json_dict"] = .object(live)
                manifest["event_i3live_json_dict__hash"] = .string(random.hex(32))
            } else if spec.stage != .backlog {
                manifest["ewms_workflow_id"] = .string("ewms-wf-" + random.hex(12))
                manifest["ewms_address"] = .string("https://ewms.local.invalid")
            }
            if spec.stage != .backlog, spec.stage != .serverStartup {
                manifest["event_metadata"] = .object(eventMetadata(spec.event))
                manifest["scan_metadata"] = .object([
                    "scan_id": .string(id),
                    "nside_progression": .list([.list([.int(8), .int(0)]), .list([.int(64), .int(12)]), .list([.int(512), .int(24)])]),
                    "position_variations": .int(3),
                ])
                manifest["progress"] = .object(progress(spec, scanStart: t + 300, random: &random))
            }
            if spec.stage == .deleted { manifest["is_deleted"] = .bool(true) }
            if let replacement = spec.replacedBy { manifest["replaced_by_scan_id"] = .string(scanID(replacement)) }
            manifest["last_updated"] = .double(t + lastUpdateOffset(spec.stage))
            docs.manifests.append(manifest)

            if spec.stage == .backlog {
                docs.backlog.append(SkyDriverHandlers.backlogEntry(scanID: id, timestamp: t, priority: spec.priority))
            }
            if !spec.v1, spec.rescanOf == nil {
                docs.events.append(["i3_event_id": .string(i3EventID), "json_dict": .object(live)])
                let rescans: [JSONValue] = specs.filter { $0.rescanOf == spec.label }.map { .string(scanID($0.label)) }
                docs.requests.append(request(spec, scanID: id, i3EventID: i3EventID, rescans: rescans))
            }
            if let extent = resultExtent(spec.stage) {
                let skyscan = SkymapResultGenerator.result(for: spec.event, extent: extent, version: spec.v1 ? 0 : 1, random: &random)
                for member in skyscan.members {
                    if case .object(let nside) = member.value, case .list(let rows)? = nside["data"] { docs.resultRows += rows.count }
                }
                docs.results.append(["scan_id": .string(id), "skyscan_result": .object(skyscan), "is_final": .bool(spec.stage == .final)])
            }
        }
        return docs
    }

    /// Writes the documents (the caller has emptied the collections) and the indexes.
    static func write(into store: SkyDriverStore) async throws(SkyDriverError) -> SkyDriverSeedReport {
        let started = Date()
        let docs = documents()
        do {
            for (collection, documents) in [(store.manifests, docs.manifests), (store.backlog, docs.backlog),
                                            (store.requests, docs.requests), (store.events, docs.events)] where !documents.isEmpty {
                _ = try await collection.insertMany(documents.map(SkyDriverJSON.document))
            }
            // A few ~0.3 MB results per message keeps each insert well under the wire limits.
            var index = 0
            while index < docs.results.count {
                let batch = docs.results[index..<min(index + 3, docs.results.count)]
                _ = try await store.results.insertMany(batch.map(SkyDriverJSON.document))
                index += 3
            }
        } catch { throw SkyDriverError(error) }
        try await store.ensureIndexes()
        return SkyDriverSeedReport(scans: docs.manifests.count, resultRows: docs.resultRows, seconds: Date().timeIntervalSince(started))
    }

    // MARK: Pieces

    private static func resultExtent(_ stage: Stage) -> SkymapResultGenerator.Extent? {
        switch stage {
        case .final: .final
        case .partial: .partial(regionsDone: 5)
        case .deleted: .firstNsideOnly(pixelsDone: 612)
        case .backlog, .serverStartup, .firstPixel: nil
        }
    }

    private static func lastUpdateOffset(_ stage: Stage) -> Double {
        switch stage {
        case .backlog: 0
        case .serverStartup: 240
        case .firstPixel: 1_500
        case .partial, .deleted: 7_200
        case .final: 21_600
        }
    }

    private static func eventMetadata(_ event: SkymapEvent) -> JSONObject {
        ["run_id": .int(event.runID), "event_id": .int(event.eventID), "event_type": .string(event.eventType),
         "mjd": .double(event.mjd), "is_real_event": .bool(event.isRealEvent)]
    }

    /// Realtime's i3live JSON, trimmed to what identifies the event.
    private static func i3Live(_ event: SkymapEvent, t: Double) -> JSONObject {
        [
            "run_id": .int(event.runID),
            "event_id": .int(event.eventID),
            "time": .string(timestamp(t - 600)),
            "topic": .string(event.isRealEvent ? "realtime_alert.\(event.eventType)" : "simulation"),
            "value": .object([
                "data": .object([
                    "run_id": .int(event.runID), "event_id": .int(event.eventID), "mjd": .double(event.mjd),
                    "frames": .list([.list([.string("I3EventHeader"), .string("AAAAAQAAAAgAAAAAAAAAAQ==")])]),
                ]),
            ]),
        ]
    }

    private static func request(_ spec: Spec, scanID: String, i3EventID: String, rescans: [JSONValue]) -> JSONObject {
        [
            "scan_id": .string(scanID),
            "rescan_ids": .list(rescans),
            "docker_tag": .string("v3.21.2"),
            "scanner_server_memory_bytes": .int(1_024_000_000),
            "reco_algo": .string("millipede_wilks"),
            "nsides": .object(nsideProgression),
            "real_or_simulated_event": .string(spec.event.isRealEvent ? "real" : "simulated"),
            "predictive_scanning_threshold": .double(1.0),
            "classifiers": .object(spec.classifiers),
            "max_pixel_reco_time": .int(2_400),
            "priority": .int(spec.priority),
            "debug_mode": .list([]),
            "request_clusters": .list([.list([.string("sub-2"), .int(1_000)]), .list([.string("osg"), .int(800)])]),
            "worker_memory_bytes": .int(8_000_000_000),
            "worker_disk_bytes": .int(1_000_000_000),
            "i3_event_id": .string(i3EventID),
            "scanner_server_env_from_user": .object([:]),
        ]
    }

    /// The skymap scanner's progress report at the spec's stage.
    private static func progress(_ spec: Spec, scanStart: Double, random: inout SeedRandom) -> JSONObject {
        let done: (Int, Int, Int)
        switch spec.stage {
        case .firstPixel: done = (0, 0, 0)
        case .partial: done = (768, 320, 0)
        case .deleted: done = (612, 0, 0)
        case .final: done = (768, 768, 1536)
        case .backlog, .serverStartup: done = (0, 0, 0)
        }
        let pixels = done.0 + done.1 + done.2
        let recos = pixels * 3
        let hours = Double(pixels) / 1_400 + 0.2
        let finished = spec.stage == .final
        var rate: JSONObject = [:]
        var predictions: JSONObject = [:]
        if pixels > 0 {
            rate = ["pixels_per_hour": .double(Double(pixels) / hours), "recos_per_hour": .double(Double(recos) / hours)]
            if !finished {
                predictions = ["time_left": .string("\(Int(3_072.0 / 1_400 * 60 - hours * 60)) minutes"),
                               "end": .string(timestamp(scanStart + 3_072.0 / 1_400 * 3_600)), "technique": .string("linear rate")]
            }
        }
        let tallies: JSONObject = [
            "nsides": .object([
                "8": .object(["recos": .int(done.0 * 3), "pixels": .int(done.0)]),
                "64": .object(["recos": .int(done.1 * 3), "pixels": .int(done.1)]),
                "512": .object(["recos": .int(done.2 * 3), "pixels": .int(done.2)]),
            ]),
            "overall": .object(["recos": .int(recos), "pixels": .int(pixels)]),
        ]
        let end = scanStart + hours * 3_600
        let eventLine = "run \(spec.event.runID), event \(spec.event.eventID) (\(spec.event.eventType))"
        return [
            "summary": .string("Event: \(eventLine)\nPixels done: \(pixels) of 3072 (\(recos) recos)\nReco time per pixel: \(String(format: "%.1f", random.double(in: 180...420))) s"),
            "epilogue": .string(finished ? "Scan finished: all nsides complete" : "Scan in progress"),
            "tallies": .object(tallies),
            "processing_stats": .object([
                "start": .object(["scanner_start": .string(timestamp(scanStart)),
                                  "first_reco": pixels > 0 ? .string(timestamp(scanStart + 420)) : .null]),
                "runtime": .object(["elapsed_seconds": .double(hours * 3_600), "workers_seen": .int(pixels > 0 ? 1_640 : 0)]),
                "rate": .object(rate),
                "end": .string(finished ? timestamp(end) : ""),
                "finished": .bool(finished),
                "predictions": .object(predictions),
            ]),
            "predictive_scanning_threshold": .double(1.0),
            "last_updated": .string(timestamp(scanStart + lastUpdateOffset(spec.stage))),
            "start": .int(Int(scanStart)),
            "end": finished ? .int(Int(end)) : .null,
        ]
    }

    private static func v1Task(id: String, random: inout SeedRandom) -> JSONObject {
        [
            "tms_args": .list([.string("python -m clientmanager --uuid \(id.prefix(8))")]),
            "env_vars": .object(["scanner_server": .list([]), "tms_starters": .list([.list([])])]),
            "clusters": .list([.object([
                "orchestrator": .string("condor"),
                "location": .object(["collector": .string("glidein-cm.icecube.wisc.edu"), "schedd": .string("sub-2.icecube.wisc.edu")]),
                "n_workers": .int(1_200),
                "uuid": .string(random.hex(32)),
                "cluster_id": .string(String(random.int(in: 10_000_000...99_999_999))),
                "starter_info": .object([:]),
                "statuses": .object(["Completed": .object(["Done": .int(1_150), "FatalError": .int(12)]), "Removed": .object(["null": .int(38)])]),
                "top_task_errors": .object(["Pilot exceeded the memory limit": .int(9)]),
            ])]),
            "complete": .bool(true),
        ]
    }

    /// The scanner's time format: `YYYY-MM-DD HH:MM:SS` in UTC.
    static func timestamp(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
