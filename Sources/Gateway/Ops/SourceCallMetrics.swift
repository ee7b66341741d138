// `runql_source_calls_total{source}`: what answering requests has cost the sources behind the
// gateway, in round trips — SQL statements for PostgreSQL, operations for MongoDB, HTTP requests
// for SkyDriver. The connectors count with an atomic per call; this only reads the totals when
// /metrics is scraped, so the request path takes no lock for it.

import Resolvers

/// One configured source's running total, read at scrape time.
struct SourceCallCount: Sendable {
    /// The source's name as /readyz and `Query.sources` give it: "mongodb", "postgresql" or
    /// "skydriver". One label value per configured source, so the series stay few.
    var source: String
    var read: @Sendable () -> Int
}

enum SourceCallMetrics {
    static func collector(_ counts: [SourceCallCount]) -> @Sendable () -> String {
        {
            guard !counts.isEmpty else { return "" }
            var out = """
                # HELP runql_source_calls_total Calls sent to each source: SQL statements (postgresql), operations (mongodb), HTTP requests including retries (skydriver).
                # TYPE runql_source_calls_total counter

                """
            for count in counts {
                out += "runql_source_calls_total{source=\"\(GatewayMetrics.escape(count.source))\"} \(count.read())\n"
            }
            return out
        }
    }
}
