// Counters for `/metrics`: requests by route, operation name and status, a latency histogram,
// GraphQL errors, and in-flight requests. One short lock per request records everything at
// once; rendering (a scrape) copies the state under the same lock and formats outside it.

import Foundation

final class GatewayMetrics: @unchecked Sendable {
    // @unchecked: all mutable state is guarded by `lock`.

    /// Upper bounds of the latency buckets, in seconds.
    static let latencyBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    /// Distinct operation names kept as labels; later ones count under `operation="(other)"`
    /// so a client inventing names cannot grow the metrics without bound.
    static let maxOperationNames = 500

    struct RequestKey: Hashable {
        var route: Route
        var operation: String
        var status: Int
    }

    private let lock = NSLock()
    private var requests: [RequestKey: Int] = [:]
    private var operationNames: Set<String> = []
    private var bucketCounts = [Int](repeating: 0, count: GatewayMetrics.latencyBuckets.count + 1)
    private var latencySum = 0.0
    private var latencyCount = 0
    private var requestErrors = 0
    private var fieldErrors = 0
    private var inFlight = 0

    /// Extra gauges read at scrape time (document cache, pools), each rendering its own lines.
    private let collectors: [@Sendable () -> String]

    init(collectors: [@Sendable () -> String] = []) {
        self.collectors = collectors
    }

    func requestStarted() {
        lock.withLock { inFlight += 1 }
    }

    /// Records a finished request. `errors` counts GraphQL errors; `requestError` says the
    /// response had no data (the request failed before or instead of execution).
    func record(route: Route, operation: String?, status: Int, seconds: Double, errors: Int, requestError: Bool) {
        // Linear scan of 15 bounds: cheaper than a binary search at this size.
        var bucket = GatewayMetrics.latencyBuckets.count
        for (i, bound) in GatewayMetrics.latencyBuckets.enumerated() where seconds <= bound {
            bucket = i
            break
        }
        lock.withLock {
            inFlight -= 1
            var name = operation ?? ""
            if !name.isEmpty && !operationNames.contains(name) {
                if operationNames.count < GatewayMetrics.maxOperationNames { operationNames.insert(name) } else { name = "(other)" }
            }
            requests[RequestKey(route: route, operation: name, status: status), default: 0] += 1
            if route == .graphQL {
                bucketCounts[bucket] += 1
                latencySum += seconds
                latencyCount += 1
                if requestError { requestErrors += errors } else { fieldErrors += errors }
            }
        }
    }

    /// The Prometheus text exposition (format 0.0.4).
    func render() -> String {
        let (requests, buckets, sum, count, requestErrors, fieldErrors, inFlight) = lock.withLock {
            (self.requests, bucketCounts, latencySum, latencyCount, self.requestErrors, self.fieldErrors, self.inFlight)
        }
        var out = ""
        out += "# HELP runql_http_requests_total HTTP requests answered, by route, GraphQL operation name and status.\n"
        out += "# TYPE runql_http_requests_total counter\n"
        for (key, n) in requests.sorted(by: { ($0.key.route.rawValue, $0.key.operation, $0.key.status) < ($1.key.route.rawValue, $1.key.operation, $1.key.status) }) {
            out += "runql_http_requests_total{route=\"\(key.route.rawValue)\",operation=\"\(GatewayMetrics.escape(key.operation))\",status=\"\(key.status)\"} \(n)\n"
        }
        out += "# HELP runql_http_requests_in_flight Requests being handled now.\n"
        out += "# TYPE runql_http_requests_in_flight gauge\n"
        out += "runql_http_requests_in_flight \(inFlight)\n"
        out += "# HELP runql_graphql_request_duration_seconds Time to answer a GraphQL request, from parsed request to response.\n"
        out += "# TYPE runql_graphql_request_duration_seconds histogram\n"
        var cumulative = 0
        for (i, bound) in GatewayMetrics.latencyBuckets.enumerated() {
            cumulative += buckets[i]
            out += "runql_graphql_request_duration_seconds_bucket{le=\"\(GatewayMetrics.format(bound))\"} \(cumulative)\n"
        }
        out += "runql_graphql_request_duration_seconds_bucket{le=\"+Inf\"} \(count)\n"
        out += "runql_graphql_request_duration_seconds_sum \(GatewayMetrics.format(sum))\n"
        out += "runql_graphql_request_duration_seconds_count \(count)\n"
        out += "# HELP runql_graphql_errors_total GraphQL errors in responses: kind=\"field\" from resolvers (data present), kind=\"request\" before execution (no data).\n"
        out += "# TYPE runql_graphql_errors_total counter\n"
        out += "runql_graphql_errors_total{kind=\"field\"} \(fieldErrors)\n"
        out += "runql_graphql_errors_total{kind=\"request\"} \(requestErrors)\n"
        for collector in collectors { out += collector() }
        return out
    }

    /// Label values escape backslash, double quote and newline.
    static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "\"" || $0 == "\n" }) else { return value }
        var out = ""
        for c in value {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// The fixed set of routes metrics are labelled with (never the raw path: that is unbounded).
enum Route: String, Sendable, Hashable {
    case graphQL = "graphql"
    case explorer
    case healthz
    case readyz
    case metrics
    case other
}
