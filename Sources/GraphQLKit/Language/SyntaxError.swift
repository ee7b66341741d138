// The lexer and parser report failures as a message and a byte offset; the public entry points
// turn that into a `GraphQLError` with a line and column only once, when an error happens.

struct SyntaxError: Error, Sendable {
    /// The message without the "Syntax Error: " prefix.
    var message: String
    var offset: Int

    init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    func graphQLError(in source: Source) -> GraphQLError {
        GraphQLError("Syntax Error: " + message, locations: [source.position(at: offset)])
    }
}

/// Names a character the way error messages quote it: `"a"` for printable ASCII, `'"'` for a
/// double quote, `U+00E9` for anything else, `<EOF>` past the end.
func describeCharacter(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> String {
    guard offset < bytes.count else { return "<EOF>" }
    let byte = bytes[offset]
    if byte == 0x22 { return "'\"'" }
    if byte >= 0x20 && byte <= 0x7E { return "\"" + String(UnicodeScalar(byte)) + "\"" }
    let scalar: UInt32
    if byte < 0x80 {
        scalar = UInt32(byte)
    } else if let decoded = decodeUTF8Scalar(bytes, at: offset) {
        scalar = decoded.scalar
    } else {
        return "invalid UTF-8 byte " + hexByte(byte)
    }
    var hex = String(scalar, radix: 16, uppercase: true)
    while hex.count < 4 { hex = "0" + hex }
    return "U+" + hex
}

func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
}

/// Decodes one well-formed UTF-8 scalar starting at `offset` (a non-ASCII lead byte), or nil
/// when the bytes there are not well-formed UTF-8 (overlong forms, surrogates and values past
/// U+10FFFF included).
func decodeUTF8Scalar(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (scalar: UInt32, length: Int)? {
    let count = bytes.count
    let b0 = bytes[offset]
    @inline(__always) func cont(_ i: Int) -> UInt32? {
        guard i < count else { return nil }
        let b = bytes[i]
        return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
    }
    switch b0 {
    case 0xC2...0xDF:
        guard let c1 = cont(offset + 1) else { return nil }
        return ((UInt32(b0 & 0x1F) << 6) | c1, 2)
    case 0xE0...0xEF:
        guard let c1 = cont(offset + 1), let c2 = cont(offset + 2) else { return nil }
        let scalar = (UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2
        // Reject overlong encodings and UTF-16 surrogates.
        guard scalar >= 0x800, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        return (scalar, 3)
    case 0xF0...0xF4:
        guard let c1 = cont(offset + 1), let c2 = cont(offset + 2), let c3 = cont(offset + 3) else { return nil }
        let scalar = (UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
        guard scalar >= 0x10000, scalar <= 0x10FFFF else { return nil }
        return (scalar, 4)
    default:
        return nil
    }
}
