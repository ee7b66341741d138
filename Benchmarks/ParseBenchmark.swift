// Parser benchmarks: `swift run -c release runql-bench parse`.
//
// Figures: median time to parse the kitchen-sink query (a copy of
// Tests/GraphQLKitTests/Fixtures/kitchen-sink.graphql), median time to parse a generated SDL
// document of about 700 KB, tokens per second, and parse time at 1x, 2x and 4x that size.
import Foundation
import GraphQLKit

func runParseBenchmarks() {
    // RUNQL_PARSE_PROFILE=query|sdl runs one workload a fixed number of times, for profilers
    // such as `valgrind --tool=callgrind`, whose instruction counts do not depend on load.
    if let workload = ProcessInfo.processInfo.environment["RUNQL_PARSE_PROFILE"] {
        let source = workload == "sdl" ? Source(generatedSchema(bytes: 700_000)) : Source(kitchenSinkQuery)
        var count = 0
        for _ in 0..<(workload == "sdl" ? 5 : 2_000) * (ProcessInfo.processInfo.environment["RUNQL_PARSE_REPEAT"].flatMap { Int($0) } ?? 1) {
            count &+= (try? parse(source, options: ParseOptions(maxTokens: .max)).definitions.count) ?? 0
        }
        print("parsed \(workload): \(count) definitions")
        return
    }
    if useCPUClock { print("(times are thread CPU time)") }
    let query = Source(kitchenSinkQuery)
    let queryTokens = (try? tokenize(query).count) ?? 0
    let perQuery = medianSeconds(batches: 200, iterations: 200) { try parse(query).definitions.count }
    report(
        "parse kitchen-sink query (\(query.bytes.count) bytes, \(queryTokens) tokens)",
        perQuery, tokens: queryTokens)

    let options = ParseOptions(maxTokens: .max)
    let sdl = Source(generatedSchema(bytes: 700_000))
    let sdlTokens = (try? tokenize(sdl).count) ?? 0
    let perSDL = medianSeconds(batches: 31, iterations: 3) { try parse(sdl, options: options).definitions.count }
    report("parse generated SDL (\(sdl.bytes.count / 1000) KB, \(sdlTokens) tokens)", perSDL, tokens: sdlTokens)

    let lexOnly = medianSeconds(batches: 31, iterations: 3) { try tokenize(sdl).count }
    report("tokenize generated SDL (\(sdl.bytes.count / 1000) KB)", lexOnly, tokens: sdlTokens)

    // Growth with size: the same schema text repeated to 1x, 2x and 4x. "build" keeps each AST
    // alive until the clock stops, so it times the parser's own work; "parse" also frees the AST
    // (glibc's free and the page faults of fresh memory grow faster once the AST outgrows the
    // caches). The largest document is parsed once first so every size starts from a warm heap.
    let sizes = [1, 2, 4].map { (factor: $0, source: Source(generatedSchema(bytes: 700_000 * $0))) }
    _ = try? parse(sizes[2].source, options: options)
    var base = (lex: 0.0, build: 0.0, parse: 0.0)
    for (factor, text) in sizes {
        let lex = medianSeconds(batches: 11, iterations: 1) { try tokenize(text).count }
        let build = medianBuildSeconds(batches: 11) { try parse(text, options: options) }
        let seconds = medianSeconds(batches: 11, iterations: 1) { try parse(text, options: options).definitions.count }
        if factor == 1 { base = (lex, build, seconds) }
        print(
            String(
                format: "SDL %dx (%d KB): tokenize %.2f ms (%.2fx), build %.2f ms (%.2fx), parse %.2f ms (%.2fx)",
                factor, text.bytes.count / 1000, lex * 1e3, lex / base.lex, build * 1e3, build / base.build,
                seconds * 1e3, seconds / base.parse))
    }
}

private func report(_ label: String, _ seconds: Double, tokens: Int) {
    let time = seconds < 1e-3 ? String(format: "%.2f µs", seconds * 1e6) : String(format: "%.3f ms", seconds * 1e3)
    print(String(format: "%@: median %@, %.1f M tokens/s", label, time, Double(tokens) / seconds / 1e6))
}

/// Wall-clock time by default. With RUNQL_BENCH_CLOCK=cpu, the thread's CPU time instead: on a
/// machine shared with other work it leaves out the time the thread waited for a core.
private let useCPUClock = ProcessInfo.processInfo.environment["RUNQL_BENCH_CLOCK"] == "cpu"

private func clockNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(useCPUClock ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Median over `batches` of the mean time per call in a batch of `iterations` calls.
private func medianSeconds(batches: Int, iterations: Int, _ body: () throws -> Int) -> Double {
    var sink = 0
    var samples: [Double] = []
    samples.reserveCapacity(batches)
    for _ in 0..<3 { sink &+= (try? body()) ?? -1 }  // warm up
    for _ in 0..<batches {
        let start = clockNanoseconds()
        for _ in 0..<iterations { sink &+= (try? body()) ?? -1 }
        let end = clockNanoseconds()
        samples.append(Double(end - start) / 1e9 / Double(iterations))
    }
    if sink == Int.min { print(sink) }  // keeps the work observable
    samples.sort()
    return samples[samples.count / 2]
}

/// Median time of one call whose result is freed only after the clock stops.
private func medianBuildSeconds(batches: Int, _ body: () throws -> Document) -> Double {
    var samples: [Double] = []
    for _ in 0..<batches {
        let start = clockNanoseconds()
        let document = try? body()
        let end = clockNanoseconds()
        samples.append(Double(end - start) / 1e9)
        withExtendedLifetime(document) {}
    }
    samples.sort()
    return samples[samples.count / 2]
}

/// A realistic SDL document of about `bytes` bytes: object types and interfaces with block and
/// inline descriptions, fields with arguments and defaults, enums, inputs, unions, directives.
func generatedSchema(bytes: Int) -> String {
    var out = """
        \"\"\"
        A generated run-registry schema for benchmarks.
        \"\"\"
        schema { query: Query mutation: Mutation }
        directive @cost(weight: Int = 1) on FIELD_DEFINITION | OBJECT
        directive @tag(name: String!) repeatable on OBJECT | INTERFACE | FIELD_DEFINITION | ARGUMENT_DEFINITION
        interface Node { "The global id." id: ID! }

        """
    var index = 0
    while out.utf8.count < bytes {
        let n = index
        out += """
            \"\"\"
            Run type number \(n), recorded by a detector.
            It links datasets, files and conditions.
            \"\"\"
            type Run\(n) implements Node @tag(name: "run") @cost(weight: \(n % 7)) {
              "The global id."
              id: ID!
              "Human readable name of the run."
              name: String!
              number: Int! @deprecated(reason: "Use `id`.")
              started: DateTime
              \"\"\"
              Datasets produced by this run, newest first.
              \"\"\"
              datasets(
                "How many to return."
                first: Int = 10
                after: String
                filter: DatasetFilter\(n) = {status: [VALID, PENDING], minEvents: 1000}
                orderBy: [DatasetOrder!] = [{field: CREATED, direction: DESC}]
              ): DatasetConnection\(n)! @cost(weight: 5)
              conditions(names: [String!]!, at: DateTime): [Condition\(n)]
              detector: Detector
              lumi(unit: LumiUnit = PB, includeBad: Boolean = false): Float
            }

            "Connection of datasets for run type \(n)."
            type DatasetConnection\(n) {
              edges: [DatasetEdge!]!
              pageInfo: PageInfo!
              totalCount: Int!
            }

            "A detector condition."
            type Condition\(n) implements Node {
              id: ID!
              name: String!
              value(unit: String = "default", precision: Int = 3): Float
              validFrom: DateTime!
              validTo: DateTime
            }

            "Filter for datasets of run type \(n)."
            input DatasetFilter\(n) {
              "Only these statuses."
              status: [DatasetStatus!] = [VALID]
              minEvents: Int = 0
              maxEvents: Int
              nameContains: String
              tags: [String!] = []
            }

            "Status of a dataset in stage \(n)."
            enum DatasetStatus\(n) {
              "Validated by the data quality team."
              VALID
              "Still being processed."
              PENDING
              INVALID @deprecated(reason: "Use REJECTED.")
              REJECTED
            }

            union SearchResult\(n) = | Run\(n) | Condition\(n) | DatasetConnection\(n)

            extend type Query {
              "Look up run type \(n)."
              run\(n)(id: ID!, "Include deleted runs." withDeleted: Boolean = false): Run\(n)
              search\(n)(text: String!, first: Int = 20): [SearchResult\(n)!]!
            }


            """
        index += 1
    }
    return out
}

let kitchenSinkQuery = #"""
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
