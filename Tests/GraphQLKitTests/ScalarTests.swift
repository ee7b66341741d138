import Testing
@testable import GraphQLKit

/// The outcome of one coercion: the value, or "error: message".
private func outcome(_ body: () throws(ScalarCoercionError) -> JSONValue) -> String {
    do {
        return inspect(try body())
    } catch {
        return "error: " + error.message
    }
}

private func literalOutcome(_ scalar: GraphQLScalarType, _ text: String) throws -> String {
    let literal = try parseValue(text)
    return outcome { () throws(ScalarCoercionError) in try scalar.parseLiteral(literal, nil) }
}

private let object: JSONValue = .object(["a": .int(1)])

@Suite struct ScalarTests {
    @Test(arguments: [
        (JSONValue.int(1), "1"),
        (.int(-2147483648), "-2147483648"),
        (.int(2147483647), "2147483647"),
        (.int(2147483648), "error: Int cannot represent non 32-bit signed integer value: 2147483648"),
        (.int(-2147483649), "error: Int cannot represent non 32-bit signed integer value: -2147483649"),
        (.double(1.0), "1"),
        (.double(1.5), "error: Int cannot represent non-integer value: 1.5"),
        (.double(1e100), "error: Int cannot represent non 32-bit signed integer value: 1e+100"),
        (.bool(true), "1"),
        (.bool(false), "0"),
        (.string("1"), "1"),
        (.string("1.5"), "error: Int cannot represent non-integer value: \"1.5\""),
        (.string(""), "error: Int cannot represent non-integer value: \"\""),
        (.null, "error: Int cannot represent non-integer value: null"),
        (.list([.int(1)]), "error: Int cannot represent non-integer value: [1]"),
        (object, "error: Int cannot represent non-integer value: { a: 1 }"),
    ])
    func intSerialize(_ value: JSONValue, _ expected: String) {
        #expect(outcome { () throws(ScalarCoercionError) in try GraphQLScalarType.int.serialize(value) } == expected)
    }

    @Test(arguments: [
        (JSONValue.int(1), "1"),
        (.int(2147483648), "error: Int cannot represent non 32-bit signed integer value: 2147483648"),
        (.double(1.0), "1"),
        (.double(1.5), "error: Int cannot represent non-integer value: 1.5"),
        (.bool(true), "error: Int cannot represent non-integer value: true"),
        (.string("1"), "error: Int cannot represent non-integer value: \"1\""),
        (.null, "error: Int cannot represent non-integer value: null"),
    ])
    func intParseValue(_ value: JSONValue, _ expected: String) {
        #expect(outcome { () throws(ScalarCoercionError) in try GraphQLScalarType.int.parseValue(value) } == expected)
    }

    @Test(arguments: [
        (JSONValue.int(1), "1"),
        (.double(1.5), "1.5"),
        (.bool(true), "1"),
        (.string("1.5"), "1.5"),
        (.string("abc"), "error: Float cannot represent non numeric value: \"abc\""),
        (.string(""), "error: Float cannot represent non numeric value: \"\""),
        (.null, "error: Float cannot represent non numeric value: null"),
        (.double(.infinity), "error: Float cannot represent non numeric value: Infinity"),
    ])
    func floatSerialize(_ value: JSONValue, _ expected: String) {
        #expect(outcome { () throws(ScalarCoercionError) in try GraphQLScalarType.float.serialize(value) } == expected)
    }

    @Test(arguments: [
        (JSONValue.int(1), "1"),
        (.double(1e100), "1e+100"),
        (.bool(true), "error: Float cannot represent non numeric value: true"),
        (.string("1"), "error: Float cannot represent non numeric value: \"1\""),
        (.list([]), "error: Float cannot represent non numeric value: []"),
    ])
    func floatParseValue(_ value: JSONValue, _ expected: String) {
        #expect(outcome { () throws(ScalarCoercionError) in try GraphQLScalarType.float.parseValue(value) } == expected)
    }

    @Test(arguments: [
        (JSONValue.string("abc"), "\"abc\""),
        (.int(1), "\"1\""),
        (.double(1.5), "\"1.5\""),
        (.double(1.0), "\"1\""),
        (.bool(true), "\"true\""),
        (.bool(false), "\"false\""),
        (.null, "error: String cannot represent value: null"),
        (.list([.int(1)]), "error: String cannot represent value: [1]"),
        (object, "error: String cannot represent value: { a: 1 }"),
    ])
    func stringSerialize(_ value: JSONValue, _ expected: String) {
        #expect(outcome { () throws(ScalarCoercionError) in try GraphQLScalarType.string.serialize(value) } == expected)
    }

    @Test(arguments: [
        (JSONValue.string(""), "\"\""),
        (.int(1), "error: String cannot represent a non string value: 1"),
        (.bool(true), "error: String cannot represent a non string value: true"),
        (.null, "error: String cannot represent a non string value: null"),
    ])
    func stringParseValue(_ value: JSONValue, _ expected: String) {
        #expect(outcome { () throws(ScalarCoercionError) in try GraphQLScalarType.string.parseValue(value) } == expected)
    }

    @Test(arguments: [
        (JSONValue.bool(true), "true"),
        (.int(1), "true"),
        (.int(0), "false"),
        (.double(1.5), "true"),
        (.string("1"), "error: Boolean cannot represent a non boolean value: \"1\""),
        (.null, "error: Boolean cannot represent a non boolean value: null"),
    ])
    func booleanSerialize(_ value: JSONValue, _ expected: String) {
        #expect(outcome { () throws(ScalarCoercionError) in try GraphQLScalarType.boolean.serialize(value) } == expected)
    }

    @Test(arguments: [
        (JSONValue.bool(false), "false"),
        (.int(1), "error: Boolean cannot represent a non boolean value: 1"),
        (.string("true"), "error: Boolean cannot represent a non boolean value: \"true\""),
    ])
    func booleanParseValue(_ value: JSONValue, _ expected: String) {
        #expect(outcome { () throws(ScalarCoercionError) in try GraphQLScalarType.boolean.parseValue(value) } == expected)
    }

    /// ID is always a string in responses (spec §3.5.5); integers are accepted as input.
    @Test(arguments: [
        (JSONValue.string("abc"), "\"abc\""),
        (.int(1), "\"1\""),
        (.int(-2147483649), "\"-2147483649\""),
        (.double(1.0), "\"1\""),
        (.double(1.5), "error: ID cannot represent value: 1.5"),
        (.bool(true), "error: ID cannot represent value: true"),
        (.null, "error: ID cannot represent value: null"),
        (object, "error: ID cannot represent value: { a: 1 }"),
    ])
    func idSerializeAndParseValue(_ value: JSONValue, _ expected: String) {
        #expect(outcome { () throws(ScalarCoercionError) in try GraphQLScalarType.id.serialize(value) } == expected)
        #expect(outcome { () throws(ScalarCoercionError) in try GraphQLScalarType.id.parseValue(value) } == expected)
    }

    @Test func literals() throws {
        let table: [(GraphQLScalarType, String, String)] = [
            (.int, "1", "1"),
            (.int, "-1", "-1"),
            (.int, "2147483648", "error: Int cannot represent non 32-bit signed integer value: 2147483648"),
            (.int, "99999999999999999999", "error: Int cannot represent non 32-bit signed integer value: 99999999999999999999"),
            (.int, "1.5", "error: Int cannot represent non-integer value: 1.5"),
            (.int, "\"a\"", "error: Int cannot represent non-integer value: \"a\""),
            (.int, "ENUM", "error: Int cannot represent non-integer value: ENUM"),
            (.int, "[1]", "error: Int cannot represent non-integer value: [1]"),
            (.int, "{a: 1}", "error: Int cannot represent non-integer value: {a: 1}"),
            (.int, "$v", "error: Int cannot represent non-integer value: $v"),
            (.float, "1", "1"),
            (.float, "1.5", "1.5"),
            (.float, "1e3", "1000"),
            (.float, "true", "error: Float cannot represent non numeric value: true"),
            (.float, "null", "error: Float cannot represent non numeric value: null"),
            (.string, "\"a\"", "\"a\""),
            (.string, "\"\"\"b\"\"\"", "\"b\""),
            (.string, "1", "error: String cannot represent a non string value: 1"),
            (.string, "1e3", "error: String cannot represent a non string value: 1e3"),
            (.boolean, "true", "true"),
            (.boolean, "1", "error: Boolean cannot represent a non boolean value: 1"),
            (.boolean, "\"\"\"b\"\"\"", "error: Boolean cannot represent a non boolean value: \"\"\"b\"\"\""),
            (.id, "1", "\"1\""),
            (.id, "2147483648", "\"2147483648\""),
            (.id, "\"a\"", "\"a\""),
            (.id, "1.5", "error: ID cannot represent a non-string and non-integer value: 1.5"),
            (.id, "true", "error: ID cannot represent a non-string and non-integer value: true"),
        ]
        for (scalar, text, expected) in table {
            #expect(try literalOutcome(scalar, text) == expected, "\(scalar.name) \(text)")
        }
    }

    @Test func customScalarsPassValuesThroughByDefault() throws {
        let json = GraphQLScalarType(name: "JSON")
        #expect(try json.serialize(object) == object)
        #expect(try json.parseValue(.list([.null])) == .list([.null]))
        let literal = try parseValue("{a: [1, 2.5, \"x\", RED, null, true], b: $v}")
        let expected: JSONValue = .object([
            "a": .list([.int(1), .double(2.5), .string("x"), .string("RED"), .null, .bool(true)]),
            "b": .int(7),
        ])
        #expect(try json.parseLiteral(literal, ["v": .int(7)]) == expected)
        #expect(!json.isSpecified)
        #expect(GraphQLScalarType.id.isSpecified)
    }

    @Test func customScalarsUseTheirClosures() throws {
        let dateTime = GraphQLScalarType(
            name: "DateTime", specifiedByURL: "https://www.rfc-editor.org/rfc/rfc3339",
            serialize: { value throws(ScalarCoercionError) in
                guard case .string(let s) = value, s.hasSuffix("Z") else {
                    throw ScalarCoercionError("DateTime cannot represent value: \(inspect(value))")
                }
                return value
            })
        #expect(try dateTime.serialize(.string("2018-05-01T12:00:00Z")) == .string("2018-05-01T12:00:00Z"))
        #expect(throws: ScalarCoercionError("DateTime cannot represent value: 5")) { try dateTime.serialize(.int(5)) }
        #expect(dateTime.specifiedByURL == "https://www.rfc-editor.org/rfc/rfc3339")
    }

    @Test func inspectQuotesValuesLikeTheReference() {
        #expect(inspect(.string("a\"b\n")) == "\"a\\\"b\\n\"")
        #expect(inspect(.object([:])) == "{}")
        #expect(inspect(.list([.int(1), .string("x"), .null])) == "[1, \"x\", null]")
        #expect(formatNumber(1e-7) == "1e-7")
        #expect(formatNumber(1e21) == "1e+21")
        #expect(formatNumber(1e20) == "100000000000000000000")
        #expect(formatNumber(0.1) == "0.1")
        #expect(formatNumber(-0.0) == "0")
        #expect(formatNumber(-2.5) == "-2.5")
        #expect(formatNumber(0.0001) == "0.0001")
        #expect(formatNumber(0.00001) == "0.00001")
        #expect(formatNumber(-0.0000015) == "-0.0000015")
        #expect(formatNumber(1.5e-5) == "0.000015")
        #expect(formatNumber(1.5e-7) == "1.5e-7")
        #expect(formatNumber(1.5e300) == "1.5e+300")
    }
}
