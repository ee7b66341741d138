// Printing string values: quoted strings (spec §2 "String Value", StringCharacter) and block
// strings (BlockString), byte by byte over UTF-8.
//
// Quoted strings escape `"`, `\` and the control characters U+0000–U+001F and U+007F–U+009F
// (short forms \b \t \n \f \r, else \uXXXX with upper-case hex); everything else, non-ASCII
// included, is written as is. This is the reference printer's output.
//
// A block string is used only when the value was written as one (`isBlock`) and its block form
// reads back to exactly the same value under the spec's BlockStringValue() (common indentation
// removal and blank first/last line trimming). Otherwise the quoted form is printed, so a
// printed document always parses back to the same AST.

extension PrintBuffer {
    mutating func stringValue(_ string: StringValue) {
        if string.isBlock, BlockStringLayout.fits(string.value) {
            blockString(string.value)
        } else {
            quotedString(string.value)
        }
    }

    mutating func quotedString(_ value: String) {
        var value = value
        write(byte: UInt8(ascii: "\""))
        value.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                var escapedScalar: UInt32? = nil
                var width = 1
                if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
                    escapedScalar = UInt32(b)
                } else if b == 0xC2, i + 1 < n, utf8[i + 1] >= 0x80, utf8[i + 1] <= 0x9F {
                    // U+0080–U+009F (C1 controls) are two bytes: C2 80 … C2 9F.
                    escapedScalar = UInt32(utf8[i + 1])
                    width = 2
                }
                if let scalar = escapedScalar {
                    if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                    writeEscape(scalar)
                    i += width
                    runStart = i
                } else {
                    i += 1
                }
            }
            if runStart < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
        }
        write(byte: UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ scalar: UInt32) {
        let backslash = UInt8(ascii: "\\")
        switch scalar {
        case 0x22: bytes.append(backslash); bytes.append(UInt8(ascii: "\""))
        case 0x5C: bytes.append(backslash); bytes.append(backslash)
        case 0x08: bytes.append(backslash); bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(backslash); bytes.append(UInt8(ascii: "t"))
        case 0x0A: bytes.append(backslash); bytes.append(UInt8(ascii: "n"))
        case 0x0C: bytes.append(backslash); bytes.append(UInt8(ascii: "f"))
        case 0x0D: bytes.append(backslash); bytes.append(UInt8(ascii: "r"))
        default:
            // Upper-case hex digits, as the reference writes them.
            func hexDigit(_ v: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: v < 10 ? 0x30 + v : 0x37 + v) }
            bytes.append(backslash)
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(hexDigit((scalar >> 4) & 0xF))
            bytes.append(hexDigit(scalar & 0xF))
        }
    }

    /// Writes `value` as a block string; the caller has checked `BlockStringLayout.fits`.
    /// Line breaks go through `newline()`, so nested block strings are indented with their
    /// surroundings (the common indentation is removed again when read back).
    mutating func blockString(_ value: String) {
        let layout = BlockStringLayout(value)
        write("\"\"\"")
        if layout.breakBefore { newline() }
        var value = value
        value.withUTF8 { utf8 in
            let n = utf8.count
            var runStart = 0
            var i = 0
            while i < n {
                let b = utf8[i]
                if b == UInt8(ascii: "\n") {
                    if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                    newline()
                    i += 1
                    runStart = i
                } else if b == UInt8(ascii: "\""), i + 2 < n, utf8[i + 1] == b, utf8[i + 2] == b {
                    // `"""` inside the value is written `\"""`.
                    if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                    write("\\\"\"\"")
                    i += 3
                    runStart = i
                } else {
                    i += 1
                }
            }
            if runStart < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
        }
        if layout.breakAfter { newline() }
        write("\"\"\"")
    }
}

/// Where a block string needs line breaks around its content, and whether it can be one at all.
struct BlockStringLayout {
    /// Content starts on the line after the opening `"""`.
    var breakBefore: Bool
    /// The closing `"""` goes on its own line.
    var breakAfter: Bool

    /// Layout as the reference printer chooses it: single-line values of at most 70 characters
    /// that do not end in `"` or `\` stay on one line; otherwise the content goes between line
    /// breaks, except that a single line starting with whitespace keeps it on the first line
    /// (where it is not subject to indentation removal).
    init(_ value: String) {
        // Lines as the reference counts them when choosing the layout: it also breaks on U+0085,
        // U+2028 and U+2029, and a break at the very end opens no new line. Following it keeps
        // goldens equal; only real line feeds matter for reading the block string back.
        var layoutLines = 1
        var endsWithBreak = false
        var hasLineFeed = false
        var scalarCount = 0
        for scalar in value.unicodeScalars {
            scalarCount += 1
            endsWithBreak = scalar == "\n" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
            if endsWithBreak { layoutLines += 1 }
            if scalar == "\n" { hasLineFeed = true }
        }
        if endsWithBreak { layoutLines -= 1 }
        let last = value.utf8.last
        let endsBadly = last == UInt8(ascii: "\"") || last == UInt8(ascii: "\\")
        let forceBreak = layoutLines > 1 || scalarCount > 70 || endsBadly
        let first = value.utf8.first
        let leadingWhitespace = first == UInt8(ascii: " ") || first == UInt8(ascii: "\t")
        breakAfter = forceBreak
        // Leading whitespace on a single line must stay on the first line, where it is kept.
        breakBefore = forceBreak && !(leadingWhitespace && !hasLineFeed)
    }

    /// Whether the block form of `value` reads back as `value` exactly.
    ///
    /// It cannot when the value has a carriage return (line endings are normalised) or another
    /// control character other than tab and line feed; when its first or last line is blank
    /// (blank leading and trailing lines are trimmed); or when every non-blank line is indented
    /// (that indentation would be taken as common indentation and removed).
    static func fits(_ value: String) -> Bool {
        if value.isEmpty { return true }
        var lineIndex = 0
        var lineIsBlank = true  // only spaces and tabs so far
        var lineStartsIndented = false
        var atLineStart = true
        var someLineUnindented = false
        var firstLineBlank = false
        for b in value.utf8 {
            if b == UInt8(ascii: "\n") {
                if lineIndex == 0 { firstLineBlank = lineIsBlank }
                if !lineIsBlank && !lineStartsIndented { someLineUnindented = true }
                lineIndex += 1
                lineIsBlank = true
                lineStartsIndented = false
                atLineStart = true
                continue
            }
            if b < 0x20 && b != UInt8(ascii: "\t") { return false }
            if b == 0x7F { return false }
            if atLineStart {
                lineStartsIndented = b == UInt8(ascii: " ") || b == UInt8(ascii: "\t")
                atLineStart = false
            }
            if b != UInt8(ascii: " ") && b != UInt8(ascii: "\t") { lineIsBlank = false }
        }
        // The last line.
        if lineIsBlank { return false }  // also covers a single blank line such as "   "
        if lineIndex == 0 { return true }  // one non-blank line
        if firstLineBlank { return false }
        if !lineStartsIndented { someLineUnindented = true }
        return someLineUnindented
    }
}
