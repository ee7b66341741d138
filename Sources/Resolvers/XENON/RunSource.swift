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
