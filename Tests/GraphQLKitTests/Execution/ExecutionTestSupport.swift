import Foundation
import Testing
@testable import GraphQLKit

/// A small JSON reader for test inputs (root values, variables), keeping key order.
enum TestJSON {
    struct Failure: Error {}

    static func parse(_ text: String) throws -> JSONValue {
        var bytes = Array(text.utf8)[...]
        let v = try value(&bytes)
        skip(&bytes)
        guard bytes.isEmpty else { throw Failure() }
        return v
    }

    static func object(_ text: String) throws -> JSONObject {
        guard case .object(let o) = try parse(text) else { throw Failure() }
        return o
    }

    private static func skip(_ b: inout ArraySlice<UInt8>) {
        while let c = b.first, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { b.removeFirst() }
    }

    private static func value(_ b: inout ArraySlice<UInt8>) throws -> JSONValue {
        skip(&b)
        guard let c = b.first else { throw Failure() }
        switch c {
        case UInt8(ascii: "{"):
            b.removeFirst()
            var o = JSONObject()
            skip(&b)
            if b.first == UInt8(ascii: "}") { b.removeFirst(); return .object(o) }
            while true {
                skip(&b)
                guard case .string(let k) = try value(&b) else { throw Failure() }
                skip(&b)
                guard b.popFirst() == UInt8(ascii: ":") else { throw Failure() }
                o.append(key: k, value: try value(&b))
                skip(&b)
                let sep = b.popFirst()
                if sep == UInt8(ascii: "}") { return .object(o) }
                guard sep == UInt8(ascii: ",") else { throw Failure() }
            }
        case UInt8(ascii: "["):
            b.removeFirst()
            var items: [JSONValue] = []
            skip(&b)
            if b.first == UInt8(ascii: "]") { b.removeFirst(); return .list(items) }
            while true {
                items.append(try value(&b))
                skip(&b)
                let sep = b.popFirst()
                if sep == UInt8(ascii: "]") { return .list(items) }
                guard sep == UInt8(ascii: ",") else { throw Failure() }
            }
        case UInt8(ascii: "\""):
            b.removeFirst()
            var out: [UInt8] = []
            while let ch = b.popFirst() {
                if ch == UInt8(ascii: "\"") { return .string(String(decoding: out, as: UTF8.self)) }
                if ch == UInt8(ascii: "\\") {
                    guard let e = b.popFirst() else { throw Failure() }
                    switch e {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        let hex = String(decoding: b.prefix(4), as: UTF8.self)
                        b.removeFirst(4)
                        guard let n = UInt32(hex, radix: 16), let s = Unicode.Scalar(n) else { throw Failure() }
                        out.append(contentsOf: Array(String(Character(s)).utf8))
                    default: out.append(e)
                    }
                } else {
                    out.append(ch)
                }
            }
            throw Failure()
        case UInt8(ascii: "t"): b.removeFirst(4); return .bool(true)
        case UInt8(ascii: "f"): b.removeFirst(5); return .bool(false)
        case UInt8(ascii: "n"): b.removeFirst(4); return .null
        default:
            var text: [UInt8] = []
            while let ch = b.first, (ch >= 0x30 && ch <= 0x39) || ch == UInt8(ascii: "-") || ch == UInt8(ascii: "+")
                || ch == UInt8(ascii: ".") || ch == UInt8(ascii: "e") || ch == UInt8(ascii: "E")
            {
                text.append(ch)
                b.removeFirst()
            }
            let s = String(decoding: text, as: UTF8.self)
            if let i = Int(s) { return .int(i) }
            guard let d = Double(s) else { throw Failure() }
            return .double(d)
        }
    }
}

/// Executes `query` against `sdl` with default resolvers over `root` (JSON text).
func runJSON(
    _ sdl: String, _ query: String, root: String? = nil, variables: String? = nil, operationName: String? = nil,
    resolvers: [String: FieldResolver] = [:]
) async throws -> String {
    let schema = try Schema(sdl: sdl)
    let executable = try ExecutableSchema(schema: schema, resolvers: resolvers)
    let rootValue = try root.map { FieldValue.json(try TestJSON.parse($0)) } ?? .null
    let vars = try variables.map { try TestJSON.object($0) }
    let result = await executable.execute(
        query: query, operationName: operationName, variables: vars, rootValue: rootValue)
    return result.json
}

func executionFixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}
