import Testing
@testable import GraphQLKit

@Suite struct ValuesOfCorrectTypeTests {
    @Test(arguments: ValidationGoldens.cases(for: "ValuesOfCorrectType"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .valuesOfCorrectType)
    }
}
