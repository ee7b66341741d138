import Foundation
import Testing
@testable import GraphQLKit

// Differential check: random documents over the validation fixture schema (typos, wrong
// arguments and values, impossible fragments, variable misuse, duplicate directives and names,
// conflicting aliases) must get the errors the reference reports, as a multiset (messages and
// locations). Fixtures/validation-fuzz.json comes from scripts/oracle/validation-fuzz.py.

struct FuzzCase: Decodable, Sendable, CustomTestStringConvertible {
    var query: String
    var errors: [ExpectedValidationError]
    var testDescription: String { String(query.prefix(60)) }
}

private let fuzzCases: [FuzzCase] = {
    guard let url = Bundle.module.url(forResource: "Fixtures/validation-fuzz", withExtension: "json"),
        let data = try? Data(contentsOf: url)
    else { return [] }
    return (try? JSONDecoder().decode([FuzzCase].self, from: data)) ?? []
}()

@Suite struct ValidationFuzzTests {
    @Test func corpusLoaded() { #expect(fuzzCases.count >= 400) }

    @Test(arguments: fuzzCases)
    func sameErrorsAsReference(_ c: FuzzCase) throws {
        let actual = try validateGolden(c.query)
        var missing = c.errors.map(\.description)
        var extra: [String] = []
        for e in actual.map(\.description) {
            if let i = missing.firstIndex(of: e) { missing.remove(at: i) } else { extra.append(e) }
        }
        #expect(missing.isEmpty && extra.isEmpty, "missing: \(missing)\nextra: \(extra)\n\(c.query)")
    }
}
