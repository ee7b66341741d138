// What resolvers throw. Only GraphQLErrors reach clients unmasked, so every problem a user can
// cause or needs to know about is one, with a machine-readable `extensions.code`.

import GraphQLKit

public enum RegistryError {
    /// The request asked for something impossible: bad arguments, ids, cursors, filters.
    public static func badUserInput(_ message: String) -> GraphQLError {
        GraphQLError(message, extensions: ["code": .string("BAD_USER_INPUT")])
    }

    /// Something the request names does not exist.
    public static func notFound(_ message: String) -> GraphQLError {
        GraphQLError(message, extensions: ["code": .string("NOT_FOUND")])
    }

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
