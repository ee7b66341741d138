// Fuzz target: any bytes as the `variables` of a fixed operation whose variables cover every
// input kind (scalars, enums, lists, nested and @oneOf input objects, defaults). Coercion and
// execution never crash; bad values become request errors.

import Foundation
@testable import GraphQLKit

private let executable: ExecutableSchema? = {
    guard let schema = try? Schema(sdl: """
        enum Color { RED GREEN }
        input Range { from: Int! to: Int = 10 tags: [String!] }
        input Pick @oneOf { number: Int name: String range: Range }
        input Filter { and: [Filter!] color: Color ranges: [[Range]] pick: Pick when: Float id: ID }
        type Query { echo(a: Int, b: [String!]!, c: Filter, d: Pick, e: Boolean = true, f: [[Int]]): String }
        """) else { return nil }
    return try? ExecutableSchema(schema: schema, resolvers: [
        "Query.echo": .sync { _, arguments, _, _ in .json(.string(JSONValue.object(arguments).jsonString)) },
    ])
}()

private let query = "query($a: Int, $b: [String!]!, $c: Filter, $d: Pick, $e: Boolean, $f: [[Int]]) { echo(a: $a, b: $b, c: $c, d: $d, e: $e, f: $f) }"

private final class Box: @unchecked Sendable { var result: ExecutionResult? }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVariables(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let executable, case .object(let variables)? = try? JSONParser.parse(bytes) else { return 0 }
    let done = DispatchSemaphore(value: 0)
    let box = Box()
    Task.detached {
        box.result = await executable.execute(query: query, variables: variables)
        done.signal()
    }
    done.wait()
    _ = box.result?.json
    return 0
}
