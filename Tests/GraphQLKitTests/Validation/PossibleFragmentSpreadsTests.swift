import Testing
@testable import GraphQLKit

@Suite struct PossibleFragmentSpreadsTests {
    @Test(arguments: ValidationGoldens.cases(for: "PossibleFragmentSpreads"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .possibleFragmentSpreads)
    }
}
