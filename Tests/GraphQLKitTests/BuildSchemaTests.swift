import Testing
@testable import GraphQLKit

@Suite struct BuildSchemaTests {
    @Test func buildsTheFixtureFromTwoFiles() throws {
        let schema = try runqlSchema()
        #expect(schema.sources.map(\.name) == ["types-runql.graphql", "types-runql-extensions.graphql"])
        #expect(schema.types.count == 58)
        #expect(schema.validate().isEmpty)
    }

    @Test func extensionsOfEveryKindAreMerged() throws {
        let schema = try runqlSchema()
        // Object and interface fields and interfaces, in definition-then-extension order.
        #expect(schema.interfaceType(named: "Run")?.fields.last?.name == "comments")
        #expect(schema.objectType(named: "XamsRun")?.fields.last?.name == "comments")
        #expect(schema.objectType(named: "Scan")?.interfaces == ["Node", "Timestamped"])
        #expect(schema.objectType(named: "Scan")?.fields.suffix(2).map(\.name) == ["created", "updated"])
        #expect(schema.objectType(named: "Scan")?.extensionASTNodes.count == 1)
        #expect(schema.queryType?.fields.last?.name == "sources")
        #expect(schema.queryType?.fields.last?.description == "Health of each backing source.")
        // Unions, enums, input objects, scalars, the schema.
        #expect(schema.unionType(named: "SearchResult")?.types == ["XenonRun", "XamsRun", "CmsRun", "CmsDataset", "Scan", "Tag"])
        let status = try #require(schema.enumType(named: "PseudoStatus"))
        #expect(status.values.map(\.name) == ["NEW_RUN", "TRANSFERRING", "NOT_PROCESSED", "PROCESSING", "PROCESSED", "ABANDONED"])
        #expect(status.value(named: "ABANDONED")?.deprecationReason == "Runs are never abandoned now.")
        #expect(schema.inputObjectType(named: "Page")?.fields.map(\.name) == ["first", "after", "offset", "last", "before"])
        #expect(schema.scalarType(named: "JSON")?.directives.map(\.name.value) == ["format"])
        #expect(schema.scalarType(named: "JSON")?.extensionASTNodes.count == 1)
        #expect(schema.extensionASTNodes.first?.node.directives.map(\.name.value) == ["link"])
    }

    @Test func extensionsMayComeBeforeTheirDefinition() throws {
        let schema = try Schema(sdl: "extend type Query { b: Int }\ntype Query { a: Int }")
        #expect(schema.queryType?.fields.map(\.name) == ["a", "b"])
    }

    @Test func manySourcesActAsOneDocument() throws {
        let schema = try Schema(
            sdl: "type Query { run: Run }", "type Run { id: ID! }", "extend type Run { number: Int }")
        #expect(schema.objectType(named: "Run")?.fields.map(\.name) == ["id", "number"])
    }

    @Test func descriptionsAreKept() throws {
        let schema = try runqlSchema()
        #expect(schema.inputObjectType(named: "DataTarget")?.description
            == "Where a run's data can be found.\n\nEither a storage element or a host path:\n  exactly one must be given.")
        #expect(schema.directive(named: "source")?.argument(named: "path")?.description == "Dotted path in the source document.")
        #expect(schema.queryType?.field(named: "search")?.argument(named: "text")?.description
            == "Free text, matched against names and tags.")
        #expect(schema.type(named: "Tag")?.description == nil)
        let described = try Schema(sdl: "\"The schema.\"\nschema { query: Q }\ntype Q { a: Int }")
        #expect(described.description == "The schema.")
        #expect(described.queryTypeName == "Q")
    }

    @Test func rootTypes() throws {
        let defaults = try Schema(sdl: "type Query { a: Int }\ntype Mutation { b: Int }\ntype Subscription { c: Int }")
        #expect(defaults.queryTypeName == "Query")
        #expect(defaults.mutationTypeName == "Mutation")
        #expect(defaults.subscriptionTypeName == "Subscription")
        // An explicit schema definition replaces the default names.
        let explicit = try Schema(sdl: "schema { query: Q }\ntype Q { a: Int }\ntype Mutation { b: Int }")
        #expect(explicit.queryTypeName == "Q")
        #expect(explicit.mutationTypeName == nil)
        #expect(explicit.astNode != nil)
        // Schema extensions add root types.
        let extended = try Schema(sdl: "type Query { a: Int }\ntype M { b: Int }\nextend schema { mutation: M }")
        #expect(extended.queryTypeName == "Query")
        #expect(extended.mutationTypeName == "M")
    }

    @Test func builtInScalarsCannotBeReplaced() throws {
        let schema = try Schema(sdl: "scalar String\ntype Query { a: String }")
        #expect(schema.scalarType(named: "String")?.description == GraphQLScalarType.string.description)
        let string = try #require(schema.scalarType(named: "String"))
        #expect(throws: ScalarCoercionError("String cannot represent a non string value: 1")) { try string.parseValue(.int(1)) }
    }

    @Test func redefinedBuiltInDirectivesReplaceTheBuiltIn() throws {
        let schema = try Schema(sdl: "directive @deprecated(reason: String) on FIELD_DEFINITION\ntype Query { a: Int @deprecated }")
        #expect(schema.directives.map(\.name) == ["deprecated", "include", "skip", "specifiedBy", "oneOf"])
        #expect(schema.directive(named: "deprecated")?.locations == [.fieldDefinition])
    }

    @Test func executableDefinitionsAreIgnored() throws {
        let schema = try Schema(sdl: "type Query { a: Int }\nquery Q { a }\nfragment F on Query { a }")
        #expect(schema.queryType?.fields.count == 1)
    }

    @Test func appliedDirectivesAreKept() throws {
        let schema = try runqlSchema()
        let xenonRuns = try #require(schema.queryType?.field(named: "xenonRuns"))
        #expect(xenonRuns.directives.map(\.name.value) == ["source", "source"])
        #expect(schema.queryType?.field(named: "runs")?.directives.first?.arguments.map(\.name.value) == ["weight", "multipliers"])
    }

    @Test func largeSchemasAreNotLimitedLikeRequests() throws {
        // Over the parser's default 15,000-token limit for requests.
        var sdl = "type Query {\n"
        for i in 0..<4000 { sdl += "  f\(i)(a: Int): [String!]\n" }
        sdl += "}\n"
        #expect(try Schema(sdl: sdl).queryType?.fields.count == 4000)
    }

    @Test func sdlErrorsAreAllReported() {
        #expect(schemaErrors("type Query { a: Run, b: Runs }\ntype Query { c: Int }\nextend enum Query { A }") == [
            "Unknown type \"Run\". (1:17)",
            "Unknown type \"Runs\". (1:25)",
            "There can be only one type named \"Query\". (1:6, 2:6)",
            "Cannot extend non-enum type \"Query\". (1:1, 3:1)",
        ])
    }

    @Test func schemaErrorDescribesEveryProblem() {
        do {
            _ = try Schema(sdl: "type Query { a: Nope }")
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.map(\.message) == ["Unknown type \"Nope\"."])
            #expect(error.errors.first?.locations == [SourcePosition(line: 1, column: 17)])
            #expect(error.description == "Unknown type \"Nope\". (GraphQL request:1:17)")
        }
    }
}
