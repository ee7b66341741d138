import Testing
@testable import GraphQLKit

@Suite struct FieldsOnCorrectTypeTests {
    @Test(arguments: ValidationGoldens.cases(for: "FieldsOnCorrectType"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .fieldsOnCorrectType)
    }
}
