// The CMS registry's way to PostgreSQL: every statement goes through here, so failures become
// GraphQL errors that never show the connection string, and tests can count statements.

import GraphQLKit

struct CMSDatabase: Sendable {
    let pool: PostgresPool
    /// Called with each statement's SQL before it runs (tests count round trips with it).
    let observer: (@Sendable (String) -> Void)?

    init(pool: PostgresPool, observer: (@Sendable (String) -> Void)? = nil) {
        self.pool = pool
        self.observer = observer
    }

    func query(_ sql: String, _ parameters: [PostgresValue] = []) async throws(GraphQLError) -> PostgresResult {
        observer?(sql)
        do {
            return try await pool.query(sql, parameters)
        } catch {
            // Class 22 (data exception, e.g. an invalid SIMILAR TO pattern) is the caller's value.
            if case .server(let state, _, _) = error, state.hasPrefix("22") {
                var e = CMSError.badInput("A value of the request cannot be used (SQLSTATE \(state)).")
                e.underlyingError = error
                throw e
            }
            throw CMSError.database(error)
        }
    }
}

/// The errors CMS resolvers report, each with its `extensions.code`.
enum CMSError {
    static func badInput(_ message: String) -> GraphQLError {
        GraphQLError(message, extensions: ["code": .string("BAD_USER_INPUT")])
    }

    static func notFound(_ message: String) -> GraphQLError {
        GraphQLError(message, extensions: ["code": .string("NOT_FOUND")])
    }

    /// A failed statement: a value PostgreSQL cannot hold is the client's, anything else the database's.
    static func database(_ error: PostgresError) -> GraphQLError {
        guard error != .nulCharacter else {
            var e = badInput("A string argument contains a NUL character, which text values cannot hold.")
            e.underlyingError = error
            return e
        }
        return unavailable(error)
    }

    /// Says what failed without the server's address or credentials (PostgreSQL's connection
    /// messages name the host); the full error stays as `underlyingError` for the logs.
    static func unavailable(_ error: PostgresError) -> GraphQLError {
        let reason: String
        switch error {
        case .connection, .poolTimeout: reason = "cannot be reached"
        case .statementTimeout: reason = "did not answer in time"
        case .server(let state, _, _): reason = "refused the query (SQLSTATE \(state))"
        case .invalidValue: reason = "returned a value that could not be read"
        case .nulCharacter: reason = "cannot store a NUL character"
        }
        var e = GraphQLError("CMS Run Registry database \(reason).", extensions: ["code": .string("SOURCE_UNAVAILABLE")])
        e.underlyingError = error
        return e
    }
}
