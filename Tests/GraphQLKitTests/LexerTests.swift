import Testing
@testable import GraphQLKit

/// The tokens of a text (end of input excluded), or the lexer's error as "message (line:column)".
func lex(_ source: Source) -> Result<[Token], GraphQLError> {
    let result: Result<[Token], SyntaxError> = source.bytes.withUnsafeBufferPointer { buffer in
        var lexer = Lexer(bytes: buffer)
        var tokens: [Token] = []
        do throws(SyntaxError) {
            while true {
                let token = try lexer.next()
                if token.kind == .eof { return .success(tokens) }
                tokens.append(token)
            }
        } catch {
            return .failure(error)
        }
    }
    return result.mapError { $0.graphQLError(in: source) }
}

func lexKinds(_ text: String) -> [TokenKind] {
    (try? lex(Source(text)).get())?.map(\.kind) ?? []
}

func lexError(_ source: Source) -> String? {
    if case .failure(let error) = lex(source) { return error.description }
    return nil
}

/// The value of the single string argument in `{ f(a: <literal>) }`.
func stringArgument(_ literal: String) throws -> String {
    let document = try parse("{ f(a: \(literal)) }")
    guard case .operation(let operation) = document.definitions.first,
        case .field(let field) = operation.selectionSet.selections.first,
        case .string(let string) = field.arguments.first?.value
    else {
        Issue.record("no string argument")
        return ""
    }
    return string.value
}

@Suite struct LexerTests {
    @Test(arguments: lexerErrorGoldens)
    func lexerErrorMatchesReference(source: String, expected: String) {
        #expect(syntaxError(source) == expected)
    }

    @Test func punctuators() {
        #expect(
            lexKinds("! $ & ( ) ... : = @ [ ] { | }")
                == [.bang, .dollar, .amp, .parenL, .parenR, .spread, .colon, .equals, .at, .bracketL, .bracketR, .braceL, .pipe, .braceR])
    }

    @Test func tokenRangesCoverTheirText() throws {
        let source = Source(#"name -12.5e3 "str" """block""" ..."#)
        let tokens = try lex(source).get()
        let texts = tokens.map { String(decoding: source.bytes[$0.start..<$0.end], as: UTF8.self) }
        #expect(texts == ["name", "-12.5e3", "\"str\"", "\"\"\"block\"\"\"", "..."])
        #expect(tokens.map(\.kind) == [.name, .float, .string, .blockString, .spread])
    }

    @Test func names() {
        #expect(lexKinds("_ a Z _a1 abc_DEF_123 __typename") == Array(repeating: .name, count: 6))
        // A name is the longest run of name characters.
        #expect(lexKinds("a1b2") == [.name])
    }

    @Test(arguments: ["0", "-0", "1", "-1", "1234567890", "9007199254740993"])
    func intLiterals(text: String) {
        #expect(lexKinds(text) == [.int])
    }

    @Test(arguments: ["0.0", "-0.0", "1.5", "1e10", "1E10", "1e+10", "1e-10", "-1.5e-3", "0e0", "12.34E+56"])
    func floatLiterals(text: String) {
        #expect(lexKinds(text) == [.float])
    }

    @Test func numberLookaheadRules() {
        // The issue's list: each is an error rather than two tokens.
        for text in ["0x1", "00", "1.", ".5", "1e", "123abc", "1.2.3"] {
            #expect(lexError(Source(text)) != nil, "\(text)")
        }
        #expect(lexError(Source("1.2.3")) == #"Syntax Error: Invalid number, expected digit but got: ".". (1:4)"#)
        #expect(lexError(Source("00")) == #"Syntax Error: Invalid number, unexpected digit after 0: "0". (1:2)"#)
        #expect(lexError(Source("1e")) == "Syntax Error: Invalid number, expected digit but got: <EOF>. (1:3)")
        #expect(lexError(Source("1\"")) == "Syntax Error: Unterminated string. (1:3)")
        #expect(lexError(Source("1x")) == #"Syntax Error: Invalid number, expected digit but got: "x". (1:2)"#)
        // A number followed by a punctuator or white space is fine.
        #expect(lexKinds("1)") == [.int, .parenR])
        #expect(lexKinds("-1.5,2") == [.float, .int])
    }

    @Test func stringEscapes() throws {
        #expect(try stringArgument(#""simple""#) == "simple")
        #expect(try stringArgument(#"" white space ""#) == " white space ")
        #expect(try stringArgument(#""quote \"""#) == "quote \"")
        #expect(try stringArgument(#""escaped \n\r\b\t\f""#) == "escaped \n\r\u{8}\t\u{C}")
        #expect(try stringArgument(#""slashes \\ \/""#) == #"slashes \ /"#)
        #expect(try stringArgument(#""unicode \u1234\u5678\u90AB\uCDEF""#) == "unicode \u{1234}\u{5678}\u{90AB}\u{CDEF}")
        #expect(try stringArgument(#""braced \u{1F600} \u{41} \u{0} \u{10FFFF}""#) == "braced \u{1F600} A \u{0} \u{10FFFF}")
        #expect(try stringArgument(#""pair \uD83D\uDE00""#) == "pair \u{1F600}")
        #expect(try stringArgument(#""upper \uD83D\uDE00 and lower \ud83d\ude00""#) == "upper \u{1F600} and lower \u{1F600}")
        #expect(try stringArgument("\"raw é 😀 \u{7}\"") == "raw é 😀 \u{7}")
        #expect(try stringArgument(#""""#) == "")
    }

    @Test func loneSurrogatesAndOutOfRangeEscapesAreRejected() {
        #expect(syntaxError(#"{ f(a: "\uD800") }"#) == #"Syntax Error: Invalid Unicode escape sequence: "\uD800". (1:9)"#)
        #expect(syntaxError(#"{ f(a: "\uDE00") }"#) == #"Syntax Error: Invalid Unicode escape sequence: "\uDE00". (1:9)"#)
        #expect(syntaxError(#"{ f(a: "\u{D800}") }"#) == #"Syntax Error: Invalid Unicode escape sequence: "\u{D800}". (1:9)"#)
        #expect(syntaxError(#"{ f(a: "\u{D83D}\u{DE00}") }"#) == #"Syntax Error: Invalid Unicode escape sequence: "\u{D83D}". (1:9)"#)
        #expect(syntaxError(#"{ f(a: "\u{110000}") }"#) == #"Syntax Error: Invalid Unicode escape sequence: "\u{110000}". (1:9)"#)
        #expect(syntaxError(#"{ f(a: "\uD83D\u0041") }"#) == #"Syntax Error: Invalid Unicode escape sequence: "\uD83D". (1:9)"#)
        // The message quotes the escape up to where it went wrong, even at the end of input.
        #expect(syntaxError(#"{ f(a: "\u"#) == #"Syntax Error: Invalid Unicode escape sequence: "\u". (1:9)"#)
        #expect(syntaxError(#"{ f(a: "\u{12"#) == #"Syntax Error: Invalid Unicode escape sequence: "\u{12". (1:9)"#)
    }

    @Test func unterminatedStrings() {
        #expect(syntaxError("\"abc") == "Syntax Error: Unterminated string. (1:5)")
        #expect(syntaxError("\"abc\ndef\"") == "Syntax Error: Unterminated string. (1:5)")
        #expect(syntaxError("\"abc\r\"") == "Syntax Error: Unterminated string. (1:5)")
        #expect(syntaxError("\"\\") == "Syntax Error: Unterminated string. (1:3)")
        #expect(syntaxError("\"\"\"abc\"\"") == "Syntax Error: Unterminated string. (1:9)")
        #expect(syntaxError("\"\"\"abc\\\"\"\"") == "Syntax Error: Unterminated string. (1:11)")
    }

    @Test func blockStrings() throws {
        #expect(try stringArgument(#""""simple""""#) == "simple")
        #expect(try stringArgument(#"""" white space """"#) == " white space ")
        #expect(try stringArgument(#""""contains " quote""""#) == "contains \" quote")
        #expect(try stringArgument(#""""contains \""" triple quote""""#) == #"contains """ triple quote"#)
        #expect(try stringArgument("\"\"\"multi\nline\"\"\"") == "multi\nline")
        #expect(try stringArgument("\"\"\"multi\rline\r\nnormalized\"\"\"") == "multi\nline\nnormalized")
        #expect(try stringArgument(#""""unescaped \n\r\b\t\f\u1234""""#) == #"unescaped \n\r\b\t\f\u1234"#)
        #expect(try stringArgument(#""""slashes \\ \/""""#) == #"slashes \\ \/"#)
        #expect(try stringArgument("\"\"\"\n\n        spans\n          multiple\n            lines\n\n        \"\"\"") == "spans\n  multiple\n    lines")
        #expect(try stringArgument(#""""""""#) == "")
        #expect(try stringArgument("\"\"\"\u{7} é 😀\"\"\"") == "\u{7} é 😀")
    }

    @Test func blockStringValueFollowsTheSpec() {
        #expect(blockStringValue("") == "")
        #expect(blockStringValue("   ") == "")
        #expect(blockStringValue("\n  \n\t\n") == "")
        // The first line keeps its indentation and does not count toward the common indent.
        #expect(blockStringValue("  first\n    second\n      third") == "  first\nsecond\n  third")
        #expect(blockStringValue("\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  ") == "Hello,\n  World!\n\nYours,\n  GraphQL.")
        // White-space-only lines do not set the common indent.
        #expect(blockStringValue("\n    a\n  \n    b\n") == "a\n\nb")
        // Tabs count as white space, one character each.
        #expect(blockStringValue("\n\t\ta\n\t\t b") == "a\n b")
        #expect(blockStringValue("a\r\n  b\r  c") == "a\nb\nc")
        #expect(blockStringValue("  \n  x  \n  ") == "x  ")
    }

    @Test func ignoredTokens() {
        #expect(lexKinds("  \t,,, a,b\n# comment\r\nc # trailing comment") == [.name, .name, .name])
        #expect(lexKinds("# only a comment") == [])
        #expect(lexKinds("#é😀 non-ASCII comment\na") == [.name])
        // A byte order mark is ignored at the start and between tokens.
        #expect(lexKinds("\u{FEFF}a\u{FEFF}b") == [.name, .name])
    }

    @Test func byteOrderMarkCountsAsAColumn() {
        #expect(syntaxError("\u{FEFF}?") == #"Syntax Error: Unexpected character: "?". (1:2)"#)
        #expect(syntaxError("\u{FEFF}{ a }") == nil)
    }

    @Test func unexpectedCharacters() {
        #expect(syntaxError("?") == #"Syntax Error: Unexpected character: "?". (1:1)"#)
        #expect(syntaxError("\u{7}") == "Syntax Error: Unexpected character: U+0007. (1:1)")
        #expect(syntaxError("\u{0}") == "Syntax Error: Unexpected character: U+0000. (1:1)")
        #expect(syntaxError("é") == "Syntax Error: Unexpected character: U+00E9. (1:1)")
        #expect(syntaxError("😀") == "Syntax Error: Unexpected character: U+1F600. (1:1)")
        #expect(syntaxError("{ a }\n  .") == #"Syntax Error: Unexpected character: ".". (2:3)"#)
        #expect(syntaxError("'a'") == #"Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (")? (1:1)"#)
    }

    @Test func invalidUTF8IsRejected() {
        func error(_ bytes: [UInt8]) -> String? {
            do {
                _ = try parse(Source(bytes: bytes))
                return nil
            } catch {
                return error.description
            }
        }
        let prefix = Array(#"{ f(a: ""#.utf8)
        // A stray continuation byte, a truncated sequence, an overlong form, an encoded
        // surrogate, a value past U+10FFFF, and bytes that never occur in UTF-8.
        #expect(error(prefix + [0x80, 0x22, 0x29, 0x7D]) == "Syntax Error: Invalid UTF-8 byte sequence starting with byte 0x80. (1:9)")
        #expect(error(prefix + [0xC3, 0x22, 0x29, 0x7D]) == "Syntax Error: Invalid UTF-8 byte sequence starting with byte 0xC3. (1:9)")
        #expect(error(prefix + [0xC0, 0xAF, 0x22, 0x29, 0x7D]) == "Syntax Error: Invalid UTF-8 byte sequence starting with byte 0xC0. (1:9)")
        #expect(error(prefix + [0xED, 0xA0, 0x80, 0x22, 0x29, 0x7D]) == "Syntax Error: Invalid UTF-8 byte sequence starting with byte 0xED. (1:9)")
        #expect(error(prefix + [0xF4, 0x90, 0x80, 0x80, 0x22, 0x29, 0x7D]) == "Syntax Error: Invalid UTF-8 byte sequence starting with byte 0xF4. (1:9)")
        #expect(error(prefix + [0xFF, 0x22, 0x29, 0x7D]) == "Syntax Error: Invalid UTF-8 byte sequence starting with byte 0xFF. (1:9)")
        #expect(error(Array("{ a } # ".utf8) + [0xFE]) == "Syntax Error: Invalid UTF-8 byte sequence starting with byte 0xFE. (1:9)")
        #expect(error(Array("\"\"\"".utf8) + [0xE2, 0x82]) == "Syntax Error: Invalid UTF-8 byte sequence starting with byte 0xE2. (1:4)")
        #expect(error([0xC3, 0x28]) == "Syntax Error: Invalid UTF-8 byte sequence starting with byte 0xC3. (1:1)")
        // Well-formed multi-byte text passes.
        #expect(error(prefix + Array("é€😀".utf8) + [0x22, 0x29, 0x7D]) == nil)
    }

    @Test func positionsCountLinesAndScalars() {
        let source = Source("a\nbc\r\nd\re😀f")
        #expect(source.position(at: 0) == SourcePosition(line: 1, column: 1))
        #expect(source.position(at: 2) == SourcePosition(line: 2, column: 1))
        #expect(source.position(at: 3) == SourcePosition(line: 2, column: 2))
        #expect(source.position(at: 6) == SourcePosition(line: 3, column: 1))
        #expect(source.position(at: 8) == SourcePosition(line: 4, column: 1))
        // "😀" is four bytes and one column.
        #expect(source.position(at: 13) == SourcePosition(line: 4, column: 3))
        #expect(source.position(at: 1000) == SourcePosition(line: 4, column: 4))
    }

    @Test func errorLinesFollowLFCRAndCRLF() {
        #expect(syntaxError("{\n  a\n  ?\n}") == #"Syntax Error: Unexpected character: "?". (3:3)"#)
        #expect(syntaxError("{\r\n  a\r\n  ?\r\n}") == #"Syntax Error: Unexpected character: "?". (3:3)"#)
        #expect(syntaxError("{\r  a\r  ?\r}") == #"Syntax Error: Unexpected character: "?". (3:3)"#)
        #expect(syntaxError("\r\n?") == #"Syntax Error: Unexpected character: "?". (2:1)"#)
        #expect(syntaxError("\n\r?") == #"Syntax Error: Unexpected character: "?". (3:1)"#)
        #expect(syntaxError("{ a(b: \"😀\") }\n\t ?") == #"Syntax Error: Unexpected character: "?". (2:3)"#)
        #expect(syntaxError("\"😀\" ?") == #"Syntax Error: Unexpected character: "?". (1:5)"#)
    }
}
