// Automatic persisted queries (the protocol Apollo clients speak): a client sends only
// `extensions.persistedQuery {version: 1, sha256Hash}`; if the server does not know the hash it
// answers `PersistedQueryNotFound` and the client retries with the query and the hash, which the
// server checks and remembers in a bounded LRU. Works for POST and for query-less GETs.

import Foundation
import GraphQLKit

/// Whether APQ is on and how many queries it remembers; filled from configuration.
public struct PersistedQueryPolicy: Sendable, Hashable {
    public var isEnabled: Bool
    public var capacity: Int

    public init(isEnabled: Bool = true, capacity: Int = 1000) {
        self.isEnabled = isEnabled
        self.capacity = capacity
    }
}

/// The queries registered so far, by lowercase hex SHA-256, with counters for metrics.
public final class PersistedQueryStore: Sendable {
    private let cache: LRUCache<String, String>
    private let counters = Counters()

    public init(capacity: Int) { cache = LRUCache(capacity: capacity) }

    public var capacity: Int { cache.capacity }
    public var count: Int { cache.count }
    /// Hash-only requests answered from the store.
    public var hits: Int { counters.read(\.hits) }
    /// Hash-only requests whose hash was unknown (`PersistedQueryNotFound`).
    public var misses: Int { counters.read(\.misses) }
    /// Queries stored after their hash was verified.
    public var registrations: Int { counters.read(\.registrations) }

    func query(for hash: String) -> String? {
        let found = cache.value(for: hash)
        counters.bump(found == nil ? \.misses : \.hits)
        return found
    }

    func register(_ query: String, hash: String) {
        cache.insert(query, for: hash)
        counters.bump(\.registrations)
    }

    private final class Counters: @unchecked Sendable {
        // @unchecked: `values` is only touched under `lock`.
        struct Values { var hits = 0, misses = 0, registrations = 0 }
        private let lock = NSLock()
        private var values = Values()
        func bump(_ counter: WritableKeyPath<Values, Int>) { lock.withLock { values[keyPath: counter] += 1 } }
        func read(_ counter: KeyPath<Values, Int>) -> Int { lock.withLock { values[keyPath: counter] } }
    }
}

/// Why an APQ request cannot run, with the answer it gets.
struct PersistedQueryFailure: Error {
    let message: String
    let code: String
    /// `PersistedQueryNotFound` is a normal step of the protocol: 200, so clients retry.
    let status: Int

    static let notFound = PersistedQueryFailure(message: "PersistedQueryNotFound", code: "PERSISTED_QUERY_NOT_FOUND", status: 200)
    static let notSupported = PersistedQueryFailure(
        message: "PersistedQueryNotSupported", code: "PERSISTED_QUERY_NOT_SUPPORTED", status: 400)
    static let hashMismatch = PersistedQueryFailure(
        message: "provided sha does not match query", code: "PERSISTED_QUERY_HASH_MISMATCH", status: 400)

    static func malformed(_ message: String) -> PersistedQueryFailure {
        PersistedQueryFailure(message: message, code: "BAD_REQUEST", status: 400)
    }

    var error: GraphQLError { GraphQLError(message, extensions: ["code": .string(code)]) }
}

struct PersistedQueries: Sendable {
    let policy: PersistedQueryPolicy
    let store: PersistedQueryStore

    /// The query to run: the one sent (registered when it carries a hash that matches), or the
    /// stored one for a hash-only request. Nil query and no persistedQuery extension: nil.
    func resolve(query: String?, extensions: JSONObject?) throws(PersistedQueryFailure) -> String? {
        guard let extension_ = extensions?["persistedQuery"], extension_ != .null else { return query }
        guard policy.isEnabled else { throw .notSupported }
        guard case .object(let persisted) = extension_ else {
            throw .malformed("\"extensions.persistedQuery\" must be an object with \"version\" and \"sha256Hash\"")
        }
        guard case .int(1)? = persisted["version"] else {
            throw .malformed("Unsupported persisted query version: send \"version\": 1")
        }
        guard case .string(let sent)? = persisted["sha256Hash"], sent.utf8.count == 64, Hex.decode(sent) != nil else {
            throw .malformed("\"extensions.persistedQuery.sha256Hash\" must be 64 hexadecimal digits")
        }
        let hash = sent.lowercased()
        guard let query else {
            guard let stored = store.query(for: hash) else { throw .notFound }
            return stored
        }
        guard Hex.encode(SHA256.hash(query)) == hash else { throw .hashMismatch }
        store.register(query, hash: hash)
        return query
    }
}
