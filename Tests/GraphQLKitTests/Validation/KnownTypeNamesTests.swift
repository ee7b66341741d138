import Testing
@testable import GraphQLKit

@Suite struct KnownTypeNamesTests {
    @Test(arguments: ValidationGoldens.cases(for: "KnownTypeNames"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .knownTypeNames)
    }
}
