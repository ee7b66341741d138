import Testing
@testable import GraphQLKit

@Suite struct ScalarLeafsTests {
    @Test(arguments: ValidationGoldens.cases(for: "ScalarLeafs"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .scalarLeafs)
    }
}
