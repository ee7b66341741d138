import Testing
@testable import GraphQLKit

@Suite struct FragmentsOnCompositeTypesTests {
    @Test(arguments: ValidationGoldens.cases(for: "FragmentsOnCompositeTypes"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .fragmentsOnCompositeTypes)
    }
}
