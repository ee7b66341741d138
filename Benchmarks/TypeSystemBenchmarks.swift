// Type-system benchmarks: building the fixture schema from SDL (parse, SDL checks, build,
// type-system validation), printing it, and the per-field lookups execution relies on.
import Foundation
import GraphQLKit

private func measure(_ label: String, iterations: Int, unit: String = "µs", _ body: () -> Void) {
    for _ in 0..<max(1, iterations / 10) { body() }  // warm up
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<iterations { body() }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
    let per = unit == "ns" ? elapsed / Double(iterations) : elapsed / Double(iterations) / 1000
    print(String(format: "%@: %.1f %@", label, per, unit))
}

func runTypeSystemBenchmarks() {
    let dir = "Tests/GraphQLKitTests/Fixtures/"
    guard let main = try? String(contentsOfFile: dir + "types-runql.graphql", encoding: .utf8),
        let extensions = try? String(contentsOfFile: dir + "types-runql-extensions.graphql", encoding: .utf8)
    else {
        print("types: run from the repository root (fixtures not found)")
        return
    }
    let sources = [Source(main, name: "types-runql.graphql"), Source(extensions, name: "types-runql-extensions.graphql")]
    guard let schema = try? Schema(sources: sources) else {
        print("types: fixture schema does not build")
        return
    }
    measure("types: build fixture schema (\(schema.types.count) types, parse + checks + validation)", iterations: 300) {
        _ = try? Schema(sources: sources)
    }
    let tiny = [Source("type Query { a: Int }")]
    measure("types: build `type Query { a: Int }`", iterations: 2000) { _ = try? Schema(sources: tiny) }
    measure("types: validate fixture schema", iterations: 1000) { _ = schema.validate() }
    measure("types: print fixture schema", iterations: 1000) { _ = schema.printed() }

    // What execution does per resolved field: find the parent type, then the field.
    let pairs: [(String, String)] = schema.types.flatMap { t in t.fields.map { (t.name, $0.name) } }
    var found = 0
    measure("types: \(pairs.count) × type(named:) + field(named:)", iterations: 200, unit: "ns") {
        for (typeName, fieldName) in pairs {
            if case .object(let o)? = schema.type(named: typeName), o.field(named: fieldName) != nil { found += 1 }
        }
    }
    measure("types: \(pairs.count) × indexOfType(named:) only", iterations: 200, unit: "ns") {
        for (typeName, _) in pairs where schema.indexOfType(named: typeName) != nil { found += 1 }
    }
    measure("types: \(pairs.count) × type index + field index", iterations: 200, unit: "ns") {
        for (typeName, fieldName) in pairs {
            guard let i = schema.indexOfType(named: typeName) else { continue }
            if case .object(let o) = schema.types[i], o.indexOfField(named: fieldName) != nil { found += 1 }
        }
    }
    measure("types: \(pairs.count) × schema.field(named:on:)", iterations: 200, unit: "ns") {
        for (typeName, fieldName) in pairs where schema.field(named: fieldName, on: typeName) != nil { found += 1 }
    }
    _ = found

    // Any other SDL file, e.g. graphql-js's benchmark/github-schema.graphql.
    if let path = ProcessInfo.processInfo.environment["RUNQL_BENCH_SDL"],
        let text = try? String(contentsOfFile: path, encoding: .utf8)
    {
        let source = Source(text, name: path)
        guard let big = try? Schema(sources: [source]) else {
            print("types: \(path) does not build")
            return
        }
        measure("types: build \(path) (\(text.utf8.count / 1024) KB, \(big.types.count) types)", iterations: 20) {
            _ = try? Schema(sources: [source])
        }
        measure("types: print \(path)", iterations: 20) { _ = big.printed() }
    }
}
