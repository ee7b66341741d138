// Dispatch from a route and method to its handler; what the handlers share. Reads are in
// ScanQueryHandlers.swift, writes in ScanCommandHandlers.swift.

import Foundation
import GraphQLKit

struct SkyDriverHandlers: Sendable {
    let store: SkyDriverStore
    /// Seconds since the epoch; tests may pin it.
    let clock: @Sendable () -> Double

    init(store: SkyDriverStore, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.store = store
        self.clock = clock
    }

    /// - Parameter manifest: the scan's normalized manifest when the router already looked it up
    ///   (every redirecting route), else nil.
    func handle(_ route: SkyDriverRoute, method: String, arguments: SkyDriverArguments, manifest: JSONObject?) async throws(SkyDriverError) -> JSONValue {
        switch (route, method) {
        case (.ping, _): return try ping(arguments)
        case (.findScans, _): return try await findScans(arguments)
        case (.backlog, _): return try await backlog(arguments)
        case (.launchScan, _): return try await launchScan(arguments)
        case (.scanRequest(let id), _): return try await scanRequest(id, arguments)
        case (.manifest(let id), "PATCH"): return try await patchManifest(id, arguments)
        case (.result(let id), "PUT"): return try await putResult(id, arguments)
        case (.workflowID(let id), "POST"): return try await setWorkflowID(id, arguments)
        default: break
        }
        // The rest act on a scan the router has already found.
        guard let manifest else { throw .notFound }
        switch (route, method) {
        case (.scan, "DELETE"): return try await deleteScan(manifest, arguments)
        case (.scan, _): return try await scan(manifest, arguments)
        case (.manifest, _): return try manifestAnswer(manifest, arguments)
        case (.i3Event, _): return try await i3Event(manifest, arguments)
        case (.result, _): return try await result(manifest, arguments)
        case (.status, _): return try await status(manifest, arguments)
        case (.logs, _): return try logs(manifest, arguments)
        case (.workflowID, _): return try workflowID(manifest, arguments)
        case (.workforce, _): return try await workforce(manifest, arguments)
        case (.taskforces, _): return try await taskforces(manifest, arguments)
        case (.rescan, _): return try await rescan(manifest, arguments)
        case (.addWorkers, _): return try await addWorkers(manifest, arguments)
        default: throw .methodNotAllowed
        }
    }

    // MARK: Shared

    /// Arguments a route ignores but clients send: `no_redirect` is read by the router.
    static let routing: Set<String> = ["no_redirect"]

    func checkOnly(_ arguments: SkyDriverArguments, _ names: Set<String> = []) throws(SkyDriverError) {
        var check = ArgumentCheck(arguments)
        check.allowOnly(names.union(Self.routing))
        try check.finish()
    }

    /// 404 for a deleted scan unless `include_deleted` is true.
    func requireVisible(_ manifest: JSONObject, includeDeleted: Bool) throws(SkyDriverError) {
        if manifest["is_deleted"]?.boolValue == true, !includeDeleted { throw .notFound }
    }

    func scanID(_ manifest: JSONObject) -> String { manifest["scan_id"]?.stringValue ?? "" }

    /// The workers a scan asked for, summed over its clusters (for the EWMS stand-in).
    func requestedClusters(_ scanID: String) async throws(SkyDriverError) -> [(String, Int)] {
        guard let request = try await store.scanRequest(madeFor: scanID), case .list(let clusters)? = request["request_clusters"] else {
            return []
        }
        return clusters.compactMap { item in
            guard case .list(let pair) = item, pair.count == 2, let name = pair[0].stringValue, let n = pair[1].intValue else { return nil }
            return (name, n)
        }
    }
}
