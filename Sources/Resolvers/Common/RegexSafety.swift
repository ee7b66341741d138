// Refuses `$regex` patterns whose matching can take exponential or high-polynomial time in a
// backtracking engine. The `mongoFilter` arguments hand patterns to the database: MongoDB's PCRE
// stops at its match limit, but SecantusDB (Python's `re`) has none, so one `(.*){20}X` hung it
// for good on a 28-character field, and with it every query of every client. The check is
// syntactic and conservative:
//   - a repeated group (`*`, `+`, `{n,}`, `{n,m}` with m > 1) may not itself contain a
//     repetition or an alternation: `(a+)+`, `(.*a){8}`, `(a|ab)*` are refused, `(ab)+`,
//     `(?:raw|processed)?` and `(x)*` pass;
//   - at most `maxUnboundedRepetitions` unbounded repetitions (`*`, `+`, `{n,}`) in all:
//     `.*.*.*.*X` backtracks in O(n⁵);
//   - no backreferences (`\1`, `\k<name>`, `(?P=name)`).

public enum RegexSafety {
    public static let maxUnboundedRepetitions = 3

    /// Why `pattern` is refused, or nil when it may be sent.
    public static func problem(in pattern: String) -> String? {
        struct Frame { var repeats = false; var alternates = false }
        let chars = Array(pattern.unicodeScalars)
        var stack = [Frame()]
        // What the next quantifier applies to: a closed group (with what it held) or a single atom.
        var lastGroup: Frame?
        var unbounded = 0
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\":
                if i + 1 < chars.count {
                    let next = chars[i + 1]
                    if ("1"..."9").contains(next) || next == "k" { return "backreferences are not supported" }
                }
                lastGroup = nil
                i += 2
                continue
            case "[":
                // A character class: quantifier characters inside it are literal.
                var j = i + 1
                if j < chars.count, chars[j] == "^" { j += 1 }
                if j < chars.count, chars[j] == "]" { j += 1 }
                while j < chars.count, chars[j] != "]" { j += chars[j] == "\\" ? 2 : 1 }
                lastGroup = nil
                i = j + 1
                continue
            case "(":
                if i + 3 < chars.count, chars[i + 1] == "?", chars[i + 2] == "P", chars[i + 3] == "=" {
                    return "backreferences are not supported"
                }
                stack.append(Frame())
                lastGroup = nil
            case ")":
                guard stack.count > 1, let closed = stack.popLast() else { lastGroup = nil; break }
                stack[stack.count - 1].repeats = stack[stack.count - 1].repeats || closed.repeats
                stack[stack.count - 1].alternates = stack[stack.count - 1].alternates || closed.alternates
                lastGroup = closed
                i += 1
                continue
            case "|":
                stack[stack.count - 1].alternates = true
                lastGroup = nil
            case "*", "+", "?", "{":
                var repeats = c == "*" || c == "+"
                var isUnbounded = repeats
                var end = i + 1
                if c == "{" {
                    guard let bounds = countedRepetition(chars, from: i) else { lastGroup = nil; break }
                    end = bounds.end
                    repeats = bounds.upper.map { $0 > 1 } ?? true
                    isUnbounded = bounds.upper == nil
                }
                if repeats {
                    if let group = lastGroup, group.repeats || group.alternates {
                        return "a repeated group contains a repetition or an alternation, as in (a+)+ or (a|b)*"
                    }
                    stack[stack.count - 1].repeats = true
                }
                if isUnbounded {
                    unbounded += 1
                    if unbounded > maxUnboundedRepetitions {
                        return "more than \(maxUnboundedRepetitions) unbounded repetitions (*, +, {n,})"
                    }
                }
                // A lazy or possessive marker belongs to the quantifier.
                if end < chars.count, chars[end] == "?" || chars[end] == "+" { end += 1 }
                lastGroup = nil
                i = end
                continue
            default:
                lastGroup = nil
            }
            i += 1
        }
        return nil
    }

    /// `{n}`, `{n,}` or `{n,m}` starting at `start`: the index after it and the upper bound (nil: none).
    private static func countedRepetition(_ chars: [Unicode.Scalar], from start: Int) -> (end: Int, upper: Int?)? {
        var j = start + 1
        var lower = ""
        while j < chars.count, ("0"..."9").contains(chars[j]) { lower.unicodeScalars.append(chars[j]); j += 1 }
        guard j < chars.count else { return nil }
        if chars[j] == "}" { return lower.isEmpty ? nil : (j + 1, Int(lower) ?? Int.max) }
        guard chars[j] == "," else { return nil }
        j += 1
        var upper = ""
        while j < chars.count, ("0"..."9").contains(chars[j]) { upper.unicodeScalars.append(chars[j]); j += 1 }
        guard j < chars.count, chars[j] == "}", !(lower.isEmpty && upper.isEmpty) else { return nil }
        return (j + 1, upper.isEmpty ? nil : (Int(upper) ?? Int.max))
    }
}
