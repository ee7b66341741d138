// What can go wrong while loading the demo data, with the message a user sees.

public enum RunSeedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The scale is outside 1...RunSeeder.maximumScale.
    case invalidScale(Int)
    /// MongoDB refused or could not be reached; `collection` names where it happened.
    case mongo(collection: String, MongoError)

    public var description: String {
        switch self {
        case .invalidScale(let scale):
            "scale \(scale) is out of range: it must be between 1 and \(RunSeeder.maximumScale)"
        case .mongo(let collection, let error):
            "\(collection): \(error)"
        }
    }
}
