// Schema coordinates (spec §2 "Schema Coordinates"): `Type`, `Type.field`, `Type.field(arg:)`,
// `@directive`, `@directive(arg:)`. They have a lexical grammar of their own: only names and
// the punctuators `( ) . : @`, with no ignored characters anywhere.

/// Parses a schema coordinate such as `Query.run(id:)` or `@deprecated(reason:)`.
public func parseSchemaCoordinate(_ source: Source) throws(GraphQLError) -> SchemaCoordinate {
    let result: Result<SchemaCoordinate, SyntaxError> = source.bytes.withUnsafeBufferPointer { buffer in
        var parser = SchemaCoordinateParser(bytes: buffer)
        do throws(SyntaxError) {
            return .success(try parser.parse())
        } catch {
            return .failure(error)
        }
    }
    switch result {
    case .success(let coordinate): return coordinate
    case .failure(let error): throw error.graphQLError(in: source)
    }
}

public func parseSchemaCoordinate(_ text: String) throws(GraphQLError) -> SchemaCoordinate {
    try parseSchemaCoordinate(Source(text))
}

private struct SchemaCoordinateParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func parse() throws(SyntaxError) -> SchemaCoordinate {
        let coordinate: SchemaCoordinate
        if try skip(0x40) {  // @
            let directive = try name()
            if try skip(0x28) {
                let argument = try argumentName()
                coordinate = .directiveArgument(directive: directive, argument: argument)
            } else {
                coordinate = .directive(name: directive)
            }
        } else {
            let type = try name()
            if try skip(0x2E) {  // .
                let member = try name()
                if try skip(0x28) {
                    let argument = try argumentName()
                    coordinate = .argument(type: type, field: member, argument: argument)
                } else {
                    coordinate = .member(type: type, member: member)
                }
            } else {
                coordinate = .type(name: type)
            }
        }
        if position < bytes.count {
            throw SyntaxError("Expected <EOF>, found \(try describeNext()).", at: position)
        }
        return coordinate
    }

    /// `Name : )`, after the opening parenthesis.
    private mutating func argumentName() throws(SyntaxError) -> String {
        let argument = try name()
        try expect(0x3A, "\":\"")
        try expect(0x29, "\")\"")
        return argument
    }

    private mutating func skip(_ punctuator: UInt8) throws(SyntaxError) -> Bool {
        guard position < bytes.count, bytes[position] == punctuator else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ punctuator: UInt8, _ spelled: String) throws(SyntaxError) {
        guard try skip(punctuator) else {
            throw SyntaxError("Expected \(spelled), found \(try describeNext()).", at: position)
        }
    }

    private mutating func name() throws(SyntaxError) -> String {
        let start = position
        guard start < bytes.count, isNameStart(bytes[start]) else {
            throw SyntaxError("Expected Name, found \(try describeNext()).", at: start)
        }
        position += 1
        while position < bytes.count && isNameContinue(bytes[position]) { position += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// The next token as error messages name it; a character outside this grammar (white
    /// space included) is itself the error.
    private func describeNext() throws(SyntaxError) -> String {
        guard position < bytes.count else { return "<EOF>" }
        let byte = bytes[position]
        switch byte {
        case 0x28, 0x29, 0x2E, 0x3A, 0x40: return "\"" + String(UnicodeScalar(byte)) + "\""
        default:
            if isNameStart(byte) {
                var end = position + 1
                while end < bytes.count && isNameContinue(bytes[end]) { end += 1 }
                return "Name \"" + String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self) + "\""
            }
            throw SyntaxError("Unexpected character: " + describeCharacter(in: bytes, at: position) + ".", at: position)
        }
    }
}
