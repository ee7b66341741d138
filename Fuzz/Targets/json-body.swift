// Fuzz target: any bytes as a JSON request body. Parsing never crashes (depth is bounded), and
// what parses writes out as JSON that parses back to the same value.

import Foundation
@testable import GraphQLKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONBody(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    let written = value.jsonString
    guard let again = try? JSONParser.parse(written) else { fatalError("written JSON does not parse: \(written)") }
    guard again == value else { fatalError("written JSON parses to another value: \(written)") }
    return 0
}
