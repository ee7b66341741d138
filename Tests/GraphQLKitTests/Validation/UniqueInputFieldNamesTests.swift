import Testing
@testable import GraphQLKit

@Suite struct UniqueInputFieldNamesTests {
    @Test(arguments: ValidationGoldens.cases(for: "UniqueInputFieldNames"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .uniqueInputFieldNames)
    }
}
