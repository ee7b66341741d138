// json-logic rules, as the Run Registry's golden-JSON portal applies them (json-logic-js): the
// operators RR's rules use, with JavaScript's truthiness, loose equality and comparison
// coercions, so a rule written for RR selects the same lumisections here. Rules come from
// users: nesting, size and list lengths are bounded, and unknown operators are refused.

import Foundation
import GraphQLKit

/// A rule checked once and evaluated many times (once per interval of identical inputs).
struct JSONLogicRule: Sendable {
    static let maxDepth = 64
    static let maxNodes = 10_000

    let rule: JSONValue

    /// Checks operators, arity and size; the message names what is wrong.
    init(_ rule: JSONValue) throws(JSONLogicError) {
        var nodes = 0
        try Self.check(rule, depth: 0, nodes: &nodes)
        self.rule = rule
    }

    private static let operators: Set<String> = [
        "var", "and", "or", "!", "!!", "if", "==", "!=", "===", "!==", "<", "<=", ">", ">=", "in",
    ]

    private static func check(_ value: JSONValue, depth: Int, nodes: inout Int) throws(JSONLogicError) {
        nodes += 1
        guard nodes <= maxNodes else { throw JSONLogicError("the rule has more than \(maxNodes) parts") }
        guard depth <= maxDepth else { throw JSONLogicError("the rule nests deeper than \(maxDepth) levels") }
        switch value {
        case .list(let items):
            for item in items { try check(item, depth: depth + 1, nodes: &nodes) }
        case .object(let object):
            // A one-key object is an operation; json-logic treats any other object as data.
            guard object.count == 1, let member = object.members.first else { return }
            guard operators.contains(member.key) else {
                throw JSONLogicError("unrecognized operation \"\(member.key.prefix(40))\" (supported: \(operators.sorted().joined(separator: " ")))")
            }
            try check(member.value, depth: depth + 1, nodes: &nodes)
        default:
            return
        }
    }

    /// The rule's value for `data`.
    func evaluate(_ data: JSONValue) -> JSONValue {
        Self.apply(rule, data)
    }

    /// Whether the rule holds for `data` (json-logic truthiness).
    func holds(for data: JSONValue) -> Bool {
        JSONLogicValue.truthy(evaluate(data))
    }

    private static func apply(_ rule: JSONValue, _ data: JSONValue) -> JSONValue {
        switch rule {
        case .list(let items):
            return .list(items.map { apply($0, data) })
        case .object(let object):
            guard object.count == 1, let member = object.members.first else { return rule }
            let args: [JSONValue]
            if case .list(let list) = member.value { args = list } else { args = [member.value] }
            return operation(member.key, args, data)
        default:
            return rule
        }
    }

    private static func operation(_ name: String, _ args: [JSONValue], _ data: JSONValue) -> JSONValue {
        switch name {
        case "var":
            let path = args.isEmpty ? JSONValue.null : apply(args[0], data)
            let fallback = args.count > 1 ? apply(args[1], data) : .null
            return JSONLogicValue.lookup(path, in: data) ?? fallback
        case "and":
            // The first falsy value, else the last one (json-logic short-circuits).
            var last = JSONValue.null
            for arg in args {
                last = apply(arg, data)
                if !JSONLogicValue.truthy(last) { return last }
            }
            return last
        case "or":
            var last = JSONValue.null
            for arg in args {
                last = apply(arg, data)
                if JSONLogicValue.truthy(last) { return last }
            }
            return last
        case "!":
            return .bool(!JSONLogicValue.truthy(args.first.map { apply($0, data) } ?? .null))
        case "!!":
            return .bool(JSONLogicValue.truthy(args.first.map { apply($0, data) } ?? .null))
        case "if":
            // if / then / else-if / then / ... / else
            var i = 0
            while i + 1 < args.count {
                if JSONLogicValue.truthy(apply(args[i], data)) { return apply(args[i + 1], data) }
                i += 2
            }
            return i < args.count ? apply(args[i], data) : .null
        case "==", "!=", "===", "!==":
            let a = args.count > 0 ? apply(args[0], data) : .null
            let b = args.count > 1 ? apply(args[1], data) : .null
            let equal = name.count == 3 ? JSONLogicValue.strictlyEqual(a, b) : JSONLogicValue.looselyEqual(a, b)
            return .bool(name.hasPrefix("!") ? !equal : equal)
        case "<", "<=", ">", ">=":
            let values = args.map { apply($0, data) }
            guard values.count >= 2 else { return .bool(false) }
            // `{"<": [a, b, c]}` is "between": a < b < c (json-logic allows it for < and <=).
            if values.count == 3, name == "<" || name == "<=" {
                return .bool(JSONLogicValue.compare(values[0], name, values[1]) && JSONLogicValue.compare(values[1], name, values[2]))
            }
            return .bool(JSONLogicValue.compare(values[0], name, values[1]))
        case "in":
            let needle = args.count > 0 ? apply(args[0], data) : .null
            let haystack = args.count > 1 ? apply(args[1], data) : .null
            switch haystack {
            case .string(let s):
                return .bool(s.contains(JSONLogicValue.string(needle)))
            case .list(let items):
                return .bool(items.contains { JSONLogicValue.strictlyEqual($0, needle) })
            default:
                return .bool(false)
            }
        default:
            return .null  // unreachable: `init` refused unknown operators
        }
    }
}

/// A rule json-logic cannot run; nothing was evaluated.
struct JSONLogicError: Error, Sendable, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// JavaScript's value semantics as json-logic-js uses them.
enum JSONLogicValue {
    /// json-logic truthiness: JavaScript's, except that an empty array is false.
    static func truthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0 && !d.isNaN
        case .string(let s): !s.isEmpty
        case .list(let items): !items.isEmpty
        case .object: true
        }
    }

    /// `var`: a dotted path (numbers index arrays); a number names an array index; "" or null is the data itself.
    static func lookup(_ path: JSONValue, in data: JSONValue) -> JSONValue? {
        let text: String
        switch path {
        case .null: return data
        case .string(let s): text = s
        case .int(let i): text = String(i)
        case .double(let d) where d == d.rounded() && abs(d) < 1e15: text = String(Int(d))
        default: return nil
        }
        if text.isEmpty { return data }
        var current = data
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .object(let object):
                guard let next = object[String(part)] else { return nil }
                current = next
            case .list(let items):
                guard let i = Int(part), items.indices.contains(i) else { return nil }
                current = items[i]
            default:
                return nil
            }
        }
        return current
    }

    /// `===`: same type and value (arrays and objects are never strictly equal to a copy, as in JavaScript).
    static func strictlyEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        default:
            if let x = number(ifNumeric: a), let y = number(ifNumeric: b) { x == y } else { false }
        }
    }

    /// `==`: JavaScript's abstract equality.
    static func looselyEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.string(let x), .string(let y)): return x == y
        case (.list, .list), (.object, .object), (.list, .object), (.object, .list): return false
        case (.list, _), (.object, _): return looselyEqual(.string(string(a)), b)
        case (_, .list), (_, .object): return looselyEqual(a, .string(string(b)))
        default:
            // Booleans, numbers and strings meet as numbers.
            let x = number(a), y = number(b)
            return x == y
        }
    }

    /// `<`, `<=`, `>`, `>=` with JavaScript's coercions: two strings compare as text, anything
    /// else as numbers (NaN compares false).
    static func compare(_ a: JSONValue, _ op: String, _ b: JSONValue) -> Bool {
        let pa = primitive(a), pb = primitive(b)
        if case .string(let x) = pa, case .string(let y) = pb {
            let lx = Array(x.utf16), ly = Array(y.utf16)
            switch op {
            case "<": return lx.lexicographicallyPrecedes(ly)
            case "<=": return !ly.lexicographicallyPrecedes(lx)
            case ">": return ly.lexicographicallyPrecedes(lx)
            default: return !lx.lexicographicallyPrecedes(ly)
            }
        }
        let x = number(pa), y = number(pb)
        switch op {
        case "<": return x < y
        case "<=": return x <= y
        case ">": return x > y
        default: return x >= y
        }
    }

    /// Arrays and objects become their JavaScript string form; other values stay.
    private static func primitive(_ value: JSONValue) -> JSONValue {
        switch value {
        case .list, .object: .string(string(value))
        default: value
        }
    }

    private static func number(ifNumeric value: JSONValue) -> Double? {
        switch value {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// JavaScript's ToNumber (NaN for text that is not a number).
    static func number(_ value: JSONValue) -> Double {
        switch value {
        case .null: return 0
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s):
            let trimmed = s.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return 0 }
            return Double(trimmed) ?? .nan
        case .list, .object: return number(.string(string(value)))
        }
    }

    /// An integral double below 1e21 as JavaScript writes it: every digit, no exponent. Past
    /// Int64 (2^63 ≤ |d| < 1e21) the shortest round-trip digits are padded with zeros, as in
    /// JavaScript (`String(2**64)` is "18446744073709552000"); converting to Int64 would trap.
    static func integralString(_ d: Double) -> String {
        if let exact = Int64(exactly: d) { return String(exact) }
        let text = "\(d.magnitude)"  // e.g. "1.8446744073709552e+19"
        guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return text }
        let mantissa = text[..<e]
        let digits = mantissa.filter { $0 != "." }
        let integerDigits = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        let zeros = max(0, exponent - (digits.count - integerDigits))
        return (d < 0 ? "-" : "") + digits + String(repeating: "0", count: zeros)
    }

    /// JavaScript's ToString for the values json-logic meets.
    static func string(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            if d.isNaN { return "NaN" }
            if d == d.rounded(), abs(d) < 1e21 { return integralString(d) }
            return String(d)
        case .string(let s): return s
        case .list(let items):
            // Array.prototype.join(","): null and undefined become "".
            return items.map { if case .null = $0 { "" } else { string($0) } }.joined(separator: ",")
        case .object: return "[object Object]"
        }
    }
}
