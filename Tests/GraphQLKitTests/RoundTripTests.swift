import Foundation
import Testing
@testable import GraphQLKit

// Print round trips through the parser: for every document here, the kitchen sinks, every
// `graphql` example of the September 2025 spec and 300 randomly generated documents (strings and
// block strings full of quotes, backslashes, indentation and Unicode line separators),
//   parse(print(parse(doc))) == parse(doc)   and   print(parse(print(x))) == print(x),
// and, where the reference printer (graphql-core 3.2) prints the document faithfully, the same
// text. (It does not always: some block strings it writes read back as other values.)
// Fixtures/printer-corpus.json holds the sources and the reference's output for them.

private func printerFixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}

struct CorpusEntry: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var source: String
    /// The reference printer's output, or nil when it cannot parse the source.
    var printed: String?
    var testDescription: String { name }
}

private let corpus: [CorpusEntry] = {
    guard let url = Bundle.module.url(forResource: "Fixtures/printer-corpus", withExtension: "json"),
        let data = try? Data(contentsOf: url),
        let entries = try? JSONDecoder().decode([CorpusEntry].self, from: data)
    else { return [] }
    return entries
}()

/// Checks both round-trip properties for a parsed document; returns its printed form.
@discardableResult
private func expectRoundTrip(_ document: Document, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
    let printed = Printer.print(document)
    let reparsed = try parse(printed)
    #expect(reparsed == document, "parse(print(doc)) differs", sourceLocation: sourceLocation)
    #expect(Printer.print(reparsed) == printed, "printing is not idempotent", sourceLocation: sourceLocation)
    return printed
}

@Suite struct RoundTripTests {
    @Test func corpusIsLoaded() {
        #expect(corpus.count > 200)
    }

    @Test(arguments: corpus)
    func corpusDocumentsRoundTrip(_ entry: CorpusEntry) throws {
        let document: Document
        do {
            document = try parse(entry.source)
        } catch {
            // Counter-examples with syntax errors: the reference must reject them too.
            #expect(entry.printed == nil, "rejected but the reference parses it: \(error.message)")
            return
        }
        let printed = try expectRoundTrip(document)
        if let expected = entry.printed {
            #expect(printed == expected)
        }
    }

    @Test func executableKitchenSink() throws {
        let document = try parse(try printerFixture("kitchen-sink.graphql"))
        let printed = try expectRoundTrip(document)
        #expect(printed == (try printerFixture("kitchen-sink.printed.graphql")))
    }

    @Test func schemaKitchenSink() throws {
        let document = try parse(try printerFixture("schema-kitchen-sink.graphql"))
        let printed = try expectRoundTrip(document)
        let expected = try #require(corpus.first { $0.name == "schema-kitchen-sink.graphql" }?.printed)
        #expect(printed == expected)
    }

    @Test(arguments: [
        "{ a(x: \"\"\"  a\n  b\"\"\") }",  // a value whose lines are all indented after the first
        "type T { \"\"\"\n\n  x\n\n\"\"\" f: Int }",
        "{ a(x: \"\"\"\\\"\"\"\"\"\") }",
        "{ a(x: \"\"\"\na\\\n\"\"\") }",  // a value ending with a backslash
        "{ a(x: \"\\u0000\\u001f\\u007f\\u0085\\u2028 \\uD83D\\uDE00\") }",
        "query ($v: [[Int!]]! = [[1, 2], [3]] @a @b) { f(o: {l: [{m: null}]}) }",
        "\"d\" query Q { a } \"e\" fragment F on T { b }",
        "query Q(\"\"\"multi\nline\"\"\" $a: Int = \"\"\"x\ny\"\"\") { a }",
        "{ a { b(x: \"\"\"  #\u{85}a{\"\"\", y: \"\"\" \u{2028}b\"\"\", z: \"\"\"\\b\u{2028}\"\"\") } }",
    ])
    func edgeCaseDocumentsRoundTrip(_ source: String) throws {
        try expectRoundTrip(try parse(source))
    }

    /// Printed documents parse back equal after visitor edits too (the edited AST is valid).
    @Test func editedDocumentsRoundTrip() throws {
        let document = try parse(try printerFixture("kitchen-sink.graphql"))
        let renamer = Visitor(kinds: ASTNode.KindSet(.field), leave: { node, _ in
            guard case .field(var f) = node else { return .continue }
            f.alias = Name("x_" + f.responseKey)
            return .replace(.field(f))
        })
        let edited = visit(document, renamer)
        #expect(edited != document)
        try expectRoundTrip(edited)
        #expect(Printer.print(edited).contains("x_whoever123is: node"))
    }

    /// A visitor that replaces every node by itself rebuilds the whole tree and changes nothing.
    @Test func identityEditsPreserveTheDocuments() throws {
        for name in ["kitchen-sink.graphql", "schema-kitchen-sink.graphql"] {
            let document = try parse(try printerFixture(name))
            let identity = Visitor(enter: { node, _ in .replace(node) }, leave: { node, _ in .replace(node) })
            #expect(visit(document, identity) == document)
            var counted = 0
            let counter = Visitor(enter: { _, _ in counted += 1; return .continue })
            visit(document, counter)
            #expect(counted > 100)
        }
    }

    /// The deepest documents the parser accepts print and visit on a small thread: past a few
    /// dozen levels both continue on a helper thread with a large stack. (Without that, this
    /// debug build needs over 8 MB of stack for them; with it, 1 MB here and 256 KB in release.)
    @Test func deepestDocumentsPrintAndVisitOnASmallThreadStack() throws {
        let depth = 500
        let texts = [
            String(repeating: "{ a ", count: depth) + String(repeating: "}", count: depth),
            "{ a(b: " + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + ") }",
            "{ a(b: " + String(repeating: "{a: ", count: depth - 1) + "1" + String(repeating: "}", count: depth - 1) + ") }",
            "query ($v: " + String(repeating: "[", count: depth) + "Int" + String(repeating: "]", count: depth) + ") { a }",
        ]
        let documents = try texts.map { try parse($0, options: ParseOptions(maxTokens: .max)) }
        final class Results: @unchecked Sendable {  // written by the thread, read after it ends
            var printed: [String] = []
            var visitedNodes: [Int] = []
            var rebuilt: [Document] = []
        }
        let results = Results()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { [documents] in
            for document in documents {
                results.printed.append(Printer.print(document))
                var count = 0
                visit(document, Visitor(enter: { _, _ in count += 1; return .continue }))
                results.visitedNodes.append(count)
                let identity = Visitor(enter: { node, _ in .replace(node) }, leave: { node, _ in .replace(node) })
                results.rebuilt.append(visit(document, identity))
            }
            done.signal()
        }
        thread.stackSize = 1024 * 1024
        thread.start()
        done.wait()
        #expect(results.printed.count == texts.count)
        for (i, document) in documents.enumerated() where i < results.printed.count {
            #expect(try parse(results.printed[i], options: ParseOptions(maxTokens: .max)) == document)
            #expect(results.rebuilt[i] == document)
            #expect(results.visitedNodes[i] > depth)
        }
    }
}
