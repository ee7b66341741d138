// Directive definitions (spec §3.13): the built-in `@include`, `@skip`, `@deprecated`,
// `@specifiedBy` and `@oneOf`, and custom directives declared in SDL.

public struct GraphQLDirective: Sendable {
    public var name: String
    public var description: String?
    public var locations: [DirectiveLocation]
    public var arguments: [GraphQLArgument]
    public var isRepeatable: Bool
    public var astNode: ASTSite<DirectiveDefinition>?

    public init(
        name: String, locations: [DirectiveLocation], arguments: [GraphQLArgument] = [], isRepeatable: Bool = false,
        description: String? = nil, astNode: ASTSite<DirectiveDefinition>? = nil
    ) {
        self.name = name
        self.description = description
        self.locations = locations
        self.arguments = arguments
        self.isRepeatable = isRepeatable
        self.astNode = astNode
    }

    public func argument(named name: String) -> GraphQLArgument? {
        for a in arguments where a.name == name { return a }
        return nil
    }

    /// One of the five directives every schema has.
    public var isSpecified: Bool { specifiedDirectiveNames.contains(name) }
}

/// The built-in directives' names, in the order schemas list them.
public let specifiedDirectiveNames: [String] = ["include", "skip", "deprecated", "specifiedBy", "oneOf"]

extension GraphQLDirective {
    public static let include = GraphQLDirective(
        name: "include", locations: [.field, .fragmentSpread, .inlineFragment],
        arguments: [GraphQLArgument(name: "if", type: .nonNull(.named("Boolean")), description: "Included when true.")],
        description: "Directs the executor to include this field or fragment only when the `if` argument is true.")

    public static let skip = GraphQLDirective(
        name: "skip", locations: [.field, .fragmentSpread, .inlineFragment],
        arguments: [GraphQLArgument(name: "if", type: .nonNull(.named("Boolean")), description: "Skipped when true.")],
        description: "Directs the executor to skip this field or fragment when the `if` argument is true.")

    /// `reason: String = "No longer supported"`, on fields, arguments, input fields and enum
    /// values. The September 2025 edition writes `String!`; the reference implementations still
    /// declare `String`, and introspection must answer exactly as they do so that every client
    /// and code generator sees the same schema. The default makes the two behave alike.
    public static let deprecated = GraphQLDirective(
        name: "deprecated", locations: [.fieldDefinition, .argumentDefinition, .inputFieldDefinition, .enumValue],
        arguments: [
            GraphQLArgument(
                name: "reason", type: .named("String"),
                description: "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).",
                defaultValue: .string(StringValue(defaultDeprecationReason)))
        ],
        description: "Marks an element of a GraphQL schema as no longer supported.")

    public static let specifiedBy = GraphQLDirective(
        name: "specifiedBy", locations: [.scalar],
        arguments: [GraphQLArgument(name: "url", type: .nonNull(.named("String")), description: "The URL that specifies the behavior of this scalar.")],
        description: "Exposes a URL that specifies the behavior of this scalar.")

    public static let oneOf = GraphQLDirective(
        name: "oneOf", locations: [.inputObject],
        description: "Indicates an Input Object is a OneOf Input Object.")

    /// The built-in directives, in the order schemas list them.
    public static let specified: [GraphQLDirective] = [.include, .skip, .deprecated, .specifiedBy, .oneOf]
}

extension DirectiveLocation {
    /// Locations in executable documents (operations, fields, fragments, variables).
    public var isExecutable: Bool {
        switch self {
        case .query, .mutation, .subscription, .field, .fragmentDefinition, .fragmentSpread, .inlineFragment,
            .variableDefinition:
            true
        default: false
        }
    }
}

// MARK: - Reading applied directives

/// The string value of argument `argument` of the first `@name` in `directives`.
func stringArgument(_ argument: String, ofDirective name: String, in directives: [Directive]) -> String?? {
    for d in directives where d.name.value == name {
        for a in d.arguments where a.name.value == argument {
            if case .string(let s) = a.value { return .some(s.value) }
            return .some(nil)
        }
        return .some(nil)
    }
    return nil
}

/// The deprecation reason that `@deprecated` among `directives` gives, if it is there.
func deprecationReason(in directives: [Directive]) -> String? {
    guard let found = stringArgument("reason", ofDirective: "deprecated", in: directives) else { return nil }
    return found ?? defaultDeprecationReason
}
