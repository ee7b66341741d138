import Testing
@testable import GraphQLKit

/// The JSON parser behind request bodies and variables: what it accepts, what it refuses with
/// the byte offset, and the inputs fuzzing (scripts/fuzz.sh) found.
@Suite struct JSONParserTests {
    @Test func valuesRoundTrip() throws {
        let text = #"{"a":[1,-2,2.5,1e3,"x\u00e9\n",true,false,null],"b":{"c":{}},"d":[]}"#
        let value = try JSONParser.parse(text)
        #expect(try JSONParser.parse(value.jsonString) == value)
        #expect(value.asObjectMember("a") == .list([.int(1), .int(-2), .double(2.5), .double(1000), .string("xé\n"), .bool(true), .bool(false), .null]))
    }

    @Test(arguments: [
        ("01", 1, "leading zeros are not allowed"),
        ("1.", 2, "expected a digit after '.'"),
        ("1e", 2, "expected a digit in the exponent"),
        ("-", 1, "invalid number"),
        // Found by the json-body fuzz target: an exponent beyond a double's range parsed to
        // infinity, which writes back out as null.
        ("5.55E55555555555", 16, "number out of range"),
        ("[1e400]", 6, "number out of range"),
        ("-1e309", 6, "number out of range"),
    ])
    func refusedNumbers(text: String, offset: Int, message: String) {
        #expect(throws: JSONParseError(message: message, offset: offset)) { try JSONParser.parse(text) }
    }

    @Test func largestFiniteNumbersAreKept() throws {
        #expect(try JSONParser.parse("1.7976931348623157e308") == .double(.greatestFiniteMagnitude))
        #expect(try JSONParser.parse("1e-400") == .double(0))
        #expect(try JSONParser.parse("9223372036854775807") == .int(.max))
        #expect(try JSONParser.parse("9223372036854775808") == .double(9223372036854775808))
    }
}

private extension JSONValue {
    func asObjectMember(_ key: String) -> JSONValue? { if case .object(let o) = self { o[key] } else { nil } }
}

/// Large objects parse in linear time (duplicate keys are found through an index, not a scan:
/// a scan made 40,000 keys take 80 s), and duplicates still keep the last value.
@Suite struct JSONParserLargeObjectTests {
    @Test func duplicateKeysKeepTheLastValueAtTheFirstPosition() throws {
        for count in [3, 40] {
            let keys = (0..<count).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
            let value = try JSONParser.parse("{\(keys),\"k1\":\"again\",\"k\(count - 1)\":null}")
            guard case .object(let o) = value else { Issue.record("not an object"); return }
            #expect(o.count == count)
            #expect(o.keys == (0..<count).map { "k\($0)" })
            #expect(o["k1"] == .string("again") && o["k\(count - 1)"] == .null && o["k0"] == .int(0))
        }
    }

    @Test func twoHundredThousandKeysParse() throws {
        var text = "{"
        for i in 0..<200_000 { text += (i == 0 ? "" : ",") + "\"key\(i)\":\(i)" }
        text += "}"
        guard case .object(let o) = try JSONParser.parse(text) else { Issue.record("not an object"); return }
        #expect(o.count == 200_000 && o["key199999"] == .int(199_999))
    }
}
