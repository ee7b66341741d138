// POST /scan's arguments: SkyDriver's OpenAPI checks (all problems reported at once), then its
// handler's own checks (event xor, docker tag, debug-mode worker caps), then normalization into
// the scan request document SkyDriver stores (sizes in bytes, nsides keys as strings, clusters
// as [[name, n]]).

import Foundation
import GraphQLKit

struct ScanLaunchArguments: Sendable {
    enum Event: Sendable {
        case inline(JSONObject)
        case stored(id: String)
    }

    var dockerTag: String
    var recoAlgo: String
    /// `[nside: pixel extension]` in the order given, keys as strings.
    var nsides: JSONObject
    var realOrSimulatedEvent: String
    var maxPixelRecoTime: Int
    var requestClusters: [(String, Int)]
    var event: Event
    var scannerServerMemoryBytes: Int
    var workerMemoryBytes: Int
    var workerDiskBytes: Int
    var predictiveScanningThreshold: Double
    var priority: Int
    var debugMode: [String]
    var classifiers: JSONObject
    var scannerServerEnv: JSONObject
    var projection: ManifestProjection

    static let knownClusters: Set<String> = ["osg", "sub-2", "local"]
    static let eventKinds = ["real", "real_event", "sim", "simulated", "simulated_event"]
    static let allowedNames: Set<String> = [
        "docker_tag", "reco_algo", "nsides", "real_or_simulated_event", "max_pixel_reco_time", "request_clusters", "cluster",
        "event_i3live_json", "i3_event_id", "scanner_server_memory_bytes", "scanner_server_memory", "worker_memory_bytes",
        "worker_memory", "worker_disk_bytes", "worker_disk", "predictive_scanning_threshold", "priority", "debug_mode",
        "classifiers", "scanner_server_env_from_user", "scanner_server_env", "manifest_projection",
    ]
    /// SkyDriver adds these to a rescan's classifiers itself.
    static let reservedClassifiers: Set<String> = ["rescan", "origin_scan_id"]

    init(_ arguments: SkyDriverArguments) throws(SkyDriverError) {
        var check = ArgumentCheck(arguments)
        check.require(["docker_tag", "reco_algo", "nsides", "real_or_simulated_event", "max_pixel_reco_time"])
        if arguments["request_clusters"] == nil, arguments["cluster"] == nil { check.report("'request_clusters' is a required property") }
        let dockerTag = check.string("docker_tag", nonBlank: true)
        let recoAlgo = check.string("reco_algo", nonBlank: true)
        let nsides = Self.nsides(&check)
        let kind = check.oneOf("real_or_simulated_event", Self.eventKinds)
        let maxPixelRecoTime = check.int("max_pixel_reco_time", minimum: 1)
        let clusters = Self.clusters(arguments["request_clusters"] != nil ? "request_clusters" : "cluster", &check)
        let inlineEvent = Self.inlineEvent(&check)
        let eventID = check.string("i3_event_id")
        let serverMemory = Self.size(["scanner_server_memory_bytes", "scanner_server_memory"], default: 1_024_000_000, &check)
        let workerMemory = Self.size(["worker_memory_bytes", "worker_memory"], default: 8_000_000_000, &check)
        let workerDisk = Self.size(["worker_disk_bytes", "worker_disk"], default: 1_000_000_000, &check)
        let threshold = check.number("predictive_scanning_threshold", minimum: 0.1, maximum: 1.0) ?? 1.0
        let priority = check.int("priority") ?? 0
        let debugMode = Self.debugMode(&check)
        let classifiers = Self.classifiers(&check)
        let environment = Self.environment(arguments["scanner_server_env_from_user"] != nil ? "scanner_server_env_from_user" : "scanner_server_env", &check)
        let projection = try ManifestProjection.parse("manifest_projection", in: &check)
        check.allowOnly(Self.allowedNames)
        try check.finish()
        guard let dockerTag, let recoAlgo, let nsides, let kind, let maxPixelRecoTime, let clusters else {
            throw SkyDriverError.badRequest("unspecified validation error")
        }

        switch (inlineEvent, eventID) {
        case (let json?, nil): event = .inline(json)
        case (nil, let id?): event = .stored(id: id)
        default: throw SkyDriverError.badRequest("Must provide either 'event_i3live_json' or 'i3_event_id' (xor)")
        }
        if let problem = DockerTags.problem(dockerTag) { throw SkyDriverError.badRequest("argument docker_tag: \(problem)") }
        if !debugMode.isEmpty {
            // client-logs collects every worker's output, so SkyDriver caps the workforce.
            for (name, n) in clusters where n > (name == "local" ? 5 : 100) { throw SkyDriverError.genericBadRequest }
        }
        self.dockerTag = dockerTag
        self.recoAlgo = recoAlgo
        self.nsides = nsides
        realOrSimulatedEvent = kind
        self.maxPixelRecoTime = maxPixelRecoTime
        requestClusters = clusters
        scannerServerMemoryBytes = serverMemory
        workerMemoryBytes = workerMemory
        workerDiskBytes = workerDisk
        predictiveScanningThreshold = threshold
        self.priority = priority
        self.debugMode = debugMode
        self.classifiers = classifiers
        scannerServerEnv = environment
        self.projection = projection
    }

    var isRealEvent: Bool { realOrSimulatedEvent.hasPrefix("real") }

    /// The stored ScanRequestObj (without `scan_id` / `rescan_ids`, which the caller adds).
    func requestDocument(scanID: String, i3EventID: String) -> JSONObject {
        [
            "scan_id": .string(scanID),
            "rescan_ids": .list([]),
            "docker_tag": .string(dockerTag),
            "scanner_server_memory_bytes": .int(scannerServerMemoryBytes),
            "reco_algo": .string(recoAlgo),
            "nsides": .object(nsides),
            "real_or_simulated_event": .string(realOrSimulatedEvent),
            "predictive_scanning_threshold": .double(predictiveScanningThreshold),
            "classifiers": .object(classifiers),
            "max_pixel_reco_time": .int(maxPixelRecoTime),
            "priority": .int(priority),
            "debug_mode": .list(debugMode.map(JSONValue.string)),
            "request_clusters": .list(requestClusters.map { .list([.string($0.0), .int($0.1)]) }),
            "worker_memory_bytes": .int(workerMemoryBytes),
            "worker_disk_bytes": .int(workerDiskBytes),
            "i3_event_id": .string(i3EventID),
            "scanner_server_env_from_user": .object(scannerServerEnv),
        ]
    }

    // MARK: Individual arguments

    private static func nsides(_ check: inout ArgumentCheck) -> JSONObject? {
        guard let object = check.object("nsides") else { return nil }
        var out = JSONObject()
        for member in object.members {
            guard let nside = Int(member.key), nside > 0, let ext = member.value.intValue, ext >= 0 else {
                check.reportNoMatch("nsides")
                return nil
            }
            out.append(key: String(nside), value: .int(ext))
        }
        return out
    }

    /// `{name: n}` or `[[name, n], …]`; names from SkyDriver's known clusters, n ≥ 1.
    private static func clusters(_ name: String, _ check: inout ArgumentCheck) -> [(String, Int)]? {
        guard let value = check.arguments[name] else { return nil }
        var pairs: [(String, JSONValue)] = []
        switch value {
        case .object(let o): pairs = o.members.map { ($0.key, $0.value) }
        case .list(let items):
            for item in items {
                guard case .list(let pair) = item, pair.count == 2, let location = pair[0].stringValue else {
                    check.reportNoMatch(name)
                    return nil
                }
                pairs.append((location, pair[1]))
            }
        default: break
        }
        let clusters = pairs.compactMap { location, n -> (String, Int)? in
            guard knownClusters.contains(location), let n = n.intValue, n >= 1 else { return nil }
            return (location, n)
        }
        guard !pairs.isEmpty, clusters.count == pairs.count else {
            check.reportNoMatch(name)
            return nil
        }
        return clusters
    }

    /// An object, or a string holding one.
    private static func inlineEvent(_ check: inout ArgumentCheck) -> JSONObject? {
        guard let value = check.arguments["event_i3live_json"] else { return nil }
        switch value {
        case .object(let o): return o
        case .string(let text):
            if let parsed = try? JSONParser.parse(text), case .object(let o) = parsed { return o }
            check.report("unspecified validation error")
            return nil
        default:
            check.reportNoMatch("event_i3live_json")
            return nil
        }
    }

    private static func size(_ names: [String], default value: Int, _ check: inout ArgumentCheck) -> Int {
        guard let name = names.first(where: { check.arguments[$0] != nil }), let given = check.arguments[name] else { return value }
        switch given {
        case .int(let n) where n >= 0: return n
        case .string(let text):
            if let bytes = DataSize.bytes(text) { return bytes }
            check.report("unspecified validation error")
        default: check.reportNoMatch(name)
        }
        return value
    }

    private static func debugMode(_ check: inout ArgumentCheck) -> [String] {
        guard let value = check.arguments["debug_mode"] else { return [] }
        let modes: [JSONValue]
        switch value {
        case .string: modes = [value]
        case .list(let items): modes = items
        case .null: return []
        default: check.reportNoMatch("debug_mode"); return []
        }
        var out: [String] = []
        for mode in modes {
            guard mode.stringValue == "client-logs" else { check.reportNoMatch("debug_mode"); return [] }
            if !out.contains("client-logs") { out.append("client-logs") }
        }
        return out
    }

    /// At most 25 keys of at most 25 characters, scalar values, strings of at most 25 characters.
    private static func classifiers(_ check: inout ArgumentCheck) -> JSONObject {
        guard let object = check.object("classifiers") else { return [:] }
        let valid = object.count <= 25 && object.members.allSatisfy { member in
            guard member.key.count <= 25, !reservedClassifiers.contains(member.key) else { return false }
            switch member.value {
            case .string(let s): return s.count <= 25
            case .bool, .int, .double, .null: return true
            case .list, .object: return false
            }
        }
        guard valid else { check.reportNoMatch("classifiers"); return [:] }
        return object
    }

    private static func environment(_ name: String, _ check: inout ArgumentCheck) -> JSONObject {
        guard let object = check.object(name) else { return [:] }
        for member in object.members {
            switch member.value {
            case .string, .int, .double, .bool: continue
            default: check.reportNoMatch(name); return [:]
            }
        }
        return object
    }
}

/// humanfriendly's sizes: `1024M`, `8GB`, `1.5 GiB`, `512`; decimal units unless `…iB`.
enum DataSize {
    static func bytes(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard let number = Double(digits), number >= 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let factors: [String: Double] = [
            "": 1, "b": 1, "bytes": 1,
            "k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9, "t": 1e12, "tb": 1e12,
            "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
        ]
        guard let factor = factors[unit] else { return nil }
        let bytes = (number * factor).rounded()
        guard bytes < 9e18 else { return nil }
        return Int(bytes)
    }
}

/// What stands in for CVMFS and Docker Hub: `latest`, version tags from the minimum on, and
/// branch tags (`name-1a2b3c4`) exist; nothing else does.
enum DockerTags {
    static let minimum = [3, 4, 0]

    /// nil when the tag exists and is new enough; otherwise SkyDriver's message after "argument docker_tag: ".
    static func problem(_ tag: String) -> String? {
        if tag == "latest" { return nil }
        if isBranchTag(tag) { return nil }
        let version = tag.hasPrefix("v") ? tag.dropFirst() : tag[...]
        let parts = version.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return "image not found" }
        let numbers = parts.compactMap { $0 }
        // A partial tag (v3, v3.5) names the newest image of that line; compare what is given.
        for (given, least) in zip(numbers, minimum) {
            if given > least { return nil }
            if given < least { return "Image tag is older than the minimum supported tag 'v3.4.0'. Contact admins for more info" }
        }
        return nil
    }

    private static func isBranchTag(_ tag: String) -> Bool {
        guard let dash = tag.lastIndex(of: "-") else { return false }
        let head = tag[..<dash], hash = tag[tag.index(after: dash)...]
        return !head.isEmpty && head.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            && hash.count >= 7 && hash.allSatisfy(\.isHexDigit)
    }
}
