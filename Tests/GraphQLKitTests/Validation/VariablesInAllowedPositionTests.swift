import Testing
@testable import GraphQLKit

@Suite struct VariablesInAllowedPositionTests {
    @Test(arguments: ValidationGoldens.cases(for: "VariablesInAllowedPosition"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .variablesInAllowedPosition)
    }
}
