// A secret value (token, password-bearing connection string) read from the environment or a
// file. It prints as its origin, never as its value, so it cannot leak into logs by accident.

struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    let value: String
    /// Where it came from, e.g. `environment RUNQL_MONGO_URI` or `file /run/secrets/token`.
    let origin: String

    var description: String { "<secret from \(origin)>" }
    var debugDescription: String { description }

    /// The value with any password removed: for messages that must name a server.
    var redacted: String { Secret.redact(value) }

    /// Drops `user:password@` passwords from URIs and `password=...` from libpq conninfo strings.
    static func redact(_ text: String) -> String {
        var out = text
        if let scheme = out.range(of: "://"), let at = out[scheme.upperBound...].firstIndex(of: "@") {
            let credentials = out[scheme.upperBound..<at]
            if let colon = credentials.firstIndex(of: ":") {
                out.replaceSubrange(out.index(after: colon)..<at, with: "***")
            }
        }
        var words = out.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for i in words.indices where words[i].lowercased().hasPrefix("password=") {
            words[i] = "password=***"
        }
        return words.joined(separator: " ")
    }
}
