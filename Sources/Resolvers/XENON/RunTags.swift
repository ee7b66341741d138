// Tags on run documents, shared by XENON and XAMS: XENON writes `{name, user, date}`, XAMS
// (amstrax, copy_live) `{name, user, time}`. Adding is idempotent; removing drops every tag of
// that name.

import Foundation
import GraphQLKit

enum RunTags {
    static let maxLength = 64

    static func checkName(_ name: String) throws(GraphQLError) {
        let allowed = name.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D || b == 0x2E
        }
        guard !name.isEmpty, name.utf8.count <= maxLength, allowed else {
            throw RegistryError.badUserInput("Tag \"\(name.prefix(80))\": use 1–\(maxLength) letters, digits, _, - or .")
        }
    }

    static func add(_ writer: RunDocumentWriter, _ id: ObjectID, _ args: JSONObject, by caller: String, dateKey: String) async throws -> BSONDocument {
        guard case .string(let name)? = args["name"] else { throw RegistryError.badUserInput("name is required.") }
        try checkName(name)
        let tag: BSONDocument = ["name": .string(name), "user": .string(caller), dateKey: .datetime(BSONDateTime(Date()))]
        if let updated = try await writer.update(
            id, where: ["tags.name": .document(["$ne": .string(name)])], ["$push": .document(["tags": .document(tag)])])
        {
            return updated
        }
        // Already tagged: adding is a no-op.
        return try await writer.current(id)
    }

    static func remove(_ writer: RunDocumentWriter, _ id: ObjectID, _ args: JSONObject) async throws -> BSONDocument {
        guard case .string(let name)? = args["name"] else { throw RegistryError.badUserInput("name is required.") }
        try checkName(name)
        if let updated = try await writer.update(
            id, where: ["tags.name": .string(name)], ["$pull": .document(["tags": .document(["name": .string(name)])])])
        {
            return updated
        }
        throw RegistryError.notFound("The run has no tag \"\(name)\".")
    }
}
