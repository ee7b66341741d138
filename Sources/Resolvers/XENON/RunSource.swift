// The three run collections as one value: which collection, which registry name in messages.

public enum RunSource: Sendable, Hashable {
    case xenon(XenonExperiment)
    case xams

    public var registryName: String {
        switch self {
        case .xenon(let e): e.registryName
        case .xams: "XAMS runs database"
        }
    }

    func collection(_ client: MongoClient, _ collections: RunCollections) -> MongoCollection {
        let address: CollectionAddress = switch self {
        case .xenon(let e): e.collection(in: collections)
        case .xams: collections.xams
        }
        return client.collection(address.collection, in: address.database)
    }
}

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

import Foundation
