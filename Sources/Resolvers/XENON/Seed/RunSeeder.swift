// Loads the deterministic demo run documents into the three run collections and creates their
// indexes: what `runql seed` runs. The same seed and scale always give the same documents,
// ObjectIds included, so a reseeded demo answers queries exactly as before.

/// The demo documents of the three collections, before they are written.
public struct RunSeedDocuments: Sendable, Equatable {
    public var xenon1T: [BSONDocument]
    public var xenonNT: [BSONDocument]
    public var xams: [BSONDocument]
}

/// What one collection received.
public struct SeedCount: Sendable, Equatable {
    public var collection: CollectionAddress
    /// Documents generated for this collection.
    public var generated: Int
    /// Documents written (fewer than generated when `reset: false` found some already there).
    public var inserted: Int
}

/// The outcome of `RunSeeder.seed`: per-experiment counts and the wall time it took.
public struct SeedReport: Sendable, Equatable {
    public var xenon1T: SeedCount
    public var xenonNT: SeedCount
    public var xams: SeedCount
    /// Seconds from start to finish, indexes included.
    public var seconds: Double
}

public struct RunSeeder: Sendable {
    /// The seed of the published demo data.
    public static let defaultSeed: UInt64 = 0x59bb_456c_fa32_43c0
    /// Scale 100 is 80,000 runs: past that the generator's memory, not the database, is the limit.
    public static let maximumScale = 100
    /// Documents per insert: SecantusDB takes ~1,300 inserts/s; fewer round trips matter more than batch size.
    static let batchSize = 500

    public let client: MongoClient
    public let collections: RunCollections
    public let seed: UInt64

    public init(client: MongoClient, collections: RunCollections = RunCollections(), seed: UInt64 = RunSeeder.defaultSeed) {
        self.client = client
        self.collections = collections
        self.seed = seed
    }

    /// The documents `seed(scale:)` writes: about 300 XENON1T, 300 XENONnT and 200 XAMS runs per unit of scale.
    public static func documents(scale: Int = 1, seed: UInt64 = RunSeeder.defaultSeed) throws(RunSeedError) -> RunSeedDocuments {
        guard (1...maximumScale).contains(scale) else { throw .invalidScale(scale) }
        return RunSeedDocuments(
            xenon1T: Xenon1TSeed(scale: scale, seed: seed).documents(),
            xenonNT: XenonNTSeed(scale: scale, seed: seed).documents(),
            xams: XamsSeed(scale: scale, seed: seed).documents())
    }

    /// Creates the run indexes in the three collections (a no-op for those that exist).
    public func createIndexes() async throws(RunSeedError) {
        for (address, models) in RunIndexes.models(for: collections) {
            do { try await collection(address).createIndexes(models) } catch { throw .mongo(collection: address.description, error) }
        }
    }

    /// Writes the demo runs and creates the indexes. With `reset` (the demo's default) each
    /// collection is dropped first; without it, runs already present (same ObjectId) are kept
    /// as they are and only the missing ones are inserted.
    public func seed(scale: Int = 1, reset: Bool = true) async throws(RunSeedError) -> SeedReport {
        let clock = ContinuousClock()
        let started = clock.now
        let documents = try Self.documents(scale: scale, seed: seed)
        let xenon1T = try await load(documents.xenon1T, into: collections.xenon1T, reset: reset)
        let xenonNT = try await load(documents.xenonNT, into: collections.xenonNT, reset: reset)
        let xams = try await load(documents.xams, into: collections.xams, reset: reset)
        try await createIndexes()
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return SeedReport(xenon1T: xenon1T, xenonNT: xenonNT, xams: xams, seconds: seconds)
    }

    private func collection(_ address: CollectionAddress) -> MongoCollection {
        client.collection(address.collection, in: address.database)
    }

    private func load(_ documents: [BSONDocument], into address: CollectionAddress, reset: Bool) async throws(RunSeedError) -> SeedCount {
        let collection = collection(address)
        var inserted = 0
        do {
            if reset { try await collection.drop() }
            var start = 0
            while start < documents.count {
                var batch = Array(documents[start..<min(start + Self.batchSize, documents.count)])
                start += Self.batchSize
                if !reset { batch = try await missing(batch, in: collection) }
                inserted += try await collection.insertMany(batch).insertedCount
            }
        } catch {
            throw .mongo(collection: address.description, error)
        }
        return SeedCount(collection: address, generated: documents.count, inserted: inserted)
    }

    /// The documents of `batch` whose `_id` is not in the collection yet.
    private func missing(_ batch: [BSONDocument], in collection: MongoCollection) async throws(MongoError) -> [BSONDocument] {
        let ids = batch.compactMap { $0["_id"] }
        let present = try await collection.find(["_id": .document(["$in": .array(ids)])], options: FindOptions(projection: ["_id": .int32(1)]))
        let presentIDs = Set(present.compactMap { $0["_id"] })
        return batch.filter { doc in doc["_id"].map { !presentIDs.contains($0) } ?? true }
    }
}
