// Validation benchmarks: a realistic dashboard query (about 40 fields, 3 fragments, 8
// variables) against the mid-sized fixture schema, and the pathological documents of issue 4
// (repeated fields, nested fragment spreads, aliases of one field) at growing sizes, printed
// with the time per element so linear growth is visible.
import Foundation
import GraphQLKit

let validationBenchmarkQuery = """
    query Dashboard(
      $experiments: [Experiment!], $where: RunWhere, $first: Int = 20, $after: String,
      $dataType: String = "raw", $runNumber: Int!, $dataset: String!, $withScan: Boolean = false
    ) {
      runs(experiments: $experiments, where: $where, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          cursor
          node {
            ...RunSummary
            ... on XenonRun { ...XenonDetails }
            ... on CmsRun { class state significant energy fillNumber }
          }
        }
      }
      cmsDataset(runNumber: $runNumber, name: $dataset) {
        id
        name
        states { workspace state }
        tripletSummary(components: ["tracker", "ecal"]) { component counts { status count } }
        run { ...RunSummary }
      }
      scan(id: "7") @include(if: $withScan) {
        id scanId state priority
        eventMetadata { runId eventId mjd }
      }
    }

    fragment RunSummary on Run {
      id experiment number start end
      tags { name user date }
    }

    fragment XenonDetails on XenonRun {
      name mode source status detectors
      data(type: $dataType) { ...Location }
    }

    fragment Location on DataLocation {
      type host location status checksum rse
    }
    """

func runValidationBenchmarks() {
    let dir = "Tests/GraphQLKitTests/Fixtures/"
    guard let sdl = try? String(contentsOfFile: dir + "types-runql.graphql", encoding: .utf8),
        let schema = try? Schema(sdl: sdl)
    else {
        print("validate: run from the repository root (fixture schema not found or invalid)")
        return
    }
    let source = Source(validationBenchmarkQuery)
    guard let document = try? parse(source) else {
        print("validate: benchmark query does not parse")
        return
    }
    let errors = validate(schema: schema, document: document, source: source)
    guard errors.isEmpty else {
        print("validate: benchmark query is invalid: \(errors)")
        return
    }
    let validator = Validator(schema: schema)
    // RUNQL_VALIDATE_PROFILE=prepared|rules-off runs one workload a fixed number of times and
    // nothing else, for profilers (callgrind counts are steady where timings are not).
    if let workload = ProcessInfo.processInfo.environment["RUNQL_VALIDATE_PROFILE"] {
        let rules = workload == "rules-off" ? [] : specifiedRules
        for _ in 0..<1_000 { blackHole(validator.validate(document, rules: rules).count) }
        return
    }
    report("validate: dashboard query (\(schema.types.count)-type schema)", iterations: 2000) {
        blackHole(validate(schema: schema, document: document).count)
    }
    report("validate: dashboard query with a prepared Validator", iterations: 2000) {
        blackHole(validator.validate(document).count)
    }
    report("validate: dashboard query, walk and TypeInfo only (no rules)", iterations: 2000) {
        blackHole(validator.validate(document, rules: []).count)
    }
    report("validate: parse + validate dashboard query (prepared Validator)", iterations: 2000) {
        blackHole(validator.validate(source).count)
    }
    report("validate: prepare a Validator for the schema", iterations: 200) {
        blackHole(Validator(schema: schema).schema.types.count)
    }
    report("validate: parse + validate dashboard query", iterations: 2000) {
        if let d = try? parse(source) { blackHole(validate(schema: schema, document: d, source: source).count) }
    }

    func pathological(_ label: String, sizes: [Int], _ make: (Int) -> String) {
        for n in sizes {
            let text = make(n)
            guard let d = try? parse(text, options: ParseOptions(maxTokens: Int.max)) else {
                print("validate: \(label) ×\(n) does not parse")
                continue
            }
            let count = validate(schema: schema, document: d).count
            let seconds = report("validate: \(label) ×\(n) (\(count) errors)", iterations: max(5, 20_000 / n)) {
                blackHole(validate(schema: schema, document: d).count)
            }
            print("    per element: \(formatDuration(seconds / Double(n)))")
        }
    }
    pathological("repeated field", sizes: [250, 500, 1000, 2000]) { n in
        "{ runs { " + String(repeating: "totalCount ", count: n) + "} }"
    }
    pathological("repeated field with sub-selection", sizes: [250, 500, 1000, 2000]) { n in
        "{ " + String(repeating: "runs { totalCount pageInfo { hasNextPage } } ", count: n) + "}"
    }
    pathological("nested fragment spreads", sizes: [25, 50, 100, 200]) { n in
        var text = "{ runs { ...F0 } }\n"
        for i in 0..<n { text += "fragment F\(i) on RunConnection { totalCount pageInfo { endCursor } ...F\(i + 1) }\n" }
        return text + "fragment F\(n) on RunConnection { totalCount }\n"
    }
    pathological("aliases of one field", sizes: [100, 200, 400, 800]) { n in
        "{ " + (0..<n).map { "a\($0): run(experiment: XENONNT, number: \($0)) { id number }" }.joined(separator: " ") + " }"
    }
    pathological("one alias for one field", sizes: [100, 200, 400, 800]) { n in
        "{ " + (0..<n).map { _ in "a: run(experiment: XENONNT, number: 1) { id number }" }.joined(separator: " ") + " }"
    }
}
