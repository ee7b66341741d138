// The implementations of RunQL's custom scalars, for `Schema.implementingScalars`.

import GraphQLKit

public enum RunQLScalars {
    /// `DateTime` (RFC 3339, UTC, milliseconds) and `JSON` (any value, passed through).
    public static let implementations: [String: ScalarImplementation] = [
        "DateTime": DateTimeScalar.implementation,
        "JSON": ScalarImplementation(
            serialize: { $0 },
            parseValue: { $0 },
            parseLiteral: { literal, variables in valueFromASTUntyped(literal, variables: variables) }),
    ]
}
