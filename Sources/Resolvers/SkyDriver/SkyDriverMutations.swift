// The SkyDriver mutations (the gateway requires the `writer` role for every mutation): request
// a scan, rescan, delete/abort. Each is one upstream write, sent once and never retried; scan
// routes carry `no_redirect=true`, so a write lands on the scan named, not on its replacement.

import GraphQLKit

struct SkyDriverMutations: Sendable {
    let upstream: SkyDriverUpstream
    let lookup: ScanLookup

    var resolvers: [String: FieldResolver] {
        let upstream = upstream, lookup = lookup
        return [
            "Mutation.requestScan": .async { _, arguments, _, _ in
                let call = UpstreamCall(method: .post, path: "/scan", body: try ScanRequestInput.body(arguments["input"]))
                return try Self.scan(from: try await upstream.write(call), call)
            },
            "Mutation.rescan": .async { _, arguments, _, _ in
                let id = try ScanID(argument: arguments["id"])
                let call = UpstreamCall.scanRoute(.post, id, "/actions/rescan", body: .object([
                    "abort_first": .bool(arguments["abortFirst"]?.asBool ?? false),
                    "replace_scan": .bool(arguments["replaceScan"]?.asBool ?? false),
                ]))
                return try Self.scan(from: try await upstream.write(call), call)
            },
            "Mutation.deleteScan": .async { _, arguments, _, info in
                let id = try ScanID(argument: arguments["id"])
                // SkyDriver's DELETE with no_redirect upserts a broken manifest for an unknown id
                // (then answers 500), so the scan must be known first.
                guard try await lookup.scan(id, info) != nil else {
                    throw RegistryError.notFound("SkyDriver has no scan \(id.value).")
                }
                let call = UpstreamCall.scanRoute(.delete, id, body: .object([
                    "delete_completed_scan": .bool(arguments["deleteCompletedScan"]?.asBool ?? false),
                ]))
                let answer = try await upstream.write(call)
                guard let manifest = answer.asObject?["manifest"]?.asObject else { throw SkyDriverErrors.unexpected(call, "no manifest") }
                return .container(ScanValue(manifest: manifest, knownResult: answer.asObject?["result"]?.asObject ?? [:]))
            },
        ]
    }

    private static func scan(from answer: JSONValue, _ call: UpstreamCall) throws -> FieldValue {
        guard let manifest = answer.asObject, manifest["scan_id"]?.asString != nil else {
            throw SkyDriverErrors.unexpected(call, "no manifest")
        }
        return .container(ScanValue(manifest: manifest))
    }
}
