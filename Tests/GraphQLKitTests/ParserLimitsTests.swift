import Foundation
import Synchronization
import Testing
@testable import GraphQLKit

@Suite struct ParserLimitsTests {
    let unlimitedTokens = ParseOptions(maxTokens: .max)

    @Test func defaults() {
        #expect(ParseOptions().maxTokens == 15_000)
        #expect(ParseOptions().maxDepth == 500)
    }

    @Test func tokenLimit() {
        let fields = (1...15_000).map { "f\($0)" }.joined(separator: " ")
        // "{" plus 14,999 fields plus "}" is exactly 15,001 tokens.
        let atLimit = "{ " + (1..<14_999).map { "f\($0)" }.joined(separator: " ") + " }"
        #expect(syntaxError(atLimit) == nil)
        #expect(
            syntaxError("{ " + fields + " }")
                == "Syntax Error: Document contains more than 15000 tokens. Parsing aborted. (1:\(2 + fields.utf8.count - 5))")
        #expect(syntaxError("{ a b c }", options: ParseOptions(maxTokens: 4)) == "Syntax Error: Document contains more than 4 tokens. Parsing aborted. (1:9)")
        #expect(syntaxError("{ a b }", options: ParseOptions(maxTokens: 4)) == nil)
    }

    @Test func tokenLimitAppliesToEveryEntryPoint() {
        #expect(throws: GraphQLError.self) { try parseValue("[1, 2, 3]", options: ParseOptions(maxTokens: 3)) }
        #expect(throws: GraphQLError.self) { try parseType("[[Int]]", options: ParseOptions(maxTokens: 3)) }
    }

    @Test func nestingUpToTheLimitParses() throws {
        let depth = 500
        let selections = String(repeating: "{ a ", count: depth) + String(repeating: "}", count: depth)
        #expect(syntaxError(selections, options: unlimitedTokens) == nil)
        let list = "{ f(a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + ") }"
        // The field's selection set is one level, so the list can nest 499 more.
        #expect(syntaxError(list, options: unlimitedTokens) != nil)
        #expect(try parseValue(String(repeating: "[", count: depth) + String(repeating: "]", count: depth), options: unlimitedTokens) != .null(NullValue()))
        let type = String(repeating: "[", count: depth) + "Int" + String(repeating: "]", count: depth)
        #expect(try parseType(type).namedType.name.value == "Int")
    }

    @Test func nestingPastTheLimitIsAnError() {
        let message = "Syntax Error: Document is nested more than 500 levels deep. Parsing aborted."
        let selections = String(repeating: "{ a ", count: 501) + String(repeating: "}", count: 501)
        #expect(syntaxError(selections, options: unlimitedTokens) == message + " (1:2001)")
        #expect(
            syntaxError("query ($v: " + String(repeating: "[", count: 501) + "Int" + String(repeating: "]", count: 501) + ") { a }")
                == message + " (1:512)")
        #expect(
            syntaxError("{ f(a: " + String(repeating: "{b: ", count: 500) + "1" + String(repeating: "}", count: 500) + ") }", options: unlimitedTokens)
                == message + " (1:2004)")
        #expect(syntaxError("{ { } }", options: ParseOptions(maxDepth: 1)) == "Syntax Error: Expected Name, found \"{\". (1:3)")
        #expect(syntaxError("{ a { b } }", options: ParseOptions(maxDepth: 1)) == "Syntax Error: Document is nested more than 1 levels deep. Parsing aborted. (1:5)")
    }

    @Test func hugeNestingReturnsAnErrorWithoutExhaustingTheStack() {
        // Not nesting at all: the second "{" is where a field should be.
        #expect(syntaxError(String(repeating: "{", count: 100_000)) == #"Syntax Error: Expected Name, found "{". (1:2)"#)
        #expect(syntaxError(String(repeating: "[", count: 100_000)) == #"Syntax Error: Unexpected "[". (1:1)"#)
        for (prefix, level) in [("", "{ a "), ("{ f(a: ", "["), ("{ f(a: ", "{b: "), ("query ($v: ", "[")] {
            let text = prefix + String(repeating: level, count: 100_000)
            #expect(syntaxError(text, options: unlimitedTokens)?.contains("nested more than 500 levels") == true, "\(level)")
            // With the default options the depth limit still fires first.
            #expect(syntaxError(text)?.contains("nested more than 500 levels") == true, "\(level)")
        }
        let deepType = "query ($v: " + String(repeating: "[", count: 100_000) + "Int"
        #expect(syntaxError(deepType, options: unlimitedTokens)?.contains("nested more than 500 levels") == true)
        let deepValue = String(repeating: "[", count: 100_000)
        #expect(throws: GraphQLError.self) { try parseValue(deepValue, options: unlimitedTokens) }
    }

    @Test func maximumNestingParsesOnASmallThreadStack() {
        // Nesting is parsed with explicit stacks, so even a 256 KB thread (a quarter of what
        // Swift's own cooperative threads get on some platforms) handles the deepest documents.
        let depth = 500
        let texts = [
            String(repeating: "{ a ", count: depth) + String(repeating: "}", count: depth),
            "{ a(b: " + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + ") }",
            "{ a(b: " + String(repeating: "{a: ", count: depth - 1) + "1" + String(repeating: "}", count: depth - 1) + ") }",
            "query ($v: " + String(repeating: "[", count: depth) + "Int" + String(repeating: "]", count: depth) + ") { a }",
            String(repeating: "{ a ", count: 100_000),
        ]
        let results = Mutex<[String?]>([])
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            for text in texts {
                let error = syntaxError(text, options: ParseOptions(maxTokens: .max))
                results.withLock { $0.append(error) }
            }
            done.signal()
        }
        thread.stackSize = 256 * 1024
        thread.start()
        done.wait()
        let errors = results.withLock { $0 }
        #expect(errors.count == texts.count)
        #expect(errors.prefix(4).allSatisfy { $0 == nil })
        #expect(errors.last??.contains("nested more than 500 levels") == true)
    }

    @Test func largeDocumentIsRefusedByTheTokenLimitQuickly() {
        let field = "field(arg: \"value\", other: 12345) { sub }\n"
        let text = "{\n" + String(repeating: field, count: 10_000_000 / field.utf8.count) + "}"
        #expect(text.utf8.count > 9_900_000)
        let start = ContinuousClock.now
        #expect(syntaxError(text)?.hasPrefix("Syntax Error: Document contains more than 15000 tokens.") == true)
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test func largeDocumentParsesInLinearTime() throws {
        // Without a token limit a large document parses; doubling it should roughly double the time.
        func timeToParse(copies: Int) throws -> Duration {
            let type = "type T_N { \"doc\" f(a: Int = 1, b: [String!]): [T!]! @d e: E }\n"
            let text = (0..<copies).map { type.replacingOccurrences(of: "_N", with: "\($0)") }.joined()
            let start = ContinuousClock.now
            let document = try parse(text, options: unlimitedTokens)
            let elapsed = ContinuousClock.now - start
            #expect(document.definitions.count == copies)
            return elapsed
        }
        _ = try timeToParse(copies: 2_000)
        // The fastest of three runs, so that a busy machine does not fail the test.
        let small = try (0..<3).map { _ in try timeToParse(copies: 8_000) }.min() ?? .zero
        let large = try (0..<3).map { _ in try timeToParse(copies: 32_000) }.min() ?? .zero
        // 4x the text: linear growth is about 4x, quadratic would be 16x.
        #expect(large < small * 10)
    }
}
