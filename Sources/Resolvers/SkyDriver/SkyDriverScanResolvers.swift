// The `Scan`, `ScanResult`, `SkymapNside`, `ScanRequest` and `ScanBacklogEntry` fields that
// need SkyDriver again: status (state), result, request, i3 event, the replacement scan.
// Each is one deduplicated GET, made only when the field is selected.

import GraphQLKit

struct SkyDriverScanResolvers: Sendable {
    let upstream: SkyDriverUpstream
    let lookup: ScanLookup

    var resolvers: [String: FieldResolver] {
        let upstream = upstream, lookup = lookup
        let status: @Sendable (FieldValue, ResolveInfo) async throws -> JSONObject = { parent, info in
            let id = try Self.scanID(parent)
            let call = UpstreamCall.scanRoute(.get, id, "/status")
            guard let answer = try await upstream.read(call, info).asObject else { throw SkyDriverErrors.unexpected(call, "no status object") }
            return answer
        }
        return [
            "Scan.state": .async { parent, _, _, info in
                .json(.string(ScanStateCode.enumValue(try await status(parent, info)["scan_state"]?.asString ?? "")))
            },
            "Scan.rawState": .async { parent, _, _, info in
                .json(try await status(parent, info)["scan_state"].stringJSON)
            },
            "Scan.scanComplete": .async { parent, _, _, info in
                .json(.bool(try await status(parent, info)["scan_complete"]?.asBool ?? false))
            },
            "Scan.ewmsDeactivated": .async { parent, _, _, info in
                .json(try await status(parent, info)["ewms_deactivated"].stringJSON)
            },
            "Scan.logsUrl": .async { parent, _, _, info in
                .json(try await status(parent, info)["scanner_server_logs"]?.asObject?["url"].stringJSON ?? .null)
            },
            "Scan.ewmsWorkforce": .async { parent, _, _, info in
                .json(try await status(parent, info)["ewms_workforce"].structuredJSON)
            },
            "Scan.result": .async { parent, _, _, info in
                if case .container(let c) = parent, let scan = c as? ScanValue, let known = scan.knownResult {
                    return ScanResultValue(known).map(FieldValue.container) ?? .null
                }
                let id = try Self.scanID(parent)
                // include_deleted: a deleted scan's result is still its result (`isDeleted` says so).
                let call = UpstreamCall.scanRoute(.get, id, "/result", query: [.init(name: "include_deleted", value: "true")])
                let answer = try await Self.readOrNil(call, upstream, info)
                return answer?.asObject.flatMap(ScanResultValue.init).map(FieldValue.container) ?? .null
            },
            "Scan.request": .async { parent, _, _, info in
                let id = try Self.scanID(parent)
                let answer = try await Self.readOrNil(UpstreamCall(method: .get, path: "/scan-request/\(id.value)"), upstream, info)
                return answer?.asObject.map { .container(ScanRequestValue(document: $0)) } ?? .null
            },
            "Scan.i3Event": .async { parent, _, _, info in
                let id = try Self.scanID(parent)
                let answer = try await Self.readOrNil(UpstreamCall.scanRoute(.get, id, "/i3-event"), upstream, info)
                return .json(answer?.asObject?["i3_event"] ?? .null)
            },
            // Followed on purpose: the replacement is looked up by its own id, never reached by a 302.
            "Scan.replacedBy": .async { parent, _, _, info in
                guard case .container(let c) = parent, let scan = c as? ScanValue, let next = scan.replacedByScanID else { return .null }
                return try await lookup.scan(try ScanID(next), info).map(FieldValue.container) ?? .null
            },
            "SkymapNside.rows": .sync { parent, arguments, _, _ in
                guard case .container(let c) = parent, let nside = c as? SkymapNsideValue else { return .json(.list([])) }
                return .json(try nside.page(offset: arguments["offset"]?.asInt ?? 0, limit: arguments["limit"]?.asInt ?? 1000))
            },
            "ScanRequest.rescans": .async { parent, _, _, info in
                guard case .container(let c) = parent, let request = c as? ScanRequestValue else { return .list([]) }
                var ids: [ScanID] = []
                for text in request.rescanIDs { ids.append(try ScanID(text)) }
                return .list(try await lookup.scans(ids, info).compactMap { $0.map(FieldValue.container) })
            },
            "ScanBacklogEntry.scan": .async { parent, _, _, info in
                guard case .json(.object(let entry)) = parent, let text = entry["scanId"]?.asString else { return .null }
                return try await lookup.scan(try ScanID(text), info).map(FieldValue.container) ?? .null
            },
        ]
    }

    static func scanID(_ parent: FieldValue) throws -> ScanID {
        guard case .container(let c) = parent, let scan = c as? ScanValue else {
            throw RegistryError.badUserInput("Not a SkyDriver scan.")
        }
        return try ScanID(scan.scanID)
    }

    /// The answer, or nil for SkyDriver's 404 and for its "nothing" answer `{}`.
    static func readOrNil(_ call: UpstreamCall, _ upstream: SkyDriverUpstream, _ info: ResolveInfo) async throws -> JSONValue? {
        do {
            let answer = try await upstream.read(call, info)
            if case .object(let o) = answer, o.isEmpty { return nil }
            return answer
        } catch let error as GraphQLError where error.extensions?["code"] == .string("NOT_FOUND") {
            return nil
        }
    }
}
