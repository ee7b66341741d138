import Testing
@testable import GraphQLKit

@Suite struct SingleFieldSubscriptionsTests {
    @Test(arguments: ValidationGoldens.cases(for: "SingleFieldSubscriptions"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .singleFieldSubscriptions)
    }
}
