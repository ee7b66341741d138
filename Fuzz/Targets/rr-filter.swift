// Fuzz target: any bytes as a Run Registry filter (`rrFilter`). Translation never crashes and
// never puts a value into the SQL text: every literal becomes a parameter.

@testable import GraphQLKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRRFilter(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let filter = try? JSONParser.parse(bytes) else { return 0 }
    for target in [RRFilterTarget.runs, .datasets] {
        guard let condition = try? RRFilterTranslator(target: target).translate(filter) else { continue }
        // Quotes in the SQL come only from the translator's own fixed text, never from input.
        precondition(!condition.text.contains(";"), "statement separator in SQL: \(condition.text)")
    }
    return 0
}
