import Testing
@testable import GraphQLKit

@Suite struct NoUnusedFragmentsTests {
    @Test(arguments: ValidationGoldens.cases(for: "NoUnusedFragments"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .noUnusedFragments)
    }
}
