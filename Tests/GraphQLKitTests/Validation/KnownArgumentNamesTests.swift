import Testing
@testable import GraphQLKit

@Suite struct KnownArgumentNamesTests {
    @Test(arguments: ValidationGoldens.cases(for: "KnownArgumentNames"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .knownArgumentNames)
    }
}
