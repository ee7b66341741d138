// Everything the GraphQL endpoint enforces, as one value: authentication, persisted queries,
// operation and parser limits, timeout, error masking, introspection, CORS and CSRF. The
// defaults are safe for a public endpoint except that authentication is off until a credential
// is configured. The configuration loader fills it; `GraphQLHTTPHandler` takes it in its init.

import GraphQLKit

public struct GatewayPolicy: Sendable {
    public var authentication: AuthenticationPolicy
    public var persistedQueries: PersistedQueryPolicy
    /// Depth, aliases, root fields and estimated complexity, checked by the engine before
    /// executing. The handler installs them on its `ExecutableSchema`.
    public var operationLimits: OperationLimits
    /// The complexity allowed to operations that select only introspection fields (`__schema`,
    /// `__type`, `__typename` at the root): the full introspection query clients send estimates
    /// about 52,000 with the default list size, while cyclic introspection (types → fields →
    /// type → fields …) still multiplies past it within a few levels.
    public var introspectionMaxComplexity: Int
    /// Most lexical tokens a document may hold; the parser stops there.
    public var maxTokens: Int
    /// Longest time a request may run: then its task is cancelled (resolvers see
    /// CancellationError), and the answer keeps what was resolved and carries a `TIMEOUT` error
    /// (504 when no data is left).
    public var requestTimeout: Duration
    /// Whether errors from internal failures (a resolver throwing anything but a GraphQLError)
    /// reach clients as "Internal server error" with a request id, the details going to the log.
    public var masksInternalErrors: Bool
    public var introspection: IntrospectionAccess
    public var cors: CORSPolicy
    /// Whether cross-site browser GETs without a preflight header are refused (see CSRFPrevention).
    public var preventsCSRF: Bool

    public static let defaultOperationLimits = OperationLimits(
        maxDepth: 15, maxAliases: 30, maxRootFields: 20, maxComplexity: 10_000)

    public init(
        authentication: AuthenticationPolicy = AuthenticationPolicy(),
        persistedQueries: PersistedQueryPolicy = PersistedQueryPolicy(),
        operationLimits: OperationLimits = GatewayPolicy.defaultOperationLimits,
        introspectionMaxComplexity: Int = 100_000,
        maxTokens: Int = 15_000,
        requestTimeout: Duration = .seconds(30),
        masksInternalErrors: Bool = true,
        introspection: IntrospectionAccess = .everyone,
        cors: CORSPolicy = CORSPolicy(),
        preventsCSRF: Bool = true
    ) {
        self.authentication = authentication
        self.persistedQueries = persistedQueries
        self.operationLimits = operationLimits
        self.introspectionMaxComplexity = introspectionMaxComplexity
        self.maxTokens = maxTokens
        self.requestTimeout = requestTimeout
        self.masksInternalErrors = masksInternalErrors
        self.introspection = introspection
        self.cors = cors
        self.preventsCSRF = preventsCSRF
    }

    /// Problems that make the policy unusable, each naming the field; empty when it is fine.
    /// The configuration loader reports them (with its own key names) at start.
    public func problems() -> [String] {
        var problems: [String] = []
        if let jwt = authentication.jwt {
            if jwt.secret.count < JWTPolicy.minimumSecretLength {
                problems.append("authentication.jwt.secret must be at least \(JWTPolicy.minimumSecretLength) bytes for HS256")
            }
            if jwt.rolesClaim.isEmpty { problems.append("authentication.jwt.rolesClaim must not be empty") }
            if jwt.leeway < .zero { problems.append("authentication.jwt.leeway must not be negative") }
        }
        var names = Set<String>()
        for token in authentication.apiTokens where !names.insert(token.name).inserted {
            problems.append("authentication.apiTokens: the name \"\(token.name)\" is used twice")
        }
        if persistedQueries.capacity < 1 { problems.append("persistedQueries.capacity must be at least 1") }
        for (name, value) in [("maxDepth", operationLimits.maxDepth), ("maxAliases", operationLimits.maxAliases),
                              ("maxRootFields", operationLimits.maxRootFields), ("maxComplexity", operationLimits.maxComplexity)] {
            if let value, value < 1 { problems.append("limits.\(name) must be at least 1") }
        }
        if introspectionMaxComplexity < 1 { problems.append("limits.introspectionMaxComplexity must be at least 1") }
        if maxTokens < 1 { problems.append("limits.maxTokens must be at least 1") }
        if requestTimeout <= .zero { problems.append("requestTimeout must be positive") }
        for origin in cors.allowedOrigins where origin != "*" && origin != "null" && !origin.contains("://") {
            problems.append("cors.allowedOrigins: \"\(origin)\" is not an origin such as https://app.example.org")
        }
        if cors.allowsCredentials && cors.allowedOrigins.contains("*") {
            problems.append("cors: allowing credentials for every origin (\"*\") would let any site act as the user")
        }
        return problems
    }
}

/// Who may run introspection (`__schema`, `__type`); `__typename` is always allowed.
public enum IntrospectionAccess: String, Sendable, Hashable {
    case everyone
    /// Only principals with the `admin` role (and everyone while authentication is off).
    case admins
    case nobody
}

/// A configuration value that cannot work, with the message a user needs.
public struct PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
