// Every failure of the MongoDB connector, as a value a caller can switch on.

public enum MongoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server could not be reached (refused, no server selected within the timeout, socket closed).
    case connection(String)
    /// The server took longer than the configured socket or operation timeout.
    case timeout(String)
    /// A unique index rejected the write (server code 11000).
    case duplicateKey(String)
    /// The server refused the operation.
    case server(code: Int, message: String)
    /// The request could not be formed: a bad URI, a document that is not valid BSON, an invalid Decimal128.
    case invalidArgument(String)
    /// The server's answer could not be decoded.
    case invalidResponse(String)

    public var description: String {
        switch self {
        case .connection(let m): "MongoDB connection failed: \(m)"
        case .timeout(let m): "MongoDB timed out: \(m)"
        case .duplicateKey(let m): "MongoDB duplicate key: \(m)"
        case .server(let code, let m): "MongoDB server error \(code): \(m)"
        case .invalidArgument(let m): "Invalid MongoDB request: \(m)"
        case .invalidResponse(let m): "Invalid MongoDB response: \(m)"
        }
    }
}
