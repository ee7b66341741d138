import Testing
@testable import GraphQLKit

/// The fixture schema: a RunQL-like schema in two files, the second made of extensions.
func runqlSchema() throws -> Schema {
    try Schema(sources: [
        Source(try fixture("types-runql.graphql"), name: "types-runql.graphql"),
        Source(try fixture("types-runql-extensions.graphql"), name: "types-runql-extensions.graphql"),
    ])
}

/// Lines that differ, for readable failures.
func firstDifference(_ a: String, _ b: String) -> String? {
    let x = a.split(separator: "\n", omittingEmptySubsequences: false)
    let y = b.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(x.count, y.count) {
        let l = i < x.count ? String(x[i]) : "<end>"
        let r = i < y.count ? String(y[i]) : "<end>"
        if l != r { return "line \(i + 1): \(l) | expected: \(r)" }
    }
    return nil
}

@Suite struct SchemaPrinterTests {
    @Test func printsFixtureLikeTheReference() throws {
        let printed = try runqlSchema().printed() + "\n"
        let expected = try fixture("types-runql.printed.graphql")
        #expect(firstDifference(printed, expected) == nil)
    }
}
