// The lexer (spec §2.1 "Source Text"): turns UTF-8 bytes into tokens, one at a time, skipping
// ignored tokens (white space, line terminators, commas, comments, byte order marks).
//
// It validates every token completely (number lookahead rules, string escapes, UTF-8), so the
// parser can later decode a string's value without checking anything again.

struct Lexer {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Offset of the next byte to look at.
    var position: Int

    init(bytes: UnsafeBufferPointer<UInt8>, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// Skips ignored tokens and reads the next token; at the end it returns `.eof` for ever.
    mutating func next() throws(SyntaxError) -> Token {
        let count = bytes.count
        var i = position
        while i < count {
            let byte = bytes[i]
            switch byte {
            case 0x20, 0x09, 0x2C, 0x0A, 0x0D:  // space, tab, comma, LF, CR
                i += 1
            case 0x23:  // # comment, up to the end of the line
                i += 1
                while i < count {
                    let c = bytes[i]
                    if c == 0x0A || c == 0x0D { break }
                    if c < 0x80 {
                        i += 1
                    } else {
                        i += try scalarLength(at: i)
                    }
                }
            case 0xEF where i + 2 < count && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF:  // BOM
                i += 3
            default:
                position = i
                return try readToken(startingWith: byte, at: i)
            }
        }
        position = count
        return Token(kind: .eof, start: count, end: count)
    }

    private mutating func punctuator(_ kind: TokenKind, at start: Int, length: Int = 1) -> Token {
        position = start + length
        return Token(kind: kind, start: start, end: start + length)
    }

    @inline(__always)
    private mutating func readToken(startingWith byte: UInt8, at start: Int) throws(SyntaxError) -> Token {
        switch byte {
        case 0x21: return punctuator(.bang, at: start)
        case 0x24: return punctuator(.dollar, at: start)
        case 0x26: return punctuator(.amp, at: start)
        case 0x28: return punctuator(.parenL, at: start)
        case 0x29: return punctuator(.parenR, at: start)
        case 0x3A: return punctuator(.colon, at: start)
        case 0x3D: return punctuator(.equals, at: start)
        case 0x40: return punctuator(.at, at: start)
        case 0x5B: return punctuator(.bracketL, at: start)
        case 0x5D: return punctuator(.bracketR, at: start)
        case 0x7B: return punctuator(.braceL, at: start)
        case 0x7C: return punctuator(.pipe, at: start)
        case 0x7D: return punctuator(.braceR, at: start)
        case 0x2E:  // only `...` starts with a dot
            if start + 2 < bytes.count && bytes[start + 1] == 0x2E && bytes[start + 2] == 0x2E {
                return punctuator(.spread, at: start, length: 3)
            }
        case 0x22:
            if start + 2 < bytes.count && bytes[start + 1] == 0x22 && bytes[start + 2] == 0x22 {
                return try readBlockString(at: start)
            }
            return try readString(at: start)
        case 0x30...0x39, 0x2D:
            return try readNumber(at: start)
        case 0x27:
            throw SyntaxError(
                "Unexpected single quote character ('), did you mean to use a double quote (\")?", at: start)
        default:
            if isNameStart(byte) { return readName(at: start) }
            if byte >= 0x80 { _ = try scalarLength(at: start) }
        }
        throw SyntaxError("Unexpected character: " + describeCharacter(in: bytes, at: start) + ".", at: start)
    }

    /// The length of the well-formed UTF-8 scalar at `offset`, or an error naming the bad byte.
    private func scalarLength(at offset: Int) throws(SyntaxError) -> Int {
        guard let decoded = decodeUTF8Scalar(bytes, at: offset) else {
            throw SyntaxError("Invalid UTF-8 byte sequence starting with byte " + hexByte(bytes[offset]) + ".", at: offset)
        }
        return decoded.length
    }

    // MARK: Names

    private mutating func readName(at start: Int) -> Token {
        var i = start + 1
        let count = bytes.count
        while i < count && isNameContinue(bytes[i]) { i += 1 }
        position = i
        return Token(kind: .name, start: start, end: i)
    }

    // MARK: Numbers

    /// IntValue and FloatValue (spec §2.9.1, §2.9.2), with the rule that a number may not be
    /// followed by a digit, a `.` or a name start.
    private mutating func readNumber(at start: Int) throws(SyntaxError) -> Token {
        var i = start
        var isFloat = false
        if bytes[i] == 0x2D { i += 1 }
        if i < bytes.count && bytes[i] == 0x30 {
            i += 1
            if i < bytes.count && isDigit(bytes[i]) {
                throw SyntaxError(
                    "Invalid number, unexpected digit after 0: " + describeCharacter(in: bytes, at: i) + ".", at: i)
            }
        } else {
            i = try readDigits(from: i)
        }
        if i < bytes.count && bytes[i] == 0x2E {
            isFloat = true
            i = try readDigits(from: i + 1)
        }
        if i < bytes.count && (bytes[i] == 0x65 || bytes[i] == 0x45) {
            isFloat = true
            i += 1
            if i < bytes.count && (bytes[i] == 0x2B || bytes[i] == 0x2D) { i += 1 }
            i = try readDigits(from: i)
        }
        if i < bytes.count && (bytes[i] == 0x2E || isNameStart(bytes[i])) {
            throw SyntaxError("Invalid number, expected digit but got: " + describeCharacter(in: bytes, at: i) + ".", at: i)
        }
        position = i
        return Token(kind: isFloat ? .float : .int, start: start, end: i)
    }

    /// One or more digits from `offset`; returns the offset after them.
    private func readDigits(from offset: Int) throws(SyntaxError) -> Int {
        var i = offset
        guard i < bytes.count && isDigit(bytes[i]) else {
            throw SyntaxError("Invalid number, expected digit but got: " + describeCharacter(in: bytes, at: i) + ".", at: i)
        }
        repeat { i += 1 } while i < bytes.count && isDigit(bytes[i])
        return i
    }

    // MARK: Strings

    /// A `"..."` string (spec §2.9.4). Escapes are checked here; the parser decodes them.
    private mutating func readString(at start: Int) throws(SyntaxError) -> Token {
        let count = bytes.count
        var i = start + 1
        var hasEscape = false
        while i < count {
            let byte = bytes[i]
            if byte == 0x22 {
                position = i + 1
                return Token(kind: .string, start: start, end: i + 1, hasEscape: hasEscape)
            }
            if byte == 0x5C {
                hasEscape = true
                i = try readEscape(at: i).end
            } else if byte == 0x0A || byte == 0x0D {
                break
            } else if byte < 0x80 {
                i += 1
            } else {
                i += try scalarLength(at: i)
            }
        }
        throw SyntaxError("Unterminated string.", at: i)
    }

    /// Reads the escape sequence whose backslash is at `offset`: its value (one scalar) and the
    /// offset just after it. A surrogate pair written as two `\uXXXX` escapes is one scalar.
    func readEscape(at offset: Int) throws(SyntaxError) -> (scalar: UInt32, end: Int) {
        let count = bytes.count
        guard offset + 1 < count else { throw SyntaxError("Unterminated string.", at: count) }
        switch bytes[offset + 1] {
        case 0x22: return (0x22, offset + 2)
        case 0x5C: return (0x5C, offset + 2)
        case 0x2F: return (0x2F, offset + 2)
        case 0x62: return (0x08, offset + 2)
        case 0x66: return (0x0C, offset + 2)
        case 0x6E: return (0x0A, offset + 2)
        case 0x72: return (0x0D, offset + 2)
        case 0x74: return (0x09, offset + 2)
        case 0x75:
            if offset + 2 < count && bytes[offset + 2] == 0x7B { return try readBracedUnicodeEscape(at: offset) }
            return try readFixedUnicodeEscape(at: offset)
        default:
            let end = offset + 1 + ((try? scalarLength(at: offset + 1)) ?? 1)
            throw SyntaxError("Invalid character escape sequence: " + quotedText(offset, end) + ".", at: offset)
        }
    }

    /// `\u{X...}`: one to eight hex digits naming a Unicode scalar value (not a surrogate).
    private func readBracedUnicodeEscape(at offset: Int) throws(SyntaxError) -> (scalar: UInt32, end: Int) {
        let count = bytes.count
        var i = offset + 3
        var value: UInt32 = 0
        var digits = 0
        while i < count {
            let byte = bytes[i]
            if byte == 0x7D {
                if digits > 0 && isScalarValue(value) { return (value, i + 1) }
                i += 1
                break
            }
            // Nine characters after `{` without a `}` is too long: stop there.
            guard digits < 8, let digit = hexValue(byte) else {
                i += (byte < 0x80 ? 1 : ((try? scalarLength(at: i)) ?? 1))
                break
            }
            value = value << 4 | digit
            digits += 1
            i += 1
        }
        throw SyntaxError("Invalid Unicode escape sequence: " + quotedText(offset, min(i, count)) + ".", at: offset)
    }

    /// `\uXXXX`, possibly the leading half of a `\uXXXX\uXXXX` surrogate pair.
    private func readFixedUnicodeEscape(at offset: Int) throws(SyntaxError) -> (scalar: UInt32, end: Int) {
        if let lead = fourHexDigits(at: offset + 2) {
            if isScalarValue(lead) { return (lead, offset + 6) }
            if (0xD800...0xDBFF).contains(lead), offset + 7 < bytes.count, bytes[offset + 6] == 0x5C,
                bytes[offset + 7] == 0x75, let trail = fourHexDigits(at: offset + 8), (0xDC00...0xDFFF).contains(trail)
            {
                return ((lead - 0xD800) << 10 + (trail - 0xDC00) + 0x10000, offset + 12)
            }
        }
        // The message quotes the six characters (not bytes) the escape should have spanned.
        var end = offset
        for _ in 0..<6 where end < bytes.count {
            end += bytes[end] < 0x80 ? 1 : ((try? scalarLength(at: end)) ?? 1)
        }
        throw SyntaxError("Invalid Unicode escape sequence: " + quotedText(offset, end) + ".", at: offset)
    }

    private func fourHexDigits(at offset: Int) -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for i in offset..<offset + 4 {
            guard let digit = hexValue(bytes[i]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    /// Source text in double quotes, cut to the source's end, for error messages.
    private func quotedText(_ start: Int, _ end: Int) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<min(end, bytes.count)])
        return "\"" + String(decoding: slice, as: UTF8.self) + "\""
    }

    // MARK: Block strings

    /// A `"""..."""` block string (spec §2.9.4); only `\"""` is an escape inside one.
    private mutating func readBlockString(at start: Int) throws(SyntaxError) -> Token {
        let count = bytes.count
        var i = start + 3
        var hasEscape = false
        while i < count {
            let byte = bytes[i]
            if byte == 0x22 {
                if i + 2 < count && bytes[i + 1] == 0x22 && bytes[i + 2] == 0x22 {
                    position = i + 3
                    return Token(kind: .blockString, start: start, end: i + 3, hasEscape: hasEscape)
                }
                i += 1
            } else if byte == 0x5C {
                if i + 3 < count && bytes[i + 1] == 0x22 && bytes[i + 2] == 0x22 && bytes[i + 3] == 0x22 {
                    hasEscape = true
                    i += 4
                } else {
                    i += 1
                }
            } else if byte < 0x80 {
                i += 1
            } else {
                i += try scalarLength(at: i)
            }
        }
        throw SyntaxError("Unterminated string.", at: count)
    }
}

// MARK: - Character classes

@inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

@inline(__always) func isNameStart(_ byte: UInt8) -> Bool {
    byte == 0x5F || (byte | 0x20) &- 0x61 < 26
}

/// Letters, digits and `_`, looked up in a 128-bit map: the lexer's innermost loop.
@inline(__always) func isNameContinue(_ byte: UInt8) -> Bool {
    let digits: UInt64 = 0x03FF_0000_0000_0000  // bits 0x30...0x39
    let lettersAndUnderscore: UInt64 = 0x07FF_FFFE_87FF_FFFE  // bits 0x41...0x5A, 0x5F, 0x61...0x7A, less 64
    if byte < 64 { return (digits >> UInt64(byte)) & 1 != 0 }
    return byte < 128 && (lettersAndUnderscore >> UInt64(byte &- 64)) & 1 != 0
}

@inline(__always) func hexValue(_ byte: UInt8) -> UInt32? {
    if isDigit(byte) { return UInt32(byte &- 0x30) }
    let lower = byte | 0x20
    if lower >= 0x61 && lower <= 0x66 { return UInt32(lower &- 0x61 + 10) }
    return nil
}

@inline(__always) func isScalarValue(_ value: UInt32) -> Bool {
    value <= 0xD7FF || (value >= 0xE000 && value <= 0x10FFFF)
}

/// Every token of a source, end of input excluded: for tooling (highlighting, token counts).
public func tokenize(_ source: Source) throws(GraphQLError) -> [Token] {
    let result: Result<[Token], SyntaxError> = source.bytes.withUnsafeBufferPointer { buffer in
        var lexer = Lexer(bytes: buffer)
        var tokens: [Token] = []
        // About one token per six bytes in typical documents: one allocation instead of many.
        tokens.reserveCapacity(buffer.count / 6 + 16)
        do throws(SyntaxError) {
            while true {
                let token = try lexer.next()
                if token.kind == .eof { return .success(tokens) }
                tokens.append(token)
            }
        } catch {
            return .failure(error)
        }
    }
    switch result {
    case .success(let tokens): return tokens
    case .failure(let error): throw error.graphQLError(in: source)
    }
}
