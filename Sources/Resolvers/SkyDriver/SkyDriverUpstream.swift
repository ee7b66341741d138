// The registry's only way to SkyDriver: every call under the configured deadline, reads through
// a per-request loader so identical calls are sent once, writes sent once and never retried.

import Foundation
import GraphQLKit

struct SkyDriverUpstream: Sendable {
    /// Reads (GETs retried by the connector after transport failures and 502/503/504).
    let readClient: RESTClient
    /// Writes: the same upstream with retries off, so a scan is never requested twice.
    let writeClient: RESTClient
    /// Seconds one call may take, retries included: the connector's timeout.
    let deadline: Double
    let log: SkyDriverCallLog?
    /// Identical reads in one GraphQL request share one upstream call.
    let reads: DataLoader<UpstreamCall, JSONValue>

    init(client: RESTClient, log: SkyDriverCallLog?) {
        readClient = client
        var configuration = client.configuration
        configuration.maxRetries = 0
        writeClient = RESTClient(configuration)
        deadline = client.configuration.timeout
        self.log = log
        let send = Self.sender(client: client, deadline: deadline, log: log)
        reads = DataLoader { calls, _ in
            // One task per call, awaited in order. (A task group collecting into an indexed array
            // crashed a release build here: an out-of-range write the debug build never made.)
            let tasks = calls.map { call in
                Task { () -> Result<JSONValue, any Error> in
                    do { return .success(try await send(call)) } catch { return .failure(error) }
                }
            }
            var out: [Result<JSONValue, any Error>] = []
            out.reserveCapacity(tasks.count)
            for task in tasks { out.append(await task.value) }
            return out
        }
    }

    /// A read, deduplicated within the request `info` belongs to.
    func read(_ call: UpstreamCall, _ info: ResolveInfo) async throws -> JSONValue {
        try await info.load(reads, key: call)
    }

    /// A read outside any loader (inside other loaders' batch functions).
    func readDirect(_ call: UpstreamCall) async throws -> JSONValue {
        try await Self.sender(client: readClient, deadline: deadline, log: log)(call)
    }

    /// A write: sent exactly once.
    func write(_ call: UpstreamCall) async throws -> JSONValue {
        try await Self.sender(client: writeClient, deadline: deadline, log: log)(call)
    }

    private static func sender(client: RESTClient, deadline: Double, log: SkyDriverCallLog?) -> @Sendable (UpstreamCall) async throws -> JSONValue {
        { call in
            log?.record(call.description)
            // A little past the connector's own timeout, so its clearer error wins when both fire.
            return try await withDeadline(deadline + 0.25, onTimeout: { SkyDriverErrors.timeout(call, seconds: deadline) }) {
                do throws(RESTError) {
                    return try await client.send(call.method, call.path, query: call.query.map { ($0.name, $0.value) }, body: call.body)
                } catch {
                    if case .timeout = error { throw SkyDriverErrors.timeout(call, seconds: deadline) }
                    throw SkyDriverErrors.map(error, call: call)
                }
            }
        }
    }
}
