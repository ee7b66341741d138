// Executable definitions (spec §2.3–2.8): operations, variable definitions, selection sets,
// fields, fragment spreads, inline fragments and fragment definitions.

extension Parser {
    /// OperationDefinition :
    ///   - Description? OperationType Name? VariablesDefinition? Directives? SelectionSet
    ///   - SelectionSet
    mutating func parseOperationDefinition() throws(SyntaxError) -> OperationDefinition {
        let start = token.start
        if token.kind == .braceL {
            let selectionSet = try parseSelectionSet()
            return OperationDefinition(operation: .query, selectionSet: selectionSet, location: location(from: start))
        }
        let description = try parseDescription()
        let operation = try parseOperationType()
        let name = token.kind == .name ? try parseName() : nil
        let variableDefinitions = try parseVariableDefinitions()
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return OperationDefinition(
            description: description, operation: operation, name: name, variableDefinitions: variableDefinitions,
            directives: directives, selectionSet: selectionSet, location: location(from: start))
    }

    /// OperationType : one of `query` `mutation` `subscription`
    mutating func parseOperationType() throws(SyntaxError) -> OperationType {
        if token.kind != .name { try expect(.name) }
        let operation: OperationType
        if isKeyword("query") {
            operation = .query
        } else if isKeyword("mutation") {
            operation = .mutation
        } else if isKeyword("subscription") {
            operation = .subscription
        } else {
            throw unexpected(token)
        }
        try advance()
        return operation
    }

    /// VariablesDefinition : ( VariableDefinition+ )
    mutating func parseVariableDefinitions() throws(SyntaxError) -> [VariableDefinition] {
        guard try skip(.parenL) else { return [] }
        var definitions: [VariableDefinition] = []
        repeat {
            definitions.append(try parseVariableDefinition())
        } while !(try skip(.parenR))
        return definitions
    }

    /// VariableDefinition : Description? Variable : Type DefaultValue? Directives[Const]?
    mutating func parseVariableDefinition() throws(SyntaxError) -> VariableDefinition {
        let start = token.start
        let description = try parseDescription()
        let variable = try parseVariable()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try skip(.equals) ? try parseValue(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return VariableDefinition(
            description: description, variable: variable, type: type, defaultValue: defaultValue,
            directives: directives, location: location(from: start))
    }

    /// Variable : $ Name
    mutating func parseVariable() throws(SyntaxError) -> Variable {
        let start = token.start
        try expect(.dollar)
        let name = try parseName()
        return Variable(name: name, location: location(from: start))
    }

    /// SelectionSet : { Selection+ }
    mutating func parseSelectionSet() throws(SyntaxError) -> SelectionSet {
        let start = token.start
        try enterNesting()
        try expect(.braceL)
        var selections: [Selection] = []
        repeat {
            selections.append(try parseSelection())
        } while !(try skip(.braceR))
        leaveNesting()
        return SelectionSet(selections: selections, location: location(from: start))
    }

    /// Selection : Field | FragmentSpread | InlineFragment
    mutating func parseSelection() throws(SyntaxError) -> Selection {
        token.kind == .spread ? try parseFragment() : .field(try parseField())
    }

    /// Field : Alias? Name Arguments? Directives? SelectionSet?
    mutating func parseField() throws(SyntaxError) -> Field {
        let start = token.start
        let nameOrAlias = try parseName()
        let alias: Name?
        let name: Name
        if try skip(.colon) {
            alias = nameOrAlias
            name = try parseName()
        } else {
            alias = nil
            name = nameOrAlias
        }
        let arguments = try parseArguments(isConst: false)
        let directives = try parseDirectives(isConst: false)
        let selectionSet = token.kind == .braceL ? try parseSelectionSet() : nil
        return Field(
            alias: alias, name: name, arguments: arguments, directives: directives, selectionSet: selectionSet,
            location: location(from: start))
    }

    /// FragmentSpread : ... FragmentName Directives?
    /// InlineFragment : ... TypeCondition? Directives? SelectionSet
    mutating func parseFragment() throws(SyntaxError) -> Selection {
        let start = token.start
        try expect(.spread)
        let hasTypeCondition = isKeyword("on")
        if !hasTypeCondition && token.kind == .name {
            let name = try parseName()
            let directives = try parseDirectives(isConst: false)
            return .fragmentSpread(FragmentSpread(name: name, directives: directives, location: location(from: start)))
        }
        var typeCondition: NamedType?
        if hasTypeCondition {
            try advance()
            typeCondition = try parseNamedType()
        }
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return .inlineFragment(
            InlineFragment(
                typeCondition: typeCondition, directives: directives, selectionSet: selectionSet,
                location: location(from: start)))
    }

    /// FragmentDefinition : Description? fragment FragmentName TypeCondition Directives? SelectionSet
    mutating func parseFragmentDefinition() throws(SyntaxError) -> FragmentDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("fragment")
        // FragmentName : Name but not `on`
        if isKeyword("on") { throw unexpected(token) }
        let name = try parseName()
        try expectKeyword("on")
        let typeCondition = try parseNamedType()
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return FragmentDefinition(
            description: description, name: name, typeCondition: typeCondition, directives: directives,
            selectionSet: selectionSet, location: location(from: start))
    }
}
