import Foundation
import Testing
@testable import GraphQLKit

// validate() as a whole: every golden case with all the specified rules at once, the error
// limit, documents without a source, the parse-and-validate entry point, custom rules, and
// pathological documents that must validate in linear time.

@Suite struct ValidateTests {
    /// With every rule, the same errors as the reference (rules run interleaved in one walk, so
    /// only the order of errors from different rules may differ).
    @Test(arguments: ValidationGoldens.allCases)
    func allRules(_ c: ValidationCase) throws {
        let actual = try validateGolden(c.query, schema: c.schema)
        #expect(actual.sorted(by: errorOrder) == c.allErrors.sorted(by: errorOrder), "\(c.query)")
    }

    /// A prepared Validator answers exactly as validate(schema:document:) does.
    @Test(arguments: ValidationGoldens.allCases)
    func preparedValidator(_ c: ValidationCase) throws {
        let schema = try #require(ValidationGoldens.schema(c.schema))
        let validator = Validator(schema: schema)
        let source = Source(c.query)
        let document = try parse(source)
        let expected = validate(schema: schema, document: document, source: source)
        #expect(validator.validate(document, source: source) == expected)
        #expect(validator.validate(source) == expected)
    }

    @Test func validatorIsSharedAcrossTasks() async throws {
        let validator = Validator(schema: try #require(ValidationGoldens.specSchema))
        let texts = ["{ dog { name } }", "{ dog { nam } }", "query ($a: Int) { dog { name } }", "{ cat }"]
        let counts = await withTaskGroup(of: Int.self) { group in
            for i in 0..<64 { group.addTask { validator.validate(Source(texts[i % 4])).count } }
            var total = 0
            for await c in group { total += c }
            return total
        }
        #expect(counts == 16 * 3)
    }

    @Test func specifiedRulesAreEverySpecRuleOnce() {
        let names = specifiedRules.map(\.name)
        #expect(names.count == 27)
        #expect(Set(names).count == names.count)
        #expect(names.contains("KnownOperationTypes"))
        #expect(names.contains("OverlappingFieldsCanBeMerged"))
    }

    @Test func validDocumentHasNoErrors() throws {
        let errors = try validateGolden(
            """
            query Dogs($id: ID = "1", $cmd: DogCommand!, $withOwner: Boolean = false) {
              dog { ...DogFields owner @include(if: $withOwner) { name } }
              node(id: $id) { id ... on Dog { doesKnowCommand(dogCommand: $cmd) } }
            }
            fragment DogFields on Dog { name nickname barkVolume }
            """)
        #expect(errors.isEmpty)
    }

    // MARK: Error limit

    private func manyUnknownFields(_ count: Int) -> String {
        "{ " + (0..<count).map { "f\($0): unknown\($0)" }.joined(separator: " ") + " }"
    }

    @Test func stopsAfterOneHundredErrors() throws {
        let schema = try #require(ValidationGoldens.specSchema)
        let text = manyUnknownFields(150)
        let errors = validate(schema: schema, document: try parse(text), source: Source(text))
        #expect(errors.count == 101)
        #expect(errors[99].message == "Cannot query field \"unknown99\" on type \"Query\".")
        #expect(errors[100].message == "Too many validation errors, error limit reached. Validation aborted.")
        #expect(errors[100].locations.isEmpty)
    }

    @Test func customErrorLimit() throws {
        let schema = try #require(ValidationGoldens.specSchema)
        let errors = validate(schema: schema, document: try parse(manyUnknownFields(10)), maxErrors: 3)
        #expect(errors.map(\.message) == [
            "Cannot query field \"unknown0\" on type \"Query\".",
            "Cannot query field \"unknown1\" on type \"Query\".",
            "Cannot query field \"unknown2\" on type \"Query\".",
            "Too many validation errors, error limit reached. Validation aborted.",
        ])
    }

    @Test func exactlyTheLimitIsNotAborted() throws {
        let schema = try #require(ValidationGoldens.specSchema)
        let errors = validate(schema: schema, document: try parse(manyUnknownFields(3)), maxErrors: 3)
        #expect(errors.count == 3)
    }

    @Test func errorLimitAppliesToDocumentWideRules() throws {
        let schema = try #require(ValidationGoldens.specSchema)
        let text = "query Q(" + (0..<200).map { "$v\($0): Int" }.joined(separator: ", ") + ") { dog { name } }"
        let errors = validate(schema: schema, document: try parse(text))
        #expect(errors.count == 101)
        #expect(errors.last?.message == "Too many validation errors, error limit reached. Validation aborted.")
    }

    // MARK: Entry points and locations

    @Test func withoutSourceErrorsHaveNoLocations() throws {
        let schema = try #require(ValidationGoldens.specSchema)
        let errors = validate(schema: schema, document: try parse("{ dog { nam } }"))
        #expect(errors.map(\.message) == ["Cannot query field \"nam\" on type \"Dog\". Did you mean \"name\"?"])
        #expect(errors[0].locations.isEmpty)
    }

    @Test func sourceEntryPointReportsSyntaxErrors() throws {
        let schema = try #require(ValidationGoldens.specSchema)
        let errors = validate(schema: schema, source: Source("{ dog { "))
        #expect(errors.count == 1)
        #expect(errors[0].message.hasPrefix("Syntax Error"))
        let valid = validate(schema: schema, source: Source("{ dog { name } }"))
        #expect(valid.isEmpty)
    }

    @Test func locationsCountLinesAndUnicodeColumns() throws {
        let schema = try #require(ValidationGoldens.specSchema)
        // CRLF and LF both end lines; a multi-byte scalar is one column.
        let text = "# é → ü\r\n{\r\n  findDog(searchBy: {name: \"éé\"}) { nam }\n}"
        let errors = validate(schema: schema, source: Source(text))
        #expect(errors.map(\.locations) == [[SourcePosition(line: 3, column: 37)]])
    }

    @Test func documentsBuiltInCodeValidate() throws {
        let schema = try #require(ValidationGoldens.specSchema)
        let field = Field(name: Name("dog"), selectionSet: SelectionSet(selections: [
            .field(Field(name: Name("name"))), .field(Field(alias: Name("name"), name: Name("nickname"))),
        ]))
        let document = Document(definitions: [
            .operation(OperationDefinition(operation: .query, selectionSet: SelectionSet(selections: [.field(field)])))
        ])
        let errors = validate(schema: schema, document: document)
        #expect(errors.map(\.message) == [
            "Fields \"name\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional."
        ])
    }

    @Test func customRule() throws {
        final class NoDogs: ValidationRuleVisitor {
            var interests: ASTNode.KindSet { [.init(.field)] }
            func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
                if case .field(let f) = node, context.typeInfo.fieldDefinition?.type.namedType == "Dog" {
                    context.report("No dogs on \(context.typeInfo.parentTypeName ?? "?").", at: f.location)
                }
                return .continue
            }
        }
        let rule = ValidationRule(name: "NoDogs") { _ in NoDogs() }
        let errors = try validateGolden("{ dog { name bestFriend { name } } }", rules: specifiedRules + [rule])
        #expect(errors == [
            ExpectedValidationError(message: "No dogs on Query.", locations: [[1, 3]]),
            ExpectedValidationError(message: "No dogs on Dog.", locations: [[1, 14]]),
        ])
    }

    // MARK: Pathological documents (must finish quickly: linear, not quadratic or exponential)

    @Test func thousandRepeatedFields() throws {
        let text = "{ dog { " + String(repeating: "name ", count: 1000) + "} }"
        #expect(try validateGolden(text).isEmpty)
    }

    @Test func thousandRepeatedFieldsWithSubselections() throws {
        let text = "{ " + String(repeating: "dog { name owner { name } } ", count: 1000) + "}"
        #expect(try validateGolden(text).isEmpty)
    }

    @Test func thousandRepeatedConflictingFieldsStopAtTheLimit() throws {
        let text = "{ dog { " + String(repeating: "name: nickname name ", count: 500) + "} }"
        let errors = try validateGolden(text)
        #expect(errors.count == 101)
    }

    @Test func hundredNestedFragmentSpreads() throws {
        var text = "{ dog { ...F0 } }\n"
        for i in 0..<100 { text += "fragment F\(i) on Dog { name ...F\(i + 1) }\n" }
        text += "fragment F100 on Dog { name }\n"
        #expect(try validateGolden(text).isEmpty)
    }

    @Test func hundredFragmentsEachSpreadingAllLaterOnes() throws {
        var text = "{ dog { ...F0 } }\n"
        for i in 0..<100 {
            text += "fragment F\(i) on Dog { name " + (i + 1...100).map { "...F\($0)" }.joined(separator: " ") + " }\n"
        }
        text += "fragment F100 on Dog { name }\n"
        #expect(try validateGolden(text).isEmpty)
    }

    @Test func twoHundredAliasesOfOneField() throws {
        let text = "{ dog { " + (0..<200).map { "a\($0): name" }.joined(separator: " ") + " } }"
        #expect(try validateGolden(text).isEmpty)
        let sameAlias = "{ " + (0..<200).map { _ in "d: dog { n: name }" }.joined(separator: " ") + " }"
        #expect(try validateGolden(sameAlias).isEmpty)
    }

    @Test func deepNesting() throws {
        let text = "{ deep { " + String(repeating: "a { ", count: 200) + "scalar" + String(repeating: " }", count: 200) + " } }"
        #expect(try validateGolden(text).isEmpty)
    }

    @Test func fragmentCycleChain() throws {
        var text = "{ dog { ...F0 } }\n"
        for i in 0..<300 { text += "fragment F\(i) on Dog { name ...F\((i + 1) % 300) }\n" }
        let errors = try validateGolden(text)
        #expect(errors.count == 1)
        #expect(errors[0].message.hasPrefix("Cannot spread fragment \"F0\" within itself via \"F1\", \"F2\""))
    }
}

private func errorOrder(_ a: ExpectedValidationError, _ b: ExpectedValidationError) -> Bool {
    if a.message != b.message { return a.message < b.message }
    return a.locations.lexicographicallyPrecedes(b.locations) { $0.lexicographicallyPrecedes($1) }
}
