// The recursive-descent parser (spec §2 Language, §3 Type System): the public entry points, the
// token-level helpers every production uses, and the document and definition productions. The
// other productions live in Parser+Executable, Parser+Values and Parser+TypeSystem.

/// Parses a GraphQL document: executable definitions, type-system definitions and extensions.
public func parse(_ source: Source, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> Document {
    try runParser(source, options) { (parser: inout Parser) throws(SyntaxError) in try parser.parseDocument() }
}

/// Parses a GraphQL document given as text.
public func parse(_ text: String, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> Document {
    try parse(Source(text), options: options)
}

/// Parses one value, which may contain variables (e.g. `{ a: [$x, 1] }`).
public func parseValue(_ source: Source, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> Value {
    try runParser(source, options) { (parser: inout Parser) throws(SyntaxError) in
        try parser.parseWhole { (p: inout Parser) throws(SyntaxError) in try p.parseValue(isConst: false) }
    }
}

public func parseValue(_ text: String, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> Value {
    try parseValue(Source(text), options: options)
}

/// Parses one constant value: like `parseValue`, but variables are an error.
public func parseConstValue(_ source: Source, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> Value {
    try runParser(source, options) { (parser: inout Parser) throws(SyntaxError) in
        try parser.parseWhole { (p: inout Parser) throws(SyntaxError) in try p.parseValue(isConst: true) }
    }
}

public func parseConstValue(_ text: String, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> Value {
    try parseConstValue(Source(text), options: options)
}

/// Parses a type reference such as `[String!]!`.
public func parseType(_ source: Source, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> TypeReference {
    try runParser(source, options) { (parser: inout Parser) throws(SyntaxError) in
        try parser.parseWhole { (p: inout Parser) throws(SyntaxError) in try p.parseTypeReference() }
    }
}

public func parseType(_ text: String, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> TypeReference {
    try parseType(Source(text), options: options)
}

/// Runs `body` over the source's bytes and converts a syntax error into a `GraphQLError` with
/// its line and column.
func runParser<T>(
    _ source: Source, _ options: ParseOptions, _ body: (inout Parser) throws(SyntaxError) -> T
) throws(GraphQLError) -> T {
    let result: Result<T, SyntaxError> = source.bytes.withUnsafeBufferPointer { buffer in
        do throws(SyntaxError) {
            var parser = try Parser(bytes: buffer, options: options)
            return .success(try body(&parser))
        } catch {
            return .failure(error)
        }
    }
    switch result {
    case .success(let value): return value
    case .failure(let error): throw error.graphQLError(in: source)
    }
}

/// Parser state: the lexer, the current token, and the counters behind the limits. It reads
/// the source's bytes through an unsafe buffer, so it never outlives `runParser`.
struct Parser {
    var lexer: Lexer
    /// The current (not yet consumed) token.
    var token: Token
    /// End offset of the last consumed token: where a node that ends there ends.
    var lastEnd = 0
    var tokenCount = 0
    var depth = 0
    /// Work stacks for nested selection sets and values; kept here so their storage is reused.
    var openSelectionSets: [OpenSelectionSet] = []
    var pendingFields: [Field] = []
    var pendingInlineFragments: [(start: Int, typeCondition: NamedType?, directives: [Directive])] = []
    var openValues: [OpenValue] = []
    var openListTypes: [Int] = []
    let maxTokens: Int
    let maxDepth: Int

    init(bytes: UnsafeBufferPointer<UInt8>, options: ParseOptions) throws(SyntaxError) {
        lexer = Lexer(bytes: bytes)
        token = Token(kind: .eof, start: 0, end: 0)
        maxTokens = options.maxTokens
        maxDepth = options.maxDepth
        try advance()
        lastEnd = 0
    }

    var bytes: UnsafeBufferPointer<UInt8> { lexer.bytes }

    // MARK: Token helpers

    mutating func advance() throws(SyntaxError) {
        lastEnd = token.end
        token = try lexer.next()
        if token.kind != .eof {
            tokenCount += 1
            if tokenCount > maxTokens {
                throw SyntaxError("Document contains more than \(maxTokens) tokens. Parsing aborted.", at: token.start)
            }
        }
    }

    /// The token after the current one, without consuming anything.
    func lookahead() throws(SyntaxError) -> Token {
        var copy = lexer
        return try copy.next()
    }

    @inline(__always) func peek(_ kind: TokenKind) -> Bool { token.kind == kind }

    /// Consumes the current token if it has the given kind.
    @inline(__always) mutating func skip(_ kind: TokenKind) throws(SyntaxError) -> Bool {
        guard token.kind == kind else { return false }
        try advance()
        return true
    }

    /// Consumes a token of the given kind, or fails with "Expected X, found Y.".
    @discardableResult
    mutating func expect(_ kind: TokenKind) throws(SyntaxError) -> Token {
        let current = token
        guard current.kind == kind else {
            throw SyntaxError("Expected \(kind), found \(describe(current)).", at: current.start)
        }
        try advance()
        return current
    }

    /// Whether `token` is the name `keyword`.
    func isKeyword(_ keyword: StaticString, _ token: Token) -> Bool {
        let length = keyword.utf8CodeUnitCount
        guard token.kind == .name, token.end - token.start == length else { return false }
        let pointer = keyword.utf8Start
        for i in 0..<length where bytes[token.start + i] != pointer[i] { return false }
        return true
    }

    func isKeyword(_ keyword: StaticString) -> Bool { isKeyword(keyword, token) }

    mutating func expectKeyword(_ keyword: StaticString) throws(SyntaxError) {
        guard isKeyword(keyword) else {
            throw SyntaxError("Expected \"\(keyword)\", found \(describe(token)).", at: token.start)
        }
        try advance()
    }

    func unexpected(_ token: Token) -> SyntaxError {
        SyntaxError("Unexpected \(describe(token)).", at: token.start)
    }

    /// A token as error messages name it: `<EOF>`, `"{"`, `Name "foo"`, `String "text"`.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .name, .int, .float: "\(token.kind) \"\(text(of: token))\""
        case .string, .blockString: "\(token.kind) \"\(stringValue(of: token))\""
        default: token.kind.description
        }
    }

    /// The token's source text.
    func text(of token: Token) -> String {
        let source = bytes
        let start = token.start
        let count = token.end - start
        // Names and numbers are ASCII and short: copying into the string's own storage (inline
        // for up to 15 bytes) is cheaper than the general decoding path.
        return String(unsafeUninitializedCapacity: count) { buffer in
            for i in 0..<count { buffer[i] = source[start + i] }
            return count
        }
    }

    /// The value of a string or block string token: escapes decoded, block indentation removed.
    func stringValue(of token: Token) -> String {
        if token.kind == .blockString {
            let raw = UnsafeBufferPointer(rebasing: bytes[(token.start + 3)..<(token.end - 3)])
            return blockStringValue(source: raw, hasEscape: token.hasEscape)
        }
        let contentStart = token.start + 1
        let contentEnd = token.end - 1
        guard token.hasEscape else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<contentEnd]), as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(contentEnd - contentStart)
        var i = contentStart
        while i < contentEnd {
            let byte = bytes[i]
            // The lexer has checked every escape, so decoding one cannot fail here.
            if byte == 0x5C, let escape = try? lexer.readEscape(at: i) {
                appendUTF8(escape.scalar, to: &out)
                i = escape.end
            } else {
                out.append(byte)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) func location(from start: Int) -> SourceLocation {
        SourceLocation(start: start, end: lastEnd)
    }

    /// Enters one level of nesting, failing once the document nests deeper than allowed; this
    /// check comes before any recursion so deep input cannot exhaust the stack.
    @inline(__always) mutating func enterNesting() throws(SyntaxError) {
        depth += 1
        if depth > maxDepth {
            throw SyntaxError("Document is nested more than \(maxDepth) levels deep. Parsing aborted.", at: token.start)
        }
    }

    @inline(__always) mutating func leaveNesting() { depth -= 1 }

    /// Runs a production that must cover the whole source.
    mutating func parseWhole<T>(_ production: (inout Parser) throws(SyntaxError) -> T) throws(SyntaxError) -> T {
        let result = try production(&self)
        try expect(.eof)
        return result
    }

    // MARK: Leaves

    mutating func parseName() throws(SyntaxError) -> Name {
        let nameToken = try expect(.name)
        return Name(text(of: nameToken), location: SourceLocation(start: nameToken.start, end: nameToken.end))
    }

    /// An optional description: a string or block string before a definition.
    mutating func parseDescription() throws(SyntaxError) -> Description? {
        guard token.kind == .string || token.kind == .blockString else { return nil }
        let stringToken = token
        try advance()
        return Description(
            StringValue(
                stringValue(of: stringToken), isBlock: stringToken.kind == .blockString,
                location: SourceLocation(start: stringToken.start, end: stringToken.end)))
    }

    // MARK: Document

    /// Document : Definition+
    mutating func parseDocument() throws(SyntaxError) -> Document {
        var definitions: [Definition] = []
        repeat {
            definitions.append(try parseDefinition())
        } while token.kind != .eof
        // The document spans its whole source, ignored tokens included.
        return Document(definitions: definitions, location: SourceLocation(start: 0, end: bytes.count))
    }

    /// Definition : ExecutableDefinition | TypeSystemDefinitionOrExtension
    mutating func parseDefinition() throws(SyntaxError) -> Definition {
        if token.kind == .braceL { return .operation(try parseOperationDefinition()) }
        let hasDescription = token.kind == .string || token.kind == .blockString
        let keyword = hasDescription ? try lookahead() : token
        if hasDescription && keyword.kind == .braceL {
            throw SyntaxError("Unexpected description, descriptions are not supported on shorthand queries.", at: token.start)
        }
        if keyword.kind == .name {
            switch bytes[keyword.start] {
            case 0x73:  // s
                if isKeyword("schema", keyword) { return .schema(try parseSchemaDefinition()) }
                if isKeyword("scalar", keyword) { return .type(.scalar(try parseScalarTypeDefinition())) }
                if isKeyword("subscription", keyword) { return .operation(try parseOperationDefinition()) }
            case 0x74:  // t
                if isKeyword("type", keyword) { return .type(.object(try parseObjectTypeDefinition())) }
            case 0x69:  // i
                if isKeyword("interface", keyword) { return .type(.interface(try parseInterfaceTypeDefinition())) }
                if isKeyword("input", keyword) { return .type(.inputObject(try parseInputObjectTypeDefinition())) }
            case 0x75:  // u
                if isKeyword("union", keyword) { return .type(.union(try parseUnionTypeDefinition())) }
            case 0x65:  // e
                if isKeyword("enum", keyword) { return .type(.enumType(try parseEnumTypeDefinition())) }
            case 0x64:  // d
                if isKeyword("directive", keyword) { return .directive(try parseDirectiveDefinition()) }
            case 0x71, 0x6D:  // q, m
                if isKeyword("query", keyword) || isKeyword("mutation", keyword) {
                    return .operation(try parseOperationDefinition())
                }
            case 0x66:  // f
                if isKeyword("fragment", keyword) { return .fragment(try parseFragmentDefinition()) }
            default:
                break
            }
            if hasDescription {
                throw SyntaxError("Unexpected description, only GraphQL definitions support descriptions.", at: token.start)
            }
            if isKeyword("extend", keyword) { return try parseTypeSystemExtension() }
        }
        throw unexpected(keyword)
    }
}

/// Appends a Unicode scalar value's UTF-8 encoding.
func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        out.append(UInt8(scalar))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | scalar >> 6))
        out.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | scalar >> 12))
        out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
        out.append(UInt8(0x80 | scalar & 0x3F))
    default:
        out.append(UInt8(0xF0 | (scalar >> 18) & 0x07))
        out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
        out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
        out.append(UInt8(0x80 | scalar & 0x3F))
    }
}
