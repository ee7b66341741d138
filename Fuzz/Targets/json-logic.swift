// Fuzz target: any bytes as `[rule, data]` for the golden-JSON json-logic evaluator. Checking
// the rule and evaluating it never crash and stay bounded (the rule's size and depth are limited).

@testable import GraphQLKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLogic(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard case .list(let pair)? = try? JSONParser.parse(bytes), let ruleJSON = pair.first else { return 0 }
    guard let rule = try? JSONLogicRule(ruleJSON) else { return 0 }
    _ = rule.evaluate(pair.count > 1 ? pair[1] : .null)
    return 0
}
