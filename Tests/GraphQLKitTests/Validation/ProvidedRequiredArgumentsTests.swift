import Testing
@testable import GraphQLKit

@Suite struct ProvidedRequiredArgumentsTests {
    @Test(arguments: ValidationGoldens.cases(for: "ProvidedRequiredArguments"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .providedRequiredArguments)
    }
}
