import Foundation
import Testing
@testable import GraphQLKit

// A prepared Validator keeps its validations' state for the next ones (`ValidationRun`): every
// golden case validated in turn by one Validator per schema, with several rule lists and error
// limits, must answer exactly as a fresh `validate(schema:document:)` does, so nothing of one
// document leaks into the next.

@Suite struct ValidatorReuseTests {
    @Test func oneValidatorAnswersEveryCaseInTurn() throws {
        let cases = ValidationGoldens.allCases
        try #require(!cases.isEmpty)
        var validators: [String: Validator] = [:]
        let ruleLists: [[ValidationRule]] = [specifiedRules, recommendedRules, [.noFragmentCycles, .overlappingFieldsCanBeMerged]]
        // Twice over, forwards then backwards, so each case follows different documents.
        for pass in 0..<2 {
            for c in pass == 0 ? cases : cases.reversed() {
                let schema = try #require(ValidationGoldens.schema(c.schema))
                let validator = validators[c.schema] ?? Validator(schema: schema)
                validators[c.schema] = validator
                guard let document = try? parse(Source(c.query)) else { continue }
                let source = Source(c.query)
                for rules in ruleLists {
                    for maxErrors in [100, 1] {
                        let expected = validate(schema: schema, document: document, source: source, rules: rules, maxErrors: maxErrors)
                        let actual = validator.validate(document, source: source, rules: rules, maxErrors: maxErrors)
                        #expect(actual == expected, "\(c.name) (\(rules.count) rules, maxErrors \(maxErrors))")
                    }
                }
            }
        }
    }

    @Test func builtInVisitorsAreReusableAndOutsideRulesAreNot() throws {
        let schema = try #require(ValidationGoldens.specSchema)
        let context = ValidationContext(
            lookup: SchemaLookup(schema: schema), document: Document(definitions: []), source: nil, maxErrors: 100)
        for rule in recommendedRules {
            #expect(rule.isBuiltIn)
            #expect(rule.makeTypedVisitor(context).isReusable, "\(rule.name)")
        }
        final class Outside: ValidationRuleVisitor {
            var interests: ASTNode.KindSet { [.init(.field)] }
        }
        let outside = ValidationRule(name: "ScalarLeafs", makeVisitor: { _ in Outside() })
        #expect(!outside.isBuiltIn)
        #expect(!outside.makeTypedVisitor(context).isReusable)
    }

    @Test func outsideRulesStillRunThroughAValidator() throws {
        let schema = try #require(ValidationGoldens.specSchema)
        let validator = Validator(schema: schema)
        final class CountFields: ValidationRuleVisitor {
            var interests: ASTNode.KindSet { [.init(.field)] }
            func enter(_ node: ASTNode, _ context: ValidationContext, _ visit: VisitContext) -> VisitAction {
                context.report("field", at: SourceLocation.synthetic)
                return .continue
            }
        }
        let rules = specifiedRules + [ValidationRule(name: "CountFields", makeVisitor: { _ in CountFields() })]
        let document = try parse(Source("{ dog { name } }"))
        _ = validator.validate(document)  // a kept run for the specified rules must not serve these
        #expect(validator.validate(document, rules: rules).count == 2)
        #expect(validator.validate(document).isEmpty)
    }
}
