// Fuzz target: any bytes as what a client sends on one connection, arriving in two pieces
// split where the first byte says. The parser never crashes, never loops, and every request
// it returns lies within the bytes it was given.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequest(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 1 else { return 0 }
    let all = Array(UnsafeBufferPointer(start: data + 1, count: count - 1))
    let split = min(Int(data[0]) * all.count / 255, all.count)
    var limits = HTTPLimits()
    limits.maxBodyBytes = 4096
    var parser = HTTPRequestParser(limits: limits)
    var buffer = Array(all[..<split])
    var start = 0
    var fed = false
    for _ in 0..<(all.count + 4) {
        switch parser.parse(buffer, start: &start) {
        case .request(let request):
            precondition(request.body.count <= all.count, "body longer than the input")
            precondition(start <= buffer.count, "parser moved past the buffer")
            continue
        case .failure(let status, _):
            precondition((400..<600).contains(status), "failure with status \(status)")
            return 0
        case .expectContinue:
            continue
        case .needMore:
            guard !fed else { return 0 }
            fed = true
            buffer += all[split...]
        }
    }
    return 0
}
