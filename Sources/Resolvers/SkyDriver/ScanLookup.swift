// Scans by id, however many are asked for at one level of a query (aliases, `nodes`,
// `replacedBy` of every scan in a page, backlog entries' scans): one `POST /scans/find` with
// `{"scan_id": {"$in": [...]}}` per batch instead of one GET per scan. Deleted scans are
// included; callers that hide them decide so themselves.

import GraphQLKit

struct ScanLookup: Sendable {
    static let maxBatchSize = 500

    /// Manifest by scan id; nil where SkyDriver has none.
    let loader: DataLoader<ScanID, JSONObject?>

    init(upstream: SkyDriverUpstream) {
        loader = DataLoader(maxBatchSize: Self.maxBatchSize) { ids, _ in
            let call = UpstreamCall(method: .post, path: "/scans/find", body: .object([
                "filter": .object(["scan_id": .object(["$in": .list(ids.map { .string($0.value) })])]),
                "include_deleted": .bool(true),
            ]))
            let answer = try await upstream.readDirect(call)
            guard let manifests = answer.asObject?["manifests"]?.asList else {
                throw SkyDriverErrors.unexpected(call, "no `manifests` list")
            }
            var byID: [String: JSONObject] = [:]
            for manifest in manifests {
                if let m = manifest.asObject, let id = m["scan_id"]?.asString { byID[id] = m }
            }
            return ids.map { .success(byID[$0.value]) }
        }
    }

    func scan(_ id: ScanID, _ info: ResolveInfo) async throws -> ScanValue? {
        try await info.load(loader, key: id).map { ScanValue(manifest: $0) }
    }

    func scans(_ ids: [ScanID], _ info: ResolveInfo) async throws -> [ScanValue?] {
        try await info.loadMany(loader, keys: ids).map { $0.map { ScanValue(manifest: $0) } }
    }
}
