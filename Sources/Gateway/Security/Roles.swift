// Who may do what: three ranked roles, and the principal a request runs as.

/// Roles are ranked: an admin may do whatever a writer may, a writer whatever a reader may.
public enum Role: String, Sendable, Hashable, CaseIterable {
    /// Runs queries.
    case reader
    /// Also runs mutations.
    case writer
    /// Also sees what policy hides from others (introspection when it is limited to admins).
    case admin

    private var rank: Int {
        switch self {
        case .reader: 0
        case .writer: 1
        case .admin: 2
        }
    }

    /// Whether holding this role allows what `needed` allows.
    public func grants(_ needed: Role) -> Bool { rank >= needed.rank }

    /// Roles from names (case-insensitive); names that are no role are skipped.
    static func parse<Names: Sequence>(_ names: Names) -> Set<Role> where Names.Element: StringProtocol {
        Set(names.compactMap { Role(rawValue: $0.lowercased()) })
    }
}

/// Who a request runs as, as resolvers see it in `RequestContext.principal`.
public struct Principal: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// No credentials were sent (or authentication is not configured).
        case anonymous
        /// A configured API token, by its configured name.
        case apiToken(name: String)
        /// A verified HS256 JWT.
        case jwt
    }

    public var kind: Kind
    /// The JWT's `sub`, or the API token's name; nil when anonymous.
    public var subject: String?
    public var roles: Set<Role>

    public init(kind: Kind, subject: String?, roles: Set<Role>) {
        self.kind = kind
        self.subject = subject
        self.roles = roles
    }

    public var isAuthenticated: Bool { kind != .anonymous }

    /// Whether one of the principal's roles grants `role`.
    public func has(_ role: Role) -> Bool { roles.contains { $0.grants(role) } }

    /// Anyone, when authentication is not configured: every role.
    static let unrestricted = Principal(kind: .anonymous, subject: nil, roles: Set(Role.allCases))
}
