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
        // Consume the name before judging it, so that an error in the token after it is the one
        // reported, as the reference implementation does.
        let operationToken = try expect(.name)
        if isKeyword("query", operationToken) { return .query }
        if isKeyword("mutation", operationToken) { return .mutation }
        if isKeyword("subscription", operationToken) { return .subscription }
        throw unexpected(operationToken)
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
    /// Selection : Field | FragmentSpread | InlineFragment
    /// Field : Alias? Name Arguments? Directives? SelectionSet?
    /// FragmentSpread : ... FragmentName Directives?
    /// InlineFragment : ... TypeCondition? Directives? SelectionSet
    ///
    /// Nested selection sets are parsed with an explicit stack instead of recursion, so the
    /// depth of a document costs heap memory rather than thread stack.
    mutating func parseSelectionSet() throws(SyntaxError) -> SelectionSet {
        openSelectionSets.removeAll(keepingCapacity: true)
        if openSelectionSets.capacity == 0 {
            // One allocation for typical depths instead of one per doubling.
            openSelectionSets.reserveCapacity(16)
            pendingFields.reserveCapacity(16)
        }
        try openSelectionSet(OpenSelectionSet(start: token.start, owner: .operationOrFragment))
        while true {
            let innermost = openSelectionSets.count - 1
            if token.kind == .braceR && !openSelectionSets[innermost].selections.isEmpty {
                try advance()
                leaveNesting()
                // Owned values taken off the stacks are moved into the tree, not copied.
                let closed = openSelectionSets.removeLast()
                let selectionSet = SelectionSet(selections: closed.selections, location: location(from: closed.start))
                switch closed.owner {
                case .operationOrFragment:
                    return selectionSet
                case .field:
                    var field = pendingFields.removeLast()
                    field.selectionSet = selectionSet
                    field.location.end = lastEnd
                    openSelectionSets[innermost - 1].selections.append(.field(field))
                case .inlineFragment:
                    let fragment = pendingInlineFragments.removeLast()
                    openSelectionSets[innermost - 1].selections.append(
                        .inlineFragment(
                            InlineFragment(
                                typeCondition: fragment.typeCondition, directives: fragment.directives,
                                selectionSet: selectionSet, location: location(from: fragment.start))))
                }
            } else if token.kind == .spread {
                let start = token.start
                try advance()
                let hasTypeCondition = isKeyword("on")
                if !hasTypeCondition && token.kind == .name {
                    let name = try parseName()
                    let directives = try parseDirectives(isConst: false)
                    let spread = FragmentSpread(name: name, directives: directives, location: location(from: start))
                    openSelectionSets[innermost].selections.append(.fragmentSpread(spread))
                    continue
                }
                var typeCondition: NamedType?
                if hasTypeCondition {
                    try advance()
                    typeCondition = try parseNamedType()
                }
                let directives = try parseDirectives(isConst: false)
                try openSelectionSet(OpenSelectionSet(start: token.start, owner: .inlineFragment))
                pendingInlineFragments.append((start, typeCondition, directives))
            } else {
                let field = try parseFieldWithoutSelections()
                if token.kind == .braceL {
                    try openSelectionSet(OpenSelectionSet(start: token.start, owner: .field))
                    pendingFields.append(field)
                } else {
                    openSelectionSets[innermost].selections.append(.field(field))
                }
            }
        }
    }

    /// Consumes a `{` and starts collecting its selections, one nesting level deeper.
    @inline(__always)
    private mutating func openSelectionSet(_ set: consuming OpenSelectionSet) throws(SyntaxError) {
        try enterNesting()
        try expect(.braceL)
        openSelectionSets.append(set)
    }

    /// A field up to, not including, its selection set.
    private mutating func parseFieldWithoutSelections() throws(SyntaxError) -> Field {
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
        return Field(alias: alias, name: name, arguments: arguments, directives: directives, location: location(from: start))
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

/// A selection set whose closing brace has not been reached yet, and what it belongs to. The
/// field or inline fragment that owns it waits on its own stack in the parser.
struct OpenSelectionSet {
    enum Owner: UInt8 {
        case operationOrFragment, field, inlineFragment
    }

    var start: Int
    var owner: Owner
    var selections: [Selection] = []
}
