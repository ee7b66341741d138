// Limits that keep a hostile document from costing unbounded time or stack.

public struct ParseOptions: Sendable, Hashable {
    /// Most tokens a document may hold (ignored tokens and the end of input not counted).
    public var maxTokens: Int
    /// Deepest nesting of selection sets, list and object values, and list types. The parser
    /// recurses once per level, so this also bounds its stack use.
    public var maxDepth: Int

    public init(maxTokens: Int = 15_000, maxDepth: Int = 500) {
        self.maxTokens = maxTokens
        self.maxDepth = maxDepth
    }
}
