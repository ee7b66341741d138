// The `RUNQL_*` environment variables and the configuration keys they set. They are applied to
// the parsed file before validation, so a bad value is reported like a bad key, naming the variable.

import GraphQLKit

enum EnvironmentOverrides {
    enum Kind { case string, int, number, bool, list, tokens, secretName }

    struct Override {
        let variable: String
        let path: [String]
        let kind: Kind
    }

    static let all: [Override] = [
        .init(variable: "RUNQL_HOST", path: ["server", "host"], kind: .string),
        .init(variable: "RUNQL_PORT", path: ["server", "port"], kind: .int),
        .init(variable: "RUNQL_EVENT_LOOPS", path: ["server", "eventLoops"], kind: .int),
        .init(variable: "RUNQL_MAX_HEADER_BYTES", path: ["server", "limits", "maxHeaderBytes"], kind: .int),
        .init(variable: "RUNQL_MAX_URI_BYTES", path: ["server", "limits", "maxURIBytes"], kind: .int),
        .init(variable: "RUNQL_MAX_BODY_BYTES", path: ["server", "limits", "maxBodyBytes"], kind: .int),
        .init(variable: "RUNQL_MAX_CONNECTIONS", path: ["server", "limits", "maxConnectionsPerLoop"], kind: .int),
        .init(variable: "RUNQL_HEADER_TIMEOUT", path: ["server", "timeouts", "header"], kind: .number),
        .init(variable: "RUNQL_BODY_TIMEOUT", path: ["server", "timeouts", "body"], kind: .number),
        .init(variable: "RUNQL_IDLE_TIMEOUT", path: ["server", "timeouts", "idle"], kind: .number),
        .init(variable: "RUNQL_WRITE_TIMEOUT", path: ["server", "timeouts", "write"], kind: .number),
        .init(variable: "RUNQL_SHUTDOWN_TIMEOUT", path: ["server", "timeouts", "shutdown"], kind: .number),
        .init(variable: "RUNQL_SCHEMA", path: ["schema", "path"], kind: .string),
        .init(variable: "RUNQL_DATA", path: ["schema", "data"], kind: .string),
        .init(variable: "RUNQL_MONGO_URI", path: ["sources", "mongo", "uri"], kind: .string),
        .init(variable: "RUNQL_XENON1T_COLLECTION", path: ["sources", "mongo", "collections", "xenon1t"], kind: .string),
        .init(variable: "RUNQL_XENONNT_COLLECTION", path: ["sources", "mongo", "collections", "xenonnt"], kind: .string),
        .init(variable: "RUNQL_XAMS_COLLECTION", path: ["sources", "mongo", "collections", "xams"], kind: .string),
        .init(variable: "RUNQL_PG_CONNINFO", path: ["sources", "postgres", "conninfo"], kind: .string),
        .init(variable: "RUNQL_PG_POOL_SIZE", path: ["sources", "postgres", "poolSize"], kind: .int),
        .init(variable: "RUNQL_SKYDRIVER_URL", path: ["sources", "skydriver", "baseURL"], kind: .string),
        // The token's value stays in the environment: the key records which variable holds it.
        .init(variable: "RUNQL_SKYDRIVER_TOKEN", path: ["sources", "skydriver", "tokenEnv"], kind: .secretName),
        .init(variable: "RUNQL_SKYDRIVER_TOKEN_FILE", path: ["sources", "skydriver", "tokenFile"], kind: .string),
        .init(variable: "RUNQL_SKYDRIVER_TIMEOUT", path: ["sources", "skydriver", "timeout"], kind: .number),
        .init(variable: "RUNQL_API_TOKENS", path: ["security", "tokens"], kind: .tokens),
        .init(variable: "RUNQL_JWT_SECRET", path: ["security", "jwt", "secretEnv"], kind: .secretName),
        .init(variable: "RUNQL_JWT_SECRET_FILE", path: ["security", "jwt", "secretFile"], kind: .string),
        .init(variable: "RUNQL_JWT_ROLES_CLAIM", path: ["security", "jwt", "rolesClaim"], kind: .string),
        .init(variable: "RUNQL_JWT_LEEWAY", path: ["security", "jwt", "leeway"], kind: .number),
        .init(variable: "RUNQL_JWT_ISSUER", path: ["security", "jwt", "issuer"], kind: .string),
        .init(variable: "RUNQL_JWT_AUDIENCE", path: ["security", "jwt", "audience"], kind: .string),
        .init(variable: "RUNQL_JWT_REQUIRE_EXP", path: ["security", "jwt", "requireExpiration"], kind: .bool),
        .init(variable: "RUNQL_ANONYMOUS_READ", path: ["security", "anonymousRead"], kind: .bool),
        // everyone/admins/nobody, or a boolean word.
        .init(variable: "RUNQL_INTROSPECTION", path: ["security", "introspection"], kind: .bool),
        .init(variable: "RUNQL_CORS_ORIGINS", path: ["security", "cors", "origins"], kind: .list),
        .init(variable: "RUNQL_CORS_CREDENTIALS", path: ["security", "cors", "allowCredentials"], kind: .bool),
        .init(variable: "RUNQL_CORS_MAX_AGE", path: ["security", "cors", "maxAge"], kind: .int),
        .init(variable: "RUNQL_REQUEST_TIMEOUT", path: ["security", "requestTimeout"], kind: .number),
        .init(variable: "RUNQL_MASK_ERRORS", path: ["security", "maskInternalErrors"], kind: .bool),
        .init(variable: "RUNQL_CSRF_PREVENTION", path: ["security", "csrfPrevention"], kind: .bool),
        .init(variable: "RUNQL_MAX_TOKENS", path: ["security", "limits", "maxTokens"], kind: .int),
        .init(variable: "RUNQL_MAX_DEPTH", path: ["security", "limits", "maxDepth"], kind: .int),
        .init(variable: "RUNQL_MAX_ALIASES", path: ["security", "limits", "maxAliases"], kind: .int),
        .init(variable: "RUNQL_MAX_ROOT_FIELDS", path: ["security", "limits", "maxRootFields"], kind: .int),
        .init(variable: "RUNQL_MAX_COMPLEXITY", path: ["security", "limits", "maxComplexity"], kind: .int),
        .init(variable: "RUNQL_DEFAULT_LIST_SIZE", path: ["security", "limits", "defaultListSize"], kind: .int),
        .init(variable: "RUNQL_INTROSPECTION_MAX_COMPLEXITY", path: ["security", "limits", "introspectionMaxComplexity"], kind: .int),
        .init(variable: "RUNQL_APQ", path: ["security", "persistedQueries", "enabled"], kind: .bool),
        .init(variable: "RUNQL_APQ_CAPACITY", path: ["security", "persistedQueries", "capacity"], kind: .int),
        .init(variable: "RUNQL_LOG_REQUESTS", path: ["logging", "requests"], kind: .bool),
        .init(variable: "RUNQL_METRICS", path: ["logging", "metrics"], kind: .bool),
    ]

    /// Applies every set variable to `root`; returns dotted key → variable for messages.
    static func apply(_ environment: [String: String], to root: inout JSONValue) -> [String: String] {
        var applied: [String: String] = [:]
        for override in all {
            guard let text = environment[override.variable], !text.isEmpty else { continue }
            set(&root, override.path[...], to: value(text, override))
            applied[override.path.joined(separator: ".")] = override.variable
        }
        return applied
    }

    /// The JSON value a variable's text stands for; text that does not fit stays a string so
    /// validation reports it with the key's expected type.
    private static func value(_ text: String, _ override: Override) -> JSONValue {
        switch override.kind {
        case .string: return .string(text)
        case .secretName: return .string(override.variable)
        case .int: return Int(text).map(JSONValue.int) ?? .string(text)
        case .number: return Double(text).map(JSONValue.double) ?? .string(text)
        case .bool:
            switch text.lowercased() {
            case "true", "1", "yes", "on": return .bool(true)
            case "false", "0", "no", "off": return .bool(false)
            default: return .string(text)
            }
        case .list:
            return .list(text.split(separator: ",").map { .string($0.trimmingCharacters(in: " \t")) }.filter { $0 != .string("") })
        case .tokens:
            return tokenList(text)
        }
    }

    /// `RUNQL_API_TOKENS`: the JSON list `security.tokens` holds, or the short form
    /// `name:role+role:sha256hex,...`, turned into that list so one validation reports both.
    private static func tokenList(_ text: String) -> JSONValue {
        if text.first == "[" { return (try? JSONParser.parse(text)) ?? .string(text) }
        var entries: [JSONValue] = []
        for entry in text.split(separator: ",") {
            let fields = entry.trimmingCharacters(in: " \t\n").split(separator: ":", omittingEmptySubsequences: false)
            // Anything but three fields stays text: validation says the entry is no object.
            guard fields.count == 3 else {
                entries.append(.string(String(entry)))
                continue
            }
            let roles = fields[1].split(separator: "+").map { JSONValue.string(String($0).lowercased()) }
            entries.append(.object(["name": .string(String(fields[0])), "sha256": .string(String(fields[2])), "roles": .list(roles)]))
        }
        return .list(entries)
    }

    private static func set(_ node: inout JSONValue, _ path: ArraySlice<String>, to value: JSONValue) {
        guard let key = path.first else {
            node = value
            return
        }
        var object: JSONObject
        switch node {
        case .object(let o): object = o
        case .null: object = JSONObject()
        // A section of the wrong type is left for validation to report.
        default: return
        }
        var child = object[key] ?? .null
        set(&child, path.dropFirst(), to: value)
        object[key] = child
        node = .object(object)
    }
}
