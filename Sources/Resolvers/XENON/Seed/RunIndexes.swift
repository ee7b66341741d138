// The indexes the run queries need, per collection: the migration step `runql seed` runs after
// loading (and that a deployment can run on its own). Creating an index that exists is a no-op.

public enum RunIndexes {
    private static func index(_ keys: [String], unique: Bool = false) -> IndexModel {
        IndexModel(keys: BSONDocument(keys.map { ($0, BSONValue.int32(1)) }), name: keys.map { $0 + "_1" }.joined(separator: "_"), unique: unique)
    }

    /// Data-location lookups: by type/host/status (pseudo statuses, `data(...)` filters).
    private static let dataLocation = index(["data.type", "data.host", "data.status"])

    /// XENON1T: muon-veto runs all have number 0, so `name` (not `number`) is the unique key.
    public static let xenon1T: [IndexModel] = [
        index(["number"]), index(["name"], unique: true), index(["start"]), index(["tags.name"]), index(["detector"]),
        dataLocation, index(["data.host", "data.rse"]),
    ]

    /// XENONnT rucio entries name their RSE in `location` and carry a DID; strax entries a lineage hash.
    public static let xenonNT: [IndexModel] = [
        index(["number"], unique: true), index(["start"]), index(["tags.name"]),
        dataLocation, index(["data.host", "data.location"]), index(["data.did"]), index(["data.meta.lineage_hash"]),
        index(["status"]), index(["bootstrax.state"]),
    ]

    /// XAMS: amstrax's candidate query reads `processing_status.status` and data type/host.
    public static let xams: [IndexModel] = [
        index(["number"], unique: true), index(["start"]), index(["tags.name"]), index(["data.type", "data.host"]),
        index(["processing_status.status"]),
    ]

    /// Each collection with its indexes (`RunSeeder.createIndexes()` creates them).
    public static func models(for collections: RunCollections) -> [(CollectionAddress, [IndexModel])] {
        [(collections.xenon1T, xenon1T), (collections.xenonNT, xenonNT), (collections.xams, xams)]
    }
}
