// The IceCube SkyDriver registry: scans from SkyDriver's REST API, every resolver bound by
// coordinate, `Scan` ids for `node`/`nodes`. Each upstream call has the client's timeout as a
// hard deadline, so a slow or stopped SkyDriver fails its own fields only.

import Foundation
import GraphQLKit

public struct SkyDriverRegistry: Sendable {
    let upstream: SkyDriverUpstream
    let lookup: ScanLookup

    /// Over `client`; its timeout bounds every call (retries included), its retries apply to reads.
    /// With `callLog`, every upstream call is recorded (tests count them).
    public init(client: RESTClient, callLog: SkyDriverCallLog? = nil) {
        upstream = SkyDriverUpstream(client: client, log: callLog)
        lookup = ScanLookup(upstream: upstream)
    }

    /// SkyDriver at `baseURL` with a bearer token (nil: none, as SkyDriver's CI mode accepts).
    public init(baseURL: URL, token: String?, timeout: Double = 10, callLog: SkyDriverCallLog? = nil) {
        self.init(client: RESTClient(RESTConfiguration(baseURL: baseURL, bearerToken: token, timeout: timeout)), callLog: callLog)
    }

    /// The Query coordinates this registry serves (`node`/`nodes` come through `nodeFetchers`).
    public static let queryFields = ["Query.scan", "Query.scans", "Query.scanBacklog", "Query.scanRequest"]

    /// The Mutation coordinates this registry serves.
    public static let mutationFields = ["Mutation.requestScan", "Mutation.rescan", "Mutation.deleteScan"]

    /// Every resolver: Query, Mutation and the scan types' fields that call SkyDriver.
    public var resolvers: [String: FieldResolver] {
        var all = SkyDriverQueryResolvers(upstream: upstream, lookup: lookup).resolvers
        all.merge(SkyDriverScanResolvers(upstream: upstream, lookup: lookup).resolvers) { a, _ in a }
        all.merge(SkyDriverMutations(upstream: upstream, lookup: lookup).resolvers) { a, _ in a }
        return all
    }

    public var typeResolvers: [String: TypeResolver] { NodeResolvers.typeResolvers }

    /// `Scan` ids (key: the scan id), all of one `node`/`nodes` field answered by one `/scans/find`.
    public var nodeFetchers: [NodeFetcher] {
        let lookup = lookup
        return [
            NodeFetcher(typeName: ScanValue.typeName) { keys, info in
                // A key that cannot be a scan id names nothing.
                let ids = keys.map { try? ScanID($0) }
                let found = try await lookup.scans(ids.compactMap { $0 }, info)
                var next = found.makeIterator()
                return ids.map { id in
                    guard id != nil, let scan = next.next() ?? nil else { return .null }
                    return .container(scan)
                }
            },
        ]
    }
}
