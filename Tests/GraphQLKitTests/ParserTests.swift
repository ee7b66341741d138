import Foundation
import Testing
@testable import GraphQLKit

/// Loads a fixture from the test bundle's Fixtures folder.
func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}

/// The syntax error a document produces, as "message (line:column)".
func syntaxError(_ text: String, options: ParseOptions = ParseOptions()) -> String? {
    do {
        _ = try parse(text, options: options)
        return nil
    } catch {
        return error.description
    }
}

@Suite struct ParserTests {
    @Test func parsesKitchenSink() throws {
        let document = try parse(try fixture("kitchen-sink.graphql"))
        #expect(document.definitions.count == 7)
    }

    @Test func parsesSchemaKitchenSink() throws {
        let document = try parse(try fixture("schema-kitchen-sink.graphql"))
        #expect(document.definitions.count > 40)
    }
}
