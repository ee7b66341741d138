// XAMS auto-processing: `setProcessingStatus` writes what amstrax's `update_processing_status`
// writes — `processing_status: {status, time, host, reason?}` — increments `processing_failed`
// when a reason is given, and drops the `process` tag when a job is submitted. Tags are
// `{name, user, time}`, as amstrax and copy_live write them.

import Foundation
import GraphQLKit

struct XamsMutations: Sendable {
    let writer: RunDocumentWriter

    init(client: MongoClient, collections: RunCollections) {
        writer = RunDocumentWriter(collection: RunSource.xams.collection(client, collections), sourceName: RunSource.xams.registryName)
    }

    var resolvers: [String: FieldResolver] {
        let writer = self.writer
        return [
            "Mutation.setProcessingStatus": .async { _, args, _, _ in
                .container(XamsRunValue(document: try await Self.setProcessingStatus(writer, args)))
            },
            "Mutation.addXamsTag": .async { _, args, context, _ in
                let id = try await Self.run(writer, args)
                return .container(XamsRunValue(document: try await RunTags.add(writer, id, args, by: context.callerName, dateKey: "time")))
            },
            "Mutation.removeXamsTag": .async { _, args, _, _ in
                let id = try await Self.run(writer, args)
                return .container(XamsRunValue(document: try await RunTags.remove(writer, id, args)))
            },
        ]
    }

    /// The run `number` names, after checking the tag name so bad input costs no round trip.
    private static func run(_ writer: RunDocumentWriter, _ args: JSONObject) async throws -> ObjectID {
        guard case .int(let number)? = args["number"], case .string(let name)? = args["name"] else {
            throw RegistryError.badUserInput("number and name are required.")
        }
        try RunTags.checkName(name)
        return try await writer.resolve(.xams(number: number))
    }

    /// The stored `status` text of each state, as amstrax writes it.
    static func storedStatus(_ state: String) -> String? {
        switch state {
        case "PENDING": "pending"
        case "SUBMITTED": "submitted"
        case "RUNNING": "running"
        case "DONE": "done"
        case "FAILED": "failed"
        default: nil
        }
    }

    static func setProcessingStatus(_ writer: RunDocumentWriter, _ args: JSONObject) async throws -> BSONDocument {
        guard case .int(let number)? = args["number"] else { throw RegistryError.badUserInput("number is required.") }
        guard case .string(let state)? = args["state"], let status = storedStatus(state) else {
            throw RegistryError.badUserInput("state must be one of PENDING, SUBMITTED, RUNNING, DONE, FAILED.")
        }
        var host = "stbc"
        if let value = args["host"], value != .null {
            guard case .string(let s) = value, !s.isEmpty, s.utf8.count <= 256 else {
                throw RegistryError.badUserInput("host must be a non-empty string of at most 256 bytes.")
            }
            host = s
        }
        var reason: String?
        if let value = args["reason"], value != .null {
            guard case .string(let s) = value, !s.allSatisfy(\.isWhitespace), s.utf8.count <= DataLocationInput.maxStringLength else {
                throw RegistryError.badUserInput("reason must be a non-empty string of at most \(DataLocationInput.maxStringLength) bytes.")
            }
            reason = s
        }
        if status == "failed" && reason == nil {
            throw RegistryError.badUserInput("FAILED needs a reason (amstrax counts failures by their reasons).")
        }
        let id = try await writer.resolve(.xams(number: number))
        var processingStatus: BSONDocument = ["status": .string(status), "time": .datetime(BSONDateTime(Date())), "host": .string(host)]
        var update: BSONDocument = [:]
        if let reason {
            processingStatus["reason"] = .string(reason)
            update["$inc"] = .document(["processing_failed": .int32(1)])
        }
        update["$set"] = .document(["processing_status": .document(processingStatus)])
        if status == "submitted" {
            update["$pull"] = .document(["tags": .document(["name": .string("process")])])
        }
        guard let updated = try await writer.update(id, update) else {
            throw RegistryError.notFound("XAMS run \(number) was removed while it was being changed.")
        }
        return updated
    }
}
