// BSON bytes ⇄ BSONDocument in Swift (bsonspec.org 1.1). libbson only moves these bytes across
// the C boundary; decoding and encoding happen here, bounds-checked, so a malformed document
// becomes an error instead of a crash.

import CMongo

enum BSONCodecError: Error, Sendable, Equatable {
    case malformed(String)
    case invalidDecimal128(String)
}

enum BSONCodec {
    // MARK: Encoding

    static func encode(_ document: BSONDocument) throws(BSONCodecError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        try appendDocument(document.keys, document.values, to: &out)
        return out
    }

    private static func appendDocument(_ keys: [String], _ values: [BSONValue], to out: inout [UInt8]) throws(BSONCodecError) {
        let start = out.count
        out.append(contentsOf: [0, 0, 0, 0])
        for i in keys.indices {
            try appendElement(keys[i], values[i], to: &out)
        }
        out.append(0)
        let length = Int32(out.count - start)
        withUnsafeBytes(of: length.littleEndian) { raw in
            for j in 0..<4 { out[start + j] = raw[j] }
        }
    }

    private static func appendCString(_ s: String, to out: inout [UInt8]) throws(BSONCodecError) {
        let utf8 = s.utf8
        if utf8.contains(0) { throw .malformed("key or pattern contains a NUL byte: \(s)") }
        out.append(contentsOf: utf8)
        out.append(0)
    }

    private static func appendInt32(_ v: Int32, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func appendInt64(_ v: Int64, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func appendElement(_ key: String, _ value: BSONValue, to out: inout [UInt8]) throws(BSONCodecError) {
        let typeIndex = out.count
        out.append(0)
        try appendCString(key, to: &out)
        let type: UInt8
        switch value {
        case .double(let d):
            type = 0x01
            withUnsafeBytes(of: d.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        case .string(let s):
            type = 0x02
            let utf8 = Array(s.utf8)
            appendInt32(Int32(utf8.count + 1), to: &out)
            out.append(contentsOf: utf8)
            out.append(0)
        case .document(let d):
            type = 0x03
            try appendDocument(d.keys, d.values, to: &out)
        case .array(let items):
            type = 0x04
            try appendDocument(items.indices.map(String.init), items, to: &out)
        case .binary(let b):
            type = 0x05
            appendInt32(Int32(b.data.count), to: &out)
            out.append(b.subtype)
            out.append(contentsOf: b.data)
        case .objectID(let oid):
            type = 0x07
            out.append(contentsOf: oid.bytes)
        case .bool(let b):
            type = 0x08
            out.append(b ? 1 : 0)
        case .datetime(let d):
            type = 0x09
            appendInt64(d.millisecondsSinceEpoch, to: &out)
        case .null:
            type = 0x0A
        case .regex(let pattern, let options):
            type = 0x0B
            try appendCString(pattern, to: &out)
            try appendCString(options, to: &out)
        case .int32(let i):
            type = 0x10
            appendInt32(i, to: &out)
        case .timestamp(let t):
            type = 0x11
            withUnsafeBytes(of: t.increment.littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: t.seconds.littleEndian) { out.append(contentsOf: $0) }
        case .int64(let i):
            type = 0x12
            appendInt64(i, to: &out)
        case .decimal128(let text):
            type = 0x13
            var dec = bson_decimal128_t()
            guard bson_decimal128_from_string(text, &dec) else { throw .invalidDecimal128(text) }
            withUnsafeBytes(of: dec.low.littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: dec.high.littleEndian) { out.append(contentsOf: $0) }
        case .minKey:
            type = 0xFF
        case .maxKey:
            type = 0x7F
        }
        out[typeIndex] = type
    }

    // MARK: Decoding

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(BSONCodecError) -> BSONDocument {
        var reader = ByteReader(bytes: bytes)
        return try reader.readDocument(depth: 0)
    }

    static func decode(_ bytes: [UInt8]) throws(BSONCodecError) -> BSONDocument {
        try bytes.withUnsafeBytes { raw in Result { () throws(BSONCodecError) in try decode(raw) } }.get()
    }

    private struct ByteReader {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        mutating func need(_ n: Int) throws(BSONCodecError) {
            guard n >= 0, position + n <= bytes.count else { throw .malformed("truncated at byte \(position)") }
        }

        mutating func readByte() throws(BSONCodecError) -> UInt8 {
            try need(1)
            defer { position += 1 }
            return bytes[position]
        }

        mutating func readInt32() throws(BSONCodecError) -> Int32 {
            try need(4)
            var v: UInt32 = 0
            for i in 0..<4 { v |= UInt32(bytes[position + i]) << (8 * i) }
            position += 4
            return Int32(bitPattern: v)
        }

        mutating func readUInt64() throws(BSONCodecError) -> UInt64 {
            try need(8)
            var v: UInt64 = 0
            for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * i) }
            position += 8
            return v
        }

        mutating func readCString() throws(BSONCodecError) -> String {
            let start = position
            while true {
                try need(1)
                if bytes[position] == 0 { break }
                position += 1
            }
            let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            position += 1
            return s
        }

        mutating func readDocument(depth: Int) throws(BSONCodecError) -> BSONDocument {
            guard depth < 200 else { throw .malformed("documents nested deeper than 200") }
            let start = position
            let length = Int(try readInt32())
            guard length >= 5, start + length <= bytes.count else { throw .malformed("bad document length \(length)") }
            let end = start + length - 1
            var doc = BSONDocument()
            while position < end {
                let type = try readByte()
                let key = try readCString()
                doc.appendUnchecked(key, try readValue(type: type, depth: depth))
            }
            guard position == end, try readByte() == 0 else { throw .malformed("document not terminated") }
            return doc
        }

        mutating func readValue(type: UInt8, depth: Int) throws(BSONCodecError) -> BSONValue {
            switch type {
            case 0x01: return .double(Double(bitPattern: try readUInt64()))
            case 0x02, 0x0D, 0x0E:  // string; JavaScript code and symbol read as strings
                let n = Int(try readInt32())
                guard n >= 1 else { throw .malformed("bad string length") }
                try need(n)
                let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n - 1)]), as: UTF8.self)
                position += n
                return .string(s)
            case 0x03: return .document(try readDocument(depth: depth + 1))
            case 0x04: return .array(try readDocument(depth: depth + 1).values)
            case 0x05:
                let n = Int(try readInt32())
                let subtype = try readByte()
                try need(n)
                let data = Array(UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n)]))
                position += n
                return .binary(BSONBinary(subtype: subtype, data: data))
            case 0x06: return .null  // "undefined" (deprecated) reads as null
            case 0x07:
                try need(12)
                let raw = Array(UnsafeRawBufferPointer(rebasing: bytes[position..<(position + 12)]))
                position += 12
                guard let oid = ObjectID(bytes: raw) else { throw .malformed("bad ObjectId") }
                return .objectID(oid)
            case 0x08: return .bool(try readByte() != 0)
            case 0x09: return .datetime(BSONDateTime(millisecondsSinceEpoch: Int64(bitPattern: try readUInt64())))
            case 0x0A: return .null
            case 0x0B:
                let pattern = try readCString()
                return .regex(pattern: pattern, options: try readCString())
            case 0x10: return .int32(try readInt32())
            case 0x11:
                let v = try readUInt64()
                return .timestamp(BSONTimestamp(seconds: UInt32(v >> 32), increment: UInt32(truncatingIfNeeded: v)))
            case 0x12: return .int64(Int64(bitPattern: try readUInt64()))
            case 0x13:
                let low = try readUInt64()
                let high = try readUInt64()
                var dec = bson_decimal128_t(low: low, high: high)
                // BSON_DECIMAL128_STRING is 43 bytes including the terminator.
                var text = [CChar](repeating: 0, count: 64)
                bson_decimal128_to_string(&dec, &text)
                return .decimal128(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            case 0xFF: return .minKey
            case 0x7F: return .maxKey
            default: throw .malformed("unsupported BSON type 0x\(String(type, radix: 16))")
            }
        }
    }
}
