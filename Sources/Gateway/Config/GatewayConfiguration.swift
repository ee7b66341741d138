// Everything `runql serve` and `runql check` are configured with, as plain values. Read from
// `runql.json` plus `RUNQL_*` environment overrides by `ConfigurationLoader`; secrets are never
// written inline here, only resolved from environment variables or files (`Secret`).

import Resolvers

struct GatewayConfiguration: Sendable {
    var server = ServerSettings()
    var schema = SchemaSettings()
    var sources = SourceSettings()
    var security = SecuritySettings()
    var logging = LoggingSettings()

    struct ServerSettings: Sendable, Equatable {
        var host = "127.0.0.1"
        var port = 4000
        var eventLoops = HTTPServerConfiguration.coreCount
        var maxHeaderBytes = 16 * 1024
        var maxURIBytes = 8 * 1024
        var maxBodyBytes = 2 * 1024 * 1024
        var maxConnectionsPerLoop = 10_000
        /// Seconds; see `HTTPServerConfiguration` for what each one bounds.
        var headerTimeout = 10.0
        var bodyTimeout = 30.0
        var idleTimeout = 60.0
        var writeTimeout = 30.0
        /// How long a graceful shutdown waits for in-flight requests.
        var shutdownTimeout = 10.0

        var httpConfiguration: HTTPServerConfiguration {
            var c = HTTPServerConfiguration()
            c.host = host
            c.port = port
            c.eventLoops = eventLoops
            c.maxHeaderBytes = maxHeaderBytes
            c.maxURIBytes = maxURIBytes
            c.maxBodyBytes = maxBodyBytes
            c.maxConnectionsPerLoop = maxConnectionsPerLoop
            c.headerTimeout = headerTimeout
            c.bodyTimeout = bodyTimeout
            c.idleTimeout = idleTimeout
            c.writeTimeout = writeTimeout
            return c
        }
    }

    struct SchemaSettings: Sendable, Equatable {
        /// An SDL file or a folder of `.graphql` files.
        var path = CommandSupport.defaultSchemaPath
        /// A JSON root value served with default resolvers (the demo data until the registries land).
        var data: String?
    }

    struct SourceSettings: Sendable, Equatable {
        var mongo: MongoSettings?
        var postgres: PostgresSettings?
        var skydriver: SkydriverSettings?
    }

    struct MongoSettings: Sendable, Equatable {
        var uri: Secret
        /// Where each experiment's run documents are (`database.collection`).
        var collections = RunCollections()
    }

    struct PostgresSettings: Sendable, Equatable {
        var conninfo: Secret
        var poolSize = 10
    }

    struct SkydriverSettings: Sendable, Equatable {
        var baseURL: String
        var token: Secret?
        /// Seconds one SkyDriver call may take, retries included; past it only SkyDriver's fields fail.
        var timeout = 10.0
    }

    /// The request policy of `/graphql`, as plain values; `policy()` (SecurityPolicyMapping.swift)
    /// turns it into the `GatewayPolicy` the handler enforces. Defaults are GatewayPolicy's.
    struct SecuritySettings: Sendable, Equatable {
        /// Empty (and no JWT): authentication is off, as in the local demo.
        var tokens: [APIToken] = []
        var jwt: JWTSettings?
        var anonymousRead = true
        var introspection = IntrospectionAccess.everyone
        var cors = CORSSettings()
        var limits = LimitSettings()
        /// Seconds before a request's resolvers are cancelled.
        var requestTimeout = 30.0
        var maskInternalErrors = true
        var csrfPrevention = true
        var persistedQueries = PersistedQuerySettings()
    }

    struct APIToken: Sendable, Equatable {
        var name: String
        /// Lowercase hex SHA-256 of the token; the token itself is never configured.
        var sha256: String
        /// The gateway's roles (Security/Roles.swift), in the order configured.
        var roles: [Role]
    }

    struct JWTSettings: Sendable, Equatable {
        var secret: Secret
        /// The key that gave the secret (`security.jwt.secretEnv` or `.secretFile`), for messages.
        var secretKey = "security.jwt.secretEnv"
        var rolesClaim = "roles"
        /// Seconds of clock skew tolerated for `exp` and `nbf`.
        var leeway = 30.0
        var issuer: String?
        var audience: String?
        var requireExpiration = false
    }

    struct CORSSettings: Sendable, Equatable {
        /// Empty: CORS is off.
        var origins: [String] = []
        var allowCredentials = false
        /// Seconds a browser may cache a preflight answer.
        var maxAge = 600
    }

    /// A nil limit is off.
    struct LimitSettings: Sendable, Equatable {
        var maxTokens: Int? = 15_000
        var maxDepth: Int? = 15
        var maxAliases: Int? = 30
        var maxRootFields: Int? = 20
        var maxComplexity: Int? = 10_000
        var defaultListSize = 10
        var introspectionMaxComplexity = 100_000
    }

    struct PersistedQuerySettings: Sendable, Equatable {
        var enabled = true
        var capacity = 1000
    }

    struct LoggingSettings: Sendable, Equatable {
        /// One JSON line per request on stderr.
        var requests = true
        /// `/metrics` in Prometheus text format.
        var metrics = true
    }
}
