// Who is calling: API tokens (configured as SHA-256 hashes with roles) and optional HS256 JWTs,
// both sent as `Authorization: Bearer <token>`. Tokens are never logged nor quoted in errors.

import Foundation

/// An API token as configuration holds it: the SHA-256 of the token, never the token itself.
public struct APIToken: Sendable {
    /// A label for operators (logs name the token by it; resolvers see it as the subject).
    public var name: String
    public var sha256: [UInt8]
    public var roles: Set<Role>

    /// `sha256Hex`: 64 hexadecimal digits, e.g. from `printf %s "$TOKEN" | sha256sum`.
    public init(name: String, sha256Hex: String, roles: Set<Role>) throws(PolicyError) {
        guard let digest = Hex.decode(sha256Hex), digest.count == SHA256.digestSize else {
            throw PolicyError("API token \"\(name)\": the SHA-256 hash must be 64 hexadecimal digits")
        }
        guard !roles.isEmpty else { throw PolicyError("API token \"\(name)\": give it at least one role (reader, writer, admin)") }
        self.name = name
        self.sha256 = digest
        self.roles = roles
    }

    /// A token given in plain text (e.g. by an environment variable), hashed here and not kept.
    public init(name: String, plaintext: String, roles: Set<Role>) {
        self.name = name
        self.sha256 = SHA256.hash(plaintext)
        self.roles = roles
    }
}

/// How requests are authenticated; filled from configuration.
public struct AuthenticationPolicy: Sendable {
    public var apiTokens: [APIToken]
    public var jwt: JWTPolicy?
    /// Whether a request without credentials may run queries (as `reader`). Mutations always
    /// need `writer`. Only consulted when authentication is enabled.
    public var allowsAnonymousRead: Bool

    public init(apiTokens: [APIToken] = [], jwt: JWTPolicy? = nil, allowsAnonymousRead: Bool = true) {
        self.apiTokens = apiTokens
        self.jwt = jwt
        self.allowsAnonymousRead = allowsAnonymousRead
    }

    /// Authentication is on once any credential is configured. Without one (a local development
    /// gateway), every request may do everything and `Authorization` headers are ignored.
    public var isEnabled: Bool { !apiTokens.isEmpty || jwt != nil }
}

/// Why credentials were refused (answered 401). The message never contains the token.
public struct AuthenticationFailure: Error, Sendable, Hashable {
    public var message: String
}

/// Turns a request's `Authorization` header into a principal.
struct Authenticator: Sendable {
    let policy: AuthenticationPolicy
    private let verifier: JWTVerifier?
    /// Seconds since 1970; a parameter so tests can move time.
    private let now: @Sendable () -> Double

    static let wallClock: @Sendable () -> Double = { Date().timeIntervalSince1970 }

    init(policy: AuthenticationPolicy, now: @escaping @Sendable () -> Double = Authenticator.wallClock) {
        self.policy = policy
        self.verifier = policy.jwt.map(JWTVerifier.init(policy:))
        self.now = now
    }

    /// The principal for `authorization`: anonymous without credentials (with `reader` if the
    /// policy allows anonymous reads), or the token's roles. Invalid credentials always fail,
    /// even where an anonymous request would have been allowed.
    func authenticate(authorization: String?) -> Result<Principal, AuthenticationFailure> {
        guard policy.isEnabled else { return .success(.unrestricted) }
        guard let authorization, !authorization.allSatisfy({ $0 == " " || $0 == "\t" }) else {
            return .success(Principal(kind: .anonymous, subject: nil, roles: policy.allowsAnonymousRead ? [.reader] : []))
        }
        let trimmed = authorization.drop { $0 == " " || $0 == "\t" }
        guard trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " else {
            return .failure(AuthenticationFailure(message: "Send credentials as \"Authorization: Bearer <token>\"."))
        }
        let token = trimmed.dropFirst(7).trimmingCharacters(in: " \t")
        guard !token.isEmpty else { return .failure(AuthenticationFailure(message: "The bearer token is empty.")) }

        // Compare with every configured hash, without stopping at a match, so timing tells
        // nothing about which or how many tokens exist.
        let digest = SHA256.hash(token)
        var match: APIToken?
        for candidate in policy.apiTokens where ConstantTime.equals(candidate.sha256, digest) {
            if match == nil { match = candidate }
        }
        if let match {
            return .success(Principal(kind: .apiToken(name: match.name), subject: match.name, roles: match.roles))
        }
        if let verifier, token.utf8.count(where: { $0 == UInt8(ascii: ".") }) == 2 {
            do {
                let jwt = try verifier.verify(token, now: now())
                return .success(Principal(kind: .jwt, subject: jwt.subject, roles: jwt.roles))
            } catch {
                return .failure(AuthenticationFailure(message: error.message))
            }
        }
        return .failure(AuthenticationFailure(message: "The bearer token is not valid."))
    }
}

extension APIToken {
    /// Tokens from one line of text, as an environment variable carries them:
    /// `name:role+role:sha256hex` entries separated by commas, e.g.
    /// `RUNQL_API_TOKENS="dashboard:reader:9f86…,ingest:writer+reader:2c26…"`.
    public static func parseList(_ text: String) throws(PolicyError) -> [APIToken] {
        var tokens: [APIToken] = []
        for entry in text.split(separator: ",") {
            let fields = entry.trimmingCharacters(in: " \t\n").split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count == 3, !fields[0].isEmpty else {
                throw PolicyError("API token entry \"\(fields.first ?? "")…\": write it as name:role+role:sha256hex")
            }
            let name = String(fields[0])
            var roles = Set<Role>()
            for roleName in fields[1].split(separator: "+") {
                guard let role = Role(rawValue: roleName.lowercased()) else {
                    throw PolicyError("API token \"\(name)\": unknown role \"\(roleName)\" (use reader, writer or admin)")
                }
                roles.insert(role)
            }
            tokens.append(try APIToken(name: name, sha256Hex: String(fields[2]), roles: roles))
        }
        return tokens
    }
}
