// MongoDB failures as registry errors: what the XENON and XAMS registries (and the local
// SkyDriver's store) throw when their database cannot answer. Apart from `RegistryError` so
// the registry-independent codes need no MongoDB connector.

import GraphQLKit

extension RegistryError {
    /// The registry's database could not answer. The message names the registry and a short
    /// reason, never the connection string (it may hold credentials).
    public static func sourceUnavailable(_ registry: String, _ error: MongoError) -> GraphQLError {
        GraphQLError("\(registry) is unavailable: \(shortReason(error))", extensions: ["code": .string("SOURCE_UNAVAILABLE")])
    }

    static func shortReason(_ error: MongoError) -> String {
        switch error {
        case .connection: "cannot connect to the database"
        case .timeout: "the database timed out"
        case .duplicateKey: "a unique index refused the write"
        case .server(let code, _): "the database refused the operation (code \(code))"
        case .invalidArgument: "the request could not be formed"
        case .invalidResponse: "the database's answer could not be read"
        }
    }
}


/// Runs one registry operation, turning connector failures into `SOURCE_UNAVAILABLE` errors
/// that name `registry`. With `userFilter`, the server refusing the filter itself (BadValue and
/// the regex/query parse codes) is the user's mistake, not an outage.
func withSource<T: Sendable>(
    _ registry: String, userFilter: Bool = false, _ body: () async throws(MongoError) -> T
) async throws(GraphQLError) -> T {
    do {
        return try await body()
    } catch {
        if userFilter, case .server(let code, let message) = error, [2, 9, 51091, 51108, 51156, 51157].contains(code) {
            throw RegistryError.badUserInput("\(registry) refused the filter: \(message)")
        }
        throw RegistryError.sourceUnavailable(registry, error)
    }
}
