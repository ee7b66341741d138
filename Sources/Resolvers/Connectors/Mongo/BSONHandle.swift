// The only place BSON crosses into libbson: an owned `bson_t` made from our bytes, and
// reading a `bson_t` libmongoc hands back. Nothing outside the Mongo connector sees these.

import CMongo

/// Owns a heap `bson_t` holding a copy of an encoded document.
/// @unchecked Sendable: immutable after creation and handed to one worker thread at a time.
final class BSONHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ document: BSONDocument) throws(MongoError) {
        let bytes: [UInt8]
        do { bytes = try BSONCodec.encode(document) } catch {
            switch error {
            case .malformed(let m): throw .invalidArgument(m)
            case .invalidDecimal128(let s): throw .invalidArgument("invalid Decimal128 \"\(s)\"")
            }
        }
        guard let p = bytes.withUnsafeBufferPointer({ bson_new_from_data($0.baseAddress, $0.count) }) else {
            throw .invalidArgument("libbson rejected the document")
        }
        pointer = p
    }

    deinit { bson_destroy(pointer) }
}

/// Decodes a `const bson_t *` owned by libmongoc.
func decodeBSON(_ pointer: OpaquePointer) throws(MongoError) -> BSONDocument {
    guard let data = bson_get_data(pointer) else { throw .invalidResponse("empty BSON") }
    // A BSON document starts with its own little-endian total length.
    let length = Int(UInt32(data[0]) | UInt32(data[1]) << 8 | UInt32(data[2]) << 16 | UInt32(data[3]) << 24)
    do {
        return try BSONCodec.decode(UnsafeRawBufferPointer(start: data, count: length))
    } catch {
        throw .invalidResponse("\(error)")
    }
}

/// Storage for a `bson_t` out-parameter: libbson's struct is 128-byte aligned, which Swift
/// cannot express, so it is allocated by hand and destroyed after reading.
func withReply<T>(_ body: (OpaquePointer) throws(MongoError) -> T) throws(MongoError) -> T {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: 128, alignment: 128)
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
    let reply = OpaquePointer(raw)
    bson_init(reply)
    defer {
        bson_destroy(reply)
        raw.deallocate()
    }
    return try body(reply)
}

extension bson_error_t {
    var messageText: String {
        var copy = self
        return withUnsafeBytes(of: &copy.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// Maps libmongoc's (domain, code) pairs onto the connector's error cases.
    var mongoError: MongoError {
        let message = messageText
        let code = Int(self.code)
        if code == 11000 || code == 11001 || code == 12582 { return .duplicateKey(message) }
        switch Int32(domain) {
        case Int32(MONGOC_ERROR_SERVER_SELECTION.rawValue):
            // Selection always "expires"; the bracketed cause says whether the server refused
            // (down) or accepted and never answered (hung).
            if message.contains("refused") { return .connection(message) }
            return message.contains("or timeout") || message.contains("timed out") ? .timeout(message) : .connection(message)
        case Int32(MONGOC_ERROR_STREAM.rawValue):
            return message.contains("timed out") ? .timeout(message) : .connection(message)
        case Int32(MONGOC_ERROR_SERVER.rawValue), Int32(MONGOC_ERROR_QUERY.rawValue),
             Int32(MONGOC_ERROR_WRITE_CONCERN.rawValue), Int32(MONGOC_ERROR_COLLECTION.rawValue):
            if code == 50 { return .timeout(message) }  // MaxTimeMSExpired
            return .server(code: code, message: message)
        case Int32(MONGOC_ERROR_COMMAND.rawValue), Int32(MONGOC_ERROR_BSON.rawValue):
            return .invalidArgument(message)
        default:
            return .server(code: code, message: message)
        }
    }
}
