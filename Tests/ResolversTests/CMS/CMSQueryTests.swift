import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

/// Queries against the seeded demo registry (read-only; the schema is shared by these tests).
@Suite struct CMSQueryTests {
    @Test func runByNumberAsTheClientTestsExpect() async throws {
        let g = try await CMSGraph.seeded()
        let (data, errors) = try await g.run("""
            { cmsRun(number: 327743) { id experiment number class state significant start end energy bField fillNumber hltKey lsDuration tags { name }
                omsAttributes rrAttributes tripletSummary(components: ["dt-dt"]) { component counts { status rawStatus count } comments causes }
                datasets { name runNumber states { workspace state rawState } appearedIn datasetsInGui run { number } } }
              invalid: cmsRun(number: 420420420) { number } }
            """)
        #expect(errors.isEmpty, "\(errors)")
        let run = try #require(data[path: "cmsRun"])
        #expect(run[path: "number"] == .int(327_743))
        #expect(run[path: "experiment"] == .string("CMS"))
        #expect(run[path: "class"] == .string("Cosmics18"))
        #expect(run[path: "state"] == .string("COMPLETED"))
        #expect(run[path: "start"]?.string?.hasSuffix(".000Z") == true)
        #expect(run[path: "lsDuration"] == run[path: "omsAttributes", "ls_duration"])
        #expect(run[path: "tags"] == .list([]))
        #expect(run[path: "tripletSummary", 0, "component"] == .string("dt-dt"))
        #expect(run[path: "datasets"]?.list.compactMap { $0[path: "name"]?.string } == ["/PromptReco/HICosmics18A/DQM", "online"])
        #expect(run[path: "datasets", 0, "run", "number"] == .int(327_743))
        #expect(run[path: "datasets", 0, "states"]?.list.contains { $0[path: "workspace"] == .string("global") && $0[path: "state"] == .string("COMPLETED") } == true)
        #expect(run[path: "datasets", 0, "appearedIn"] == .list([.string("DBS"), .string("DQM GUI")]))
        #expect(data[path: "invalid"] == .null)
    }

    @Test func datasetNamesAndComponentKeysOfTheFixtureRun() async throws {
        let g = try await CMSGraph.seeded()
        let (data, errors) = try await g.run("""
            { cmsDatasetNames(runNumber: 327743)
              cmsDataset(runNumber: 327743) { componentRanges { component start end triplet { status } } lumisectionRanges { start end } lumisections { number } omsRanges { start } }
              offline: cmsDataset(runNumber: 327743, name: "/PromptReco/HICosmics18A/DQM") { name lumisections(from: 1, to: 3) { number oms triplets(components: ["dt-dt"]) { triplet { status } } } } }
            """)
        #expect(errors.isEmpty, "\(errors)")
        #expect(data[path: "cmsDatasetNames"] == .list([.string("online"), .string("/PromptReco/HICosmics18A/DQM")]))
        let components = Set(data[path: "cmsDataset", "componentRanges"]?.list.compactMap { $0[path: "component"]?.string } ?? [])
        #expect(components.isSuperset(of: ["dt-dt", "rpc-hv", "tracker-track_private"]))
        let lumisections = data[path: "cmsDataset", "lumisections"]?.list ?? []
        #expect(lumisections.first?[path: "number"] == .int(1))
        #expect(lumisections.count == data[path: "cmsDataset", "lumisectionRanges"]?.list.last?[path: "end"]?.int)
        #expect(data[path: "offline", "lumisections"]?.list.count == 3)
        #expect(data[path: "offline", "lumisections", 0, "oms", "cms_active"] == .bool(true))
    }

    @Test func runFiltersOfTheClientTests() async throws {
        let g = try await CMSGraph.seeded()
        let (data, errors) = try await g.run("""
            { range: cmsRuns(where: {number: {gt: 309000, lt: 310000}}) { totalCount nodes { number } }
              dt: cmsRuns(where: {number: {gt: 309000, lt: 310000}, triplets: [{component: "dt-dt", status: GOOD}]}) { totalCount }
              strip: cmsRuns(where: {number: {gt: 309000, lt: 310000}, triplets: [{component: "tracker-strip", status: GOOD}]}) { totalCount }
              hlt: cmsRuns(where: {hltKey: {like: "%COMMISSIONING2018%"}, triplets: [{component: "dt-dt", status: GOOD}]}) { totalCount nodes { hltKey } }
              collisions: cmsRuns(where: {class: {eq: "Collisions18"}}) { totalCount nodes { class } }
              notCollisions: cmsRuns(where: {not: {class: {eq: "Collisions18"}}}) { totalCount }
              all: cmsRuns { totalCount }
              either: cmsRuns(where: {or: [{number: {eq: 327743}}, {number: {eq: 323555}}]}) { nodes { number } }
              listed: cmsRuns(where: {number: {in: [327743, 323555, 323444]}}, orderBy: {field: NUMBER, direction: ASC}) { nodes { number } }
              physics: cmsRuns(where: {energy: {gte: 6000, lte: 7000}, bField: {gte: 3.7}, significant: true, state: [COMPLETED, SIGNOFF]}) { totalCount nodes { energy bField significant state } }
              early: cmsRuns(where: {startTime: {lt: "2018-06-01T00:00:00Z"}, endTime: {exists: true}}) { totalCount nodes { start } }
              noCastor: cmsRuns(where: {included: [{subsystem: "castor", included: false}]}) { totalCount }
              fills: cmsRuns(where: {fillNumber: {gte: 6500}}, orderBy: {field: FILL_NUMBER, direction: ASC}, first: 3) { nodes { fillNumber } }
              long: cmsRuns(where: {lsDuration: {gt: 1000}}, orderBy: {field: LS_DURATION, direction: DESC}) { nodes { lsDuration } }
              bad: cmsRuns(where: {triplets: [{component: "dt-dt", status: BAD}]}) { totalCount }
              stopped: cmsRuns(where: {stopReason: {ne: ""}}) { totalCount } }
            """)
        #expect(errors.isEmpty, "\(errors)")
        let range = data[path: "range", "nodes"]?.list.compactMap { $0[path: "number"]?.int } ?? []
        #expect(!range.isEmpty && range.allSatisfy { $0 > 309_000 && $0 < 310_000 })
        #expect(range == range.sorted(by: >))
        #expect(data[path: "range", "totalCount"]?.int == range.count)
        for name in ["dt", "strip", "hlt", "collisions", "physics", "early", "noCastor", "bad", "stopped"] {
            #expect((data[path: name, "totalCount"]?.int ?? 0) > 0, "\(name) is empty")
        }
        #expect(data[path: "hlt", "nodes"]?.list.allSatisfy { $0[path: "hltKey"]?.string?.contains("commissioning2018") == true } == true)
        #expect(data[path: "collisions", "nodes"]?.list.allSatisfy { $0[path: "class"] == .string("Collisions18") } == true)
        #expect((data[path: "collisions", "totalCount"]?.int ?? 0) + (data[path: "notCollisions", "totalCount"]?.int ?? 0) == data[path: "all", "totalCount"]?.int)
        #expect(data[path: "either", "nodes"]?.list.compactMap { $0[path: "number"]?.int } == [327_743, 323_555])
        #expect(data[path: "listed", "nodes"]?.list.compactMap { $0[path: "number"]?.int } == [323_444, 323_555, 327_743])
        #expect(data[path: "physics", "nodes"]?.list.allSatisfy {
            ($0[path: "energy"].flatMap { if case .double(let d) = $0 { d } else { nil } } ?? 0) >= 6000 && $0[path: "significant"] == .bool(true)
        } == true)
        #expect(data[path: "early", "nodes"]?.list.allSatisfy { ($0[path: "start"]?.string ?? "9") < "2018-06-01" } == true)
        let fills = data[path: "fills", "nodes"]?.list.compactMap { $0[path: "fillNumber"]?.int } ?? []
        #expect(fills.count == 3 && fills == fills.sorted() && fills.allSatisfy { $0 >= 6500 })
        let long = data[path: "long", "nodes"]?.list.compactMap { $0[path: "lsDuration"]?.int } ?? []
        #expect(!long.isEmpty && long == long.sorted(by: >))
    }

    @Test func cursorPagesCoverEveryRunOnce() async throws {
        let g = try await CMSGraph.seeded()
        var seen: [Int] = []
        var after: JSONValue = .null
        var total = 0
        for _ in 0..<100 {
            let (data, errors) = try await g.run("""
                query ($after: String) { cmsRuns(first: 17, after: $after) { totalCount edges { cursor node { number } } pageInfo { hasNextPage hasPreviousPage endCursor } } }
                """, ["after": after])
            #expect(errors.isEmpty, "\(errors)")
            total = data[path: "cmsRuns", "totalCount"]?.int ?? -1
            seen += data[path: "cmsRuns", "edges"]?.list.compactMap { $0[path: "node", "number"]?.int } ?? []
            #expect(data[path: "cmsRuns", "pageInfo", "hasPreviousPage"] == .bool(after != .null))
            guard data[path: "cmsRuns", "pageInfo", "hasNextPage"] == .bool(true) else { break }
            after = data[path: "cmsRuns", "pageInfo", "endCursor"] ?? .null
        }
        #expect(seen.count == total && Set(seen).count == total && seen == seen.sorted(by: >))
        // Past the end: an empty page that still counts.
        let last = CMSPage.cursor(ordering: "cmsRuns:NUMBER:DESC", total + 5)
        let (data, _) = try await g.run(#"{ cmsRuns(after: "\#(last)") { totalCount nodes { number } pageInfo { hasNextPage endCursor } } }"#)
        #expect(data[path: "cmsRuns", "totalCount"]?.int == total)
        #expect(data[path: "cmsRuns", "nodes"] == .list([]))
    }

    @Test func cursorsBelongToTheirListAndOrdering() async throws {
        let g = try await CMSGraph.seeded()
        func endCursor(_ query: String) async throws -> String {
            let (data, errors) = try await g.run(query)
            #expect(errors.isEmpty, "\(errors)")
            return data[path: "page", "pageInfo", "endCursor"]?.string ?? ""
        }
        let byEnergy = try await endCursor("{ page: cmsRuns(first: 2, orderBy: {field: ENERGY, direction: ASC}) { pageInfo { endCursor } } }")
        let byNumber = try await endCursor("{ page: cmsRuns(first: 2) { pageInfo { endCursor } } }")
        let datasets = try await endCursor("{ page: cmsDatasets(first: 2) { pageInfo { endCursor } } }")
        #expect(String(data: try #require(base64URLDecoded(byEnergy)), encoding: .utf8) == "cmsRuns:ENERGY:ASC:1")
        // A cursor goes back to its own list and ordering.
        let (same, sameErrors) = try await g.run(#"{ cmsRuns(first: 2, orderBy: {field: ENERGY, direction: ASC}, after: "\#(byEnergy)") { nodes { number } } }"#)
        #expect(sameErrors.isEmpty && same[path: "cmsRuns", "nodes"]?.list.count == 2, "\(sameErrors)")
        for (query, owner) in [
            (#"{ cmsRuns(after: "\#(byEnergy)") { totalCount } }"#, "cmsRuns ordered by NUMBER DESC"),
            (#"{ cmsRuns(orderBy: {field: ENERGY, direction: DESC}, after: "\#(byEnergy)") { totalCount } }"#, "cmsRuns ordered by ENERGY DESC"),
            (#"{ cmsDatasets(after: "\#(byNumber)") { totalCount } }"#, "cmsDatasets ordered by RUN_NUMBER DESC"),
            (#"{ cmsRuns(after: "\#(datasets)") { totalCount } }"#, "cmsRuns ordered by NUMBER DESC"),
        ] {
            let (_, errors) = try await g.run(query)
            #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"), "\(query): \(errors)")
            #expect(errors.first?.message == "The cursor in `after` belongs to another list/ordering than \(owner).", "\(query): \(errors)")
        }
        // The former plain-offset cursors are not cursors of any list.
        let (_, old) = try await g.run(#"{ cmsRuns(after: "\#(Data("cms:2".utf8).base64EncodedString())") { totalCount } }"#)
        #expect(old.first?.message == "after is not a cursor of this list.")
    }

    @Test func datasetFiltersOfTheClientTests() async throws {
        let g = try await CMSGraph.seeded()
        let (data, errors) = try await g.run("""
            { cruzet: cmsDatasets(where: {name: {like: "%/PromptReco/Cosmics18CRUZET%"}, runNumber: {gt: 309000, lt: 310000},
                                           run: {class: {like: "Cosmics18CRUZET"}}, states: [{workspace: "global", state: COMPLETED}],
                                           triplets: [{component: "ecal-ecal", status: EXCLUDED}]}) { totalCount nodes { runNumber name run { class } } }
              offline: cmsDatasets(where: {runNumber: {gt: 309000, lt: 310000}, name: {ne: "online"}}) { totalCount nodes { name } }
              strip: cmsDatasets(where: {runNumber: {gt: 309000, lt: 310000}, triplets: [{component: "tracker-strip", status: GOOD}]}) { totalCount }
              ordered: cmsDatasets(first: 4) { nodes { runNumber name } }
              byName: cmsDatasets(where: {name: {in: ["/Express/Collisions2018/DQM"]}}, orderBy: {field: NAME, direction: ASC}, first: 2) { nodes { name tripletSummary { component } } }
              waiting: cmsDatasets(where: {or: [{states: [{workspace: "global", state: SIGNOFF}]}, {states: [{workspace: "global", state: WAITING_DQM_GUI}]}]}) { totalCount } }
            """)
        #expect(errors.isEmpty, "\(errors)")
        #expect((data[path: "cruzet", "totalCount"]?.int ?? 0) > 0)
        #expect(data[path: "cruzet", "nodes"]?.list.allSatisfy { $0[path: "run", "class"] == .string("Cosmics18CRUZET") } == true)
        #expect(data[path: "offline", "nodes"]?.list.allSatisfy { $0[path: "name"] != .string("online") } == true)
        #expect((data[path: "strip", "totalCount"]?.int ?? 0) > 0)
        let ordered = data[path: "ordered", "nodes"]?.list.map { "\($0[path: "runNumber"]?.int ?? 0) \($0[path: "name"]?.string ?? "")" } ?? []
        #expect(ordered.count == 4)
        #expect(data[path: "byName", "nodes", 0, "name"] == .string("/Express/Collisions2018/DQM"))
        #expect((data[path: "byName", "nodes", 0, "tripletSummary"]?.list.count ?? 0) > 10)
        #expect((data[path: "waiting", "totalCount"]?.int ?? 0) > 0)
    }

    @Test func cachedSummaryAgreesWithMergedLumisections() async throws {
        let g = try await CMSGraph.seeded()
        let (data, errors) = try await g.run("""
            { cmsRuns(first: 12, where: {triplets: [{component: "dt-dt", status: BAD}]}) { nodes { number datasets {
                name tripletSummary { component counts { rawStatus count } } lumisections { triplets { component triplet { rawStatus } } } } } } }
            """)
        #expect(errors.isEmpty, "\(errors)")
        var checked = 0
        for run in data[path: "cmsRuns", "nodes"]?.list ?? [] {
            for dataset in run[path: "datasets"]?.list ?? [] {
                var counted: [String: [String: Int]] = [:]
                for ls in dataset[path: "lumisections"]?.list ?? [] {
                    for t in ls[path: "triplets"]?.list ?? [] {
                        counted[t[path: "component"]?.string ?? "", default: [:]][t[path: "triplet", "rawStatus"]?.string ?? "", default: 0] += 1
                    }
                }
                for summary in dataset[path: "tripletSummary"]?.list ?? [] {
                    let component = summary[path: "component"]?.string ?? ""
                    for count in summary[path: "counts"]?.list ?? [] where (count[path: "count"]?.int ?? 0) > 0 {
                        #expect(counted[component]?[count[path: "rawStatus"]?.string ?? ""] == count[path: "count"]?.int, "\(component)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 50)
    }

    @Test func globalIDsResolveThroughNode() async throws {
        let g = try await CMSGraph.seeded()
        let (data, errors) = try await g.run("""
            { cmsDataset(runNumber: 327743, name: "/PromptReco/HICosmics18A/DQM") { id run { id } } }
            """)
        #expect(errors.isEmpty, "\(errors)")
        let runID = try #require(data[path: "cmsDataset", "run", "id"]?.string)
        let datasetID = try #require(data[path: "cmsDataset", "id"]?.string)
        let unknown = GlobalID(typeName: "CmsRun", key: "420420420").encoded
        let (nodes, nodeErrors) = try await g.run("""
            query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on CmsRun { number experiment } ... on CmsDataset { name runNumber } } }
            """, ["ids": .list([.string(runID), .string(datasetID), .string(unknown)])])
        #expect(nodeErrors.isEmpty, "\(nodeErrors)")
        #expect(nodes[path: "nodes", 0, "number"] == .int(327_743))
        #expect(nodes[path: "nodes", 0, "experiment"] == .string("CMS"))
        #expect(nodes[path: "nodes", 1, "name"] == .string("/PromptReco/HICosmics18A/DQM"))
        #expect(nodes[path: "nodes", 2] == .null)
    }

    @Test func cyclesAndDatasetsAcceptedAsTheClientReadsThem() async throws {
        let g = try await CMSGraph.seeded()
        let (data, errors) = try await g.run("""
            { cmsCycles { id name attributes deadline datasets { runNumber name run { class } } }
              cmsDatasetsAccepted { id name regexp enabled class runFrom runTo } }
            """)
        #expect(errors.isEmpty, "\(errors)")
        let cycles = data[path: "cmsCycles"]?.list ?? []
        #expect(cycles.count == 2)
        #expect(cycles.allSatisfy { !($0[path: "datasets"]?.list.isEmpty ?? true) && $0[path: "deadline"]?.string != nil })
        #expect(cycles.first?[path: "attributes", "tracker_state"] == .string("completed"))
        let accepted = data[path: "cmsDatasetsAccepted"]?.list ?? []
        #expect(accepted.contains { $0[path: "name"] == .string("/PromptReco/HICosmics18A/DQM") && $0[path: "class"] == .string("Cosmics18") })
        #expect(accepted.first?[path: "regexp"]?.string?.isEmpty == false)
    }

    /// Runs, their datasets and the datasets' lumisection ranges come from one statement (JSON
    /// built in the database); the answer is exactly the one the per-level loaders give, which a
    /// second `datasets` selection with another `name` forces.
    @Test func nestedRunsDatasetsAndRangesTakeOneStatement() async throws {
        let g = try await CMSGraph.seeded()
        let below = """
            number class datasets { name states { workspace state } tripletSummary { component } appearedIn
              lumisectionRanges { start end triplets(components: ["dt-dt"]) { triplet { status } } }
              componentRanges(components: ["dt-dt", "csc-csc"]) { component start end }
              lumisections(from: 2, to: 4) { number triplets { component } } }
            """
        g.log.reset()
        let (data, errors) = try await g.run("{ cmsRuns(first: 40) { totalCount nodes { \(below) } } }")
        #expect(errors.isEmpty, "\(errors)")
        #expect(data[path: "cmsRuns", "nodes"]?.list.count == 40)
        #expect(g.log.count == 1)
        #expect(data[path: "cmsRuns", "nodes"]?.list.contains { !($0[path: "datasets", 0, "lumisectionRanges"]?.list.isEmpty ?? true) } == true)

        g.log.reset()
        let (levels, levelErrors) = try await g.run(
            #"{ cmsRuns(first: 40) { totalCount nodes { \#(below) none: datasets(name: "no such dataset") { name } } } }"#)
        #expect(levelErrors.isEmpty, "\(levelErrors)")
        #expect(g.log.count == 3)
        let withoutNone = levels[path: "cmsRuns", "nodes"]?.list.map { node -> JSONValue in
            guard case .object(var o) = node else { return node }
            o["none"] = nil
            return .object(o)
        }
        #expect(withoutNone == data[path: "cmsRuns", "nodes"]?.list)

        g.log.reset()
        _ = try await g.run("{ cmsRuns(first: 5) { nodes { number } } }")
        #expect(g.log.count == 1)
    }

    @Test func oneStatementKeepsTheOrderingFiltersAndNamedDatasets() async throws {
        let g = try await CMSGraph.seeded()
        let page = #"cmsRuns(first: 7, after: \#(try await secondPageCursor(g)), orderBy: {field: START_TIME, direction: ASC}, where: {class: {in: ["Cosmics18", "Collisions18"]}})"#
        let (plain, _) = try await g.run("{ \(page) { edges { cursor node { number } } } }")
        g.log.reset()
        let (nested, errors) = try await g.run(#"{ \#(page) { edges { cursor node { number datasets(name: "online") { name lumisectionRanges { start end } } } } } }"#)
        #expect(errors.isEmpty, "\(errors)")
        #expect(g.log.count == 1)
        let edges = nested[path: "cmsRuns", "edges"]?.list ?? []
        #expect(!edges.isEmpty)
        #expect(edges.map { $0[path: "node", "number"] } == plain[path: "cmsRuns", "edges"]?.list.map { $0[path: "node", "number"] })
        #expect(edges.map { $0[path: "cursor"] } == plain[path: "cmsRuns", "edges"]?.list.map { $0[path: "cursor"] })
        #expect(edges.allSatisfy { $0[path: "node", "datasets"]?.list.map { $0[path: "name"] } == [.string("online")] })

        g.log.reset()
        let (levels, _) = try await g.run(
            #"{ \#(page) { edges { cursor node { number datasets(name: "online") { name lumisectionRanges { start end } } other: datasets { name } } } } }"#)
        #expect(g.log.count == 3)
        #expect(levels[path: "cmsRuns", "edges"]?.list.map { $0[path: "node", "datasets"] } == edges.map { $0[path: "node", "datasets"] })
    }

    /// A datasets page reads its datasets' lumisection ranges in the same statement; the ranges
    /// are the ones the loader gives the same datasets reached through `nodes`.
    @Test func datasetsPageReadsRangesInTheSameStatement() async throws {
        let g = try await CMSGraph.seeded()
        let fields = "id name lumisectionRanges { start end triplets { component triplet { status comment cause } } } componentRanges { component start end }"
        g.log.reset()
        let (page, errors) = try await g.run("{ cmsDatasets(first: 30) { nodes { \(fields) } } }")
        #expect(errors.isEmpty, "\(errors)")
        #expect(g.log.count == 1)
        let nodes = page[path: "cmsDatasets", "nodes"]?.list ?? []
        #expect(nodes.count == 30)
        #expect(nodes.contains { !($0[path: "lumisectionRanges"]?.list.isEmpty ?? true) })
        let ids = nodes.compactMap { $0[path: "id"]?.string }.map { "\"\($0)\"" }.joined(separator: ", ")
        let (byNode, nodeErrors) = try await g.run("{ nodes(ids: [\(ids)]) { ... on CmsDataset { \(fields) } } }")
        #expect(nodeErrors.isEmpty, "\(nodeErrors)")
        #expect(byNode[path: "nodes"]?.list == nodes)
    }

    /// The cursor of the third run in the ordering the test above pages through.
    private func secondPageCursor(_ g: CMSGraph) async throws -> String {
        let (data, _) = try await g.run(#"{ cmsRuns(first: 3, orderBy: {field: START_TIME, direction: ASC}, where: {class: {in: ["Cosmics18", "Collisions18"]}}) { pageInfo { endCursor } } }"#)
        return "\"" + (data[path: "cmsRuns", "pageInfo", "endCursor"]?.string ?? "") + "\""
    }

    @Test func badInputIsRefusedWithItsCode() async throws {
        let g = try await CMSGraph.seeded()
        for query in [
            "{ cmsRuns(first: 0) { totalCount } }",
            "{ cmsRuns(first: 1001) { totalCount } }",
            #"{ cmsRuns(after: "bm90IGEgY3Vyc29y") { totalCount } }"#,
            #"{ cmsRuns(where: {included: [{subsystem: "x'; DROP TABLE \"Run\"; --", included: true}]}) { totalCount } }"#,
        ] {
            let (data, errors) = try await g.run(query)
            #expect(data == .null || data[path: "cmsRuns"] == .null)
            #expect(errors.first?.extensions?["code"] == .string("BAD_USER_INPUT"), "\(query): \(errors)")
        }
        // The DateTime scalar refuses what is not a timestamp before any resolver runs.
        let (_, dateErrors) = try await g.run(#"{ cmsRuns(where: {startTime: {gt: "yesterday"}}) { totalCount } }"#)
        #expect(dateErrors.first?.message.contains("DateTime cannot represent") == true)
        // A hostile value is only ever a parameter.
        let (data, errors) = try await g.run(#"{ cmsRuns(where: {class: {eq: "x' OR '1'='1"}}) { totalCount } }"#)
        #expect(errors.isEmpty)
        #expect(data[path: "cmsRuns", "totalCount"] == .int(0))
    }

    @Test func unreachableDatabaseIsSourceUnavailableWithoutTheAddress() async throws {
        let pool = PostgresPool(PostgresConfiguration(
            conninfo: "host=127.0.0.1 port=\(TestServices.closedPort()) user=secret_user dbname=rr connect_timeout=2", maximumConnections: 1))
        let g = try CMSGraph(pool: pool)
        let (_, errors) = try await g.run("{ cmsRun(number: 1) { number } }")
        let error = try #require(errors.first)
        #expect(error.extensions?["code"] == .string("SOURCE_UNAVAILABLE"))
        #expect(!error.message.contains("127.0.0.1") && !error.message.contains("secret_user"))
    }
}
