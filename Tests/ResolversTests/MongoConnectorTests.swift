import Foundation
import Testing
@testable import Resolvers

/// Each test works in a database of its own on the SecantusDB server.
private func freshDatabase() throws -> MongoDatabase {
    let client = try MongoClient(uri: try TestServices.mongoURI)
    return client.database(TestServices.uniqueName("t"))
}

@Suite struct MongoConnectorTests {
    @Test func insertAndFindWithFilterProjectionSortSkipLimit() async throws {
        let db = try freshDatabase()
        let runs = db.collection("runs")
        for n in 1...6 {
            try await runs.insertOne(["number": .int32(Int32(n)), "name": .string("run\(n)"), "even": .bool(n % 2 == 0)])
        }
        let found = try await runs.find(
            ["number": .document(["$gte": .int32(2)])],
            options: FindOptions(projection: ["number": .int32(1), "_id": .int32(0)], sort: ["number": .int32(-1)], skip: 1, limit: 3))
        #expect(found.map { $0["number"] } == [.int32(5), .int32(4), .int32(3)])
        #expect(found.allSatisfy { $0.keys == ["number"] })
        #expect(try await runs.find([:], options: FindOptions(limit: 0)).isEmpty)
        let one = try await runs.findOne(["name": .string("run3")])
        #expect(one?["number"] == .int32(3))
        #expect(try await runs.findOne(["name": .string("nope")]) == nil)
        try await db.drop()
    }

    @Test func everyBSONTypeRoundTripsExactly() async throws {
        let db = try freshDatabase()
        let coll = db.collection("types")
        let oid = try #require(ObjectID(hex: "59bb456cfa3243c0a1b2c3d4"))
        let doc: BSONDocument = [
            "_id": .objectID(oid),
            "when": .datetime(BSONDateTime(millisecondsSinceEpoch: 1_525_176_000_123)),
            "i32": .int32(-2_147_483_648),
            "i64": .int64(9_007_199_254_740_993),
            "dbl": .double(0.1),
            "dec": .decimal128("1234567890.123456789012345678901234"),
            "str": .string("ünïcødé \u{1F600} \"quoted\""),
            "yes": .bool(true),
            "nothing": .null,
            "sub": .document(["z": .int32(1), "a": .int32(2)]),
            "arr": .array([.int32(1), .string("two"), .document(["three": .int32(3)])]),
            "bin": .binary(BSONBinary(subtype: 0, data: [0, 1, 2, 255])),
        ]
        try await coll.insertOne(doc)
        let back = try #require(try await coll.findOne(["_id": .objectID(oid)]))
        #expect(back == doc)
        #expect(back.keys == doc.keys)
        #expect(back.value(atPath: "sub.a") == .int32(2))
        #expect(back.value(atPath: "arr.2.three") == .int32(3))
        try await db.drop()
    }

    @Test func generatedIDsAreReturned() async throws {
        let db = try freshDatabase()
        let coll = db.collection("ids")
        let result = try await coll.insertMany([["a": .int32(1)], ["a": .int32(2)]])
        #expect(result.insertedCount == 2)
        for id in result.insertedIDs {
            guard case .objectID = id else { Issue.record("expected an ObjectId, got \(id)"); continue }
            #expect(try await coll.count(["_id": id]) == 1)
        }
        try await db.drop()
    }

    @Test func aggregateAndCount() async throws {
        let db = try freshDatabase()
        let coll = db.collection("agg")
        try await coll.insertMany((1...9).map { ["source": .string($0 <= 4 ? "Kr83m" : "Rn220"), "n": .int32(Int32($0))] })
        #expect(try await coll.count([:]) == 9)
        #expect(try await coll.count(["source": .string("Kr83m")]) == 4)
        let groups = try await coll.aggregate([
            ["$match": .document(["n": .document(["$gt": .int32(1)])])],
            ["$group": .document(["_id": .string("$source"), "total": .document(["$sum": .string("$n")])])],
            ["$sort": .document(["_id": .int32(1)])],
        ])
        #expect(groups.map { $0["_id"] } == [.string("Kr83m"), .string("Rn220")])
        #expect(groups.map { $0["total"]?.intValue } == [9, 35])
        try await db.drop()
    }

    @Test func updateOneAndManyWithOperators() async throws {
        let db = try freshDatabase()
        let coll = db.collection("upd")
        try await coll.insertMany((1...3).map { ["n": .int32(Int32($0)), "tags": .array([])] })
        let one = try await coll.updateOne(["n": .int32(1)], ["$set": .document(["status": .string("done")])])
        #expect(one == UpdateResult(matchedCount: 1, modifiedCount: 1, upsertedID: nil))
        let many = try await coll.updateMany([:], ["$push": .document(["tags": .document(["name": .string("blinded")])])])
        #expect(many.matchedCount == 3 && many.modifiedCount == 3)
        let upserted = try await coll.updateOne(["n": .int32(99)], ["$set": .document(["x": .int32(1)])], upsert: true)
        #expect(upserted.matchedCount == 0 && upserted.upsertedID != nil)
        #expect(try await coll.findOne(["n": .int32(1)])?["status"] == .string("done"))
        try await db.drop()
    }

    @Test func updateWithoutOperatorsIsRefusedAndChangesNothing() async throws {
        let db = try freshDatabase()
        let coll = db.collection("bad")
        try await coll.insertOne(["n": .int32(1)])
        await #expect(throws: MongoError.invalidArgument("an update document must use update operators such as $set")) {
            _ = try await coll.updateOne(["n": .int32(1)], ["n": .int32(2)])
        }
        #expect(try await coll.count(["n": .int32(1)]) == 1)
        try await db.drop()
    }

    @Test func findOneAndUpdateReturnsTheDocumentAfterTheUpdate() async throws {
        let db = try freshDatabase()
        let coll = db.collection("fam")
        try await coll.insertOne(["name": .string("run1"), "processing_status": .string("pending")])
        let after = try await coll.findOneAndUpdate(
            ["name": .string("run1")], ["$set": .document(["processing_status": .string("done")])])
        #expect(after?["processing_status"] == .string("done"))
        let before = try await coll.findOneAndUpdate(
            ["name": .string("run1")], ["$set": .document(["processing_status": .string("failed")])], returnNew: false)
        #expect(before?["processing_status"] == .string("done"))
        #expect(try await coll.findOneAndUpdate(["name": .string("none")], ["$set": .document(["x": .int32(1)])]) == nil)
        try await db.drop()
    }

    @Test func uniqueIndexRejectsDuplicatesWithATypedError() async throws {
        let db = try freshDatabase()
        let coll = db.collection("uniq")
        try await coll.createIndexes([IndexModel(keys: ["number": .int32(1)], unique: true)])
        try await coll.insertOne(["number": .int32(7200)])
        do {
            try await coll.insertOne(["number": .int32(7200)])
            Issue.record("a duplicate number was accepted")
        } catch {
            guard case .duplicateKey = error else { Issue.record("expected duplicateKey, got \(error)"); return }
        }
        #expect(try await coll.count([:]) == 1)
        #expect(try await coll.deleteMany(["number": .int32(7200)]) == 1)
        try await db.drop()
    }

    @Test func serverDownGivesAConnectionErrorNotAHang() async throws {
        let port = TestServices.closedPort()
        let client = try MongoClient(uri: "mongodb://127.0.0.1:\(port)/?serverSelectionTimeoutMS=500&connectTimeoutMS=500")
        do {
            _ = try await client.collection("c", in: "d").find([:])
            Issue.record("find against a closed port succeeded")
        } catch {
            guard case .connection = error else { Issue.record("expected .connection, got \(error)"); return }
        }
        await #expect(throws: MongoError.self) { try await client.ping() }
    }

    @Test func malformedInputGivesTypedErrors() async throws {
        #expect(throws: MongoError.self) { _ = try MongoClient(uri: "not a uri") }
        let db = try freshDatabase()
        let coll = db.collection("bad")
        await #expect(throws: MongoError.invalidArgument("invalid Decimal128 \"one point five\"")) {
            try await coll.insertOne(["d": .decimal128("one point five")])
        }
        await #expect(throws: MongoError.invalidArgument("key or pattern contains a NUL byte: a\u{0}b")) {
            try await coll.insertOne(["a\u{0}b": .int32(1)])
        }
        await #expect(throws: MongoError.invalidArgument("skip must not be negative")) {
            _ = try await coll.find([:], options: FindOptions(skip: -1))
        }
        // An unknown query operator is the server's to refuse.
        do {
            _ = try await coll.find(["n": .document(["$bogus": .int32(1)])])
            Issue.record("an unknown operator was accepted")
        } catch {
            guard case .server = error else { Issue.record("expected .server, got \(error)"); return }
        }
        #expect(try await coll.count([:]) == 0)
        try await db.drop()
    }

    @Test func objectIDParsing() {
        #expect(ObjectID(hex: "59bb456cfa3243c0a1b2c3d4")?.hex == "59bb456cfa3243c0a1b2c3d4")
        #expect(ObjectID(hex: "59BB456CFA3243C0A1B2C3D4")?.hex == "59bb456cfa3243c0a1b2c3d4")
        #expect(ObjectID(hex: "xyz") == nil)
        #expect(ObjectID(hex: "59bb456cfa3243c0a1b2c3dz") == nil)
        #expect(ObjectID(bytes: [1, 2, 3]) == nil)
    }

    @Test func malformedBSONBytesAreRejected() {
        #expect(throws: BSONCodecError.self) { _ = try BSONCodec.decode([5, 0, 0]) }
        #expect(throws: BSONCodecError.self) { _ = try BSONCodec.decode([200, 0, 0, 0, 0]) }
        #expect(throws: BSONCodecError.self) { _ = try BSONCodec.decode([8, 0, 0, 0, 0x42, 0x61, 0, 0]) }
    }
}

@Suite struct MongoTimeoutTests {
    @Test func hungServerGivesATimeoutNotAHang() async throws {
        let silent = SilentListener()
        let client = try MongoClient(uri: "mongodb://127.0.0.1:\(silent.port)/?serverSelectionTimeoutMS=1000&connectTimeoutMS=500&socketTimeoutMS=500")
        do {
            _ = try await client.collection("c", in: "d").count([:])
            Issue.record("a count against a silent server succeeded")
        } catch {
            guard case .timeout = error else { Issue.record("expected .timeout, got \(error)"); return }
        }
        withExtendedLifetime(silent) {}
    }
}
