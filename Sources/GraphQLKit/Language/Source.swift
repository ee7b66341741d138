// A GraphQL source text as UTF-8 bytes, and the mapping from byte offsets to line and column.

/// A document's text, held as UTF-8 bytes so the lexer never indexes a `String`.
public struct Source: Sendable {
    public let bytes: [UInt8]
    /// Shown in tooling to say where a document came from (a file name, or a request).
    public let name: String

    public init(_ text: String, name: String = "GraphQL request") {
        self.bytes = Array(text.utf8)
        self.name = name
    }

    /// Bytes that may not be valid UTF-8: the lexer reports any invalid sequence it meets.
    public init(bytes: [UInt8], name: String = "GraphQL request") {
        self.bytes = bytes
        self.name = name
    }

    /// The 1-based line and column of a byte offset.
    ///
    /// Lines end at LF, CR or CRLF (spec §2.1.2). Columns count Unicode scalar values, as the
    /// spec counts "characters" and as the reference implementation reports them; a leading
    /// byte order mark counts as a column like any other ignored character.
    public func position(at offset: Int) -> SourcePosition {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var column = 1
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            while i < end {
                let byte = buffer[i]
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte == 0x0D {
                    // CRLF is one terminator: let the LF count it.
                    if i + 1 < buffer.count, buffer[i + 1] == 0x0A {
                        if i + 1 >= end { column += 1 }
                    } else {
                        line += 1
                        column = 1
                    }
                } else if byte & 0xC0 != 0x80 {
                    // Count lead bytes only, so a multi-byte scalar is one column.
                    column += 1
                }
                i += 1
            }
        }
        return SourcePosition(line: line, column: column)
    }
}
