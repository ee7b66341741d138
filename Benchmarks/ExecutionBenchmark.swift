// Execution benchmark: a query over 10,000 in-memory objects, each with 10 scalar fields and a
// nested list of 10 objects with 3 fields (about 410,000 resolved fields), with a warm document
// cache. Variants: default resolvers over JSON data; sync resolvers over Swift structs; and the
// same with async resolvers on the nested lists (the concurrent path).
import Dispatch
import Foundation
import GraphQLKit

private let executionSDL = """
    type Query { items: [Item!]! }
    type Item {
      id: ID! name: String! count: Int! ratio: Float! active: Boolean!
      a: String b: String c: Int d: Float e: String
      children: [Child!]!
    }
    type Child { id: ID! label: String value: Int }
    """

private let executionQuery = """
    query Items {
      items {
        id name count ratio active a b c d e
        children { id label value }
      }
    }
    """

private let itemCount = 10_000
private let childCount = 10
/// Fields resolved per query: 1 root + per item (10 scalars + the list + 10 × 3).
private let resolvedFields = 1 + itemCount * (10 + 1 + childCount * 3)

private struct ChildRecord: Sendable {
    var id: Int
    var label: String
    var value: Int
}

private struct ItemRecord: Sendable {
    var id: Int
    var name: String
    var count: Int
    var ratio: Double
    var active: Bool
    var children: [ChildRecord]
}

private func processCPUTime() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

/// Runs `body` to its end on the concurrency pool while this thread waits (the harness is synchronous).
func blocking(_ body: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task {
        await body()
        done.signal()
    }
    done.wait()
}

private func report(_ label: String, _ executable: ExecutableSchema, root: FieldValue, iterations: Int) async {
    // Warm up: fills the document cache and the plan.
    var bytes = 0
    for _ in 0..<2 { bytes = await executable.execute(query: executionQuery, rootValue: root).jsonBytes.count }
    var best = UInt64.max
    var total: UInt64 = 0
    var bestCPU = UInt64.max
    for _ in 0..<iterations {
        let start = DispatchTime.now().uptimeNanoseconds
        let startCPU = processCPUTime()
        let result = await executable.execute(query: executionQuery, rootValue: root)
        let bytesOut = result.jsonBytes.count
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        bestCPU = min(bestCPU, processCPUTime() - startCPU)
        precondition(bytesOut == bytes && result.errors.isEmpty, "benchmark query failed")
        best = min(best, elapsed)
        total += elapsed
    }
    let mean = Double(total) / Double(iterations)
    // The machine is shared: CPU time (all threads of this process) is the steadier figure.
    print(String(
        format: "execute: %@: %.1f ms mean, %.1f ms best, %.1f ms best CPU; %.1f ns per resolved field (best CPU) (%d fields, %d KB JSON)",
        label, mean / 1e6, Double(best) / 1e6, Double(bestCPU) / 1e6, Double(bestCPU) / Double(resolvedFields),
        resolvedFields, bytes / 1024))
}

func runExecutionBenchmarks() {
    // RUNQL_EXECUTE_VARIANT=small: the HTTP benchmark's cached small query over its in-memory
    // schema, executed 20,000 times and nothing else: the engine's cost per request under a
    // profiler, without the HTTP server around it.
    if ProcessInfo.processInfo.environment["RUNQL_EXECUTE_VARIANT"] == "small" {
        runSmallQueryProfile()
        return
    }
    guard let schema = try? Schema(sdl: executionSDL) else {
        print("execute: schema does not build")
        return
    }
    let records: [ItemRecord] = (0..<itemCount).map { i in
        ItemRecord(
            id: i, name: "item \(i)", count: i * 7, ratio: Double(i) / 3, active: i % 2 == 0,
            children: (0..<childCount).map { ChildRecord(id: i * 100 + $0, label: "child \($0)", value: $0) })
    }
    // JSON data, served by default resolvers (what `runql execute` does).
    let json: JSONValue = .object([
        "items": .list(records.map { r in
            .object([
                "id": .int(r.id), "name": .string(r.name), "count": .int(r.count), "ratio": .double(r.ratio),
                "active": .bool(r.active), "a": .string("alpha"), "b": .string("beta \"quoted\""), "c": .int(3),
                "d": .double(0.25), "e": .null,
                "children": .list(r.children.map { c in
                    .object(["id": .int(c.id), "label": .string(c.label), "value": .int(c.value)])
                }),
            ])
        })
    ])
    guard let byDefault = try? ExecutableSchema(schema: schema) else { return }

    // Swift structs with sync resolvers.
    func field(_ body: @escaping @Sendable (ItemRecord) -> FieldValue) -> FieldResolver {
        .sync { parent, _, _, _ in
            guard case .opaque(let v) = parent, let r = v as? ItemRecord else { return nil }
            return body(r)
        }
    }
    func child(_ body: @escaping @Sendable (ChildRecord) -> FieldValue) -> FieldResolver {
        .sync { parent, _, _, _ in
            guard case .opaque(let v) = parent, let c = v as? ChildRecord else { return nil }
            return body(c)
        }
    }
    var structResolvers: [String: FieldResolver] = [
        "Query.items": .sync { _, _, _, _ in .list(records.map { .opaque($0) }) },
        "Item.id": field { FieldValue($0.id) }, "Item.name": field { FieldValue($0.name) },
        "Item.count": field { FieldValue($0.count) }, "Item.ratio": field { FieldValue($0.ratio) },
        "Item.active": field { FieldValue($0.active) }, "Item.a": field { _ in "alpha" },
        "Item.b": field { _ in "beta \"quoted\"" }, "Item.c": field { _ in 3 }, "Item.d": field { _ in 0.25 },
        "Item.e": field { _ in nil },
        "Item.children": field { .list($0.children.map { .opaque($0) }) },
        "Child.id": child { FieldValue($0.id) }, "Child.label": child { FieldValue($0.label) },
        "Child.value": child { FieldValue($0.value) },
    ]
    guard let byStructs = try? ExecutableSchema(schema: schema, resolvers: structResolvers, defaultResolvers: .nowhere)
    else { return }
    structResolvers["Item.children"] = .async { parent, _, _, _ in
        guard case .opaque(let v) = parent, let r = v as? ItemRecord else { return nil }
        return .list(r.children.map { .opaque($0) })
    }
    guard let byAsync = try? ExecutableSchema(schema: schema, resolvers: structResolvers, defaultResolvers: .nowhere)
    else { return }

    // RUNQL_EXECUTE_VARIANT=json|structs|async runs one variant (for profiling);
    // RUNQL_EXECUTE_ITERATIONS=n changes the number of timed runs (to count allocations per
    // query under valgrind from the difference of two run counts).
    let only = ProcessInfo.processInfo.environment["RUNQL_EXECUTE_VARIANT"]
    let iterations = ProcessInfo.processInfo.environment["RUNQL_EXECUTE_ITERATIONS"].flatMap { Int($0) }
    blocking {
        if only == nil || only == "json" {
            await report("default resolvers over JSON", byDefault, root: .json(json), iterations: iterations ?? 10)
        }
        if only == nil || only == "structs" {
            await report("sync resolvers over structs", byStructs, root: .null, iterations: iterations ?? 10)
        }
        if only == nil || only == "async" {
            await report("async children resolver (10,000 tasks)", byAsync, root: .null, iterations: iterations ?? 5)
        }
    }
}

/// The cached small query of scripts/bench-http.sh, as the gateway runs it: prepared once,
/// then executed from the prepared document with default resolvers over the JSON data.
private func runSmallQueryProfile() {
    guard let sdl = try? String(contentsOfFile: "scripts/bench/http-schema.graphql", encoding: .utf8),
          let data = FileManager.default.contents(atPath: "scripts/bench/http-data.json"),
          let root = try? JSONParser.parse(Array(data)),
          let schema = try? Schema(sdl: sdl),
          let executable = try? ExecutableSchema(schema: schema, resolvers: [:], defaultResolvers: .everywhere),
          case .success(let prepared) = executable.prepare("query Small { runs { number experiment } }")
    else {
        print("execute small: run from the repository root (scripts/bench/http-*.json not found or invalid)")
        return
    }
    blocking {
        var bytes = 0
        for _ in 0..<20_000 {
            bytes &+= await executable.execute(prepared, operationName: "Small", rootValue: .json(root)).jsonBytes.count
        }
        print("execute small: \(bytes / 20_000) bytes per response")
    }
}
