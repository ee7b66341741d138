// The hostile-input corpus (Fixtures/HostileCorpus.swift) sent over HTTP to the whole gateway
// over the demo-seeded registries: every request gets its stated answer, none a 500, an
// internal error or a secret; nothing stored changes; and the server answers a normal query
// across every registry the same way before and after.

import Foundation
import GraphQLKit
import Resolvers
import Testing
@testable import Gateway

/// One query over every registry, for before and after.
private let acrossRegistries = """
    { xenonRuns(first: 2) { totalCount nodes { number } } x1t: xenonRuns(experiment: XENON1T, first: 1) { totalCount }
      xamsRuns(first: 2) { totalCount nodes { number } } cmsRuns(first: 2) { totalCount nodes { number } }
      scans(first: 2) { totalCount nodes { scanId } } }
    """

/// What is wrong with `response` as the answer to `request`, if anything.
func hostileProblems(_ request: HostileRequest, _ response: RawClient.Response, secrets: [String]) -> [String] {
    var problems: [String] = []
    let expect = request.expect
    if response.status != expect.status { problems.append("status \(response.status), expected \(expect.status)") }
    if response.status >= 500 { problems.append("a server error") }
    let codes = errorCodes(response)
    if codes.contains("INTERNAL_SERVER_ERROR") { problems.append("an internal (masked) error") }
    if let code = expect.code, !codes.contains(code) { problems.append("no error with code \(code) (codes: \(codes))") }
    if let message = expect.message, !response.body.contains(message) { problems.append("no error saying \"\(message)\"") }
    if expect.status == 200 && expect.code == nil && expect.message == nil {
        if !codes.isEmpty || response.body.contains("\"errors\"") { problems.append("errors where a bounded answer was expected") }
        if jsonObject(response)?["data"] == nil { problems.append("no data") }
    }
    if expect.status != 413, response.headers["content-type"]?.contains("json") != true, response.status != 415 {
        problems.append("answer is not JSON (\(response.headers["content-type"] ?? "no content type"))")
    }
    for secret in secrets where response.body.contains(secret) { problems.append("the answer contains a secret (\(secret.prefix(6))…)") }
    if !problems.isEmpty { problems.append("body: \(response.body.prefix(400))") }
    return problems
}

@Suite struct HostileInputTests {
    @Test func corpusIsLargeAndCoversEveryCategory() {
        let corpus = HostileCorpus.all
        #expect(corpus.count >= 100)
        for category in HostileRequest.Category.allCases {
            #expect(corpus.contains { $0.category == category }, "no entries for \(category.rawValue)")
        }
        let names = corpus.map(\.description)
        #expect(Set(names).count == names.count, "corpus names must be unique")
    }

    @Test func everyHostileRequestGetsItsAnswerAndNothingIsWritten() async throws {
        let gateway = try await DemoGateway.start()
        let before = try await gateway.fingerprint()
        let baseline = try await gateway.post(acrossRegistries)
        #expect(baseline.status == 200 && !baseline.body.contains("\"errors\""), "baseline: \(baseline.body.prefix(300))")

        let corpus = HostileCorpus.all
        let secrets = gateway.secrets
        // Four at a time: enough to overlap, few enough for a 2-core CI machine.
        var failures: [(String, [String])] = []
        try await withThrowingTaskGroup(of: (String, [String]).self) { group in
            var next = 0
            func add() {
                guard next < corpus.count else { return }
                let request = corpus[next]
                next += 1
                group.addTask {
                    do {
                        let response = try await gateway.post(body: request.body, contentType: request.contentType)
                        return (request.description, hostileProblems(request, response, secrets: secrets))
                    } catch {
                        return (request.description, ["no answer (\(error))"])
                    }
                }
            }
            for _ in 0..<4 { add() }
            while let (name, problems) = try await group.next() {
                if !problems.isEmpty { failures.append((name, problems)) }
                add()
            }
        }
        for (name, problems) in failures.sorted(by: { $0.0 < $1.0 }) {
            Issue.record("\(name): \(problems.joined(separator: "; "))")
        }

        // Still serving, with the same answers, and nothing stored changed.
        let after = try await gateway.post(acrossRegistries)
        #expect(after.status == 200 && after.body == baseline.body, "after: \(after.body.prefix(300))")
        let afterPrint = try await gateway.fingerprint()
        #expect(afterPrint == before, "changed: \(afterPrint.differences(from: before))")
        #expect(!before.mongo.isEmpty && !before.postgres.isEmpty)
        // Neither log holds a secret.
        let lines = gateway.logLines()
        #expect(lines.count >= corpus.count)
        for line in lines {
            for secret in secrets where line.contains(secret) { Issue.record("log line holds a secret: \(line.prefix(200))") }
        }
        await gateway.stop()
    }
}
