import Testing
@testable import GraphQLKit

@Suite struct UniqueOperationNamesTests {
    @Test(arguments: ValidationGoldens.cases(for: "UniqueOperationNames"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .uniqueOperationNames)
    }
}
