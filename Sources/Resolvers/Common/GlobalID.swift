// Relay global ids: opaque to clients, `base64url(TypeName:key)` inside, e.g.
// `XenonRun:XENONNT:5f1e...`. The type name picks the registry's node fetcher; the key is the
// registry's own (for runs: experiment and ObjectId).

import Foundation
import GraphQLKit

public struct GlobalID: Sendable, Hashable, CustomStringConvertible {
    /// The GraphQL object type, e.g. `XenonRun`.
    public var typeName: String
    /// The registry's key for the object (may itself contain `:`).
    public var key: String

    public init(typeName: String, key: String) {
        self.typeName = typeName
        self.key = key
    }

    /// Decodes an id a client sent; a malformed one is BAD_USER_INPUT.
    public init(decoding id: String) throws(GraphQLError) {
        guard let data = base64URLDecoded(id), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":"), colon != text.startIndex
        else { throw RegistryError.badUserInput("Invalid id \"\(id)\": not an id RunQL issued.") }
        typeName = String(text[..<colon])
        key = String(text[text.index(after: colon)...])
        guard !key.isEmpty else { throw RegistryError.badUserInput("Invalid id \"\(id)\": not an id RunQL issued.") }
    }

    /// The opaque form given to clients: base64url without padding.
    public var encoded: String { base64URLEncoded(Data((typeName + ":" + key).utf8)) }

    public var description: String { encoded }
}

func base64URLEncoded(_ data: Data) -> String {
    var s = data.base64EncodedString()
    s = s.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    while s.hasSuffix("=") { s.removeLast() }
    return s
}

func base64URLDecoded(_ text: String) -> Data? {
    guard text.utf8.allSatisfy({ $0 < 128 && $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "=") })
    else { return nil }
    var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    let remainder = s.utf8.count % 4
    if remainder == 1 { return nil }
    if remainder > 0 { s += String(repeating: "=", count: 4 - remainder) }
    return Data(base64Encoded: s)
}
