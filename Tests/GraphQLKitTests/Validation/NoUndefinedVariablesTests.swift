import Testing
@testable import GraphQLKit

@Suite struct NoUndefinedVariablesTests {
    @Test(arguments: ValidationGoldens.cases(for: "NoUndefinedVariables"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .noUndefinedVariables)
    }
}
