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

private func blockStringValue(_ raw: UnsafeBufferPointer<UInt8>) -> String {
    // Split into lines, as (start, end, indent) byte offsets.
    var lines: [(start: Int, end: Int, indent: Int)] = []
    var commonIndent = Int.max
    var lineStart = 0
    var i = 0
    let count = raw.count
    func endLine(at end: Int) {
        var indent = 0
        while lineStart + indent < end && (raw[lineStart + indent] == 0x20 || raw[lineStart + indent] == 0x09) {
            indent += 1
        }
        if !lines.isEmpty && indent < end - lineStart && indent < commonIndent { commonIndent = indent }
        lines.append((lineStart, end, indent))
    }
    while i < count {
        let byte = raw[i]
        if byte == 0x0A || byte == 0x0D {
            endLine(at: i)
            i += (byte == 0x0D && i + 1 < count && raw[i + 1] == 0x0A) ? 2 : 1
            lineStart = i
        } else {
            i += 1
        }
    }
    endLine(at: count)

    // Lines of only white space at either end are dropped.
    var first = 0
    while first < lines.count && lines[first].indent == lines[first].end - lines[first].start { first += 1 }
    var last = lines.count - 1
    while last >= first && lines[last].indent == lines[last].end - lines[last].start { last -= 1 }
    guard first <= last else { return "" }

    var out: [UInt8] = []
    out.reserveCapacity(count)
    for index in first...last {
        let line = lines[index]
        if index > first { out.append(0x0A) }
        let drop = index == 0 || commonIndent == Int.max ? 0 : min(commonIndent, line.end - line.start)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: raw[(line.start + drop)..<line.end]))
    }
    return String(decoding: out, as: UTF8.self)
}
