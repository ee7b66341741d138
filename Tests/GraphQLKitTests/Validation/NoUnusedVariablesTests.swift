import Testing
@testable import GraphQLKit

@Suite struct NoUnusedVariablesTests {
    @Test(arguments: ValidationGoldens.cases(for: "NoUnusedVariables"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .noUnusedVariables)
    }
}
