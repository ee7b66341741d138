import Foundation
import Testing
@testable import GraphQLKit

@Suite struct OverlappingFieldsCanBeMergedTests {
    @Test(arguments: ValidationGoldens.cases(for: "OverlappingFieldsCanBeMerged"))
    func golden(_ c: ValidationCase) throws {
        try expectGolden(c, rule: .overlappingFieldsCanBeMerged)
    }

    private static let cycleSchema = """
        type Run { id: ID! number: Int! previous: Run }
        type Query { run: Run }
        """

    /// A fragment that spreads itself inside a sub-selection, compared with fields of the same
    /// key: the rule ends (graphql-core 3.2 recurses until Python's limit here) and the cycle
    /// is reported by NoFragmentCycles.
    @Test(arguments: [
        "{ run { previous { number } ...F } } fragment F on Run { previous { ...F } }",
        "{ run { ...F previous { previous { id } ...F } } } fragment F on Run { previous { ...F previous { number } } }",
        "{ run { ...F ...G } } fragment F on Run { previous { ...G } } fragment G on Run { previous { ...F id } }",
    ])
    func fragmentCyclesInSubSelectionsEnd(_ query: String) throws {
        let schema = try Schema(sdl: Self.cycleSchema)
        let errors = validate(schema: schema, document: try parse(query))
        #expect(errors.contains { $0.message.hasPrefix("Cannot spread fragment") }, "\(errors.map(\.message))")
    }

    /// Found by fuzzing (scripts/fuzz.sh run graphql-document, 2026-12-07): this document
    /// overflowed the stack in this rule before the comparisons in progress were tracked.
    /// The second took seconds when each comparison could repeat inside itself a few times
    /// with no bound on the repeats in all (each repeat branches).
    @Test(arguments: ["overlapping-fields-fragment-cycle", "overlapping-fields-fragment-cycle-slow"])
    func fuzzFindingWithASelfSpreadingFragmentEnds(_ name: String) throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/fuzz-findings/" + name, withExtension: "graphql"))
        // The fuzz target's schema (Fuzz/Targets/graphql-document.swift), which the findings
        // need; that target is compiled by swiftc outside the package and cannot share it.
        let schema = try Schema(sdl: """
            interface Node { id: ID! }
            type Run implements Node { id: ID! number: Int! tags(first: Int = 5): [String!]! previous: Run }
            union Item = Run
            input RunWhere @oneOf { number: Int name: String }
            enum Order { ASC DESC }
            type Query { run(where: RunWhere!): Run runs(order: Order = DESC, first: Int): [Run!]! node(id: ID!): Node items: [Item] }
            type Mutation { tag(id: ID!, name: String!): Run }
            """)
        let document = try parse(Source(bytes: Array(try Data(contentsOf: url))))
        #expect(!validate(schema: schema, document: document).isEmpty)
    }
}
