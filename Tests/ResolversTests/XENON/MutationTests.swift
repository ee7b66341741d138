// XENON and XAMS mutations through GraphQL against SecantusDB: each test owns its databases,
// checks what the caller sees and what the run document holds afterwards, and that refused
// input leaves the document exactly as it was.

import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

@Suite struct MutationTests {
    /// A run document of each era plus a XAMS one, in databases of the test's own.
    struct Fixture {
        let client: MongoClient
        let collections: RunCollections
        let executable: ExecutableSchema

        var nt: MongoCollection { client.collection(collections.xenonNT.collection, in: collections.xenonNT.database) }
        var oneT: MongoCollection { client.collection(collections.xenon1T.collection, in: collections.xenon1T.database) }
        var xams: MongoCollection { client.collection(collections.xams.collection, in: collections.xams.database) }

        static func make(uri: String? = nil) async throws -> Fixture {
            let client = try MongoClient(uri: try uri ?? TestServices.mongoURI)
            let collections = RunCollections().prefixed(TestServices.uniqueName("t_mut") + "_")
            let registry = RunRegistry(client: client, collections: collections)
            let executable = try ExecutableSchema(
                schema: try runQLSchema(),
                resolvers: registry.resolvers.merging(RunMutations(client: client, collections: collections).resolvers) { a, _ in a },
                typeResolvers: registry.typeResolvers)
            return Fixture(client: client, collections: collections, executable: executable)
        }

        func seed() async throws {
            let start = BSONDateTime(millisecondsSinceEpoch: 1_600_000_000_000)
            _ = try await nt.insertMany([
                [
                    "number": .int32(7200), "detectors": .array([.string("tpc")]), "mode": .string("tpc_commissioning"),
                    "source": .string("none"), "start": .datetime(start),
                    "tags": .array([.document(["name": .string("messy"), "user": .string("daq"), "date": .datetime(start)])]),
                    "data": .array([
                        .document(["type": .string("live"), "host": .string("daq"), "location": .string("/live/007200")]),
                        .document([
                            "type": .string("raw_records"), "host": .string("rucio-catalogue"), "location": .string("UC_OSG_USERDISK"),
                            "status": .string("transferring"), "did": .string("xnt_007200:raw_records-rfzvpzj4mf"),
                        ]),
                    ]),
                ]
            ])
            _ = try await oneT.insertMany([
                ["number": .int32(0), "name": .string("170917_1819"), "detector": .string("muon_veto"), "start": .datetime(start)],
                ["number": .int32(0), "name": .string("170917_1820"), "detector": .string("muon_veto"), "start": .datetime(start)],
            ])
            _ = try await xams.insertMany([
                [
                    "number": .int32(6100), "detector": .string("xamsl"), "start": .datetime(start), "processing_status": .string("pending"),
                    "tags": .array([.document(["name": .string("process"), "user": .string("op"), "time": .datetime(start)])]),
                ]
            ])
        }

        func drop() async {
            for address in [collections.xenon1T, collections.xenonNT, collections.xams] {
                try? await client.database(address.database).drop()
            }
        }

        func run(_ query: String, as caller: String? = "alice", variables: JSONObject? = nil) async -> ExecutionResult {
            await executable.execute(query: query, variables: variables, context: Caller(callerName: caller))
        }

        func document(_ collection: MongoCollection, number: Int) async throws -> BSONDocument {
            try #require(try await collection.findOne(["number": .int32(Int32(number))]))
        }
    }

    struct Caller: CallerIdentifying {
        var callerName: String?
    }

    static let nt7200 = "{experiment: XENONNT, number: 7200}"

    private func codes(_ result: ExecutionResult) -> [String] {
        result.errors.compactMap { if case .string(let c)? = $0.extensions?["code"] { c } else { nil } }
    }

    private func dataEntries(_ doc: BSONDocument) -> [BSONDocument] {
        guard case .array(let items)? = doc["data"] else { return [] }
        return items.compactMap { if case .document(let d) = $0 { d } else { nil } }
    }

    @Test func addDataLocationUpsertsOnTypeHostAndLocation() async throws {
        let f = try await Fixture.make()
        defer { Task { await f.drop() } }
        try await f.seed()
        let add = { (status: String) in
            """
            mutation { addDataLocation(run: \(Self.nt7200), location: {type: "peaklets", host: "dali", location: "/dali/peaklets-abc",
              status: "\(status)", checksum: "a1b2c3d4", meta: {lineage_hash: "rfzvpzj4mf", size_mb: 12.5}}) {
                number data(type: "peaklets") { type host location status checksum lineageHash } } }
            """
        }
        let first = await f.run(add("transferring"))
        #expect(first.errors.isEmpty, "\(first.errors)")
        let created = dataEntries(try await f.document(f.nt, number: 7200)).first { $0["type"] == .string("peaklets") }?["creation_time"]
        let second = await f.run(add("transferred"))
        #expect(second.errors.isEmpty, "\(second.errors)")
        #expect(second.dataText == #"{"addDataLocation":{"number":7200,"data":[{"type":"peaklets","host":"dali","location":"/dali/peaklets-abc","status":"transferred","checksum":"a1b2c3d4","lineageHash":"rfzvpzj4mf"}]}}"#)
        let stored = dataEntries(try await f.document(f.nt, number: 7200)).filter { $0["type"] == .string("peaklets") }
        #expect(stored.count == 1)
        #expect(stored.first?["status"] == .string("transferred"))
        if case .datetime? = stored.first?["creation_time"] {} else { Issue.record("creation_time is not a date") }
        // A new status of a known copy keeps when the copy was made.
        #expect(stored.first?["creation_time"] == created)
    }

    @Test func lineageHashComesFromRucioDIDs() async throws {
        let f = try await Fixture.make()
        defer { Task { await f.drop() } }
        try await f.seed()
        let result = await f.run("""
            { xenonRuns(where: {lineageHash: "rfzvpzj4mf"}) { totalCount nodes { data(host: "rucio-catalogue") { lineageHash } } }
              none: xenonRuns(where: {data: {lineageHash: "zzzzzzzzzz"}}) { totalCount } }
            """)
        #expect(result.dataText == #"{"xenonRuns":{"totalCount":1,"nodes":[{"data":[{"lineageHash":"rfzvpzj4mf"}]}]},"none":{"totalCount":0}}"#, "\(result.errors)")
    }

    @Test func refusedInputWritesNothing() async throws {
        let f = try await Fixture.make()
        defer { Task { await f.drop() } }
        try await f.seed()
        let before = try await f.document(f.nt, number: 7200)
        let refused = [
            #"mutation { addDataLocation(run: {experiment: XENONNT, number: 7200}, location: {type: "raw", host: "", location: "x", status: "ok"}) { number } }"#,
            #"mutation { addDataLocation(run: {experiment: XENONNT, number: 7200, objectId: "5f0000000000000000000000"}, location: {type: "raw", host: "h", location: "x", status: "ok"}) { number } }"#,
            #"mutation { addDataLocation(run: {experiment: XENONNT, objectId: "nope"}, location: {type: "raw", host: "h", location: "x", status: "ok"}) { number } }"#,
            #"mutation { setGains(run: {experiment: XENONNT, number: 7200}, gains: [1.0, -0.5]) { number } }"#,
            #"mutation { setGains(run: {experiment: XENONNT, number: 7200}, gains: []) { number } }"#,
            #"mutation { addTag(run: {experiment: XENONNT, number: 7200}, name: "bad tag!") { number } }"#,
            #"mutation { updateDataLocation(run: {experiment: XENONNT, number: 7200}, key: {type: "live", host: "daq", location: "/live/007200"}) { number } }"#,
        ]
        for query in refused {
            let result = await f.run(query)
            let field = query.contains("setGains") ? "setGains" : query.contains("addTag") ? "addTag" : query.contains("update") ? "updateDataLocation" : "addDataLocation"
            // Mutation results are nullable: a refused one is null alone, not the whole `data`.
            #expect(result.dataText == #"{"\#(field)":null}"#, "\(query)")
            #expect(codes(result) == ["BAD_USER_INPUT"], "\(query): \(result.errors)")
            #expect(result.errors.first?.path == [.key(field)])
        }
        // Keys MongoDB would read as operators or paths can only arrive through variables.
        for meta: JSONValue in [.object(["$where": .string("1")]), .object(["a.b": .int(1)]), .object(["ok": .object(["$set": .int(1)])])] {
            let result = await f.run(
                #"mutation($meta: JSON) { addDataLocation(run: {experiment: XENONNT, number: 7200}, location: {type: "raw", host: "h", location: "x", status: "ok", meta: $meta}) { number } }"#,
                variables: ["meta": meta])
            #expect(codes(result) == ["BAD_USER_INPUT"], "\(meta): \(result.errors)")
        }
        #expect(try await f.document(f.nt, number: 7200) == before)
    }

    @Test func missingRunsAndEntriesAreNotFound() async throws {
        let f = try await Fixture.make()
        defer { Task { await f.drop() } }
        try await f.seed()
        let missingRun = await f.run(
            #"mutation { addDataLocation(run: {experiment: XENONNT, number: 99}, location: {type: "raw", host: "h", location: "x", status: "ok"}) { number } }"#)
        #expect(codes(missingRun) == ["NOT_FOUND"])
        #expect(missingRun.errors.first?.message == "XENONnT run 99 does not exist.")
        let missingEntry = await f.run(
            #"mutation { updateDataLocation(run: {experiment: XENONNT, number: 7200}, key: {type: "raw", host: "nowhere", location: "x"}, status: "error") { number } }"#)
        #expect(codes(missingEntry) == ["NOT_FOUND"])
        let missingRemove = await f.run(
            #"mutation { removeDataLocation(run: {experiment: XENONNT, number: 7200}, key: {type: "raw", host: "nowhere", location: "x"}) { number } }"#)
        #expect(codes(missingRemove) == ["NOT_FOUND"])
        let missingTag = await f.run(#"mutation { removeTag(run: {experiment: XENONNT, number: 7200}, name: "blinded") { number } }"#)
        #expect(codes(missingTag) == ["NOT_FOUND"])
        #expect(try await f.nt.count() == 1)
    }

    @Test func updateDataLocationChangesStatusAndChecksum() async throws {
        let f = try await Fixture.make()
        defer { Task { await f.drop() } }
        try await f.seed()
        let result = await f.run("""
            mutation { updateDataLocation(run: \(Self.nt7200), key: {type: "raw_records", host: "rucio-catalogue", location: "UC_OSG_USERDISK"},
              status: "transferred", checksum: "0badf00d") { number } }
            """)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let entry = dataEntries(try await f.document(f.nt, number: 7200)).first { $0["type"] == .string("raw_records") }
        #expect(entry?["status"] == .string("transferred"))
        #expect(entry?["checksum"] == .string("0badf00d"))
        #expect(entry?["did"] == .string("xnt_007200:raw_records-rfzvpzj4mf"))
    }

    @Test func removeDataLocationKeepsTheEntryInDeletedData() async throws {
        let f = try await Fixture.make()
        defer { Task { await f.drop() } }
        try await f.seed()
        let result = await f.run("""
            mutation { removeDataLocation(run: \(Self.nt7200), key: {type: "live", host: "daq", location: "/live/007200"}, reason: "copied to stbc") {
              data { type } deletedData { by reason entry { type host location } } } }
            """)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.dataText == #"{"removeDataLocation":{"data":[{"type":"raw_records"}],"deletedData":[{"by":"alice","reason":"copied to stbc","entry":{"type":"live","host":"daq","location":"/live/007200"}}]}}"#)
        let doc = try await f.document(f.nt, number: 7200)
        #expect(dataEntries(doc).count == 1)
        guard case .array(let deleted)? = doc["deleted_data"], case .document(let record)? = deleted.first else {
            Issue.record("no deleted_data")
            return
        }
        #expect(record["location"] == .string("/live/007200"))
        if case .datetime? = record["at"] {} else { Issue.record("deleted_data.at is not a date") }
        let anonymous = await f.run("""
            mutation { removeDataLocation(run: \(Self.nt7200), key: {type: "raw_records", host: "rucio-catalogue", location: "UC_OSG_USERDISK"}) { number } }
            """, as: nil)
        #expect(anonymous.errors.isEmpty)
        let after = try await f.document(f.nt, number: 7200)
        guard case .array(let all)? = after["deleted_data"], case .document(let second)? = all.last else { return }
        #expect(second["by"] == .string("anonymous"))
    }

    @Test func gainsAndTags() async throws {
        let f = try await Fixture.make()
        defer { Task { await f.drop() } }
        try await f.seed()
        let gains = await f.run("mutation { setGains(run: \(Self.nt7200), gains: [1.5, 0, 2e6]) { gains } }")
        #expect(gains.dataText == #"{"setGains":{"gains":[1.5,0.0,2000000.0]}}"#, "\(gains.errors)")
        let tooMany = await f.run("mutation { setGains(run: \(Self.nt7200), gains: [\(Array(repeating: "1", count: 1001).joined(separator: ","))]) { number } }")
        #expect(codes(tooMany) == ["BAD_USER_INPUT"])

        let tag = await f.run(#"mutation { addTag(run: {experiment: XENONNT, number: 7200}, name: "_sr1") { tags { name user } } }"#)
        #expect(tag.dataText == #"{"addTag":{"tags":[{"name":"messy","user":"daq"},{"name":"_sr1","user":"alice"}]}}"#, "\(tag.errors)")
        let again = await f.run(#"mutation { addTag(run: {experiment: XENONNT, number: 7200}, name: "_sr1") { tags { name } } }"#)
        #expect(again.dataText == #"{"addTag":{"tags":[{"name":"messy"},{"name":"_sr1"}]}}"#)
        let removed = await f.run(#"mutation { removeTag(run: {experiment: XENONNT, number: 7200}, name: "messy") { tags { name } } }"#)
        #expect(removed.dataText == #"{"removeTag":{"tags":[{"name":"_sr1"}]}}"#)
    }

    @Test func ambiguousXenon1TNumbersAreRefusedAndNamesWork() async throws {
        let f = try await Fixture.make()
        defer { Task { await f.drop() } }
        try await f.seed()
        let ambiguous = await f.run(#"mutation { addTag(run: {experiment: XENON1T, number: 0}, name: "bad") { name } }"#)
        #expect(codes(ambiguous) == ["BAD_USER_INPUT"])
        #expect(ambiguous.errors.first?.message.contains("names several run documents") == true)
        let byName = await f.run(#"mutation { addTag(run: {experiment: XENON1T, name: "170917_1820"}, name: "bad") { name tags { name } } }"#)
        #expect(byName.dataText == #"{"addTag":{"name":"170917_1820","tags":[{"name":"bad"}]}}"#, "\(byName.errors)")
        let untouched = try #require(try await f.oneT.findOne(["name": .string("170917_1819")]))
        #expect(untouched["tags"] == nil)
    }

    @Test func xamsProcessingStatusFollowsAmstrax() async throws {
        let f = try await Fixture.make()
        defer { Task { await f.drop() } }
        try await f.seed()
        let noReason = await f.run("mutation { setProcessingStatus(number: 6100, state: FAILED) { number } }")
        #expect(codes(noReason) == ["BAD_USER_INPUT"])
        #expect(try await f.document(f.xams, number: 6100)["processing_status"] == .string("pending"))

        let submitted = await f.run("mutation { setProcessingStatus(number: 6100, state: SUBMITTED) { processingStatus { state host legacy } tags { name } } }")
        #expect(submitted.dataText == #"{"setProcessingStatus":{"processingStatus":{"state":"SUBMITTED","host":"stbc","legacy":false},"tags":[]}}"#, "\(submitted.errors)")
        let failed = await f.run(#"mutation { setProcessingStatus(number: 6100, state: FAILED, host: "wn", reason: "condor job held") { processingStatus { state reason } processingFailures } }"#)
        #expect(failed.dataText == #"{"setProcessingStatus":{"processingStatus":{"state":"FAILED","reason":"condor job held"},"processingFailures":1}}"#, "\(failed.errors)")
        let failedAgain = await f.run(#"mutation { setProcessingStatus(number: 6100, state: FAILED, reason: "again") { processingFailures } }"#)
        #expect(failedAgain.dataText == #"{"setProcessingStatus":{"processingFailures":2}}"#)
        let done = await f.run("mutation { setProcessingStatus(number: 6100, state: DONE) { processingStatus { state reason } processingFailures } }")
        #expect(done.dataText == #"{"setProcessingStatus":{"processingStatus":{"state":"DONE","reason":null},"processingFailures":2}}"#)
        let missing = await f.run("mutation { setProcessingStatus(number: 1, state: DONE) { number } }")
        #expect(codes(missing) == ["NOT_FOUND"])

        let tagged = await f.run(#"mutation { addXamsTag(number: 6100, name: "process") { tags { name user } } }"#)
        #expect(tagged.dataText == #"{"addXamsTag":{"tags":[{"name":"process","user":"alice"}]}}"#, "\(tagged.errors)")
        guard case .array(let tags)? = try await f.document(f.xams, number: 6100)["tags"], case .document(let tag)? = tags.first else {
            Issue.record("no tag stored")
            return
        }
        if case .datetime? = tag["time"] {} else { Issue.record("XAMS tags carry `time`: \(tag)") }
        #expect(tag["date"] == nil)
        let untagged = await f.run(#"mutation { removeXamsTag(number: 6100, name: "process") { tags { name } } }"#)
        #expect(untagged.dataText == #"{"removeXamsTag":{"tags":[]}}"#)
        let badName = await f.run(#"mutation { addXamsTag(number: 6100, name: "no spaces") { number } }"#)
        #expect(codes(badName) == ["BAD_USER_INPUT"])
    }

    @Test func anUnreachableDatabaseFailsOnlyTheMutation() async throws {
        let f = try await Fixture.make(uri: "mongodb://127.0.0.1:\(TestServices.closedPort())/?serverSelectionTimeoutMS=300&connectTimeoutMS=300")
        let result = await f.run(#"mutation { addTag(run: {experiment: XENONNT, number: 7200}, name: "x") { number } }"#)
        #expect(codes(result) == ["SOURCE_UNAVAILABLE"])
        #expect(result.errors.first?.path == [.key("addTag")])
        #expect(result.errors.first?.message.hasPrefix("XENONnT runsDB is unavailable") == true)
        #expect(result.errors.first?.message.contains("127.0.0.1") == false)
    }
}

extension ExecutionResult {
    /// The `data` member as JSON text (`null` when there is none), for comparisons.
    var dataText: String { dataJSON.map { String(decoding: $0, as: UTF8.self) } ?? "null" }
}

