import Foundation
import Testing
@testable import GraphQLKit

// The validation goldens: Fixtures/validation-cases.json holds each case (a document, the schema
// it is checked against, the rule it exercises) with the errors the reference implementation
// reports, produced by scripts/oracle/validation-goldens.py with graphql-core as a black box (every
// example and counter-example of the spec's Section 5, plus further cases per rule).

struct ExpectedValidationError: Decodable, Sendable, Hashable, CustomStringConvertible {
    var message: String
    var locations: [[Int]]
    var description: String { message + " " + locations.map { "\($0[0]):\($0[1])" }.joined(separator: ",") }
}

struct ValidationCase: Decodable, Sendable, CustomTestStringConvertible {
    var rule: String
    var name: String
    var schema: String
    var query: String
    /// What the case's rule alone reports.
    var errors: [ExpectedValidationError]
    /// What all the specified rules report together.
    var allErrors: [ExpectedValidationError]
    var testDescription: String { name }
}

private struct ValidationCorpus: Decodable {
    var schemas: [String: String]
    var cases: [ValidationCase]
}

private let corpus: ValidationCorpus? = {
    guard let url = Bundle.module.url(forResource: "Fixtures/validation-cases", withExtension: "json"),
        let data = try? Data(contentsOf: url)
    else { return nil }
    return try? JSONDecoder().decode(ValidationCorpus.self, from: data)
}()

private let schemas: [String: Schema] = {
    var built: [String: Schema] = [:]
    for (name, sdl) in corpus?.schemas ?? [:] {
        built[name] = try? Schema(sdl: sdl)
    }
    return built
}()

enum ValidationGoldens {
    static var allCases: [ValidationCase] { corpus?.cases ?? [] }

    static func cases(for rule: String) -> [ValidationCase] { allCases.filter { $0.rule == rule } }

    static func schema(_ name: String) -> Schema? { schemas[name] }

    /// The schema of the spec's examples (Fixtures/validation-schema.graphql).
    static var specSchema: Schema? { schemas["spec"] }
}

func actualErrors(_ errors: [GraphQLError]) -> [ExpectedValidationError] {
    errors.map { e in ExpectedValidationError(message: e.message, locations: e.locations.map { [$0.line, $0.column] }) }
}

/// Validates `text` against the named golden schema with the given rules.
func validateGolden(_ text: String, schema name: String = "spec", rules: [ValidationRule] = specifiedRules) throws
    -> [ExpectedValidationError]
{
    let schema = try #require(ValidationGoldens.schema(name), "schema \(name) did not build")
    let source = Source(text)
    let document = try parse(source)
    return actualErrors(validate(schema: schema, document: document, source: source, rules: rules))
}

/// Checks one golden case with one rule: the same errors, in the same order.
func expectGolden(_ c: ValidationCase, rule: ValidationRule, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    #expect(rule.name == c.rule, sourceLocation: sourceLocation)
    let actual = try validateGolden(c.query, schema: c.schema, rules: [rule])
    #expect(actual == c.errors, "\(c.name)\n\(c.query)", sourceLocation: sourceLocation)
}
