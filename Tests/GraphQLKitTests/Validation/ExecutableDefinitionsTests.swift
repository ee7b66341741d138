import Testing
@testable import GraphQLKit

@Suite struct ExecutableDefinitionsTests {
    @Test(arguments: ValidationGoldens.cases(for: "ExecutableDefinitions"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .executableDefinitions)
    }
}
