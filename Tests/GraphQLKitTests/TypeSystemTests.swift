import Foundation
import Testing
@testable import GraphQLKit

@Suite struct TypeSystemTests {
    @Test func typesAreInTheReferenceOrder() throws {
        let schema = try runqlSchema()
        let expected = try fixture("types-runql.typenames.txt").split(separator: "\n").map(String.init)
        #expect(schema.types.map(\.name) == expected)
        // Int, Float and ID only when used; String and Boolean always (introspection uses them).
        let minimal = try Schema(sdl: "type Query { a: Int }")
        #expect(minimal.types.map(\.name) == ["Query", "Int", "Boolean", "String"] + Introspection.typeNames)
    }

    @Test func directivesListDefinedOnesFirst() throws {
        let schema = try runqlSchema()
        #expect(schema.directives.map(\.name) == [
            "source", "cost", "format", "link", "include", "skip", "deprecated", "specifiedBy", "oneOf",
        ])
        let source = try #require(schema.directive(named: "source"))
        #expect(source.isRepeatable)
        #expect(source.locations == [.fieldDefinition, .object])
        #expect(source.argument(named: "path")?.defaultValue == .string(StringValue(".")))
        #expect(schema.directive(named: "skip")?.locations == [.field, .fragmentSpread, .inlineFragment])
        #expect(schema.directive(named: "nope") == nil)
    }

    @Test func lookupsByName() throws {
        let schema = try runqlSchema()
        let query = try #require(schema.queryType)
        #expect(query.name == "Query")
        #expect(schema.mutationType?.name == "Mutation")
        #expect(schema.subscriptionType == nil)
        #expect(schema.rootType(for: .mutation)?.field(named: "addTag")?.type == .named("Run"))

        let runs = try #require(query.field(named: "runs"))
        #expect(runs.type.description == "RunConnection!")
        #expect(runs.type.namedType == "RunConnection")
        #expect(runs.arguments.map(\.name) == ["experiments", "where", "first", "after"])
        #expect(runs.argument(named: "first")?.defaultValue == .int(IntValue("50")))
        #expect(query.indexOfField(named: "runs") == 3)
        #expect(query.fields[3].name == "runs")
        #expect(query.field(named: "missing") == nil)

        #expect(schema.indexOfType(named: "Query").map { schema.types[$0].name } == "Query")
        #expect(schema.type(named: "Run")?.kind == .interface)
        #expect(schema.scalarType(named: "DateTime")?.specifiedByURL == "https://www.rfc-editor.org/rfc/rfc3339")
        #expect(schema.enumType(named: "Experiment")?.value(named: "XAMS")?.description == "The XAMS R&D setup in Amsterdam.")
        #expect(schema.unionType(named: "SearchResult")?.types.last == "Tag")
        #expect(schema.inputObjectType(named: "DataTarget")?.isOneOf == true)
        #expect(schema.inputObjectType(named: "Page")?.isOneOf == false)
        #expect(schema.interfaceType(named: "Run")?.interfaces == ["Node"])
        #expect(schema.objectType(named: "Run") == nil)
        #expect(schema.type(named: "Nope") == nil)
    }

    @Test func kindsOfTypes() throws {
        let schema = try runqlSchema()
        func kinds(_ name: String) -> [Bool] {
            guard let t = schema.type(named: name) else { return [] }
            return [t.isInputType, t.isOutputType, t.isLeafType, t.isCompositeType, t.isAbstractType]
        }
        #expect(kinds("Int") == [true, true, true, false, false])
        #expect(kinds("Experiment") == [true, true, true, false, false])
        #expect(kinds("Page") == [true, false, false, false, false])
        #expect(kinds("Tag") == [false, true, false, true, false])
        #expect(kinds("Run") == [false, true, false, true, true])
        #expect(kinds("SearchResult") == [false, true, false, true, true])
    }

    @Test func typesOfReferences() throws {
        let schema = try runqlSchema()
        #expect(schema.type(for: try parseType("[Run!]")) == .list(.nonNull(.named("Run"))))
        #expect(schema.type(for: try parseType("[Nope!]")) == nil)
        #expect(schema.namedType(of: .nonNull(.named("Tag")))?.name == "Tag")
        #expect(schema.isInputType(.list(.named("Page"))))
        #expect(!schema.isInputType(.named("Tag")))
        #expect(schema.isOutputType(.nonNull(.named("SearchResult"))))
        #expect(!schema.isOutputType(.named("Page")))
        #expect(!schema.isInputType(.named("Nope")) && !schema.isOutputType(.named("Nope")))
    }

    @Test func metaFields() throws {
        let schema = try runqlSchema()
        #expect(schema.field(named: "__typename", on: "Tag")?.type == .nonNull(.named("String")))
        #expect(schema.field(named: "__typename", on: "SearchResult") != nil)
        #expect(schema.field(named: "__typename", on: "Page") == nil)
        #expect(schema.field(named: "__schema", on: "Query")?.type == .nonNull(.named("__Schema")))
        #expect(schema.field(named: "__type", on: "Query")?.argument(named: "name")?.type == .nonNull(.named("String")))
        #expect(schema.field(named: "__schema", on: "Mutation") == nil)
        #expect(schema.field(named: "runs", on: "Query") != nil)
    }

    @Test func possibleTypesAndSubTypes() throws {
        let schema = try runqlSchema()
        #expect(schema.possibleTypeNames(of: "Run") == ["XenonRun", "XamsRun", "CmsRun"])
        #expect(schema.possibleTypeNames(of: "Node") == ["XenonRun", "XamsRun", "CmsRun", "CmsDataset", "Scan"])
        #expect(schema.possibleTypes(of: "SearchResult").map(\.name) == ["XenonRun", "XamsRun", "CmsRun", "CmsDataset", "Scan", "Tag"])
        #expect(schema.implementations(of: "Node").interfaces == ["Run"])
        #expect(schema.implementations(of: "Timestamped").objects == ["Scan"])
        #expect(schema.possibleTypeNames(of: "Tag") == [])

        #expect(schema.isSubType("XenonRun", of: "Run"))
        #expect(schema.isSubType("Run", of: "Node"))
        #expect(!schema.isPossibleType("Run", of: "Node"))
        #expect(schema.isPossibleType("Scan", of: "Node"))
        #expect(!schema.isSubType("Scan", of: "Run"))
        #expect(schema.isSubType("Tag", of: "SearchResult"))

        #expect(schema.doTypesOverlap("Run", "SearchResult"))
        #expect(schema.doTypesOverlap("Scan", "Node"))
        #expect(!schema.doTypesOverlap("Scan", "Run"))
        #expect(!schema.doTypesOverlap("Tag", "Comment"))
    }

    @Test func returnTypeCovariance() throws {
        let schema = try runqlSchema()
        func sub(_ a: String, _ b: String) throws -> Bool {
            schema.isTypeSubType(GraphQLType(try parseType(a)), of: GraphQLType(try parseType(b)))
        }
        #expect(try sub("Int", "Int"))
        #expect(try sub("Int!", "Int"))
        #expect(try !sub("Int", "Int!"))
        #expect(try sub("[XenonRun!]!", "[Run]"))
        #expect(try sub("XenonRun", "Node"))
        #expect(try sub("Run", "Node"))
        #expect(try !sub("Node", "Run"))
        #expect(try !sub("[Int]", "Int"))
        #expect(try !sub("Int", "[Int]"))
        #expect(try sub("Tag", "SearchResult"))
        #expect(try !sub("Float", "Int"))
    }

    @Test func introspectionTypesAreThere() throws {
        let schema = try Schema(sdl: "type Query { a: Int }")
        let type = try #require(schema.objectType(named: "__Type"))
        #expect(type.fields.map(\.name) == [
            "kind", "name", "description", "specifiedByURL", "fields", "interfaces", "possibleTypes", "enumValues",
            "inputFields", "ofType", "isOneOf",
        ])
        #expect(type.field(named: "fields")?.argument(named: "includeDeprecated")?.defaultValue == .boolean(BooleanValue(false)))
        #expect(schema.objectType(named: "__InputValue")?.fields.map(\.name) == [
            "name", "description", "type", "defaultValue", "isDeprecated", "deprecationReason",
        ])
        #expect(schema.objectType(named: "__Field")?.field(named: "args")?.arguments.map(\.name) == ["includeDeprecated"])
        #expect(schema.objectType(named: "__Directive")?.fields.map(\.name) == ["name", "description", "isRepeatable", "locations", "args"])
        #expect(schema.objectType(named: "__Schema")?.fields.map(\.name) == [
            "description", "types", "queryType", "mutationType", "subscriptionType", "directives",
        ])
        #expect(schema.enumType(named: "__TypeKind")?.values.map(\.name) == TypeKind.allCases.map(\.rawValue))
        #expect(schema.enumType(named: "__DirectiveLocation")?.values.count == 19)
    }

    @Test func deprecatedIsOnFieldsArgumentsInputFieldsAndEnumValues() throws {
        let schema = try runqlSchema()
        let deprecated = try #require(schema.directive(named: "deprecated"))
        #expect(deprecated.locations == [.fieldDefinition, .argumentDefinition, .inputFieldDefinition, .enumValue])
        #expect(deprecated.argument(named: "reason")?.type == .named("String"))
        #expect(deprecated.argument(named: "reason")?.defaultValue == .string(StringValue("No longer supported")))

        let query = try #require(schema.queryType)
        #expect(query.field(named: "oldRuns")?.deprecationReason == "No longer supported")
        #expect(query.field(named: "oldRuns")?.isDeprecated == true)
        #expect(query.field(named: "runs")?.isDeprecated == false)
        #expect(query.field(named: "xenonRuns")?.argument(named: "limit")?.deprecationReason == "Use filter.page.")
        #expect(schema.inputObjectType(named: "Page")?.field(named: "offset")?.deprecationReason == "Use after.")
        #expect(schema.inputObjectType(named: "XenonRunFilter")?.field(named: "source")?.isDeprecated == true)
        let experiment = try #require(schema.enumType(named: "Experiment"))
        #expect(experiment.value(named: "XENON")?.deprecationReason == "Ambiguous: use XENON1T or XENONNT.")
        #expect(experiment.value(named: "LEGACY")?.deprecationReason == "No longer supported")
        #expect(experiment.value(named: "CMS")?.isDeprecated == false)
    }

    @Test func requiredInputValues() {
        #expect(GraphQLArgument(name: "a", type: .nonNull(.named("Int"))).isRequired)
        #expect(!GraphQLArgument(name: "a", type: .nonNull(.named("Int")), defaultValue: .int(IntValue("1"))).isRequired)
        #expect(!GraphQLArgument(name: "a", type: .named("Int")).isRequired)
    }

    @Test func typeReferences() throws {
        let t = GraphQLType(try parseType("[[Run!]]!"))
        #expect(t == .nonNull(.list(.list(.nonNull(.named("Run"))))))
        #expect(t.description == "[[Run!]]!")
        #expect(t.namedType == "Run")
        #expect(t.isNonNull && t.isList)
        #expect(t.nullable == .list(.list(.nonNull(.named("Run")))))
        #expect(!GraphQLType.named("Run").isList)
    }

    @Test func elementsKeepTheirSourceLocations() throws {
        let schema = try runqlSchema()
        let sources = try #require(schema.queryType?.field(named: "sources")?.astNode)
        #expect(schema.sourceName(sources.source) == "types-runql-extensions.graphql")
        // A node starts at its description.
        #expect(schema.position(of: sources.node.location, inSource: sources.source)?.description == "21:3")
        #expect(schema.position(of: sources.node.name.location, inSource: sources.source)?.description == "22:3")
        let run = try #require(schema.queryType?.field(named: "run")?.astNode)
        #expect(schema.sourceName(run.source) == "types-runql.graphql")
    }

    @Test func programmaticSchemas() {
        let run = GraphQLObjectType(
            name: "Run",
            fields: [
                GraphQLField(name: "number", type: .nonNull(.named("Int"))),
                GraphQLField(name: "id", type: .nonNull(.named("ID"))),
            ])
        let query = GraphQLObjectType(
            name: "Query",
            fields: [GraphQLField(name: "run", type: .named("Run"), arguments: [GraphQLArgument(name: "number", type: .named("Int"))])])
        let schema = Schema(query: "Query", types: [.object(query), .object(run)])
        #expect(schema.validate().isEmpty)
        #expect(schema.types.map(\.name).prefix(4) == ["Query", "Int", "Run", "ID"])
        #expect(schema.directives.map(\.name) == specifiedDirectiveNames)
        #expect(schema.printed() == """
            type Query {
              run(number: Int): Run
            }

            type Run {
              number: Int!
              id: ID!
            }
            """)
    }
}

/// Literal coercion (default values, and arguments for execution) and its inverse.
@Suite struct LiteralCoercionTests {
    let schema: Schema

    init() throws {
        schema = try Schema(sdl: """
            type Query { a(x: In, o: One, e: [Color!], id: ID): Int }
            enum Color { RED GREEN }
            input In { req: Int! opt: String = "d" list: [Float] }
            input One @oneOf { a: Int b: String }
            """)
    }

    func coerce(_ text: String, _ type: String, variables: JSONObject? = nil) -> String {
        do {
            let value = try schema.coerceLiteral(try parseValue(text), to: GraphQLType(try parseType(type)), variables: variables)
            return inspect(value)
        } catch let error as ScalarCoercionError {
            return "error: " + error.message
        } catch {
            return "parse error: \(error)"
        }
    }

    @Test func coercesPerType() {
        #expect(coerce("{req: 1}", "In") == "{ req: 1, opt: \"d\" }")
        #expect(coerce("{req: 1, list: 2}", "In!") == "{ req: 1, opt: \"d\", list: [2] }")
        #expect(coerce("[RED, GREEN]", "[Color!]") == "[\"RED\", \"GREEN\"]")
        #expect(coerce("RED", "[Color!]") == "[\"RED\"]")
        #expect(coerce("null", "[Color!]") == "null")
        #expect(coerce("{a: 1}", "One") == "{ a: 1 }")
        #expect(coerce("$v", "Int", variables: ["v": .int(3)]) == "3")
        #expect(coerce("[$v]", "[Int]") == "[null]")
    }

    @Test func reportsWhy() {
        #expect(coerce("{}", "In") == "error: Field \"In.req\" of required type \"Int!\" was not provided.")
        #expect(coerce("{req: 1, nope: 2}", "In") == "error: Field \"nope\" is not defined by type \"In\". Did you mean \"opt\"?")
        #expect(coerce("1", "In") == "error: Expected value of type \"In\", found 1.")
        #expect(coerce("null", "Int!") == "error: Expected value of type \"Int!\", found null.")
        #expect(coerce("$v", "Int!") == "error: Expected value of type \"Int!\", found $v.")
        #expect(coerce("BLUE", "Color") == "error: Value \"BLUE\" does not exist in \"Color\" enum.")
        #expect(coerce("REED", "Color") == "error: Value \"REED\" does not exist in \"Color\" enum. Did you mean \"RED\" or \"GREEN\"?")
        #expect(coerce("\"RED\"", "Color") == "error: Enum \"Color\" cannot represent non-enum value: \"RED\".")
        #expect(coerce("{a: 1, b: \"x\"}", "One") == "error: OneOf Input Object \"One\" must specify exactly one key.")
        #expect(coerce("{}", "One") == "error: OneOf Input Object \"One\" must specify exactly one key.")
        #expect(coerce("{a: null}", "One") == "error: Field \"One.a\" must be non-null.")
        #expect(coerce("[1, \"2\"]", "[Int]") == "error: Int cannot represent non-integer value: \"2\"")
        #expect(coerce("1", "Query") == "error: Type \"Query\" is not an input type.")
        #expect(coerce("1", "Nope") == "error: Unknown type \"Nope\".")
    }

    @Test func valuesBackToLiterals() throws {
        func literal(_ value: JSONValue, _ type: String) throws -> String? {
            schema.literal(from: value, type: GraphQLType(try parseType(type))).map { Printer.print($0) }
        }
        #expect(try literal(.object(["list": .list([.double(1.0)]), "req": .int(1)]), "In") == "{req: 1, list: [1]}")
        #expect(try literal(.string("RED"), "Color") == "RED")
        #expect(try literal(.string("BLUE"), "Color") == nil)
        #expect(try literal(.string("12"), "ID") == "12")
        #expect(try literal(.string("012"), "ID") == "\"012\"")
        #expect(try literal(.double(2.5), "Float") == "2.5")
        #expect(try literal(.double(1e25), "Float") == "1e+25")
        #expect(try literal(.null, "Int!") == nil)
        #expect(try literal(.int(5), "[Int]") == "5")
        let arg = GraphQLArgument(name: "x", type: .named("In"), defaultValue: try parseValue("{list: 1.0, req: 2}"))
        #expect(schema.printedDefaultValue(arg) == "{req: 2, opt: \"d\", list: [1]}")
        #expect(schema.printedDefaultValue(GraphQLArgument(name: "y", type: .named("Int"))) == nil)
    }
}

@Suite struct SuggestionTests {
    /// Inputs, options and the reference's suggestions (types-suggestions.json, from the oracle).
    @Test func suggestionListMatchesTheReference() throws {
        let data = Data(try fixture("types-suggestions.json").utf8)
        let cases = try JSONSerialization.jsonObject(with: data) as? [[Any]] ?? []
        #expect(cases.count == 60)
        for c in cases {
            let input = c[0] as? String ?? ""
            let options = c[1] as? [String] ?? []
            let expected = c[2] as? [String] ?? []
            #expect(suggestionList(input, options: options) == expected, "\(input) in \(options)")
        }
    }

    @Test func didYouMeanWording() {
        #expect(didYouMean([]) == "")
        #expect(didYouMean(["a"]) == " Did you mean \"a\"?")
        #expect(didYouMean(["a", "b"]) == " Did you mean \"a\" or \"b\"?")
        #expect(didYouMean(["a", "b", "c", "d", "e", "f"]) == " Did you mean \"a\", \"b\", \"c\", \"d\", or \"e\"?")
        #expect(didYouMean(["T"], subMessage: "the type") == " Did you mean the type \"T\"?")
    }
}

@Suite struct SchemaCoordinateResolutionTests {
    func describe(_ coordinate: String) -> String {
        do {
            switch try runqlSchema().element(at: coordinate) {
            case nil: return "nil"
            case .type(let t)?: return "type \(t.name)"
            case .field(let f, let parent)?: return "field \(parent).\(f.name): \(f.type)"
            case .inputField(let f, let parent)?: return "input field \(parent).\(f.name): \(f.type)"
            case .enumValue(let v, let parent)?: return "enum value \(parent).\(v.name)"
            case .argument(let a, let field, let parent)?: return "argument \(parent).\(field)(\(a.name):): \(a.type)"
            case .directive(let d)?: return "directive @\(d.name)"
            case .directiveArgument(let a, let d)?: return "directive argument @\(d)(\(a.name):): \(a.type)"
            }
        } catch {
            return "error: \(error)"
        }
    }

    @Test func resolvesEveryKindOfCoordinate() {
        #expect(describe("XenonRun") == "type XenonRun")
        #expect(describe("String") == "type String")
        #expect(describe("Nope") == "nil")
        #expect(describe("XenonRun.data") == "field XenonRun.data: [DataLocation!]!")
        #expect(describe("Run.comments") == "field Run.comments: [Comment!]")
        #expect(describe("Page.first") == "input field Page.first: Int")
        #expect(describe("Experiment.XAMS") == "enum value Experiment.XAMS")
        #expect(describe("XenonRun.nope") == "nil")
        #expect(describe("XenonRun.data(host:)") == "argument XenonRun.data(host:): String")
        #expect(describe("XenonRun.data(nope:)") == "nil")
        #expect(describe("@source") == "directive @source")
        #expect(describe("@deprecated(reason:)") == "directive argument @deprecated(reason:): String")
        #expect(describe("@nope") == "nil")
        #expect(describe("@source(nope:)") == "nil")
    }

    @Test func missingEnclosingElementsAreErrors() {
        #expect(describe("Nope.field") == "error: Expected \"Nope\" to be defined as a type in the schema.")
        #expect(describe("DateTime.x") == "error: Expected \"DateTime\" to be an Enum, Input Object, Object or Interface type.")
        #expect(describe("Page.first(x:)") == "error: Expected \"Page\" to be an object type or interface type.")
        #expect(describe("XenonRun.nope(x:)") == "error: Expected \"nope\" to exist as a field of type \"XenonRun\" in the schema.")
        #expect(describe("@nope(x:)") == "error: Expected \"nope\" to be defined as a directive in the schema.")
        #expect(describe("XenonRun.data (host:)").hasPrefix("error: Syntax Error"))
    }
}

@Suite struct FieldAccessTests {
    @Test func fieldsByPositionAndMutation() throws {
        let schema = try runqlSchema()
        let t = try #require(schema.indexOfType(named: "Query"))
        let f = try #require(schema.queryType?.indexOfField(named: "search"))
        var field = schema.field(at: f, ofTypeAt: t)
        #expect(field.name == "search")
        #expect(field.astNode != nil)
        field.description = "Changed."
        field.deprecationReason = "Gone."
        field.directives = []
        field.astNode = nil
        #expect(field.description == "Changed." && field.deprecationReason == "Gone." && field.directives.isEmpty && field.astNode == nil)
        // The schema's copy is unchanged.
        #expect(schema.field(named: "search", on: "Query")?.description == nil)
        #expect(schema.field(named: "search", on: "Query")?.astNode != nil)
    }
}

@Suite struct TypeMutationTests {
    @Test func namedTypesKeepValueSemantics() throws {
        let schema = try runqlSchema()
        var run = try #require(schema.objectType(named: "XenonRun"))
        #expect(run.astNode != nil && run.extensionASTNodes.count == 1)
        run.description = "Changed."
        run.directives = []
        run.astNode = nil
        run.extensionASTNodes = []
        #expect(run.description == "Changed." && run.directives.isEmpty && run.astNode == nil && run.extensionASTNodes.isEmpty)
        #expect(schema.objectType(named: "XenonRun")?.astNode != nil)
        #expect(schema.objectType(named: "XenonRun")?.extensionASTNodes.count == 1)

        var json = try #require(schema.scalarType(named: "JSON"))
        json.description = nil
        #expect(json.description == nil)
        #expect(schema.scalarType(named: "JSON")?.description != nil)
    }
}
