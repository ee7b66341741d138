import Testing
@testable import GraphQLKit

@Suite struct UniqueArgumentNamesTests {
    @Test(arguments: ValidationGoldens.cases(for: "UniqueArgumentNames"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .uniqueArgumentNames)
    }
}
