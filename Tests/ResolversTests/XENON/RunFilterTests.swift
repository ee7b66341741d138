// Every `where` filter on both XENON eras and XAMS, pseudo statuses (filter and per-run field
// agree on every fixture), and `mongoFilter`.

import GraphQLKit
import Testing
@testable import Resolvers

private func numbers(_ h: RegistryHarness, _ field: String, _ args: String) async throws -> [Int] {
    let a = try await h.run("{ r: \(field)(\(args), orderBy: {field: NUMBER, direction: ASC}, first: 1000) { nodes { number } } }")
    #expect(a.errors.isEmpty, "\(args): \(a.errors)")
    return a.column("r.nodes", "number").compactMap { if case .int(let i) = $0 { i } else { nil } }
}

@Suite struct RunFilterTests {
    @Test func xenon1TWhereFilters() async throws {
        let h = try RegistryHarness("where1t")
        try await h.insertFixtures()
        func n(_ w: String) async throws -> [Int] { try await numbers(h, "xenonRuns", "experiment: XENON1T, where: \(w)") }
        #expect(try await n("{number: {gte: 6387, lt: 6390}}") == [6387, 6388, 6389])
        #expect(try await n("{number: {in: [0, 6390], ne: 6390}}") == [0, 0])
        #expect(try await n("{number: {eq: 6386}}") == [6386])
        #expect(try await n(#"{name: "170103_0000"}"#) == [6388])
        #expect(try await n(#"{tag: "_sr1"}"#) == [6386])
        #expect(try await n(#"{tagsAll: ["bad", "messy"]}"#) == [6387])
        #expect(try await n(#"{tagsNone: ["bad", "_sr1"]}"#) == [0, 0, 6388, 6389, 6390])
        #expect(try await n(#"{source: "LED"}"#) == [6387])
        #expect(try await n(#"{source: "calibration"}"#) == [6387, 6388, 6390])
        #expect(try await n(#"{detector: "muon_veto"}"#) == [0, 0])
        #expect(try await n(#"{mode: "background_stable"}"#) == [6386])
        #expect(try await n(#"{start: {gte: "2017-01-03", lt: "2017-01-05T00:00:00Z"}}"#) == [6388, 6389])
        #expect(try await n("{end: {exists: false}}") == [0, 0, 6388])
        #expect(try await n("{end: {exists: true, gt: 1483232400000}}") == [6387, 6389, 6390])
        #expect(try await n(#"{data: {type: "raw", host: "xe1t-datamanager", status: "transferred"}}"#) == [6386, 6387, 6389])
        #expect(try await n(#"{data: {rse: "NIKHEF_USERDISK"}}"#) == [6386])
        #expect(try await n(#"{data: {paxVersion: "6.8.0"}}"#) == [6390])
        #expect(try await n(#"{dataNone: {host: "rucio-catalogue"}}"#) == [0, 0, 6387, 6388, 6389])
        #expect(try await n(#"{paxVersion: "6.10.1"}"#) == [6386])
        #expect(try await n(#"{paxVersion: "v6.8.0"}"#) == [])  // processed, not transferred
        #expect(try await n(#"{or: [{number: {eq: 6386}}, {name: "170101_0002"}]}"#) == [0, 6386])
        #expect(try await n(#"{and: [{detector: "tpc"}, {source: "none"}], not: {number: {eq: 6389}}}"#) == [6386])
        #expect(try await n(#"{data: {rse: "NIKHEF_USERDISK", host: "midway-login1"}}"#) == [])
        #expect(try await n(#"{data: {rse: "LNGS_USERDISK", host: "rucio-catalogue", type: "raw"}}"#) == [6390])
        let badDate = try await h.run(#"{ xenonRuns(where: {start: {gt: "yesterday"}}) { totalCount } }"#)
        #expect(badDate.errors.first?.message.contains(#"DateTime cannot represent "yesterday": expected RFC 3339, e.g. 2018-05-01T12:00:00Z"#) == true)
        let empty = try await h.run("{ xenonRuns(experiment: XENON1T, where: {or: []}) { totalCount } }")
        #expect(empty.codes == ["BAD_USER_INPUT"])
        await h.drop()
    }

    @Test func xenonNTWhereFilters() async throws {
        let h = try RegistryHarness("wherent")
        try await h.insertFixtures()
        func n(_ w: String) async throws -> [Int] { try await numbers(h, "xenonRuns", "where: \(w)") }
        #expect(try await n(#"{detector: "neutron_veto"}"#) == [7200, 7202])
        #expect(try await n(#"{source: "ambe"}"#) == [7201])  // early redax `{type}`
        #expect(try await n(#"{source: "th-232"}"#) == [7202])
        #expect(try await n(#"{source: "calibration"}"#) == [7201, 7202])
        #expect(try await n(#"{mode: "tpc_commissioning"}"#) == [7200])
        #expect(try await n(#"{tag: "messy"}"#) == [7201])
        #expect(try await n("{end: {exists: false}}") == [7201])  // `end: None`
        #expect(try await n(#"{runStatus: "transferred"}"#) == [7200])
        #expect(try await n("{bootstraxState: FAILED}") == [7202])
        #expect(try await n(#"{lineageHash: "rfzvpzj4mf"}"#) == [7200])
        #expect(try await n(#"{data: {lineageHash: "zzzzzzzzzz", type: "raw_records"}}"#) == [7202])
        #expect(try await n(#"{data: {rse: "UC_DALI_USERDISK"}}"#) == [7200])
        #expect(try await n(#"{data: {did: "xnt_007200:raw_records-rfzvpzj4mf"}}"#) == [7200])
        #expect(try await n(#"{dataNone: {host: "rucio-catalogue"}}"#) == [7201, 7202])
        await h.drop()
    }

    @Test func xamsWhereFilters() async throws {
        let h = try RegistryHarness("wherexams")
        try await h.insertFixtures()
        func n(_ w: String) async throws -> [Int] { try await numbers(h, "xamsRuns", "where: \(w)") }
        #expect(try await n(#"{detector: "xamsl"}"#) == [6002])
        #expect(try await n(#"{mode: "background"}"#) == [6001, 6004])
        #expect(try await n(#"{tag: "process"}"#) == [6001])
        #expect(try await n(#"{tagsNone: ["abandon"]}"#) == [6001, 6002, 6004])
        #expect(try await n(#"{start: {gt: "2024-01-02"}}"#) == [6003, 6004])
        #expect(try await n("{processingState: [PENDING, DONE]}") == [6001, 6002])
        #expect(try await n("{processingState: [FAILED]}") == [6003])
        #expect(try await n("{hasProcessingStatus: false}") == [6004])
        #expect(try await n("{hasProcessingStatus: true}") == [6001, 6002, 6003])
        #expect(try await n("{processingFailures: {lte: 1}}") == [6001, 6002, 6004])  // absent counts as 0
        #expect(try await n("{processingFailures: {gt: 0}}") == [6003])
        #expect(try await n("{processingFailures: {eq: 0}}") == [6001, 6002, 6004])
        #expect(try await n(#"{dataType: "raw_records"}"#) == [6001])
        #expect(try await n(#"{dataHost: "daq"}"#) == [6002])
        #expect(try await n("{number: {in: [6001, 6004]}}") == [6001, 6004])
        #expect(try await n(#"{or: [{detector: "xamsl"}, {tag: "abandon"}], not: {number: {eq: 6002}}}"#) == [6003])
        #expect(try await n(#"{and: [{mode: "background"}, {hasProcessingStatus: false}]}"#) == [6004])
        await h.drop()
    }

    @Test func pseudoStatusFiltersAgreeWithThePerRunField() async throws {
        let h = try RegistryHarness("pseudo")
        try await h.insertFixtures()
        // Extra shapes: no data at all, data not a list, an entry whose type is a list.
        try await h.insert([
            ["_id": oid("100000000000000000000010"), "number": .int32(6400), "end": date("2017-02-01T00:00:00Z")],
            ["_id": oid("100000000000000000000011"), "number": .int32(6401), "data": .document(["type": "raw"]), "end": .null],
            ["_id": oid("100000000000000000000012"), "number": .int32(6402),
             "data": .array([.document(["type": .array(["raw"]), "status": "transferring"])])],
        ], into: .xenon(.xenon1T))
        let expected: [String: [Int]] = [
            "NEW_RUN": [6387, 6389, 6400], "TRANSFERRING": [6388, 6402], "NOT_PROCESSED": [6387],
            "PROCESSING": [6389], "PROCESSED": [6390],
        ]
        for experiment in ["XENON1T", "XENONNT"] {
            let all = try await h.run("""
                { xenonRuns(experiment: \(experiment), first: 1000) { nodes { number pseudoStatus pseudoStatuses } } }
                """)
            #expect(all.errors.isEmpty)
            for status in PseudoStatus.allCases {
                let filtered = try await numbers(h, "xenonRuns", "experiment: \(experiment), where: {pseudoStatus: \(status.rawValue)}")
                guard case .list(let runs)? = all["xenonRuns.nodes"] else { Issue.record("no runs"); continue }
                let computed = runs.compactMap { run -> Int? in
                    guard case .list(let statuses)? = run.member("pseudoStatuses"), statuses.contains(.string(status.rawValue)),
                          case .int(let n)? = run.member("number") else { return nil }
                    return n
                }.sorted()
                #expect(filtered == computed, "\(experiment) \(status)")
                if experiment == "XENON1T" { #expect(filtered == expected[status.rawValue], "\(status)") }
            }
        }
        let most = try await h.run("{ xenonRun(experiment: XENON1T, number: 6389) { pseudoStatus pseudoStatuses } }")
        #expect(most["xenonRun.pseudoStatus"] == .string("PROCESSING"))
        #expect(most.strings("xenonRun.pseudoStatuses") == ["PROCESSING", "NEW_RUN"])
        // XENONnT: the ended runs with no rucio entry are NEW_RUN.
        #expect(try await numbers(h, "xenonRuns", "where: {pseudoStatus: NEW_RUN}") == [7202])
        await h.drop()
    }

    @Test func mongoFilterIsAcceptedAndCombinedWithWhere() async throws {
        let h = try RegistryHarness("mongofilter")
        try await h.insertFixtures()
        // `$` names are not GraphQL names: filters come as variables, as clients send them.
        func n(_ f: String, where w: String = "{}") async throws -> [Int] {
            let a = try await h.run("""
                query($f: JSON) { r: xenonRuns(experiment: XENON1T, where: \(w), mongoFilter: $f, orderBy: {field: NUMBER, direction: ASC}) { nodes { number } } }
                """, variables: ["f": try JSONParser.parse(f)])
            #expect(a.errors.isEmpty, "\(f): \(a.errors)")
            return a.column("r.nodes", "number").compactMap { if case .int(let i) = $0 { i } else { nil } }
        }
        #expect(try await n(#"{"number": {"$gt": 6387, "$lte": 6389}}"#) == [6388, 6389])
        #expect(try await n(#"{"tags.name": {"$all": ["bad", "messy"]}}"#) == [6387])
        #expect(try await n(#"{"tags": {"$size": 2}}"#) == [6387])
        #expect(try await n(#"{"name": {"$regex": "^17010[45]", "$options": "i"}}"#) == [6389, 6390])
        #expect(try await n(#"{"data": {"$elemMatch": {"type": "processed", "status": {"$in": ["processed", "processing"]}}}}"#) == [6389, 6390])
        #expect(try await n(#"{"data": {"$not": {"$elemMatch": {"type": "processed"}}, "$elemMatch": {"type": "raw"}}}"#) == [6387, 6388])
        #expect(try await n(#"{"$nor": [{"number": 0}, {"end": {"$exists": true}}]}"#) == [6388])
        #expect(try await n(#"{"$or": [{"_id": {"$oid": "100000000000000000000002"}}, {"start": {"$gte": {"$date": "2017-01-05T00:00:00Z"}}}]}"#) == [6387, 6390])
        #expect(try await n(#"{"source.type": {"$nin": ["none", "LED"]}}"#, where: #"{detector: "tpc"}"#) == [6388, 6390])
        #expect(try await n(#"{"number": {"$not": {"$gte": 6387}}}"#) == [0, 0, 6386])
        #expect(try await n(#"{"$and": [{"number": {"$eq": 6386}}], "name": "170101_0000"}"#) == [6386])
        let refusals: [(String, String)] = [
            (#"{"_id": {"_id": {"$where": "sleep(100)"}}}"#, "$where"),
            (#"{"$where": "true"}"#, "$where"),
            (#"{"number": {"$function": {"body": "x", "args": [], "lang": "js"}}}"#, "$function"),
            ("{\"name\": {\"$regex\": \"\(String(repeating: "x", count: 300))\"}}", "256"),
            (#"{"$expr": {"$eq": [1, 1]}}"#, "$expr"),
            (#"{"number": {"$gt": 1, "$mod": [2, 0]}}"#, "$mod"),
        ]
        for (filter, needle) in refusals {
            let refused = try await h.run("query($f: JSON) { xenonRuns(mongoFilter: $f) { totalCount } }", variables: ["f": try JSONParser.parse(filter)])
            #expect(refused.codes == ["BAD_USER_INPUT"], "\(filter)")
            #expect(refused.errors.first?.message.contains(needle) == true, "\(filter): \(refused.errors)")
            #expect(refused.errors.first?.path == [.key("xenonRuns")])
        }
        await h.drop()
    }
}
