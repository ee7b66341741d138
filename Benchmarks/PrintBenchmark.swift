// Printer and visitor benchmarks: `swift run -c release runql-bench print`.
//
// - print the kitchen-sink query (parsed once from the test fixture's text, embedded here);
// - print a generated SDL document of about 700 KB (parsed once), and the same at a quarter of
//   the size, to show growth is linear;
// - one visit of the kitchen-sink query with 20 parallel visitors (the per-request shape);
// - one full visit of the large SDL and of a large generated query, with one no-op visitor
//   that sees every node and with 20 parallel visitors, each interested in a few kinds
//   (the shape validation will have).
import Foundation
import GraphQLKit

func runPrintBenchmarks() {
    let unlimited = ParseOptions(maxTokens: .max, maxDepth: 500)
    if ProcessInfo.processInfo.environment["WALK_ONLY"] != nil {
        let document = (try? parse(generatedSDL(types: 1_000), options: unlimited)) ?? Document(definitions: [])
        // Profiling aid: WALK_ONLY=1 (no calls), =all (one visitor sees all), =parallel (20 visitors).
        let mode = ProcessInfo.processInfo.environment["WALK_ONLY"] ?? ""
        let iterations = Int(ProcessInfo.processInfo.environment["WALK_ITERATIONS"] ?? "") ?? 200
        report("walk", iterations: iterations) {
            if mode == "parallel" {
                var v = ParallelVisitor(validationLikeVisitors())
                visit(document, &v)
                blackHole(v.visitors.count)
            } else {
                var v = KindCounter(interests: mode == "all" ? .all : [])
                visit(document, &v)
                blackHole(v.count)
            }
        }
        return
    }

    guard let kitchenSink = try? parse(printBenchmarkKitchenSink, options: unlimited) else {
        print("print: the kitchen-sink query does not parse")
        return
    }
    let kitchenSinkBytes = Printer.print(kitchenSink).utf8.count
    report("print kitchen-sink query (\(kitchenSinkBytes) B out)", iterations: 20_000) {
        blackHole(Printer.print(kitchenSink).utf8.count)
    }

    for types in [212, 850] {
        let sdl = generatedSDL(types: types)
        guard let document = try? parse(sdl, options: unlimited) else {
            print("print: the generated SDL does not parse")
            return
        }
        let out = Printer.print(document).utf8.count
        let seconds = report("print SDL, \(types) types (\(sdl.utf8.count / 1024) KB in, \(out / 1024) KB out)", iterations: 20) {
            blackHole(Printer.print(document).utf8.count)
        }
        print(String(format: "    %.0f MB/s printed", Double(out) / seconds / 1e6))
    }

    let kitchenSinkNodes: Int = {
        var counter = NodeCounter()
        visit(kitchenSink, &counter)
        return counter.count
    }()
    let rules = validationLikeVisitors()
    report("build a parallel visitor of 20", iterations: 20_000) {
        blackHole(ParallelVisitor(rules).visitors.count)
    }
    report("visit kitchen-sink query (\(kitchenSinkNodes) nodes), 20 parallel visitors, built each time", iterations: 20_000) {
        var v = ParallelVisitor(rules)
        visit(kitchenSink, &v)
        blackHole(v.visitors.count)
    }

    let sdlDocument = (try? parse(generatedSDL(types: 850), options: unlimited)) ?? Document(definitions: [])
    let queryDocument = (try? parse(generatedQuery(fields: 4_000), options: unlimited)) ?? Document(definitions: [])
    for (label, document) in [("SDL, 850 types", sdlDocument), ("query, 4000 fields", queryDocument)] {
        var nodes = NodeCounter()
        visit(document, &nodes)
        let single = report("visit \(label) (\(nodes.count) nodes), 1 visitor", iterations: 50) {
            var v = NodeCounter()
            visit(document, &v)
            blackHole(v.count)
        }
        print(String(format: "    %.1f ns per node", single / Double(nodes.count) * 1e9))
        let bare = report("visit \(label), walk only (visitor sees no kind)", iterations: 50) {
            var v = KindCounter(interests: [])
            visit(document, &v)
            blackHole(v.count)
        }
        print(String(format: "    %.1f ns per node", bare / Double(nodes.count) * 1e9))
        let parallel = report("visit \(label), 20 parallel visitors", iterations: 50) {
            var v = ParallelVisitor(validationLikeVisitors())
            visit(document, &v)
            blackHole(v.visitors.count)
        }
        print(String(format: "    %.1f ns per node", parallel / Double(nodes.count) * 1e9))
    }
}

/// Sees every node and counts it.
struct NodeCounter: ASTVisitor {
    var count = 0
    mutating func enter(_ node: ASTNode, _ context: VisitContext) -> VisitAction {
        count += 1
        return .continue
    }
}

/// Counts the nodes of a few kinds, as a validation rule looks at a few kinds.
struct KindCounter: ASTVisitor {
    let interests: ASTNode.KindSet
    var count = 0
    mutating func enter(_ node: ASTNode, _ context: VisitContext) -> VisitAction {
        count += 1
        return .continue
    }
    mutating func leave(_ node: ASTNode, _ context: VisitContext) -> VisitAction {
        count += 1
        return .continue
    }
}

func validationLikeVisitors() -> [any ASTVisitor] {
    let kindSets: [[ASTNode.Kind]] = [
        [.operationDefinition], [.operationDefinition, .fragmentDefinition], [.field], [.field, .inlineFragment],
        [.fragmentSpread], [.fragmentDefinition, .fragmentSpread], [.argument], [.field, .directive],
        [.directive], [.variableDefinition], [.variable], [.objectValue, .objectField], [.listValue, .objectValue],
        [.selectionSet], [.namedType], [.inlineFragment, .fragmentSpread], [.field, .selectionSet],
        [.enumValue, .stringValue, .intValue], [.objectTypeDefinition, .fieldDefinition], [.document],
    ]
    return kindSets.map { KindCounter(interests: ASTNode.KindSet($0)) }
}

@discardableResult
func report(_ label: String, iterations: Int, _ body: () -> Void) -> Double {
    for _ in 0..<max(1, iterations / 10) { body() }  // warm up
    var samples: [Double] = []
    let rounds = 5
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<iterations { body() }
        let end = DispatchTime.now().uptimeNanoseconds
        samples.append(Double(end - start) / 1e9 / Double(iterations))
    }
    samples.sort()
    let median = samples[rounds / 2]
    print("\(label): median \(formatDuration(median)), best \(formatDuration(samples[0]))")
    return median
}

func formatDuration(_ seconds: Double) -> String {
    if seconds < 1e-3 { return String(format: "%.2f µs", seconds * 1e6) }
    return String(format: "%.3f ms", seconds * 1e3)
}

@inline(never)
func blackHole(_ value: Int) {
    if value == Int.min { print(value) }
}

/// A type-system document with every kind of definition, descriptions (plain and block) and
/// arguments with defaults; 850 types make about 700 KB.
func generatedSDL(types: Int) -> String {
    var out = "schema { query: Query0 mutation: Query1 }\n\n"
    out.reserveCapacity(types * 760)
    for t in 0..<types {
        switch t % 5 {
        case 0, 1:
            out += "\"\"\"\nRun registry type number \(t).\nIt has several fields.\n\"\"\"\n"
            out += "type Query\(t) implements Node & Entity\(t % 7) @key(fields: \"id\") {\n"
            for f in 0..<8 {
                out += "  \"Field \(f) of type \(t)\"\n"
                out += "  field\(f)(first: Int = 10, after: String, filter: Filter\(t % 11) = {status: ACTIVE, tags: [\"a\", \"b\"]}): "
                out += "[Query\((t + f + 1) % types)!]! @deprecated(reason: \"use field\(f + 1)\")\n"
            }
            out += "}\n\n"
        case 2:
            out += "enum Status\(t) @flag {\n"
            for v in 0..<12 { out += "  \"Value \(v)\"\n  VALUE_\(v)\(v % 3 == 0 ? " @deprecated" : "")\n" }
            out += "}\n\n"
        case 3:
            out += "\"Filter input \(t)\"\ninput Filter\(t) @oneOf {\n"
            for f in 0..<10 { out += "  \"Input field \(f)\"\n  key\(f): [String!] = [\"x\", \"y\"] @constraint(max: \(f * 10))\n" }
            out += "}\n\n"
        default:
            out += "union Result\(t) = Query\((t + 1) % types) | Query\((t + 2) % types) | Query\((t + 3) % types)\n\n"
            out += "\"Directive \(t)\"\ndirective @dir\(t)(\"The argument\" arg: Int = \(t), other: [ID!]) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE\n\n"
            out += "extend type Query\((t + 1) % types) @extra\(t) {\n  added\(t)(id: ID!): String\n}\n\n"
        }
    }
    return out
}

/// A query of many fields with arguments, fragments and nesting.
func generatedQuery(fields: Int) -> String {
    var out = "query Big($id: ID!, $first: Int = 10) {\n"
    for f in 0..<fields / 4 {
        out += "  a\(f): node(id: $id, first: $first, filter: {status: ACTIVE, tags: [\"x\", \"y\"]}) @include(if: true) {\n"
        out += "    id\n    ... on Run { number }\n    ...F\n  }\n"
    }
    out += "}\n\nfragment F on Run { name @skip(if: false) }\n"
    return out
}

/// The kitchen-sink query of the test fixtures (Tests/GraphQLKitTests/Fixtures/kitchen-sink.graphql).
let printBenchmarkKitchenSink = #"""
# Every construct of an executable document (GraphQL, September 2025 edition).
"""
Find runs of a detector, with their datasets.
Descriptions on operations MUST NOT affect execution.
"""
query queryName(
  "The detector to look at."
  $foo: ComplexType
  $site: Site = MARS
  $ids: [ID!]! = ["r1", "r2"] @tag(name: "ids")
  "Tuning"
  $cut: Float = -1.5e-3
  $empty: [Int] = []
  $obj: Filter = {a: {b: [1, 2.0, "s", true, false, null, ENUM]}, c: {}}
) @onQuery {
  whoever123is: node(id: [123, 456]) {
    id
    ... on User @onInlineFragment {
      field2 {
        id
        alias: field1(first: 10, after: $foo) @include(if: $foo) {
          id
          ...frag @onFragmentSpread
        }
      }
    }
    ... @skip(unless: $foo) {
      id
    }
    ... {
      id
    }
  }
}

mutation likeStory @onMutation {
  like(story: 123, note: "caf\u00e9 \u{1F600} \uD83D\uDE00 \"quoted\" \\ \/ \b\f\n\r\t") @onField {
    story {
      id @onField
    }
  }
}

subscription StoryLikeSubscription($input: StoryLikeSubscribeInput @onVariableDefinition) @onSubscription {
  storyLikeSubscribe(input: $input) {
    story {
      likers {
        count
      }
      likeSentence {
        text
      }
    }
  }
}

"A fragment with a description."
fragment frag on Friend @onFragmentDefinition {
  foo(
    size: $size
    bar: $b
    obj: {key: "value", block: """
      block string uses \"""
    """}
  )
}

query teeny {
  unnamed(truthy: true, falsy: false, nullish: null)
  query
}

query {
  __typename
}

{
  on
  fragment
  query
  extend
}
"""#
