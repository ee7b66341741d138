import Testing
@testable import GraphQLKit

@Suite struct ResponseWriterTests {
    @Test(arguments: [0.0, -0.0, 1.0, -2.0, 0.25, 1.5e-7, 123456.789, 1e15, 1e21, -3.4e38, 2.5e-300, .infinity, .nan, 999_999_999_999_999.0])
    func doublesAreWrittenAsJSONWriterWritesThem(_ d: Double) {
        var ours = ResponseBuffer()
        ours.writeDouble(d)
        var theirs = JSONWriter()
        theirs.writeDouble(d)
        #expect(ours.bytes == theirs.bytes)
    }

    @Test func stringsAreEscaped() {
        var out = ResponseBuffer()
        out.writeString("a\"b\\c\n\r\t\u{08}\u{0C}\u{01}\u{1F} é 😀 \u{7F}")
        #expect(String(decoding: out.bytes, as: UTF8.self) == #""a\"b\\c\n\r\t\b\f\u0001\u001f é 😀 "# + "\u{7F}\"")
        var theirs = JSONWriter()
        theirs.writeString("a\"b\\c\n\r\t\u{08}\u{0C}\u{01}\u{1F} é 😀 \u{7F}")
        #expect(out.bytes == theirs.bytes)
    }

    @Test func integersAndTruncation() {
        var out = ResponseBuffer()
        for i in [0, 7, -7, 10, Int.max, Int.min, 2_147_483_647] {
            out.writeInt(i)
            out.append(UInt8(ascii: ","))
        }
        let mark = out.count
        out.writeString("discarded")
        out.truncate(to: mark)
        out.writeNull()
        #expect(String(decoding: out.bytes, as: UTF8.self) == "0,7,-7,10,9223372036854775807,-9223372036854775808,2147483647,null")
    }

    @Test func responsesPutErrorsFirstAndOmitEmptyParts() {
        let error = GraphQLError(
            "Boom.", locations: [SourcePosition(line: 2, column: 3)], path: [.key("a"), .index(0)],
            extensions: ["code": .string("X")])
        #expect(ExecutionResult(errors: [error], dataJSON: Array(#"{"a":null}"#.utf8)).json
            == #"{"errors":[{"message":"Boom.","locations":[{"line":2,"column":3}],"path":["a",0],"extensions":{"code":"X"}}],"data":{"a":null}}"#)
        #expect(ExecutionResult(errors: [GraphQLError("No.")], failure: .variables).json == #"{"errors":[{"message":"No."}]}"#)
        var withExtensions = ExecutionResult(dataJSON: Array("{}".utf8))
        withExtensions.extensions = ["cost": .int(3)]
        #expect(withExtensions.json == #"{"data":{},"extensions":{"cost":3}}"#)
    }
}
