// Fuzz target: any bytes as a GraphQL document. Parsing never crashes or hangs (limits give
// syntax errors); a document that parses prints to text that parses to the same document; and
// validating it against a fixed schema never crashes.

import Foundation
@testable import GraphQLKit

private let schema: Schema? = try? Schema(sdl: """
    interface Node { id: ID! }
    type Run implements Node { id: ID! number: Int! tags(first: Int = 5): [String!]! previous: Run }
    union Item = Run
    input RunWhere @oneOf { number: Int name: String }
    enum Order { ASC DESC }
    type Query { run(where: RunWhere!): Run runs(order: Order = DESC, first: Int): [Run!]! node(id: ID!): Node items: [Item] }
    type Mutation { tag(id: ID!, name: String!): Run }
    """)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGraphQLDocument(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let document = try? parse(Source(bytes: bytes)) else { return 0 }
    let printed = Printer.print(document)
    guard let reparsed = try? parse(printed) else {
        fatalError("printed document does not parse:\n\(printed)")
    }
    guard reparsed == document else { fatalError("printed document parses to another document:\n\(printed)") }
    if let schema { _ = validate(schema: schema, document: document) }
    return 0
}
