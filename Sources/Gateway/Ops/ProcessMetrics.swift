// Scrape-time gauges about the process and the engine: resident memory, open descriptors, and
// the document cache's hits, misses and size.

import Foundation
import GraphQLKit

enum ProcessMetrics {
    /// Resident set size in bytes, from /proc/self/statm (pages × page size); nil off Linux.
    static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static func collector(startTime: Double) -> @Sendable () -> String {
        {
            var out = ""
            if let rss = residentBytes() {
                out += "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
                out += "# TYPE process_resident_memory_bytes gauge\n"
                out += "process_resident_memory_bytes \(rss)\n"
            }
            out += "# HELP process_start_time_seconds Start time of the process since the Unix epoch.\n"
            out += "# TYPE process_start_time_seconds gauge\n"
            out += "process_start_time_seconds \(GatewayMetrics.format(startTime.rounded()))\n"
            return out
        }
    }

    /// Parsed-document cache: a hit skips parsing and validation.
    static func documentCacheCollector(_ cache: DocumentCache) -> @Sendable () -> String {
        {
            let hits = cache.hits, misses = cache.misses, entries = cache.count
            return """
                # HELP runql_document_cache_hits_total Queries answered from the parsed-document cache.
                # TYPE runql_document_cache_hits_total counter
                runql_document_cache_hits_total \(hits)
                # HELP runql_document_cache_misses_total Queries parsed and validated because they were not cached.
                # TYPE runql_document_cache_misses_total counter
                runql_document_cache_misses_total \(misses)
                # HELP runql_document_cache_entries Documents in the cache now (capacity \(cache.capacity)).
                # TYPE runql_document_cache_entries gauge
                runql_document_cache_entries \(entries)

                """
        }
    }

    /// Automatic persisted queries: hits run a stored query from its hash alone.
    static func persistedQueryCollector(_ store: PersistedQueryStore) -> @Sendable () -> String {
        {
            let hits = store.hits, misses = store.misses, registrations = store.registrations, entries = store.count
            return """
                # HELP runql_persisted_query_hits_total Hash-only requests answered from the persisted-query store.
                # TYPE runql_persisted_query_hits_total counter
                runql_persisted_query_hits_total \(hits)
                # HELP runql_persisted_query_misses_total Hash-only requests whose hash was unknown (PersistedQueryNotFound).
                # TYPE runql_persisted_query_misses_total counter
                runql_persisted_query_misses_total \(misses)
                # HELP runql_persisted_query_registrations_total Queries stored after their hash was verified.
                # TYPE runql_persisted_query_registrations_total counter
                runql_persisted_query_registrations_total \(registrations)
                # HELP runql_persisted_query_entries Queries in the store now (capacity \(store.capacity)).
                # TYPE runql_persisted_query_entries gauge
                runql_persisted_query_entries \(entries)

                """
        }
    }
}
