// The SkyDriver Query fields: a scan by id, scans by filter (one `/scans/find`), the backlog,
// a scan's original request.

import GraphQLKit

struct SkyDriverQueryResolvers: Sendable {
    let upstream: SkyDriverUpstream
    let lookup: ScanLookup

    var resolvers: [String: FieldResolver] {
        let upstream = upstream, lookup = lookup
        return [
            // Through the lookup: several `scan` fields in one query cost one `/scans/find`.
            "Query.scan": .async { _, arguments, _, info in
                let id = try ScanID(argument: arguments["id"])
                guard let scan = try await lookup.scan(id, info) else { return .null }
                if scan.isDeleted, arguments["includeDeleted"]?.asBool != true { return .null }
                return .container(scan)
            },
            "Query.scans": .async { _, arguments, _, info in
                let filter = try ScanFilter(
                    where: arguments["where"], mongoFilter: arguments["mongoFilter"],
                    includeDeleted: arguments["includeDeleted"]?.asBool ?? false)
                let call = filter.call(projection: ManifestFields.projection(forConnection: info))
                guard let manifests = try await upstream.read(call, info).asObject?["manifests"]?.asList else {
                    throw SkyDriverErrors.unexpected(call, "no `manifests` list")
                }
                return .container(try ScanConnectionValue(
                    manifests: manifests.compactMap(\.asObject), first: arguments["first"]?.asInt, after: arguments["after"]?.asString))
            },
            "Query.scanBacklog": .async { _, _, _, info in
                let call = UpstreamCall(method: .get, path: "/scans/backlog")
                guard let entries = try await upstream.read(call, info).asObject?["entries"]?.asList else {
                    throw SkyDriverErrors.unexpected(call, "no `entries` list")
                }
                return .json(.list(entries.compactMap(\.asObject).map { e in
                    .object([
                        "scanId": e["scan_id"].stringJSON, "timestamp": e["timestamp"].doubleJSON,
                        "priority": .int(e["priority"]?.asInt ?? 0), "pendingTimestamp": e["pending_timestamp"]?.asDouble.map(JSONValue.double) ?? .double(0),
                        "nextAttempt": .int(e["next_attempt"]?.asInt ?? 0),
                    ])
                }))
            },
            "Query.scanRequest": .async { _, arguments, _, info in
                let id = try ScanID(argument: arguments["id"])
                let answer = try await SkyDriverScanResolvers.readOrNil(UpstreamCall(method: .get, path: "/scan-request/\(id.value)"), upstream, info)
                return answer?.asObject.map { .container(ScanRequestValue(document: $0)) } ?? .null
            },
        ]
    }
}
