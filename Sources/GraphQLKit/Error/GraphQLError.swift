// The error every layer of the engine reports: syntax, schema, validation and execution errors
// all take this shape, which is also the shape of an entry in a response's "errors" list (spec §7.1.2).

/// A 1-based line and column in a source document.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}

/// One step of a response path: a field's response key or a list index.
public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)
    public var description: String {
        switch self {
        case .key(let k): k
        case .index(let i): String(i)
        }
    }
}

public struct GraphQLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var locations: [SourcePosition]
    public var path: [PathComponent]
    /// Extra detail for machines, e.g. `code`. Nil when there is none.
    public var extensions: JSONObject?
    /// What a resolver threw when it was not a `GraphQLError`: an internal failure whose text
    /// (the message) may hold details for operators, not clients, so gateways mask it. Not part
    /// of equality, hashing or the response.
    public var underlyingError: (any Error)?

    public init(
        _ message: String, locations: [SourcePosition] = [], path: [PathComponent] = [],
        extensions: JSONObject? = nil
    ) {
        self.message = message
        self.locations = locations
        self.path = path
        self.extensions = extensions
    }

    public static func == (a: GraphQLError, b: GraphQLError) -> Bool {
        a.message == b.message && a.locations == b.locations && a.path == b.path && a.extensions == b.extensions
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(message)
        hasher.combine(locations)
        hasher.combine(path)
        hasher.combine(extensions)
    }

    public var description: String {
        guard !locations.isEmpty else { return message }
        return message + " (" + locations.map(\.description).joined(separator: ", ") + ")"
    }
}
