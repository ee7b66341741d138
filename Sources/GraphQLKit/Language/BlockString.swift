// BlockStringValue() (spec §2.9.4): the value of a `"""` block string is its raw text with the
// common indentation removed (the first line does not count) and blank first and last lines
// dropped, lines joined by LF whatever terminator the source used.

/// The value of a block string whose raw text (between the triple quotes, with any `\"""`
/// already turned into `"""`) is `rawValue`.
public func blockStringValue(_ rawValue: String) -> String {
    var raw = Array(rawValue.utf8)
    return raw.withUnsafeMutableBufferPointer { blockStringValue(UnsafeBufferPointer($0)) }
}

/// The value of a block string token's source text between the quotes. With `hasEscape`, each
/// `\"""` in it stands for `"""`.
func blockStringValue(source raw: UnsafeBufferPointer<UInt8>, hasEscape: Bool) -> String {
    guard hasEscape else { return blockStringValue(raw) }
    var unescaped: [UInt8] = []
    unescaped.reserveCapacity(raw.count)
    var i = 0
    while i < raw.count {
        if raw[i] == 0x5C && i + 3 < raw.count && raw[i + 1] == 0x22 && raw[i + 2] == 0x22 && raw[i + 3] == 0x22 {
            unescaped.append(contentsOf: [0x22, 0x22, 0x22])
            i += 4
        } else {
            unescaped.append(raw[i])
            i += 1
        }
    }
    return unescaped.withUnsafeBufferPointer { blockStringValue($0) }
}

/// Two passes over the raw bytes and no line array: the first finds the common indent and the
/// first and last lines that are not blank, the second copies the kept text into the result.
private func blockStringValue(_ raw: UnsafeBufferPointer<UInt8>) -> String {
    let count = raw.count
    var commonIndent = Int.max
    var firstKept = -1  // index of the first line that is not blank
    var lastKept = -1
    var lineIndex = 0
    var lineStart = 0
    while true {
        var i = lineStart
        while i < count && (raw[i] == 0x20 || raw[i] == 0x09) { i += 1 }
        let indent = i - lineStart
        while i < count && raw[i] != 0x0A && raw[i] != 0x0D { i += 1 }
        if i > lineStart + indent {  // not blank
            if lineIndex > 0 && indent < commonIndent { commonIndent = indent }
            if firstKept < 0 { firstKept = lineIndex }
            lastKept = lineIndex
        }
        guard i < count else { break }
        i += (raw[i] == 0x0D && i + 1 < count && raw[i + 1] == 0x0A) ? 2 : 1
        lineStart = i
        lineIndex += 1
    }
    guard firstKept >= 0 else { return "" }
    if commonIndent == Int.max { commonIndent = 0 }

    return String(unsafeUninitializedCapacity: count) { out in
        var written = 0
        var lineIndex = 0
        var lineStart = 0
        while lineIndex <= lastKept {
            var lineEnd = lineStart
            while lineEnd < count && raw[lineEnd] != 0x0A && raw[lineEnd] != 0x0D { lineEnd += 1 }
            if lineIndex >= firstKept {
                if lineIndex > firstKept {
                    out[written] = 0x0A
                    written += 1
                }
                // Lines shorter than the common indent are white space only: drop all of it.
                let from = lineIndex == 0 ? lineStart : min(lineStart + commonIndent, lineEnd)
                for j in from..<lineEnd {
                    out[written] = raw[j]
                    written += 1
                }
            }
            guard lineEnd < count else { break }
            lineStart = lineEnd + ((raw[lineEnd] == 0x0D && lineEnd + 1 < count && raw[lineEnd + 1] == 0x0A) ? 2 : 1)
            lineIndex += 1
        }
        return written
    }
}
