import Foundation
import GraphQLKit
import Testing
@testable import Gateway

/// Headless Chromium, when the browser test is asked for (RUNQL_BROWSER_TEST=1, which `./test`
/// sets; scripts/services.sh then installs Debian's `chromium` when it is missing).
private let browserTestRequested = ProcessInfo.processInfo.environment["RUNQL_BROWSER_TEST"] == "1"

private func chromiumPath() -> String? {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Loads `url` in headless Chromium and returns the DOM once the page's fetches have settled.
/// Runs on a thread of its own: waiting for a process must not block Swift's cooperative pool.
private func dumpDOM(_ url: String, chromium: String) async throws -> String {
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent("runql-chromium-\(UUID().uuidString.prefix(8))")
    return try await withCheckedThrowingContinuation { continuation in
        Thread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: chromium)
            process.arguments = [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
                // Virtual time runs the page's timers and waits for its network requests.
                "--virtual-time-budget=10000", "--dump-dom", url,
            ]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                try? FileManager.default.removeItem(at: profile)
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            } catch {
                continuation.resume(throwing: error)
            }
        }.start()
    }
}

/// The text of the first element with `id` (tags stripped, entities decoded), from a DOM dump.
private func text(ofID id: String, in dom: String) -> String? {
    guard let start = dom.range(of: "id=\"\(id)\"") else { return nil }
    guard let open = dom[start.upperBound...].firstIndex(of: ">") else { return nil }
    let tag = dom[..<start.lowerBound].range(of: "<", options: .backwards).map { dom[$0.upperBound...].prefix { $0 != " " } } ?? ""
    guard let close = dom[open...].range(of: "</\(tag)>") else { return nil }
    var inner = String(dom[dom.index(after: open)..<close.lowerBound])
    while let t = inner.range(of: "<[^>]*>", options: .regularExpression) { inner.removeSubrange(t) }
    for (entity, character) in [("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
        inner = inner.replacingOccurrences(of: entity, with: character)
    }
    return inner
}

private func attribute(_ name: String, ofID id: String, in dom: String) -> String? {
    guard let start = dom.range(of: "id=\"\(id)\""), let end = dom[start.upperBound...].firstIndex(of: ">") else { return nil }
    let tag = dom[start.upperBound..<end]
    guard let a = tag.range(of: "\(name)=\"") else { return nil }
    return String(tag[a.upperBound...].prefix { $0 != "\"" })
}

@Suite struct ExplorerTests {
    @Test func pageIsSelfContained() {
        let html = ExplorerPage.html
        for external in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "@import", "url(http", "<link"] {
            #expect(!html.contains(external), "\(external)")
        }
        for id in ["query", "highlight", "variables", "headers", "token", "result", "status", "search", "docs", "history"] {
            #expect(html.contains("id=\"\(id)\""), "\(id)")
        }
        #expect(html.contains("localStorage") && html.contains("e.key === 'Enter'") && html.contains("__schema"))
        #expect(ExplorerPage.response.headers["Content-Security-Policy"]?.contains("default-src 'none'") == true)
    }

    @Test func servedAtRootAndToBrowsersAtGraphQL() async throws {
        let gateway = try ObservedGateway()
        let root = try await gateway.get("/")
        #expect(root.status == 200 && root.headers["content-type"] == "text/html; charset=utf-8")
        #expect(root.body == ExplorerPage.html)
        let browser = try await gateway.get("/graphql", headers: ["Accept": "text/html,application/xhtml+xml,*/*;q=0.8"])
        #expect(browser.status == 200 && browser.body == ExplorerPage.html)
        // A GraphQL client asking the same path gets GraphQL, not the page.
        let client = try await gateway.get("/graphql?query=%7Bn%7D", headers: ["Accept": "text/html, application/json"])
        #expect(client.body == #"{"data":{"n":1}}"#)
        let client2 = try await gateway.post(#"{"query":"{ n }"}"#, headers: ["Accept": "text/html, application/json"])
        #expect(client2.body == #"{"data":{"n":1}}"#)
        await gateway.stop()
    }

    @Test(.enabled(if: browserTestRequested, "set RUNQL_BROWSER_TEST=1 (needs Debian's chromium: apt-get install -y chromium)"))
    func browserRunsAQueryFromTheURLAndShowsTheResult() async throws {
        guard let chromium = chromiumPath() else {
            Issue.record("RUNQL_BROWSER_TEST=1 but no chromium found: apt-get install -y chromium")
            return
        }
        let gateway = try ObservedGateway()
        let query = "query Greeting($who: String!) { n hello(name: $who) }"
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let variables = #"{"who":"browser"}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let dom = try await dumpDOM("http://127.0.0.1:\(gateway.port)/?query=\(encoded)&variables=\(variables)&run=1", chromium: chromium)

        // The run finished and rendered the formatted result.
        #expect(dom.contains("data-state=\"done\""))
        #expect(attribute("data-status", ofID: "result", in: dom) == "200")
        let result = try #require(text(ofID: "result", in: dom))
        #expect(result == "{\n  \"data\": {\n    \"n\": 1,\n    \"hello\": null\n  }\n}")
        #expect(text(ofID: "status", in: dom)?.hasPrefix("200 OK") == true)
        // The editor shows the query, highlighted.
        #expect(text(ofID: "highlight", in: dom)?.contains(query) == true)
        #expect(dom.contains(#"<span class="t-kw">query</span> <span class="t-def">Greeting</span>"#))
        #expect(dom.contains(#"<span class="t-var">$who</span>"#))
        // The schema browser loaded the schema by introspection.
        #expect(text(ofID: "docs", in: dom)?.contains("Root types") == true)
        #expect(dom.contains(#"<a data-type="Query">Query</a>"#) && dom.contains(#"<a data-type="Mutation">Mutation</a>"#))
        // The run went into the history.
        #expect(text(ofID: "history", in: dom)?.contains("query Greeting") == true)
        await gateway.stop()
        gateway.log.flush()
        // One explorer page load, one introspection, one run.
        #expect(gateway.capture.lines.contains { $0.contains(#""operation":"RunQLExplorerSchema""#) })
        #expect(gateway.capture.lines.contains { $0.contains(#""operation":"Greeting""#) })
    }

    @Test(.enabled(if: browserTestRequested, "set RUNQL_BROWSER_TEST=1 (needs Debian's chromium: apt-get install -y chromium)"))
    func browserShowsRequestErrors() async throws {
        guard let chromium = chromiumPath() else {
            Issue.record("RUNQL_BROWSER_TEST=1 but no chromium found: apt-get install -y chromium")
            return
        }
        let gateway = try ObservedGateway()
        let dom = try await dumpDOM("http://127.0.0.1:\(gateway.port)/?query=%7B%20nope%20%7D&run=1", chromium: chromium)
        #expect(attribute("data-status", ofID: "result", in: dom) == "400")
        #expect(text(ofID: "result", in: dom)?.contains(#"Cannot query field \"nope\" on type \"Query\"."#) == true)
        #expect(attribute("class", ofID: "status", in: dom) == "error")
        await gateway.stop()
    }
}
