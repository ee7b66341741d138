import Testing
@testable import GraphQLKit

@Suite struct UniqueFragmentNamesTests {
    @Test(arguments: ValidationGoldens.cases(for: "UniqueFragmentNames"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .uniqueFragmentNames)
    }
}
