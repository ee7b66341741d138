// Every failure of the PostgreSQL connector, as a value a caller can switch on.

public enum PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server could not be reached or the connection broke.
    case connection(String)
    /// No pooled connection became free within the pool's acquire timeout.
    case poolTimeout(seconds: Double)
    /// The statement ran longer than its statement timeout and was cancelled (SQLSTATE 57014).
    case statementTimeout(String)
    /// The server refused the statement.
    case server(sqlState: String, message: String, detail: String?)
    /// A value could not be sent or a column could not be decoded.
    case invalidValue(String)
    /// A text, array or JSON parameter holds a NUL character, which PostgreSQL text cannot
    /// hold; raised before sending so callers can tell the client's value from a broken server.
    case nulCharacter

    public var description: String {
        switch self {
        case .connection(let m): "PostgreSQL connection failed: \(m)"
        case .poolTimeout(let s): "No PostgreSQL connection became free within \(s) s"
        case .statementTimeout(let m): "PostgreSQL statement timed out: \(m)"
        case .server(let state, let m, let d): "PostgreSQL error \(state): \(m)" + (d.map { " (\($0))" } ?? "")
        case .invalidValue(let m): "Invalid PostgreSQL value: \(m)"
        case .nulCharacter: "A PostgreSQL text parameter contains a NUL character"
        }
    }

    /// SQLSTATE 23505: a unique constraint refused the row.
    public var isUniqueViolation: Bool {
        if case .server(let state, _, _) = self { return state == "23505" }
        return false
    }
}
