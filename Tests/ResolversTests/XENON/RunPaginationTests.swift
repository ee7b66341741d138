// Connections: forward and backward to both ends, empty pages, size and cursor errors,
// ordering by number and start in both directions with ties (XENON1T muon-veto number 0).

import Foundation
import GraphQLKit
import Testing
@testable import Resolvers

private struct Page {
    var names: [String]
    var hasNext: Bool
    var hasPrevious: Bool
    var start: String?
    var end: String?
}

private func page(_ h: RegistryHarness, _ args: String) async throws -> Page {
    let a = try await h.run("""
        { r: xenonRuns(experiment: XENON1T, \(args)) {
            edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }
        """)
    #expect(a.errors.isEmpty, "\(args): \(a.errors)")
    guard case .list(let edges)? = a["r.edges"] else { return Page(names: [], hasNext: false, hasPrevious: false) }
    let names = edges.compactMap { if case .string(let s)? = $0.member("node")?.member("name") { s } else { nil } }
    func s(_ p: String) -> String? { if case .string(let v)? = a[p] { v } else { nil } }
    #expect(a["r.totalCount"] == .int(7))
    if case .list(let cursors)? = a["r.edges"], let first = cursors.first, let last = cursors.last {
        #expect(first.member("cursor") == a["r.pageInfo.startCursor"])
        #expect(last.member("cursor") == a["r.pageInfo.endCursor"])
    }
    return Page(
        names: names, hasNext: a["r.pageInfo.hasNextPage"] == .bool(true), hasPrevious: a["r.pageInfo.hasPreviousPage"] == .bool(true),
        start: s("r.pageInfo.startCursor"), end: s("r.pageInfo.endCursor"))
}

@Suite struct RunPaginationTests {
    // By number ascending: the two muon-veto runs (number 0, ObjectId order) first.
    static let byNumberAsc = ["170101_0001", "170101_0002", "170101_0000", "170102_0000", "170103_0000", "170104_0000", "170105_0000"]
    // By start ascending: 170101_0000 (00:00), then both muon-veto runs at 00:01 (ObjectId order), ...
    static let byStartAsc = ["170101_0000", "170101_0001", "170101_0002", "170102_0000", "170103_0000", "170104_0000", "170105_0000"]

    @Test func forwardToTheEndAndBackwardToTheStart() async throws {
        let h = try RegistryHarness("pages")
        try await h.insertFixtures()
        for (order, expected) in [("{field: NUMBER, direction: ASC}", Self.byNumberAsc), ("{field: START, direction: ASC}", Self.byStartAsc),
                                  ("{field: NUMBER, direction: DESC}", Self.byNumberAsc.reversed()),
                                  ("{field: START, direction: DESC}", Self.byStartAsc.reversed())] {
            var seen: [String] = []
            var after: String? = nil
            var pages = 0
            repeat {
                let p = try await page(h, "orderBy: \(order), first: 2" + (after.map { ", after: \"\($0)\"" } ?? ""))
                seen += p.names
                #expect(p.hasPrevious == (after != nil))
                after = p.hasNext ? p.end : nil
                pages += 1
            } while after != nil && pages < 10
            #expect(seen == Array(expected), "\(order)")
            #expect(pages == 4)
            var back: [String] = []
            var before: String? = nil
            pages = 0
            repeat {
                let p = try await page(h, "orderBy: \(order), last: 3" + (before.map { ", before: \"\($0)\"" } ?? ""))
                back = p.names + back
                #expect(p.hasNext == (before != nil))
                before = p.hasPrevious ? p.start : nil
                pages += 1
            } while before != nil && pages < 10
            #expect(back == Array(expected), "\(order)")
            #expect(pages == 3)
        }
        await h.drop()
    }

    @Test func defaultOrderIsNumberDescendingAndWindowsCombine() async throws {
        let h = try RegistryHarness("pagedefault")
        try await h.insertFixtures()
        let all = try await page(h, "first: 1000")
        #expect(all.names == Array(Self.byNumberAsc.reversed()))
        #expect(!all.hasNext && !all.hasPrevious)
        // Between two cursors.
        let first = try await page(h, "first: 1")
        let twoToFour = try await page(h, "first: 3, after: \"\(first.end ?? "")\"")
        #expect(twoToFour.names == ["170104_0000", "170103_0000", "170102_0000"])
        let between = try await page(h, "after: \"\(first.end ?? "")\", before: \"\(twoToFour.end ?? "")\"")
        #expect(between.names == ["170104_0000", "170103_0000"])
        // Past the end: an empty page without cursors.
        let last = try await page(h, "last: 1")
        let empty = try await page(h, "first: 5, after: \"\(last.end ?? "")\"")
        #expect(empty.names == [] && !empty.hasNext && empty.start == nil && empty.end == nil)
        await h.drop()
    }

    @Test func emptyCollectionAndBadArguments() async throws {
        let h = try RegistryHarness("pageerrors")
        let empty = try await h.run("{ xamsRuns { nodes { number } pageInfo { hasNextPage hasPreviousPage startCursor } totalCount } }")
        #expect(empty.errors.isEmpty)
        #expect(empty["xamsRuns.nodes"] == .list([]))
        #expect(empty["xamsRuns.totalCount"] == .int(0))
        #expect(empty["xamsRuns.pageInfo.hasNextPage"] == .bool(false))
        for args in ["first: 0", "first: 1001", "last: -1", "first: 1, last: 1", "after: \"nonsense\"",
                     "before: \"\(base64URLEncoded(Data("v1|NUMBERD|i:1|zz".utf8)))\""] {
            let a = try await h.run("{ xenonRuns(\(args)) { totalCount } }")
            #expect(a.codes == ["BAD_USER_INPUT"], "\(args)")
        }
        try await h.insertFixtures()
        let byNumber = try await page(h, "first: 1")
        let wrongOrder = try await h.run("{ xenonRuns(experiment: XENON1T, orderBy: {field: START}, after: \"\(byNumber.end ?? "")\") { totalCount } }")
        #expect(wrongOrder.codes == ["BAD_USER_INPUT"])
        #expect(wrongOrder.errors.first?.message.contains("another connection") == true)
        // A XENON1T cursor is refused by the XENONnT connection, not applied to the wrong collection.
        let wrongExperiment = try await h.run("{ xenonRuns(experiment: XENONNT, after: \"\(byNumber.end ?? "")\") { totalCount } }")
        #expect(wrongExperiment.codes == ["BAD_USER_INPUT"])
        #expect(wrongExperiment.errors.first?.message == "The cursor in `after` belongs to another connection than the XENONnT runsDB's runs ordered by NUMBER DESC.")
        let thousand = try await h.run("{ xenonRuns(first: 1000) { totalCount } }")
        #expect(thousand.errors.isEmpty)
        await h.drop()
    }
}

