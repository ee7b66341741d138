// Where each experiment's run documents live. Production keeps each experiment on its own
// server (XENON1T `run.runs_new`, XENONnT `xenonnt.runs`, XAMS `run.runs_gas` behind an SSH
// tunnel); RunQL reads them through one MongoDB client, so the demo and the tests put them in
// distinct databases of one server, and a deployment names its own.

/// A MongoDB database and collection, written `database.collection` in configuration.
public struct CollectionAddress: Sendable, Hashable, CustomStringConvertible {
    public var database: String
    public var collection: String

    public init(database: String, collection: String) {
        self.database = database
        self.collection = collection
    }

    /// `database.collection`; nil unless both parts are non-empty (the collection may contain dots).
    public init?(_ text: String) {
        guard let dot = text.firstIndex(of: "."), dot != text.startIndex else { return nil }
        let rest = text[text.index(after: dot)...]
        guard !rest.isEmpty else { return nil }
        self.init(database: String(text[..<dot]), collection: String(rest))
    }

    public var description: String { database + "." + collection }
}

/// The run collections of the MongoDB-backed registries.
public struct RunCollections: Sendable, Hashable {
    public var xenon1T: CollectionAddress
    public var xenonNT: CollectionAddress
    public var xams: CollectionAddress

    public init(
        xenon1T: CollectionAddress = CollectionAddress(database: "run", collection: "runs_new"),
        xenonNT: CollectionAddress = CollectionAddress(database: "xenonnt", collection: "runs"),
        xams: CollectionAddress = CollectionAddress(database: "xams", collection: "runs_gas")
    ) {
        self.xenon1T = xenon1T
        self.xenonNT = xenonNT
        self.xams = xams
    }

    /// The same collections in databases whose names start with `prefix` (tests own theirs).
    public func prefixed(_ prefix: String) -> RunCollections {
        func p(_ a: CollectionAddress) -> CollectionAddress { CollectionAddress(database: prefix + a.database, collection: a.collection) }
        return RunCollections(xenon1T: p(xenon1T), xenonNT: p(xenonNT), xams: p(xams))
    }
}
