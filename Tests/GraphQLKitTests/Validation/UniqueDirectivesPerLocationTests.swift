import Testing
@testable import GraphQLKit

@Suite struct UniqueDirectivesPerLocationTests {
    @Test(arguments: ValidationGoldens.cases(for: "UniqueDirectivesPerLocation"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .uniqueDirectivesPerLocation)
    }
}
