// The method, target, header names and media types most requests carry, returned as string
// literals when the bytes match them exactly: decoding and validating a String from bytes
// cost ~190 instructions each (ten per request), and values over 15 bytes such as
// "application/json" an allocation too. Anything else is decoded as before.

enum CommonRequestStrings {
    static func method(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.equals("POST") { return "POST" }
        if bytes.equals("GET") { return "GET" }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func target(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.equals("/graphql") { return "/graphql" }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A header name, as its canonical spelling when it is a known header spelled so.
    static func name(_ bytes: UnsafeBufferPointer<UInt8>, known: KnownHeader?) -> String {
        if let known, bytes.equals(known.canonical) { return known.name }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A header value; the two JSON media types for Accept and Content-Type come as literals.
    static func value(_ bytes: UnsafeBufferPointer<UInt8>, of known: KnownHeader?) -> String {
        if known == .accept || known == .contentType {
            if bytes.equals("application/json") { return "application/json" }
            if bytes.equals("application/graphql-response+json") { return "application/graphql-response+json" }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
