import Testing
@testable import GraphQLKit

@Suite struct OverlappingFieldsCanBeMergedTests {
    @Test(arguments: ValidationGoldens.cases(for: "OverlappingFieldsCanBeMerged"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .overlappingFieldsCanBeMerged)
    }
}
