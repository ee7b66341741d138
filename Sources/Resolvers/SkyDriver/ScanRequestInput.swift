// `requestScan(input:)` → the body of `POST /scan`, every argument typed. Defaults are the
// documented ones and are sent explicitly, so the request SkyDriver stores says what was asked.
// What only SkyDriver can judge (event xor i3 event id, known clusters, docker tags, classifier
// limits) is left to it; its refusals come back with `upstreamStatus` and `upstreamError`.

import GraphQLKit

enum ScanRequestInput {
    static func body(_ input: JSONValue?) throws(GraphQLError) -> JSONValue {
        guard case .object(let i)? = input else { throw RegistryError.badUserInput("requestScan needs an input.") }
        var body = JSONObject()
        body["docker_tag"] = i["dockerTag"] ?? .null
        body["reco_algo"] = i["recoAlgo"] ?? .null
        var nsides = JSONObject()
        for item in i["nsides"]?.asList ?? [] {
            guard let o = item.asObject, let nside = o["nside"]?.asInt, let ext = o["pixelExtension"]?.asInt else { continue }
            guard nsides[String(nside)] == nil else { throw RegistryError.badUserInput("input.nsides lists nside \(nside) twice.") }
            nsides[String(nside)] = .int(ext)
        }
        guard !nsides.isEmpty else { throw RegistryError.badUserInput("input.nsides needs at least one nside.") }
        body["nsides"] = .object(nsides)
        body["real_or_simulated_event"] = .string(i["eventKind"]?.asString == "SIMULATED" ? "simulated" : "real")
        body["max_pixel_reco_time"] = i["maxPixelRecoTime"] ?? .null
        // The list form, so one cluster may be asked for more than once.
        body["request_clusters"] = .list((i["requestClusters"]?.asList ?? []).compactMap { item -> JSONValue? in
            guard let o = item.asObject, let name = o["location"], let n = o["nWorkers"] else { return nil }
            return .list([name, n])
        })
        // Exactly one of the two: SkyDriver says so itself (400 "... (xor)").
        if let event = nonNull(i["eventI3liveJson"]) { body["event_i3live_json"] = event }
        if let id = nonNull(i["i3EventId"]) { body["i3_event_id"] = id }
        body["scanner_server_memory_bytes"] = i["scannerServerMemory"] ?? .string("1024M")
        body["worker_memory_bytes"] = i["workerMemory"] ?? .string("8GB")
        body["worker_disk_bytes"] = i["workerDisk"] ?? .string("1GB")
        body["predictive_scanning_threshold"] = i["predictiveScanningThreshold"] ?? .double(1.0)
        body["priority"] = i["priority"] ?? .int(0)
        let debug = (i["debugMode"]?.asList ?? []).compactMap { $0.asString == "CLIENT_LOGS" ? JSONValue.string("client-logs") : nil }
        if !debug.isEmpty { body["debug_mode"] = .list(debug) }
        if let classifiers = nonNull(i["classifiers"]) { body["classifiers"] = classifiers }
        if let env = nonNull(i["scannerServerEnv"]) { body["scanner_server_env_from_user"] = env }
        return .object(body)
    }

    private static func nonNull(_ value: JSONValue?) -> JSONValue? {
        guard let value, value != .null else { return nil }
        return value
    }
}
