// A SkyDriver scan id as RunQL accepts it: SkyDriver routes match `\w+`, so anything else could
// never name a scan, and checking it here keeps ids from changing the upstream path.

import GraphQLKit

struct ScanID: Sendable, Hashable {
    let value: String

    static let maxLength = 64

    init(_ text: String) throws(GraphQLError) {
        guard !text.isEmpty, text.utf8.count <= Self.maxLength,
              text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 95 })
        else {
            throw RegistryError.badUserInput("Invalid scan id \"\(text.prefix(80))\": SkyDriver scan ids are 1–\(Self.maxLength) letters, digits or underscores.")
        }
        value = text
    }

    /// From an argument that may hold the scan id itself or the `Scan`'s global id.
    init(argument: JSONValue?) throws(GraphQLError) {
        guard case .string(let text)? = argument else { throw RegistryError.badUserInput("A scan id is required.") }
        if let global = try? GlobalID(decoding: text), global.typeName == ScanValue.typeName {
            try self.init(global.key)
        } else {
            try self.init(text)
        }
    }
}
