import Foundation
import Testing
@testable import GraphQLKit

private struct Run: TypeNamed, FieldValueContainer {
    var number: Int
    var graphQLTypeName: String { "XenonRun" }
    func fieldValue(forKey key: String) -> FieldValue? {
        switch key {
        case "number": FieldValue(number)
        case "source": "mongo"
        default: nil
        }
    }
}

private struct Boom: Error, CustomStringConvertible {
    var description: String { "the registry is down" }
}

@Suite struct ResolverTests {
    let sdl = """
        interface Run { number: Int! source: String }
        type XenonRun implements Run { number: Int! source: String data(key: String!, first: Int = 3): String }
        type Query { run(number: Int!): Run runs: [Run!] xenon: XenonRun fail: Int failNonNull: Int! ok: String coded: Int
          pathOf: [XenonRun] }
        """

    @Test func resolversGetParentArgumentsContextAndInfo() async throws {
        let schema = try Schema(sdl: sdl)
        let executable = try ExecutableSchema(schema: schema, resolvers: [
            "Query.run": .sync { _, args, context, info in
                #expect(info.fieldName == "run")
                #expect(info.responseKey == "r")
                #expect(info.parentTypeName == "Query")
                #expect(info.returnType == .named("Run"))
                #expect(info.path == [.key("r")])
                #expect(info.selectedFieldNames(on: "XenonRun") == ["number", "data", "__typename"])
                #expect(info.selectedFieldNames() == ["number", "data", "__typename"])  // over the possible types
                #expect(info.selection(on: "XenonRun")[1].arguments == ["key": .string("k"), "first": .int(3)])
                #expect(context as? String == "ctx")
                guard case .int(let n)? = args["number"] else { return nil }
                return .opaque(Run(number: n))
            },
            "XenonRun.data": .sync { parent, args, _, info in
                #expect(info.path == [.key("r"), .key("data")])
                guard case .opaque(let run as Run) = parent, case .string(let key)? = args["key"] else { return nil }
                return FieldValue("\(run.number):\(key)")
            },
        ])
        let result = await executable.execute(
            query: #"{ r: run(number: 7) { number ... on XenonRun { data(key: "k") } __typename } }"#, context: "ctx")
        #expect(result.json == #"{"data":{"r":{"number":7,"data":"7:k","__typename":"XenonRun"}}}"#)
    }

    @Test func throwingResolversGiveFieldErrorsAndKeepSiblings() async throws {
        let schema = try Schema(sdl: sdl)
        let executable = try ExecutableSchema(schema: schema, resolvers: [
            "Query.fail": .sync { _, _, _, _ in throw Boom() },
            "Query.failNonNull": .async { _, _, _, _ in throw Boom() },
            "Query.coded": .sync { _, _, _, _ in
                throw GraphQLError("No access.", extensions: ["code": .string("FORBIDDEN")])
            },
            "Query.ok": .value("fine"),
        ])
        let partial = await executable.execute(query: "{ ok fail coded ok2: ok }")
        #expect(partial.json == #"{"errors":[{"message":"the registry is down","locations":[{"line":1,"column":6}],"path":["fail"]},{"message":"No access.","locations":[{"line":1,"column":11}],"path":["coded"],"extensions":{"code":"FORBIDDEN"}}],"data":{"ok":"fine","fail":null,"coded":null,"ok2":"fine"}}"#)
        let nulled = await executable.execute(query: "{ ok failNonNull }")
        #expect(nulled.json == #"{"errors":[{"message":"the registry is down","locations":[{"line":1,"column":6}],"path":["failNonNull"]}],"data":null}"#)
    }

    @Test func abstractTypesFromTypeNamedValuesAndTypeResolvers() async throws {
        let schema = try Schema(sdl: sdl)
        let viaValue = try ExecutableSchema(schema: schema, resolvers: [
            "Query.runs": .value(.list([.opaque(Run(number: 1)), .opaque(Run(number: 2))]))
        ])
        let r1 = await viaValue.execute(query: "{ runs { __typename number source } }")
        #expect(r1.json == #"{"data":{"runs":[{"__typename":"XenonRun","number":1,"source":"mongo"},{"__typename":"XenonRun","number":2,"source":"mongo"}]}}"#)

        let viaResolver = try ExecutableSchema(
            schema: schema, resolvers: ["Query.run": .value(.json(.object(["number": .int(5)])))],
            typeResolvers: ["Run": { _, _, _ in "XenonRun" }])
        let r2 = await viaResolver.execute(query: "{ run(number: 1) { __typename number } }")
        #expect(r2.json == #"{"data":{"run":{"__typename":"XenonRun","number":5}}}"#)
    }

    @Test func bindingChecksTheSchema() throws {
        let schema = try Schema(sdl: sdl)
        #expect(throws: ExecutableSchemaError(messages: [
            "Resolver \"Nope.x\" names type \"Nope\", which the schema does not define.",
            "Resolver key \"Query\" is not a field coordinate such as \"Type.field\".",
            "Resolver \"Query.missing\" names field \"missing\", which type \"Query\" does not have.",
            "Type resolver \"Query\" is on object type \"Query\"; only interfaces and unions take one.",
        ])) {
            try ExecutableSchema(
                schema: schema, resolvers: ["Query.missing": .value(1), "Nope.x": .value(1), "Query": .value(1)],
                typeResolvers: ["Query": { _, _, _ in nil }])
        }
        do {
            _ = try ExecutableSchema(
                schema: schema, resolvers: ["Query.ok": .value("x"), "Run.number": .key("n")],
                defaultResolvers: .onTypes(["XenonRun"]))
            Issue.record("expected missing resolvers")
        } catch {
            #expect(error.messages.first == "Field \"Query.run\" has no resolver, and default resolvers are off for type \"Query\".")
            #expect(error.messages.count == 7)  // every Query field but `ok`
        }
        // A resolver on an interface field serves implementations that lack their own.
        _ = try ExecutableSchema(
            schema: try Schema(sdl: "interface I { a: Int } type T implements I { a: Int } type Query { t: T }"),
            resolvers: ["I.a": .value(1), "Query.t": .value(.json(.object([:])))], defaultResolvers: .nowhere)
    }

    @Test func containerParentsAndRenamedKeys() async throws {
        let schema = try Schema(sdl: "type Query { xenon: XenonRun } type XenonRun { number: Int! source: String n: Int }")
        let executable = try ExecutableSchema(schema: schema, resolvers: [
            "Query.xenon": .value(.opaque(Run(number: 3))), "XenonRun.n": .key("number"),
        ])
        let result = await executable.execute(query: "{ xenon { number source n } }")
        #expect(result.json == #"{"data":{"xenon":{"number":3,"source":"mongo","n":3}}}"#)
        // The same through `.container` (no cast per field), and FieldValue(_:) picks it.
        let direct = try ExecutableSchema(schema: schema, resolvers: [
            "Query.xenon": .value(FieldValue(Run(number: 4))), "XenonRun.n": .key("number"),
        ])
        guard case .container = FieldValue(Run(number: 4)) else {
            Issue.record("FieldValue(_:) should wrap a container as .container")
            return
        }
        #expect(await direct.execute(query: "{ xenon { number source n } }").json
            == #"{"data":{"xenon":{"number":4,"source":"mongo","n":4}}}"#)
    }

    @Test func synchronousSubtreesRunOnTheCallingTask() async throws {
        let tasks = ExecLog<Int>()
        let schema = try Schema(sdl: "type Query { items: [Item] } type Item { id: Int }")
        let executable = try ExecutableSchema(schema: schema, resolvers: [
            "Query.items": .value(.json(.list((0..<50).map { .object(["id": .int($0)]) }))),
            "Item.id": .sync { parent, _, _, _ in
                tasks.append(withUnsafeCurrentTask { $0.map { $0.hashValue } } ?? 0)
                return parent["id"] ?? nil
            },
        ])
        let caller = withUnsafeCurrentTask { $0.map { $0.hashValue } } ?? 0
        _ = await executable.execute(query: "{ items { id } }")
        #expect(tasks.values.count == 50)
        #expect(Set(tasks.values) == [caller])
    }
}

/// A thread-safe log for resolvers to write to.
final class ExecLog<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func append(_ item: T) { lock.withLock { items.append(item) } }
    var values: [T] { lock.withLock { items } }
}
