// Values, arguments, directives and type references (spec §2.6, §2.9, §2.10–2.12), shared by
// executable and type-system definitions. `isConst` selects the grammar's [Const] variant, in
// which variables are not allowed.

extension Parser {
    /// Value[Const] : Variable (not in Const) | IntValue | FloatValue | StringValue | BooleanValue
    ///   | NullValue | EnumValue | ListValue[?Const] | ObjectValue[?Const]
    /// ListValue : [ ] | [ Value+ ]
    /// ObjectValue : { } | { ObjectField+ }, ObjectField : Name : Value
    ///
    /// Lists and objects are parsed with an explicit stack instead of recursion, so the depth of
    /// a value costs heap memory rather than thread stack.
    mutating func parseValue(isConst: Bool) throws(SyntaxError) -> Value {
        if token.kind != .bracketL && token.kind != .braceL { return try parseScalarValue(isConst: isConst) }
        openValues.removeAll(keepingCapacity: true)
        if openValues.capacity == 0 { openValues.reserveCapacity(8) }
        while true {
            var completed: Value?
            if token.kind == .bracketL || token.kind == .braceL {
                try enterNesting()
                openValues.append(OpenValue(isList: token.kind == .bracketL, start: token.start))
                try advance()
            } else {
                completed = try parseScalarValue(isConst: isConst)
            }
            // Attach the completed value, close every container whose closing token follows, and
            // stop where the next element begins (after its name, in an object).
            while true {
                guard !openValues.isEmpty else {
                    if let value = completed { return value }
                    break
                }
                let innermost = openValues.count - 1
                if let value = completed {
                    if openValues[innermost].isList {
                        openValues[innermost].values.append(value)
                    } else {
                        let name = openValues[innermost].fieldName
                        openValues[innermost].fields.append(
                            ObjectField(name: name, value: value, location: SourceLocation(start: name.location.start, end: lastEnd)))
                    }
                    completed = nil
                }
                let isList = openValues[innermost].isList
                if token.kind == (isList ? .bracketR : .braceR) {
                    try advance()
                    leaveNesting()
                    let closed = openValues.removeLast()
                    let location = location(from: closed.start)
                    completed = isList ? .list(ListValue(closed.values, location: location)) : .object(ObjectValue(closed.fields, location: location))
                    continue
                }
                if !isList {
                    openValues[innermost].fieldName = try parseName()
                    try expect(.colon)
                }
                break
            }
        }
    }

    /// Any value but a list or an object.
    @inline(__always) private mutating func parseScalarValue(isConst: Bool) throws(SyntaxError) -> Value {
        let current = token
        let here = SourceLocation(start: current.start, end: current.end)
        switch current.kind {
        case .int:
            try advance()
            return .int(IntValue(text(of: current), location: here))
        case .float:
            try advance()
            return .float(FloatValue(text(of: current), location: here))
        case .string, .blockString:
            try advance()
            return .string(StringValue(stringValue(of: current), isBlock: current.kind == .blockString, location: here))
        case .name:
            try advance()
            if isKeyword("true", current) { return .boolean(BooleanValue(true, location: here)) }
            if isKeyword("false", current) { return .boolean(BooleanValue(false, location: here)) }
            if isKeyword("null", current) { return .null(NullValue(location: here)) }
            return .enumValue(EnumValue(text(of: current), location: here))
        case .dollar:
            if isConst {
                let next = try lookahead()
                if next.kind == .name {
                    throw SyntaxError("Unexpected variable \"$\(text(of: next))\" in constant value.", at: current.start)
                }
                throw unexpected(current)
            }
            return .variable(try parseVariable())
        default:
            throw unexpected(current)
        }
    }

    /// Arguments : ( Argument+ ), Argument : Name : Value
    mutating func parseArguments(isConst: Bool) throws(SyntaxError) -> [Argument] {
        guard try skip(.parenL) else { return [] }
        var arguments: [Argument] = []
        repeat {
            let start = token.start
            let name = try parseName()
            try expect(.colon)
            let value = try parseValue(isConst: isConst)
            arguments.append(Argument(name: name, value: value, location: location(from: start)))
        } while !(try skip(.parenR))
        return arguments
    }

    /// Directives : Directive+, Directive : @ Name Arguments?
    mutating func parseDirectives(isConst: Bool) throws(SyntaxError) -> [Directive] {
        var directives: [Directive] = []
        while token.kind == .at {
            let start = token.start
            try advance()
            let name = try parseName()
            let arguments = try parseArguments(isConst: isConst)
            directives.append(Directive(name: name, arguments: arguments, location: location(from: start)))
        }
        return directives
    }

    /// Type : NamedType | ListType | NonNullType
    ///
    /// List types are unwrapped with a loop rather than recursion, like lists and selections.
    mutating func parseTypeReference() throws(SyntaxError) -> TypeReference {
        let outerLists = openListTypes.count
        while token.kind == .bracketL {
            try enterNesting()
            openListTypes.append(token.start)
            try advance()
        }
        let named = try parseNamedType()
        var type = TypeReference.named(named)
        if try skip(.bang) { type = .nonNull(type, location: location(from: named.location.start)) }
        while openListTypes.count > outerLists, let start = openListTypes.popLast() {
            try expect(.bracketR)
            leaveNesting()
            type = .list(type, location: location(from: start))
            if try skip(.bang) { type = .nonNull(type, location: location(from: start)) }
        }
        return type
    }

    /// NamedType : Name
    mutating func parseNamedType() throws(SyntaxError) -> NamedType {
        let name = try parseName()
        return NamedType(name: name, location: name.location)
    }
}

/// A list or object value whose closing token has not been reached yet.
struct OpenValue {
    var isList: Bool
    var start: Int
    var values: [Value] = []
    var fields: [ObjectField] = []
    /// In an object: the name of the field whose value is being parsed.
    var fieldName = Name("")

    init(isList: Bool, start: Int) {
        self.isList = isList
        self.start = start
    }
}
