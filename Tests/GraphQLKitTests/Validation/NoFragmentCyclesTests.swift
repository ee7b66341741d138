import Testing
@testable import GraphQLKit

@Suite struct NoFragmentCyclesTests {
    @Test(arguments: ValidationGoldens.cases(for: "NoFragmentCycles"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .noFragmentCycles)
    }
}
