// Type-system definitions and extensions (spec §3): schema, scalar, object, interface, union,
// enum and input object types, directive definitions, and every `extend` form.

extension Parser {
    // MARK: Schema

    /// SchemaDefinition : Description? schema Directives[Const]? { RootOperationTypeDefinition+ }
    mutating func parseSchemaDefinition() throws(SyntaxError) -> SchemaDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        try expect(.braceL)
        var operationTypes: [OperationTypeDefinition] = []
        repeat {
            operationTypes.append(try parseOperationTypeDefinition())
        } while !(try skip(.braceR))
        return SchemaDefinition(
            description: description, directives: directives, operationTypes: operationTypes,
            location: location(from: start))
    }

    /// RootOperationTypeDefinition : OperationType : NamedType
    mutating func parseOperationTypeDefinition() throws(SyntaxError) -> OperationTypeDefinition {
        let start = token.start
        let operation = try parseOperationType()
        try expect(.colon)
        let type = try parseNamedType()
        return OperationTypeDefinition(operation: operation, type: type, location: location(from: start))
    }

    // MARK: Types

    /// ScalarTypeDefinition : Description? scalar Name Directives[Const]?
    mutating func parseScalarTypeDefinition() throws(SyntaxError) -> ScalarTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("scalar")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        return ScalarTypeDefinition(description: description, name: name, directives: directives, location: location(from: start))
    }

    /// ObjectTypeDefinition : Description? type Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?
    mutating func parseObjectTypeDefinition() throws(SyntaxError) -> ObjectTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("type")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        return ObjectTypeDefinition(
            description: description, name: name, interfaces: interfaces, directives: directives, fields: fields,
            location: location(from: start))
    }

    /// InterfaceTypeDefinition : Description? interface Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?
    mutating func parseInterfaceTypeDefinition() throws(SyntaxError) -> InterfaceTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("interface")
        let name = try parseName()
        let interfaces = try parseImplementsInterfaces()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseFieldsDefinition()
        return InterfaceTypeDefinition(
            description: description, name: name, interfaces: interfaces, directives: directives, fields: fields,
            location: location(from: start))
    }

    /// ImplementsInterfaces : implements &? NamedType (& NamedType)*
    mutating func parseImplementsInterfaces() throws(SyntaxError) -> [NamedType] {
        guard isKeyword("implements") else { return [] }
        try advance()
        _ = try skip(.amp)
        var interfaces: [NamedType] = []
        repeat {
            interfaces.append(try parseNamedType())
        } while try skip(.amp)
        return interfaces
    }

    /// FieldsDefinition : { FieldDefinition+ }
    mutating func parseFieldsDefinition() throws(SyntaxError) -> [FieldDefinition] {
        guard try skip(.braceL) else { return [] }
        var fields: [FieldDefinition] = []
        fields.reserveCapacity(4)  // saves the first regrowths of the typical list
        repeat {
            fields.append(try parseFieldDefinition())
        } while !(try skip(.braceR))
        return fields
    }

    /// FieldDefinition : Description? Name ArgumentsDefinition? : Type Directives[Const]?
    mutating func parseFieldDefinition() throws(SyntaxError) -> FieldDefinition {
        let start = token.start
        let description = try parseDescription()
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        try expect(.colon)
        let type = try parseTypeReference()
        let directives = try parseDirectives(isConst: true)
        return FieldDefinition(
            description: description, name: name, arguments: arguments, type: type, directives: directives,
            location: location(from: start))
    }

    /// ArgumentsDefinition : ( InputValueDefinition+ )
    mutating func parseArgumentDefinitions() throws(SyntaxError) -> [InputValueDefinition] {
        guard try skip(.parenL) else { return [] }
        var arguments: [InputValueDefinition] = []
        repeat {
            arguments.append(try parseInputValueDefinition())
        } while !(try skip(.parenR))
        return arguments
    }

    /// InputValueDefinition : Description? Name : Type DefaultValue? Directives[Const]?
    mutating func parseInputValueDefinition() throws(SyntaxError) -> InputValueDefinition {
        let start = token.start
        let description = try parseDescription()
        let name = try parseName()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try skip(.equals) ? try parseValue(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return InputValueDefinition(
            description: description, name: name, type: type, defaultValue: defaultValue, directives: directives,
            location: location(from: start))
    }

    /// UnionTypeDefinition : Description? union Name Directives[Const]? UnionMemberTypes?
    mutating func parseUnionTypeDefinition() throws(SyntaxError) -> UnionTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("union")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let types = try parseUnionMemberTypes()
        return UnionTypeDefinition(
            description: description, name: name, directives: directives, types: types, location: location(from: start))
    }

    /// UnionMemberTypes : = |? NamedType (| NamedType)*
    mutating func parseUnionMemberTypes() throws(SyntaxError) -> [NamedType] {
        guard try skip(.equals) else { return [] }
        _ = try skip(.pipe)
        var types: [NamedType] = []
        repeat {
            types.append(try parseNamedType())
        } while try skip(.pipe)
        return types
    }

    /// EnumTypeDefinition : Description? enum Name Directives[Const]? EnumValuesDefinition?
    mutating func parseEnumTypeDefinition() throws(SyntaxError) -> EnumTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("enum")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let values = try parseEnumValueDefinitions()
        return EnumTypeDefinition(
            description: description, name: name, directives: directives, values: values, location: location(from: start))
    }

    /// EnumValuesDefinition : { EnumValueDefinition+ }
    mutating func parseEnumValueDefinitions() throws(SyntaxError) -> [EnumValueDefinition] {
        guard try skip(.braceL) else { return [] }
        var values: [EnumValueDefinition] = []
        values.reserveCapacity(4)
        repeat {
            values.append(try parseEnumValueDefinition())
        } while !(try skip(.braceR))
        return values
    }

    /// EnumValueDefinition : Description? EnumValue Directives[Const]?
    /// EnumValue : Name but not `true`, `false` or `null`
    mutating func parseEnumValueDefinition() throws(SyntaxError) -> EnumValueDefinition {
        let start = token.start
        let description = try parseDescription()
        if isKeyword("true") || isKeyword("false") || isKeyword("null") {
            throw SyntaxError(
                "Name \"\(text(of: token))\" is reserved and cannot be used for an enum value.", at: token.start)
        }
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        return EnumValueDefinition(description: description, name: name, directives: directives, location: location(from: start))
    }

    /// InputObjectTypeDefinition : Description? input Name Directives[Const]? InputFieldsDefinition?
    mutating func parseInputObjectTypeDefinition() throws(SyntaxError) -> InputObjectTypeDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("input")
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        let fields = try parseInputFieldsDefinition()
        return InputObjectTypeDefinition(
            description: description, name: name, directives: directives, fields: fields, location: location(from: start))
    }

    /// InputFieldsDefinition : { InputValueDefinition+ }
    mutating func parseInputFieldsDefinition() throws(SyntaxError) -> [InputValueDefinition] {
        guard try skip(.braceL) else { return [] }
        var fields: [InputValueDefinition] = []
        fields.reserveCapacity(4)
        repeat {
            fields.append(try parseInputValueDefinition())
        } while !(try skip(.braceR))
        return fields
    }

    // MARK: Directives

    /// DirectiveDefinition : Description? directive @ Name ArgumentsDefinition? repeatable? on DirectiveLocations
    mutating func parseDirectiveDefinition() throws(SyntaxError) -> DirectiveDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("directive")
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        let isRepeatable = isKeyword("repeatable")
        if isRepeatable { try advance() }
        try expectKeyword("on")
        _ = try skip(.pipe)
        var locations: [Name] = []
        repeat {
            let locationToken = token
            let location = try parseName()
            guard DirectiveLocation(rawValue: location.value) != nil else { throw unexpected(locationToken) }
            locations.append(location)
        } while try skip(.pipe)
        return DirectiveDefinition(
            description: description, name: name, arguments: arguments, isRepeatable: isRepeatable,
            locations: locations, location: location(from: start))
    }

    // MARK: Extensions

    /// TypeSystemExtension : SchemaExtension | TypeExtension
    mutating func parseTypeSystemExtension() throws(SyntaxError) -> Definition {
        let start = token.start
        try expectKeyword("extend")
        let keyword = token
        if isKeyword("schema") {
            try advance()
            let directives = try parseDirectives(isConst: true)
            var operationTypes: [OperationTypeDefinition] = []
            if try skip(.braceL) {
                repeat {
                    operationTypes.append(try parseOperationTypeDefinition())
                } while !(try skip(.braceR))
            }
            if directives.isEmpty && operationTypes.isEmpty { throw unexpected(token) }
            return .schemaExtension(
                SchemaExtension(directives: directives, operationTypes: operationTypes, location: location(from: start)))
        }
        guard keyword.kind == .name else { throw unexpected(keyword) }
        let kind = text(of: keyword)
        let typeExtension: TypeExtension
        switch kind {
        case "scalar":
            try advance()
            let name = try parseName()
            let directives = try parseDirectives(isConst: true)
            if directives.isEmpty { throw unexpected(token) }
            typeExtension = .scalar(ScalarTypeDefinition(name: name, directives: directives, location: location(from: start)))
        case "type", "interface":
            try advance()
            let name = try parseName()
            let interfaces = try parseImplementsInterfaces()
            let directives = try parseDirectives(isConst: true)
            let fields = try parseFieldsDefinition()
            if interfaces.isEmpty && directives.isEmpty && fields.isEmpty { throw unexpected(token) }
            if kind == "type" {
                typeExtension = .object(
                    ObjectTypeDefinition(
                        name: name, interfaces: interfaces, directives: directives, fields: fields,
                        location: location(from: start)))
            } else {
                typeExtension = .interface(
                    InterfaceTypeDefinition(
                        name: name, interfaces: interfaces, directives: directives, fields: fields,
                        location: location(from: start)))
            }
        case "union":
            try advance()
            let name = try parseName()
            let directives = try parseDirectives(isConst: true)
            let types = try parseUnionMemberTypes()
            if directives.isEmpty && types.isEmpty { throw unexpected(token) }
            typeExtension = .union(
                UnionTypeDefinition(name: name, directives: directives, types: types, location: location(from: start)))
        case "enum":
            try advance()
            let name = try parseName()
            let directives = try parseDirectives(isConst: true)
            let values = try parseEnumValueDefinitions()
            if directives.isEmpty && values.isEmpty { throw unexpected(token) }
            typeExtension = .enumType(
                EnumTypeDefinition(name: name, directives: directives, values: values, location: location(from: start)))
        case "input":
            try advance()
            let name = try parseName()
            let directives = try parseDirectives(isConst: true)
            let fields = try parseInputFieldsDefinition()
            if directives.isEmpty && fields.isEmpty { throw unexpected(token) }
            typeExtension = .inputObject(
                InputObjectTypeDefinition(name: name, directives: directives, fields: fields, location: location(from: start)))
        default:
            throw unexpected(keyword)
        }
        return .typeExtension(typeExtension)
    }
}
