// Error masking: an error whose origin is an internal failure (a resolver threw something other
// than a GraphQLError, e.g. a database error naming a host) reaches the client as
// "Internal server error" with the request id; the details go to the log. Every other error
// (syntax, validation, variables, limits, GraphQLErrors resolvers throw on purpose, the engine's
// own field errors) is a message meant for the client and is left as it is.

import Foundation
import GraphQLKit

/// Where error details go: one JSON line each. Standard error by default.
public struct ErrorLog: Sendable {
    public let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void) { self.write = write }

    public static let standardError = ErrorLog { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
}

enum ErrorMasking {
    static let message = "Internal server error"

    /// Replaces internal errors in `errors` (when `masks`), logging each one's details.
    static func apply(to errors: inout [GraphQLError], requestId: String, masks: Bool, log: ErrorLog) {
        for i in errors.indices {
            guard let underlying = errors[i].underlyingError else { continue }
            let original = errors[i]
            log.write(logLine(original, underlying: underlying, requestId: requestId))
            guard masks else { continue }
            errors[i] = GraphQLError(
                message, locations: original.locations, path: original.path,
                extensions: ["code": .string("INTERNAL_SERVER_ERROR"), "requestId": .string(requestId)])
        }
    }

    private static func logLine(_ error: GraphQLError, underlying: any Error, requestId: String) -> String {
        let path = error.path.map(\.description).joined(separator: ".")
        let line: JSONValue = .object([
            "level": .string("error"),
            "event": .string("resolver_failure"),
            "requestId": .string(requestId),
            "path": .string(path),
            "errorType": .string(String(reflecting: type(of: underlying))),
            "message": .string(error.message),
        ])
        return line.jsonString
    }
}
