// How error messages quote runtime values: the way the reference implementation's `inspect`
// shows them (JSON-like, `null`, `true`, numbers without a trailing `.0`, `{ a: 1 }`).

/// A value as error messages show it, e.g. `"abc"`, `1.5`, `[1, 2]`, `{ a: true }`.
public func inspect(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .double(let d): return formatNumber(d)
    case .string(let s): return quoteJSONString(s)
    case .list(let items):
        if items.isEmpty { return "[]" }
        return "[" + items.map(inspect).joined(separator: ", ") + "]"
    case .object(let object):
        if object.isEmpty { return "{}" }
        return "{ " + object.members.map { $0.key + ": " + inspect($0.value) }.joined(separator: ", ") + " }"
    }
}

/// A number the way JavaScript prints it: `1` not `1.0`, `1e+100`, `Infinity`, `NaN`.
public func formatNumber(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    if isIntegral(d), abs(d) < 1e21 {
        // Exactly integral: print the integer digits without a fraction.
        if abs(d) < 9.2e18 { return String(Int64(d)) }
        return (d < 0 ? "-" : "") + wholeNumberDigits(abs(d))
    }
    // Swift prints exponents with at least two digits ("1e-07"), and switches to exponents
    // below 1e-4 where JavaScript waits until below 1e-6.
    var s = d.description
    if let e = s.firstIndex(of: "e") {
        var mantissa = String(s[..<e])
        var exponent = String(s[s.index(after: e)...])
        var sign = "+"
        if exponent.hasPrefix("-") || exponent.hasPrefix("+") {
            sign = String(exponent.removeFirst())
        }
        while exponent.count > 1 && exponent.hasPrefix("0") { exponent.removeFirst() }
        if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        if sign == "-", let n = Int(exponent), n <= 6 {
            let negative = mantissa.hasPrefix("-")
            let digits = mantissa.filter { $0 != "." && $0 != "-" }
            return (negative ? "-" : "") + "0." + String(repeating: "0", count: n - 1) + digits
        }
        s = mantissa + "e" + sign + exponent
    }
    return s
}

/// A string in double quotes with JSON escapes.
func quoteJSONString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// Whether a double is a finite whole number (without libm: doubles of 2^52 and more are all whole).
func isIntegral(_ d: Double) -> Bool {
    guard d.isFinite else { return false }
    if abs(d) >= 4_503_599_627_370_496 { return true }
    return Double(Int64(d)) == d
}

/// The decimal digits of a whole double below 1e21: its significand doubled `exponent` times,
/// in decimal, since `UInt64` stops at 1.8e19.
private func wholeNumberDigits(_ d: Double) -> String {
    if d < 1.8e19 { return String(UInt64(d)) }
    var digits = Array(String(UInt64(d.significandBitPattern | (1 << 52))).utf8).map { $0 - 48 }
    for _ in 0..<(Int(d.exponent) - 52) {
        var carry: UInt8 = 0
        for i in stride(from: digits.count - 1, through: 0, by: -1) {
            let v = digits[i] * 2 + carry
            digits[i] = v % 10
            carry = v / 10
        }
        if carry > 0 { digits.insert(carry, at: 0) }
    }
    return String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
}
