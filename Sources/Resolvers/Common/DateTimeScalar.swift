// The `DateTime` scalar: results are written `2018-05-01T12:00:00.000Z` (UTC, milliseconds, as
// BSON stores them); input accepts RFC 3339 with any offset and with or without fractional
// seconds, a date alone (midnight UTC), or milliseconds since the epoch. Parsing and formatting
// are done by hand: the calendar arithmetic is small, and it avoids formatter objects on a
// path taken for every timestamp in every response.

import GraphQLKit

public enum DateTimeScalar {
    public static let implementation = ScalarImplementation(
        serialize: { value throws(ScalarCoercionError) in
            switch value {
            case .string(let s):
                // Resolvers already write the canonical form; anything else is normalized.
                if s.utf8.count == 24, s.hasSuffix("Z") { return value }
                guard let ms = parse(s) else { throw ScalarCoercionError("DateTime cannot represent \(quoted(s)): expected RFC 3339, e.g. 2018-05-01T12:00:00Z") }
                return .string(format(millisecondsSinceEpoch: ms))
            case .int(let ms): return .string(format(millisecondsSinceEpoch: Int64(ms)))
            case .double(let d) where d.isFinite && abs(d) < 8.64e15: return .string(format(millisecondsSinceEpoch: Int64(d.rounded())))
            default: throw ScalarCoercionError("DateTime cannot represent a non-date value")
            }
        },
        parseValue: { value throws(ScalarCoercionError) in try canonical(value) },
        parseLiteral: { literal, variables throws(ScalarCoercionError) in
            switch literal {
            case .string(let s): return try canonical(.string(s.value))
            case .int(let i):
                guard let n = Int(i.value) else { throw ScalarCoercionError("DateTime cannot represent \(i.value): out of range") }
                return try canonical(.int(n))
            case .variable(let v):
                return try canonical(variables?[v.name.value] ?? .null)
            default:
                throw ScalarCoercionError("DateTime cannot represent a non-string, non-integer value: expected RFC 3339, e.g. 2018-05-01T12:00:00Z")
            }
        })

    /// Input → the canonical string form, which filters read back with `parse`.
    static func canonical(_ value: JSONValue) throws(ScalarCoercionError) -> JSONValue {
        switch value {
        case .string(let s):
            guard let ms = parse(s) else {
                throw ScalarCoercionError("DateTime cannot represent \(quoted(s)): expected RFC 3339, e.g. 2018-05-01T12:00:00Z")
            }
            return .string(format(millisecondsSinceEpoch: ms))
        case .int(let ms):
            guard abs(ms) <= 8_640_000_000_000_000 else { throw ScalarCoercionError("DateTime cannot represent \(ms): out of range") }
            return .string(format(millisecondsSinceEpoch: Int64(ms)))
        case .double(let d) where d.isFinite && d == d.rounded() && abs(d) <= 8.64e15:
            return .string(format(millisecondsSinceEpoch: Int64(d)))
        default:
            throw ScalarCoercionError("DateTime cannot represent a non-string, non-integer value: expected RFC 3339, e.g. 2018-05-01T12:00:00Z")
        }
    }

    /// `2018-05-01T12:00:00.000Z` for a BSON datetime.
    public static func format(millisecondsSinceEpoch ms: Int64) -> String {
        let days = floorDiv(ms, 86_400_000)
        let msOfDay = ms - days * 86_400_000
        let (y, m, d) = CivilCalendar.date(days: Int(days))
        var out: [UInt8] = []
        out.reserveCapacity(26)
        if y < 0 || y > 9999 {
            out.append(y < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            append(&out, Int(abs(y)), digits: 6)
        } else {
            append(&out, Int(y), digits: 4)
        }
        out.append(UInt8(ascii: "-")); append(&out, Int(m), digits: 2)
        out.append(UInt8(ascii: "-")); append(&out, Int(d), digits: 2)
        out.append(UInt8(ascii: "T")); append(&out, Int(msOfDay / 3_600_000), digits: 2)
        out.append(UInt8(ascii: ":")); append(&out, Int(msOfDay / 60_000 % 60), digits: 2)
        out.append(UInt8(ascii: ":")); append(&out, Int(msOfDay / 1000 % 60), digits: 2)
        out.append(UInt8(ascii: ".")); append(&out, Int(msOfDay % 1000), digits: 3)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Milliseconds since the epoch for RFC 3339 text (`T`/`t`/space separator, `Z` or an
    /// offset, optional fraction; extra fraction digits are truncated) or a date alone; nil
    /// for anything else, including impossible dates such as February 30.
    public static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        var i = 0
        func number(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                guard b[k] >= 48 && b[k] <= 57 else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
              let day = number(2), (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: year)
        else { return nil }
        let days = Int64(CivilCalendar.days(year: year, month: month, day: day))
        if i == b.count { return days * 86_400_000 }
        guard i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2), expect(UInt8(ascii: ":")),
              let second = number(2), hour < 24, minute < 60, second < 61
        else { return nil }
        var millis = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 3 { millis = millis * 10 + Int(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { millis *= 10 }
        }
        var offsetMinutes = 0
        guard i < b.count else { return nil }
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = number(2), expect(UInt8(ascii: ":")), let om = number(2), oh < 24, om < 60 else { return nil }
            offsetMinutes = sign * (oh * 60 + om)
        default:
            return nil
        }
        guard i == b.count else { return nil }
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }
}

private func quoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

private func append(_ out: inout [UInt8], _ value: Int, digits: Int) {
    var divisor = 1
    for _ in 1..<digits { divisor *= 10 }
    var v = value
    while divisor > 0 {
        out.append(UInt8(48 + (v / divisor) % 10))
        v %= divisor
        divisor /= 10
    }
}

private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}


