// Wraps request handling with what operations need: a request id (taken from or given to the
// client as `X-Request-Id`, and passed on to handlers as `HTTPRequest.requestID`), metrics, and
// the request log line. It sees only HTTP requests and responses, never GraphQL internals.

import GraphQLKit
import Glibc

struct RequestObserver: Sendable {
    var metrics: GatewayMetrics?
    var log: RequestLog?
    let ids = RequestIDs()

    init(metrics: GatewayMetrics? = nil, log: RequestLog? = nil) {
        self.metrics = metrics
        self.log = log
    }

    /// `handle` answers the request; a GraphQL handler also fills in the operation name it read
    /// from the body, which saves scanning the body again here.
    nonisolated(nonsending) func observe(
        _ request: HTTPRequest, route: Route,
        handle: nonisolated(nonsending) (HTTPRequest, inout KnownOperationName?) async -> HTTPResponse
    ) async -> HTTPResponse {
        var request = request
        let id = ids.id(for: request)
        // Handlers (e.g. error masking) read the id from here to quote it in their answers.
        request.requestID = id
        metrics?.requestStarted()
        let started = RequestObserver.monotonic()
        var known: KnownOperationName?
        var response = await handle(request, &known)
        let seconds = RequestObserver.monotonic() - started
        response.headers.set("X-Request-Id", id)
        guard metrics != nil || log != nil else { return response }

        let operation = route == .graphQL ? OperationName.of(request, known: known) : nil
        let (errors, requestError) = route == .graphQL ? RequestObserver.errorCount(response) : (0, false)
        metrics?.record(route: route, operation: operation, status: response.status, seconds: seconds, errors: errors, requestError: requestError)
        if let log {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            log.record(RequestLog.Entry(
                time: Double(now.tv_sec) + Double(now.tv_nsec) / 1e9, requestID: id, method: request.method,
                path: RequestObserver.loggedPath(request.path), status: response.status, durationMs: seconds * 1000,
                operation: operation, errors: errors))
        }
        return response
    }

    /// GraphQL errors in a response body, and whether it has no `data` (a request error).
    /// Only bodies that start with an errors list are parsed: the engine writes `errors` first.
    static func errorCount(_ response: HTTPResponse) -> (count: Int, requestError: Bool) {
        if let known = response.graphQLErrors { return known }
        return errorCount(response.body)
    }

    static func errorCount(_ body: [UInt8]) -> (count: Int, requestError: Bool) {
        // A StaticString: an array of the prefix was an allocation on every request.
        let prefix: StaticString = #"{"errors":["#
        guard body.count > prefix.utf8CodeUnitCount,
              prefix.withUTF8Buffer({ body.starts(with: $0) }),
              case .object(let object)? = try? JSONParser.parse(body),
              case .list(let errors)? = object["errors"] else { return (0, false) }
        return (errors.count, object["data"] == nil)
    }

    /// The path's first 256 characters. Counting Characters with `prefix(256)` cost ~450
    /// instructions per request; a path of at most 256 UTF-8 bytes has at most 256 of them.
    static func loggedPath(_ path: Substring) -> String {
        path.utf8.count <= 256 ? String(path) : String(path.prefix(256))
    }

    static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
