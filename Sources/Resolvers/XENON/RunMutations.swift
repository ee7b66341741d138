// The mutations of the MongoDB-backed registries, bound by coordinate.

import GraphQLKit

public struct RunMutations: Sendable {
    let xenon: XenonMutations
    let xams: XamsMutations

    public init(client: MongoClient, collections: RunCollections) {
        xenon = XenonMutations(client: client, collections: collections)
        xams = XamsMutations(client: client, collections: collections)
    }

    /// The `Mutation` coordinates served here.
    public static let mutationFields = [
        "Mutation.addDataLocation", "Mutation.updateDataLocation", "Mutation.removeDataLocation",
        "Mutation.setGains", "Mutation.addTag", "Mutation.removeTag", "Mutation.setProcessingStatus",
        "Mutation.addXamsTag", "Mutation.removeXamsTag",
    ]

    public var resolvers: [String: FieldResolver] {
        xenon.resolvers.merging(xams.resolvers) { a, _ in a }
    }
}
