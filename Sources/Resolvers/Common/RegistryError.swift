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
}
