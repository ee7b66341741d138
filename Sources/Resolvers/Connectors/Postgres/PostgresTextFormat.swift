// PostgreSQL's text wire format: decoding columns by type OID and encoding parameters.
// Text (not binary) format keeps numeric exact and needs no knowledge of internal layouts.

import Foundation
import GraphQLKit

enum PostgresType {
    static let bool: UInt32 = 16, int8: UInt32 = 20, int2: UInt32 = 21, int4: UInt32 = 23, oid: UInt32 = 26
    static let text: UInt32 = 25, name: UInt32 = 19, bpchar: UInt32 = 1042, varchar: UInt32 = 1043
    static let json: UInt32 = 114, jsonb: UInt32 = 3802
    static let float4: UInt32 = 700, float8: UInt32 = 701, numeric: UInt32 = 1700
    static let timestamp: UInt32 = 1114, timestamptz: UInt32 = 1184
    static let int4range: UInt32 = 3904

    /// Array type OID → element type OID.
    static let arrayElements: [UInt32: UInt32] = [
        1000: bool, 1005: int2, 1007: int4, 1016: int8, 1028: oid, 1021: float4, 1022: float8, 1231: numeric,
        1009: text, 1015: varchar, 1014: bpchar, 1003: name, 199: json, 3807: jsonb, 1115: timestamp,
        1185: timestamptz, 3905: int4range,
    ]
}

enum PostgresTextFormat {
    static func decode(_ text: String, type: UInt32) throws(PostgresError) -> PostgresValue {
        switch type {
        case PostgresType.bool:
            return .bool(text == "t")
        case PostgresType.int2, PostgresType.int4, PostgresType.int8, PostgresType.oid:
            guard let i = Int(text) else { throw .invalidValue("integer column holds \"\(text)\"") }
            return .int(i)
        case PostgresType.float4, PostgresType.float8:
            switch text {
            case "NaN": return .double(.nan)
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            default:
                guard let d = Double(text) else { throw .invalidValue("float column holds \"\(text)\"") }
                return .double(d)
            }
        case PostgresType.numeric:
            return .numeric(text)
        case PostgresType.json, PostgresType.jsonb:
            do { return .json(try JSONParser.parse(text)) } catch { throw .invalidValue("\(error)") }
        case PostgresType.timestamptz, PostgresType.timestamp:
            guard let date = parseTimestamp(text) else { throw .invalidValue("timestamp column holds \"\(text)\"") }
            return .timestamp(date)
        case PostgresType.int4range:
            return .int4Range(try parseRange(text))
        default:
            if let element = PostgresType.arrayElements[type] {
                return try parseArray(text, element: element)
            }
            return .text(text)
        }
    }

    // MARK: Timestamps

    /// `2018-05-01 12:00:00.123456+00`, `...+05:30`, `...-03:30:15`, or without zone (taken as UTC).
    static func parseTimestamp(_ text: String) -> Date? {
        if text == "infinity" { return .distantFuture }
        if text == "-infinity" { return .distantPast }
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard b.count >= 19, let year = number(0, 4), b[4] == 0x2D, let month = number(5, 2), b[7] == 0x2D,
              let day = number(8, 2), b[10] == 0x20 || b[10] == 0x54, let hour = number(11, 2), b[13] == 0x3A,
              let minute = number(14, 2), b[16] == 0x3A, let second = number(17, 2) else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == 0x2E {
            i += 1
            var scale = 0.1
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                fraction += Double(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
        }
        var offsetSeconds = 0
        if i < b.count, b[i] == 0x2B || b[i] == 0x2D {
            let sign = b[i] == 0x2D ? -1 : 1
            guard let h = number(i + 1, 2) else { return nil }
            i += 3
            var m = 0, s = 0
            if i < b.count, b[i] == 0x3A, let mm = number(i + 1, 2) { m = mm; i += 3 }
            if i < b.count, b[i] == 0x3A, let ss = number(i + 1, 2) { s = ss; i += 3 }
            offsetSeconds = sign * (h * 3600 + m * 60 + s)
        }
        guard i == b.count else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        let seconds = Double(days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    static func formatTimestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    // MARK: Ranges

    static func parseRange(_ text: String) throws(PostgresError) -> PostgresInt4Range {
        if text == "empty" { return .empty }
        let b = Array(text.utf8)
        guard b.count >= 3, let open = b.first, let close = b.last, open == 0x5B || open == 0x28,
              close == 0x5D || close == 0x29,
              let comma = b.firstIndex(of: 0x2C) else { throw .invalidValue("int4range holds \"\(text)\"") }
        let lowerText = String(decoding: b[1..<comma], as: UTF8.self)
        let upperText = String(decoding: b[(comma + 1)..<(b.count - 1)], as: UTF8.self)
        let lower = lowerText.isEmpty ? nil : Int32(lowerText)
        let upper = upperText.isEmpty ? nil : Int32(upperText)
        guard lowerText.isEmpty || lower != nil, upperText.isEmpty || upper != nil else {
            throw .invalidValue("int4range holds \"\(text)\"")
        }
        return PostgresInt4Range(lower: lower, upper: upper, lowerInclusive: open == 0x5B, upperInclusive: close == 0x5D)
    }

    // MARK: Arrays

    /// Parses an array literal such as `{1,2,NULL}`, `{"a b","c\"d"}` or `{{1,2},{3,4}}`.
    static func parseArray(_ text: String, element: UInt32) throws(PostgresError) -> PostgresValue {
        var b = Array(text.utf8)
        // An explicit lower bound prefix, e.g. "[0:1]={...}", carries nothing we keep.
        if b.first == 0x5B, let eq = b.firstIndex(of: 0x3D) { b.removeSubrange(0...eq) }
        var i = 0
        let value = try parseArrayLevel(b, &i, element: element, depth: 0)
        guard i == b.count else { throw .invalidValue("array literal \"\(text)\" has trailing text") }
        return value
    }

    private static func parseArrayLevel(_ b: [UInt8], _ i: inout Int, element: UInt32, depth: Int) throws(PostgresError) -> PostgresValue {
        guard depth < 7, i < b.count, b[i] == 0x7B else { throw .invalidValue("malformed array literal") }
        i += 1
        var items: [PostgresValue] = []
        if i < b.count, b[i] == 0x7D { i += 1; return .array(items) }
        while i < b.count {
            if b[i] == 0x7B {
                items.append(try parseArrayLevel(b, &i, element: element, depth: depth + 1))
            } else if b[i] == 0x22 {
                i += 1
                var raw: [UInt8] = []
                while i < b.count, b[i] != 0x22 {
                    if b[i] == 0x5C { i += 1 }
                    guard i < b.count else { break }
                    raw.append(b[i])
                    i += 1
                }
                guard i < b.count else { throw .invalidValue("unterminated quoted array element") }
                i += 1
                items.append(try decode(String(decoding: raw, as: UTF8.self), type: element))
            } else {
                let start = i
                // Elements end at the delimiter or the closing brace; range values contain
                // commas only inside quotes, which the branch above handles.
                while i < b.count, b[i] != 0x2C, b[i] != 0x7D { i += 1 }
                let raw = String(decoding: b[start..<i], as: UTF8.self)
                items.append(raw == "NULL" ? .null : try decode(raw, type: element))
            }
            guard i < b.count else { break }
            if b[i] == 0x2C { i += 1; continue }
            if b[i] == 0x7D { i += 1; return .array(items) }
            throw .invalidValue("malformed array literal")
        }
        throw .invalidValue("unterminated array literal")
    }

    // MARK: Parameters

    /// The text sent for a parameter and the type OID to declare (0 lets the server infer it).
    static func encode(_ value: PostgresValue) throws(PostgresError) -> (text: String?, type: UInt32) {
        switch value {
        case .null: return (nil, 0)
        case .bool(let b): return (b ? "t" : "f", PostgresType.bool)
        case .int(let i): return (String(i), PostgresType.int8)
        case .double(let d):
            if d.isNaN { return ("NaN", PostgresType.float8) }
            if d.isInfinite { return (d > 0 ? "Infinity" : "-Infinity", PostgresType.float8) }
            return ("\(d)", PostgresType.float8)
        case .numeric(let s):
            guard Decimal(string: s) != nil || s == "NaN" else { throw .invalidValue("\"\(s)\" is not a number") }
            return (s, PostgresType.numeric)
        case .text(let s):
            guard !s.utf8.contains(0) else { throw .nulCharacter }
            return (s, 0)
        case .json(let j):
            // jsonb refuses the \u0000 escape as text refuses the byte.
            guard !containsNUL(j) else { throw .nulCharacter }
            return (j.jsonString, 0)
        case .timestamp(let d): return (formatTimestamp(d), PostgresType.timestamptz)
        case .int4Range(let r): return (r.description, PostgresType.int4range)
        case .array(let items): return (try arrayLiteral(items), 0)
        }
    }

    private static func containsNUL(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let s): s.utf8.contains(0)
        case .list(let items): items.contains(where: containsNUL)
        case .object(let o): o.members.contains { $0.key.utf8.contains(0) || containsNUL($0.value) }
        default: false
        }
    }

    private static func arrayLiteral(_ items: [PostgresValue]) throws(PostgresError) -> String {
        var out = "{"
        for (n, item) in items.enumerated() {
            if n > 0 { out += "," }
            switch item {
            case .null: out += "NULL"
            case .array(let inner): out += try arrayLiteral(inner)
            default:
                guard let text = try encode(item).text else { out += "NULL"; continue }
                out += "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
        }
        return out + "}"
    }
}
