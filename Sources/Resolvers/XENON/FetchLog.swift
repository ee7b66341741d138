// A record of the queries a registry sends, for tests (the production registry keeps none).

import Foundation

/// Records what the registry asked MongoDB for: tests check projections and query counts.
final class FetchLog: @unchecked Sendable {
    // @unchecked: `entries` is only touched under `lock`.
    struct Entry: Sendable {
        var source: RunSource
        var filter: BSONDocument
        var projection: BSONDocument?
    }

    private let lock = NSLock()
    private var stored: [Entry] = []

    func record(_ entry: Entry) {
        lock.lock()
        stored.append(entry)
        lock.unlock()
    }

    var entries: [Entry] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

