import Testing
@testable import GraphQLKit

@Suite struct MaxIntrospectionDepthTests {
    @Test(arguments: ValidationGoldens.cases(for: "MaxIntrospectionDepth"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .maxIntrospectionDepth)
    }

    @Test func notASpecifiedRule() {
        #expect(!specifiedRules.contains { $0.name == "MaxIntrospectionDepth" })
    }

    @Test func manyFragmentPathsStayLinear() throws {
        // Each fragment spreads the next twice: 2^30 paths, each fragment explored once per depth.
        var text = "{ __schema { types { ...F0 } } }\n"
        for i in 0..<30 { text += "fragment F\(i) on __Type { name ofType { ...F\(i + 1) } a: ofType { ...F\(i + 1) } }\n" }
        text += "fragment F30 on __Type { fields { type { fields { type { fields { name } } } } } }\n"
        let errors = try validateGolden(text, rules: [.maxIntrospectionDepth])
        #expect(errors.map(\.message) == ["Maximum introspection depth exceeded"])
    }
}
