// JSON Web Tokens signed with HS256 (RFC 7519, RFC 7515 compact form, RFC 7518 §3.2). Only
// HS256 is accepted: `alg: none` and every other algorithm are refused, so a token cannot pick
// how it is checked.

import GraphQLKit

/// How JWTs are checked; filled from configuration.
public struct JWTPolicy: Sendable {
    /// The HMAC key: the configured secret's UTF-8 bytes. At least 32 bytes (RFC 7518 §3.2).
    public var secret: [UInt8]
    /// The claim holding the roles: a list of role names, or one string of names separated by
    /// spaces or commas. A dotted name reaches into nested objects when no claim has that
    /// exact name (`realm_access.roles`).
    public var rolesClaim: String
    /// Clock skew tolerated when checking `exp` and `nbf`.
    public var leeway: Duration
    /// When set, `iss` must equal it.
    public var issuer: String?
    /// When set, `aud` (a string or a list) must contain it.
    public var audience: String?
    /// Whether a token without `exp` is refused.
    public var requiresExpiration: Bool

    public init(
        secret: [UInt8], rolesClaim: String = "roles", leeway: Duration = .seconds(30), issuer: String? = nil,
        audience: String? = nil, requiresExpiration: Bool = false
    ) {
        self.secret = secret
        self.rolesClaim = rolesClaim
        self.leeway = leeway
        self.issuer = issuer
        self.audience = audience
        self.requiresExpiration = requiresExpiration
    }

    public init(secret: String, rolesClaim: String = "roles") {
        self.init(secret: Array(secret.utf8), rolesClaim: rolesClaim)
    }

    static let minimumSecretLength = 32
}

/// Why a JWT was refused. Messages never quote the token.
public enum JWTError: Error, Sendable, Hashable {
    case malformed(String)
    case unsupportedAlgorithm(String)
    case badSignature
    case expired
    case notYetValid
    case missingExpiration
    case wrongIssuer
    case wrongAudience

    public var message: String {
        switch self {
        case .malformed(let why): "The JWT is malformed: \(why)."
        case .unsupportedAlgorithm(let alg): "The JWT algorithm \"\(alg)\" is not accepted: sign tokens with HS256."
        case .badSignature: "The JWT signature is invalid."
        case .expired: "The JWT has expired."
        case .notYetValid: "The JWT is not valid yet (nbf)."
        case .missingExpiration: "The JWT has no expiry (exp), which this server requires."
        case .wrongIssuer: "The JWT was issued by an issuer this server does not accept."
        case .wrongAudience: "The JWT is meant for another audience."
        }
    }
}

/// A token whose signature and times were checked.
public struct VerifiedJWT: Sendable {
    public var subject: String?
    public var roles: Set<Role>
    public var claims: JSONObject
}

public struct JWTVerifier: Sendable {
    public let policy: JWTPolicy
    private let leewaySeconds: Double

    public init(policy: JWTPolicy) {
        self.policy = policy
        let (seconds, attoseconds) = policy.leeway.components
        leewaySeconds = Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Checks `token` at `now` (seconds since 1970).
    public func verify(_ token: String, now: Double) throws(JWTError) -> VerifiedJWT {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("expected three dot-separated parts") }
        let header = try object(parts[0], "header")
        guard case .string(let alg)? = header["alg"] else { throw .malformed("the header has no \"alg\"") }
        guard alg == "HS256" else { throw .unsupportedAlgorithm(alg) }
        // RFC 7515 §4.1.11: extensions marked critical that we do not understand must fail.
        guard header["crit"] == nil else { throw .malformed("the header lists critical extensions (\"crit\")") }
        guard let signature = Base64URL.decode(parts[2]) else { throw .malformed("the signature is not base64url") }
        let signingInput = token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count)
        let expected = HMAC.sha256(key: policy.secret, message: signingInput)
        guard ConstantTime.equals(signature, expected) else { throw .badSignature }

        // The payload is read only once the signature proves who wrote it.
        let claims = try object(parts[1], "payload")
        if let exp = claims["exp"] {
            guard let expiry = number(exp) else { throw .malformed("\"exp\" is not a number") }
            if now > expiry + leewaySeconds { throw .expired }
        } else if policy.requiresExpiration {
            throw .missingExpiration
        }
        if let nbf = claims["nbf"] {
            guard let notBefore = number(nbf) else { throw .malformed("\"nbf\" is not a number") }
            if now + leewaySeconds < notBefore { throw .notYetValid }
        }
        if let issuer = policy.issuer {
            guard case .string(issuer)? = claims["iss"] else { throw .wrongIssuer }
        }
        if let audience = policy.audience {
            switch claims["aud"] {
            case .string(let aud)? where aud == audience: break
            case .list(let auds)? where auds.contains(.string(audience)): break
            default: throw .wrongAudience
            }
        }
        var subject: String?
        if case .string(let sub)? = claims["sub"] { subject = sub }
        return VerifiedJWT(subject: subject, roles: roles(claim(policy.rolesClaim, in: claims)), claims: claims)
    }

    /// The claim named `name`, or, when there is none and the name has dots, the value at that
    /// path (`realm_access.roles`, as Keycloak nests roles).
    private func claim(_ name: String, in claims: JSONObject) -> JSONValue? {
        if let value = claims[name] { return value }
        var current: JSONValue = .object(claims)
        for key in name.split(separator: ".") {
            guard case .object(let o) = current, let next = o[String(key)] else { return nil }
            current = next
        }
        return current
    }

    private func object(_ part: Substring, _ name: String) throws(JWTError) -> JSONObject {
        guard let bytes = Base64URL.decode(part) else { throw .malformed("the \(name) is not base64url") }
        guard case .object(let o)? = try? JSONParser.parse(bytes, maxDepth: 16) else {
            throw .malformed("the \(name) is not a JSON object")
        }
        return o
    }

    private func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    private func roles(_ claim: JSONValue?) -> Set<Role> {
        switch claim {
        case .list(let items)?:
            return Role.parse(items.compactMap { if case .string(let s) = $0 { s } else { nil } })
        case .string(let text)?:
            return Role.parse(text.split(whereSeparator: { $0 == " " || $0 == "," }))
        default:
            return []
        }
    }
}
