import Testing
@testable import GraphQLKit

@Suite struct KnownFragmentNamesTests {
    @Test(arguments: ValidationGoldens.cases(for: "KnownFragmentNames"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .knownFragmentNames)
    }
}
