// The two XENON runsDB eras: each has its own collection and its own document layout.

public enum XenonExperiment: String, Sendable, Hashable, CaseIterable {
    case xenon1T = "XENON1T"
    case xenonNT = "XENONNT"

    /// From the GraphQL enum value (`XENON1T`, `XENONNT`).
    public init?(graphQLName: String) { self.init(rawValue: graphQLName) }

    /// The registry's name in messages, e.g. "XENONnT runsDB is unavailable".
    public var registryName: String {
        switch self {
        case .xenon1T: "XENON1T runsDB"
        case .xenonNT: "XENONnT runsDB"
        }
    }

    public func collection(in collections: RunCollections) -> CollectionAddress {
        switch self {
        case .xenon1T: collections.xenon1T
        case .xenonNT: collections.xenonNT
        }
    }
}
