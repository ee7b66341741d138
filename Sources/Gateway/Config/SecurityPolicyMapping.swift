// From the `security` section of the configuration to the `GatewayPolicy` the GraphQL handler
// enforces, and `policy.problems()` (which name policy fields) back to configuration keys, so a
// value that cannot work is reported at start like any other bad key.

import GraphQLKit

extension GatewayConfiguration.SecuritySettings {
    /// The policy these settings describe. Throws only for a token the loader would have refused.
    func policy() throws(PolicyError) -> GatewayPolicy {
        var apiTokens: [Gateway.APIToken] = []
        for token in tokens {
            apiTokens.append(try Gateway.APIToken(name: token.name, sha256Hex: token.sha256, roles: Set(token.roles)))
        }
        let jwtPolicy = jwt.map { jwt in
            JWTPolicy(
                secret: Array(jwt.secret.value.utf8), rolesClaim: jwt.rolesClaim, leeway: Self.duration(jwt.leeway),
                issuer: jwt.issuer, audience: jwt.audience, requiresExpiration: jwt.requireExpiration)
        }
        return GatewayPolicy(
            authentication: AuthenticationPolicy(apiTokens: apiTokens, jwt: jwtPolicy, allowsAnonymousRead: anonymousRead),
            persistedQueries: PersistedQueryPolicy(isEnabled: persistedQueries.enabled, capacity: persistedQueries.capacity),
            operationLimits: OperationLimits(
                maxDepth: limits.maxDepth, maxAliases: limits.maxAliases, maxRootFields: limits.maxRootFields,
                maxComplexity: limits.maxComplexity, defaultListSize: limits.defaultListSize),
            introspectionMaxComplexity: limits.introspectionMaxComplexity,
            // The parser's limit is not optional: "off" is the largest count.
            maxTokens: limits.maxTokens ?? Int.max,
            requestTimeout: Self.duration(requestTimeout),
            masksInternalErrors: maskInternalErrors,
            introspection: introspection,
            cors: CORSPolicy(allowedOrigins: cors.origins, allowsCredentials: cors.allowCredentials, maxAge: .seconds(cors.maxAge)),
            preventsCSRF: csrfPrevention)
    }

    /// Seconds as a Duration, to the millisecond.
    static func duration(_ seconds: Double) -> Duration { .milliseconds(Int64((seconds * 1000).rounded())) }

    /// `problem` (from `GatewayPolicy.problems()`) as the configuration key it concerns and the
    /// rest of the message.
    func configurationKey(for problem: String) -> (key: String, message: String) {
        let secretKey = jwt?.secretKey ?? "security.jwt.secretEnv"
        // Longest prefixes first, so `cors.allowedOrigins` wins over `cors`.
        let fields: [(field: String, key: String, lead: String)] = [
            ("authentication.jwt.secret", secretKey, "gives a secret that "),
            ("authentication.jwt.rolesClaim", "security.jwt.rolesClaim", ""),
            ("authentication.jwt.leeway", "security.jwt.leeway", ""),
            ("authentication.apiTokens", "security.tokens", ""),
            ("persistedQueries.capacity", "security.persistedQueries.capacity", ""),
            ("limits.introspectionMaxComplexity", "security.limits.introspectionMaxComplexity", ""),
            ("limits.maxDepth", "security.limits.maxDepth", ""),
            ("limits.maxAliases", "security.limits.maxAliases", ""),
            ("limits.maxRootFields", "security.limits.maxRootFields", ""),
            ("limits.maxComplexity", "security.limits.maxComplexity", ""),
            ("limits.maxTokens", "security.limits.maxTokens", ""),
            ("requestTimeout", "security.requestTimeout", ""),
            ("cors.allowedOrigins", "security.cors.origins", ""),
            ("cors", "security.cors.allowCredentials", ""),
        ]
        for (field, key, lead) in fields where problem.hasPrefix(field) {
            let rest = problem.dropFirst(field.count).drop { $0 == ":" || $0 == " " }
            return (key, lead + rest)
        }
        return ("security", problem)
    }
}
