// json-logic (jsonlogic.com), the subset RR's JSON portal rules use, with JavaScript's value
// semantics as json-logic-js applies them: `and or ! !! == != === !== < <= > >= in var if`.
// Loose equality and comparisons convert between numbers, strings and booleans as JavaScript
// does; an empty list is false.

import Foundation
import GraphQLKit

enum JSONLogic {
    static let maxDepth = 64

    struct RuleError: Error { let message: String }

    /// The result of `rule` on `data`.
    static func apply(_ rule: JSONValue, _ data: JSONValue, depth: Int = 0) throws(RuleError) -> JSONValue {
        guard depth < maxDepth else { throw RuleError(message: "The rule is nested more than \(maxDepth) levels deep.") }
        switch rule {
        case .list(let items):
            var out: [JSONValue] = []
            for item in items { out.append(try apply(item, data, depth: depth + 1)) }
            return .list(out)
        case .object(let o):
            guard o.count == 1, let op = o.members.first?.key, let raw = o.members.first?.value else { return rule }
            let args: [JSONValue] = if case .list(let l) = raw { l } else { [raw] }
            // `and`, `or` and `if` evaluate lazily, as json-logic-js does.
            switch op {
            case "and":
                var last: JSONValue = .null
                for a in args {
                    last = try apply(a, data, depth: depth + 1)
                    if !truthy(last) { return last }
                }
                return last
            case "or":
                var last: JSONValue = .null
                for a in args {
                    last = try apply(a, data, depth: depth + 1)
                    if truthy(last) { return last }
                }
                return last
            case "if", "?:":
                var i = 0
                while i + 1 < args.count {
                    if truthy(try apply(args[i], data, depth: depth + 1)) { return try apply(args[i + 1], data, depth: depth + 1) }
                    i += 2
                }
                return i < args.count ? try apply(args[i], data, depth: depth + 1) : .null
            default: break
            }
            var values: [JSONValue] = []
            for a in args { values.append(try apply(a, data, depth: depth + 1)) }
            func arg(_ i: Int) -> JSONValue { i < values.count ? values[i] : .null }
            switch op {
            case "var": return variable(arg(0), default: values.count > 1 ? arg(1) : .null, data)
            case "!": return .bool(!truthy(arg(0)))
            case "!!": return .bool(truthy(arg(0)))
            case "==": return .bool(looseEquals(arg(0), arg(1)))
            case "!=": return .bool(!looseEquals(arg(0), arg(1)))
            case "===": return .bool(strictEquals(arg(0), arg(1)))
            case "!==": return .bool(!strictEquals(arg(0), arg(1)))
            case "<": return .bool(values.count == 3 ? less(arg(0), arg(1)) && less(arg(1), arg(2)) : less(arg(0), arg(1)))
            case "<=": return .bool(values.count == 3 ? lessOrEqual(arg(0), arg(1)) && lessOrEqual(arg(1), arg(2)) : lessOrEqual(arg(0), arg(1)))
            case ">": return .bool(less(arg(1), arg(0)))
            case ">=": return .bool(lessOrEqual(arg(1), arg(0)))
            case "in":
                switch arg(1) {
                case .string(let s): return .bool(s.contains(string(arg(0))))
                case .list(let l): return .bool(l.contains { strictEquals($0, arg(0)) })
                default: return .bool(false)
                }
            default:
                throw RuleError(message: "Unsupported json-logic operation \"\(op)\" (supported: and, or, !, !!, ==, !=, ===, !==, <, <=, >, >=, in, var, if).")
            }
        default:
            return rule
        }
    }

    /// `var`: a dotted path into `data` ("" is the whole data); missing gives `fallback`.
    static func variable(_ path: JSONValue, default fallback: JSONValue, _ data: JSONValue) -> JSONValue {
        let text: String
        switch path {
        case .string(let s): text = s
        case .int(let i): text = String(i)
        case .null: return data
        default: return fallback
        }
        if text.isEmpty { return data }
        var current = data
        for segment in text.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .object(let o):
                guard let next = o[String(segment)] else { return fallback }
                current = next
            case .list(let l):
                guard let i = Int(segment), l.indices.contains(i) else { return fallback }
                current = l[i]
            default: return fallback
            }
        }
        return current
    }

    /// json-logic's truthiness: JavaScript's, except that an empty list is false.
    static func truthy(_ v: JSONValue) -> Bool {
        switch v {
        case .null: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0 && !d.isNaN
        case .string(let s): !s.isEmpty
        case .list(let l): !l.isEmpty
        case .object: true
        }
    }

    // MARK: JavaScript value semantics

    /// JavaScript's `String(v)`.
    static func string(_ v: JSONValue) -> String {
        switch v {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): d.rounded() == d && abs(d) < 1e21 ? String(Int(d)) : String(d)
        case .string(let s): s
        case .list(let l): l.map { $0 == .null ? "" : string($0) }.joined(separator: ",")
        case .object: "[object Object]"
        }
    }

    /// JavaScript's `Number(v)`.
    static func number(_ v: JSONValue) -> Double {
        switch v {
        case .null: 0
        case .bool(let b): b ? 1 : 0
        case .int(let i): Double(i)
        case .double(let d): d
        case .string(let s):
            s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? 0 : Double(s.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan
        case .list, .object: number(.string(string(v)))
        }
    }

    static func isNumber(_ v: JSONValue) -> Bool {
        switch v { case .int, .double: true; default: false }
    }

    static func strictEquals(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if isNumber(a) && isNumber(b) { return number(a) == number(b) }
        switch (a, b) {
        case (.list, .list), (.object, .object): return false  // distinct references in JavaScript
        default: return a == b
        }
    }

    /// JavaScript's `==` for JSON values.
    static func looseEquals(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.list, .list), (.object, .object): return false
        case (.bool, _): return looseEquals(.double(number(a)), b)
        case (_, .bool): return looseEquals(a, .double(number(b)))
        case (.string(let x), .string(let y)): return x == y
        case (.list, _), (.object, _): return looseEquals(.string(string(a)), b)
        case (_, .list), (_, .object): return looseEquals(a, .string(string(b)))
        default: return number(a) == number(b)
        }
    }

    /// JavaScript's `<`: strings by UTF-16 code units, anything else as numbers (NaN compares false).
    static func less(_ a: JSONValue, _ b: JSONValue) -> Bool {
        let pa = primitive(a), pb = primitive(b)
        if case .string(let x) = pa, case .string(let y) = pb { return x.utf16.lexicographicallyPrecedes(y.utf16) }
        return number(pa) < number(pb)
    }

    static func lessOrEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
        let pa = primitive(a), pb = primitive(b)
        if case .string(let x) = pa, case .string(let y) = pb { return !y.utf16.lexicographicallyPrecedes(x.utf16) }
        let x = number(pa), y = number(pb)
        return x <= y
    }

    private static func primitive(_ v: JSONValue) -> JSONValue {
        switch v {
        case .list, .object: .string(string(v))
        default: v
        }
    }

    // MARK: What a rule reads

    /// The literal `var` paths of `rule`; nil when some path is computed, so anything may be read.
    static func variablePaths(_ rule: JSONValue) -> Set<String>? {
        var out = Set<String>()
        func walk(_ r: JSONValue) -> Bool {
            switch r {
            case .list(let l): return l.allSatisfy(walk)
            case .object(let o):
                guard o.count == 1, let m = o.members.first else { return true }
                if m.key == "var" {
                    let first: JSONValue = if case .list(let l) = m.value { l.first ?? .null } else { m.value }
                    switch first {
                    case .string(let s): out.insert(s)
                    case .int(let i): out.insert(String(i))
                    case .null: out.insert("")
                    default: return false
                    }
                    if case .list(let l) = m.value { return l.dropFirst().allSatisfy(walk) }
                    return true
                }
                return walk(m.value)
            default: return true
            }
        }
        return walk(rule) ? out : nil
    }
}
