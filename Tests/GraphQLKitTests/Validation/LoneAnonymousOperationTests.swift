import Testing
@testable import GraphQLKit

@Suite struct LoneAnonymousOperationTests {
    @Test(arguments: ValidationGoldens.cases(for: "LoneAnonymousOperation"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .loneAnonymousOperation)
    }
}
