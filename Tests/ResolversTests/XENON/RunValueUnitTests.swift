// Pure pieces: DateTime, global ids, document paths, the mongoFilter allow list, projections.

import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

@Suite struct RunValueUnitTests {
    @Test func dateTimeFormatsAndParses() throws {
        #expect(DateTimeScalar.format(millisecondsSinceEpoch: 1_525_176_000_000) == "2018-05-01T12:00:00.000Z")
        #expect(DateTimeScalar.format(millisecondsSinceEpoch: -1) == "1969-12-31T23:59:59.999Z")
        #expect(DateTimeScalar.parse("2018-05-01T12:00:00Z") == 1_525_176_000_000)
        #expect(DateTimeScalar.parse("2018-05-01T14:00:00.5+02:00") == 1_525_176_000_500)
        #expect(DateTimeScalar.parse("2018-05-01t12:00:00.123456z") == 1_525_176_000_123)
        #expect(DateTimeScalar.parse("2018-05-01") == 1_525_132_800_000)
        #expect(DateTimeScalar.parse("2018-02-30") == nil)
        #expect(DateTimeScalar.parse("abc") == nil)
        #expect(DateTimeScalar.parse("2018-05-01T12:00:00") == nil)
        let scalar = DateTimeScalar.implementation
        #expect(try scalar.parseValue(.int(1_525_176_000_000)) == .string("2018-05-01T12:00:00.000Z"))
        #expect(try scalar.parseValue(.string("2018-05-01T12:00:00-01:30")) == .string("2018-05-01T13:30:00.000Z"))
        #expect(throws: ScalarCoercionError("DateTime cannot represent \"abc\": expected RFC 3339, e.g. 2018-05-01T12:00:00Z")) {
            try scalar.parseValue(.string("abc"))
        }
        #expect(throws: ScalarCoercionError.self) { try scalar.parseValue(.bool(true)) }
    }

    @Test func globalIDsRoundTripAndRefuseGarbage() throws {
        let id = GlobalID(typeName: "XenonRun", key: "XENONNT:200000000000000000000001")
        let back = try GlobalID(decoding: id.encoded)
        #expect(back == id)
        #expect(!id.encoded.contains("="))
        for bad in ["", "%%%", "bm9jb2xvbg", base64URLEncoded(Data(":x".utf8))] {
            #expect(throws: GraphQLError.self) { try GlobalID(decoding: bad) }
        }
    }

    @Test func documentPathsIndexListsAndRefuseBadPaths() throws {
        let doc: BSONDocument = ["a": .document(["b": .array([.int32(1), .document(["c": "x"])])])]
        #expect(try DocumentPath("a.b.1.c").value(in: doc) == .string("x"))
        #expect(try DocumentPath("a.b.7").value(in: doc) == nil)
        #expect(try DocumentPath("a.b.1.c").projectionPath == "a.b")
        for bad in ["", "a..b", ".a", "a.", "a.$where"] {
            #expect(throws: GraphQLError.self) { try DocumentPath(bad) }
        }
    }

    @Test func projectionsDropPathsUnderIncludedOnes() {
        let p = RunProjection.projection(paths: ["reader.ini.name", "reader.ini", "_id", "number", "number"])
        #expect(p.keys == ["_id", "number", "reader.ini"])
    }

    @Test func mongoFilterAllowListRefusesCodeAndUnknownOperators() throws {
        func refused(_ json: String) -> String? {
            do {
                _ = try MongoFilterAllowList.filter(try JSONParser.parse(json))
                return nil
            } catch let e as GraphQLError {
                #expect(e.extensions?["code"] == .string("BAD_USER_INPUT"))
                return e.message
            } catch {
                return "\(error)"
            }
        }
        #expect(refused(#"{"$where": "true"}"#)?.contains("$where") == true)
        #expect(refused(#"{"number": {"$function": {}}}"#)?.contains("$function") == true)
        #expect(refused(#"{"$expr": {"$eq": ["$number", 1]}}"#)?.contains("$expr") == true)
        #expect(refused(#"{"number": {"$accumulator": {}}}"#)?.contains("$accumulator") == true)
        #expect(refused(#"{"n": {"$lookup": 1}}"#)?.contains("$lookup") == true)
        #expect(refused(#"{"name": {"$regex": "\#(String(repeating: "a", count: 257))"}}"#)?.contains("256") == true)
        #expect(refused(#"{"a": {"b": {"$where": "1"}}}"#)?.contains("$where") == true)
        #expect(refused(#"[1]"#) != nil)
        var deep = #"{"a": 1}"#
        for _ in 0..<25 { deep = #"{"$and": [\#(deep)]}"# }
        #expect(refused(deep)?.contains("20") == true)
        let ok = try MongoFilterAllowList.filter(try JSONParser.parse(
            #"{"_id": {"$oid": "200000000000000000000001"}, "start": {"$gte": {"$date": "2021-01-01T00:00:00Z"}}, "end": {"$lt": {"$date": {"$numberLong": "1700000000000"}}}}"#))
        #expect(ok["_id"] == oid("200000000000000000000001"))
        #expect(ok["start"] == .document(["$gte": date("2021-01-01T00:00:00Z")]))
        #expect(ok["end"] == .document(["$lt": .datetime(BSONDateTime(millisecondsSinceEpoch: 1_700_000_000_000))]))
    }
}

