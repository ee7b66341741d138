// BSON values as Swift value types, with exact round trip through MongoDB.

import Foundation

public enum BSONValue: Sendable, Hashable {
    case double(Double)
    case string(String)
    case document(BSONDocument)
    case array([BSONValue])
    case binary(BSONBinary)
    case objectID(ObjectID)
    case bool(Bool)
    case datetime(BSONDateTime)
    case null
    /// Boxed: two Strings would make every BSONValue 40 bytes instead of 24, and documents hold
    /// thousands of values while a page of them is answered.
    indirect case regex(pattern: String, options: String)
    case int32(Int32)
    case timestamp(BSONTimestamp)
    case int64(Int64)
    /// Decimal128 in its canonical string form (e.g. "1.50", "-Infinity"); kept as text so
    /// no digit is ever lost to binary floating point.
    case decimal128(String)
    case minKey
    case maxKey
}

/// An ordered BSON document: field order is significant in BSON (sort specs, commands).
public struct BSONDocument: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    public private(set) var keys: [String]
    public private(set) var values: [BSONValue]

    public init() {
        keys = []
        values = []
    }

    public init(dictionaryLiteral elements: (String, BSONValue)...) {
        self.init()
        for (k, v) in elements { self[k] = v }
    }

    public init<S: Sequence>(_ pairs: S) where S.Element == (String, BSONValue) {
        self.init()
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public subscript(key: String) -> BSONValue? {
        get {
            guard let i = keys.firstIndex(of: key) else { return nil }
            return values[i]
        }
        set {
            if let i = keys.firstIndex(of: key) {
                if let newValue { values[i] = newValue } else { keys.remove(at: i); values.remove(at: i) }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// Appends without a duplicate check (decoders keep duplicate keys exactly as stored).
    mutating func appendUnchecked(_ key: String, _ value: BSONValue) {
        keys.append(key)
        values.append(value)
    }

    /// Follows a dotted path through sub-documents and arrays, e.g. "processor.DEFAULT.status" or "data.0.host".
    public func value(atPath path: String) -> BSONValue? {
        value(along: path.split(separator: ".", omittingEmptySubsequences: false))
    }

    /// Follows path parts already split (numeric parts index arrays).
    public func value<Parts: Sequence>(along parts: Parts) -> BSONValue? where Parts.Element: StringProtocol {
        var current: BSONValue = .document(self)
        for part in parts {
            switch current {
            case .document(let d):
                guard let next = d[String(part)] else { return nil }
                current = next
            case .array(let a):
                guard let i = Int(part), a.indices.contains(i) else { return nil }
                current = a[i]
            default:
                return nil
            }
        }
        return current
    }

    public func makeIterator() -> Zip2Sequence<[String], [BSONValue]>.Iterator {
        zip(keys, values).makeIterator()
    }
}

public struct ObjectID: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// From 12 raw bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 12 else { return nil }
        self.bytes = bytes
    }

    /// From 24 hexadecimal digits; nil for anything else.
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 24 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(12)
        var i = 0
        while i < 24 {
            guard let hi = hexValue(utf8[i]), let lo = hexValue(utf8[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        bytes = out
    }

    public var hex: String {
        var s = ""
        s.reserveCapacity(24)
        for b in bytes {
            s.unicodeScalars.append(hexScalar(b >> 4))
            s.unicodeScalars.append(hexScalar(b & 0xF))
        }
        return s
    }

    public var description: String { hex }

    /// The creation time embedded in the first four bytes.
    public var timestamp: Date {
        let seconds = UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// Milliseconds since the Unix epoch, exactly as BSON stores them.
public struct BSONDateTime: Sendable, Hashable, Comparable {
    public var millisecondsSinceEpoch: Int64
    public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }
    public init(_ date: Date) { millisecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(millisecondsSinceEpoch) / 1000) }
    public static func < (a: BSONDateTime, b: BSONDateTime) -> Bool { a.millisecondsSinceEpoch < b.millisecondsSinceEpoch }
}

public struct BSONTimestamp: Sendable, Hashable {
    public var seconds: UInt32
    public var increment: UInt32
    public init(seconds: UInt32, increment: UInt32) {
        self.seconds = seconds
        self.increment = increment
    }
}

public struct BSONBinary: Sendable, Hashable {
    public var subtype: UInt8
    public var data: [UInt8]
    public init(subtype: UInt8 = 0, data: [UInt8]) {
        self.subtype = subtype
        self.data = data
    }
}

private func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
}

private func hexScalar(_ nibble: UInt8) -> Unicode.Scalar {
    Unicode.Scalar(nibble < 10 ? nibble + 0x30 : nibble - 10 + 0x61)
}
