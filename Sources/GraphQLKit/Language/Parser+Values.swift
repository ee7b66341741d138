// Values, arguments, directives and type references (spec §2.6, §2.9, §2.10–2.12), shared by
// executable and type-system definitions. `isConst` selects the grammar's [Const] variant, in
// which variables are not allowed.

extension Parser {
    /// Value[Const] : Variable (not in Const) | IntValue | FloatValue | StringValue | BooleanValue
    ///   | NullValue | EnumValue | ListValue[?Const] | ObjectValue[?Const]
    mutating func parseValue(isConst: Bool) throws(SyntaxError) -> Value {
        let current = token
        let here = SourceLocation(start: current.start, end: current.end)
        switch current.kind {
        case .bracketL:
            return .list(try parseList(isConst: isConst))
        case .braceL:
            return .object(try parseObject(isConst: isConst))
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

    /// ListValue : [ ] | [ Value+ ]
    mutating func parseList(isConst: Bool) throws(SyntaxError) -> ListValue {
        let start = token.start
        try enterNesting()
        try expect(.bracketL)
        var values: [Value] = []
        while !(try skip(.bracketR)) {
            values.append(try parseValue(isConst: isConst))
        }
        leaveNesting()
        return ListValue(values, location: location(from: start))
    }

    /// ObjectValue : { } | { ObjectField+ }
    mutating func parseObject(isConst: Bool) throws(SyntaxError) -> ObjectValue {
        let start = token.start
        try enterNesting()
        try expect(.braceL)
        var fields: [ObjectField] = []
        while !(try skip(.braceR)) {
            let fieldStart = token.start
            let name = try parseName()
            try expect(.colon)
            let value = try parseValue(isConst: isConst)
            fields.append(ObjectField(name: name, value: value, location: location(from: fieldStart)))
        }
        leaveNesting()
        return ObjectValue(fields, location: location(from: start))
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
    mutating func parseTypeReference() throws(SyntaxError) -> TypeReference {
        let start = token.start
        var type: TypeReference
        if token.kind == .bracketL {
            try enterNesting()
            try advance()
            let inner = try parseTypeReference()
            try expect(.bracketR)
            leaveNesting()
            type = .list(inner, location: location(from: start))
        } else {
            type = .named(try parseNamedType())
        }
        if try skip(.bang) {
            type = .nonNull(type, location: location(from: start))
        }
        return type
    }

    /// NamedType : Name
    mutating func parseNamedType() throws(SyntaxError) -> NamedType {
        let name = try parseName()
        return NamedType(name: name, location: name.location)
    }
}
