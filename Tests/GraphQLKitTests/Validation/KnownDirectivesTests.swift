import Testing
@testable import GraphQLKit

@Suite struct KnownDirectivesTests {
    @Test(arguments: ValidationGoldens.cases(for: "KnownDirectives"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .knownDirectives)
    }
}
