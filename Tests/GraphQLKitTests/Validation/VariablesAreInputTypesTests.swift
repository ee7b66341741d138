import Testing
@testable import GraphQLKit

@Suite struct VariablesAreInputTypesTests {
    @Test(arguments: ValidationGoldens.cases(for: "VariablesAreInputTypes"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .variablesAreInputTypes)
    }
}
