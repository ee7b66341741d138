import Testing
@testable import GraphQLKit

@Suite struct UniqueVariableNamesTests {
    @Test(arguments: ValidationGoldens.cases(for: "UniqueVariableNames"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .uniqueVariableNames)
    }
}
