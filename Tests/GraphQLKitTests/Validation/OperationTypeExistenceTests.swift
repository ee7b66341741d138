import Testing
@testable import GraphQLKit

@Suite struct KnownOperationTypesTests {
    @Test(arguments: ValidationGoldens.cases(for: "KnownOperationTypes"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .knownOperationTypes)
    }
}
