// Who is changing a registry, for the records mutations leave behind (`deleted_data.by`, a tag's
// `user`). The gateway's request context conforms; resolvers never see credentials, only a name.

/// A request context that can name its caller.
public protocol CallerIdentifying: Sendable {
    /// The authenticated subject (JWT `sub` or the API token's configured name); nil when anonymous.
    var callerName: String? { get }
}

extension Optional where Wrapped == any Sendable {
    /// The caller's name for records, `anonymous` when the request carries none.
    var callerName: String {
        ((self as? any CallerIdentifying)?.callerName).flatMap { $0.isEmpty ? nil : $0 } ?? "anonymous"
    }
}
