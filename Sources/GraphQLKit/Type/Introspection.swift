// The introspection types (spec §4.2, September 2025 edition): `__Schema`, `__Type`, `__Field`,
// `__InputValue`, `__EnumValue`, `__Directive`, `__TypeKind` and `__DirectiveLocation`.
//
// Every schema holds them, so validation sees `__schema { ... }` selections and printers can
// print them; answering introspection queries belongs to execution. Descriptions are the
// reference implementation's, so introspection of the introspection types matches it.

/// `includeDeprecated: Boolean = false` (Appendix D and the reference; Section 4's prose writes `Boolean!`).
private let includeDeprecated = GraphQLArgument(
    name: "includeDeprecated", type: .named("Boolean"), defaultValue: .boolean(BooleanValue(false)))

private func field(_ name: String, _ type: GraphQLType, _ description: String? = nil, arguments: [GraphQLArgument] = []) -> GraphQLField {
    GraphQLField(name: name, type: type, description: description, arguments: arguments)
}

private func nonNull(_ name: String) -> GraphQLType { .nonNull(.named(name)) }
private func listOfNonNull(_ name: String) -> GraphQLType { .list(.nonNull(.named(name))) }

public enum Introspection {
    /// The names of the introspection types, in the order schemas list them.
    public static let typeNames: [String] = [
        "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation",
    ]

    public static func isIntrospectionType(_ name: String) -> Bool { typeNames.contains(name) }

    public static let schemaType = GraphQLObjectType(
        name: "__Schema",
        fields: [
            field("description", .named("String")),
            field("types", .nonNull(listOfNonNull("__Type")), "A list of all types supported by this server."),
            field("queryType", nonNull("__Type"), "The type that query operations will be rooted at."),
            field("mutationType", .named("__Type"), "If this server supports mutation, the type that mutation operations will be rooted at."),
            field("subscriptionType", .named("__Type"), "If this server supports subscription, the type that subscription operations will be rooted at."),
            field("directives", .nonNull(listOfNonNull("__Directive")), "A list of all directives supported by this server."),
        ],
        description: "A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations.")

    public static let typeType = GraphQLObjectType(
        name: "__Type",
        fields: [
            field("kind", nonNull("__TypeKind")),
            field("name", .named("String")),
            field("description", .named("String")),
            field("specifiedByURL", .named("String")),
            field("fields", listOfNonNull("__Field"), arguments: [includeDeprecated]),
            field("interfaces", listOfNonNull("__Type")),
            field("possibleTypes", listOfNonNull("__Type")),
            field("enumValues", listOfNonNull("__EnumValue"), arguments: [includeDeprecated]),
            field("inputFields", listOfNonNull("__InputValue"), arguments: [includeDeprecated]),
            field("ofType", .named("__Type")),
            field("isOneOf", .named("Boolean")),
        ],
        description: "The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as represented by the `__TypeKind` enum.\n\nDepending on the kind of a type, certain fields describe information about that type. Scalar types provide no information beyond a name, description and optional `specifiedByURL`, while Enum types provide their values. Object and Interface types provide the fields they describe. Abstract types, Union and Interface, provide the Object types possible at runtime. List and NonNull types compose other types.")

    public static let typeKindType = GraphQLEnumType(
        name: "__TypeKind",
        values: [
            GraphQLEnumValue(name: "SCALAR", description: "Indicates this type is a scalar."),
            GraphQLEnumValue(name: "OBJECT", description: "Indicates this type is an object. `fields` and `interfaces` are valid fields."),
            GraphQLEnumValue(name: "INTERFACE", description: "Indicates this type is an interface. `fields`, `interfaces`, and `possibleTypes` are valid fields."),
            GraphQLEnumValue(name: "UNION", description: "Indicates this type is a union. `possibleTypes` is a valid field."),
            GraphQLEnumValue(name: "ENUM", description: "Indicates this type is an enum. `enumValues` is a valid field."),
            GraphQLEnumValue(name: "INPUT_OBJECT", description: "Indicates this type is an input object. `inputFields` is a valid field."),
            GraphQLEnumValue(name: "LIST", description: "Indicates this type is a list. `ofType` is a valid field."),
            GraphQLEnumValue(name: "NON_NULL", description: "Indicates this type is a non-null. `ofType` is a valid field."),
        ],
        description: "An enum describing what kind of type a given `__Type` is.")

    public static let fieldType = GraphQLObjectType(
        name: "__Field",
        fields: [
            field("name", nonNull("String")),
            field("description", .named("String")),
            field("args", .nonNull(listOfNonNull("__InputValue")), arguments: [includeDeprecated]),
            field("type", nonNull("__Type")),
            field("isDeprecated", nonNull("Boolean")),
            field("deprecationReason", .named("String")),
        ],
        description: "Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type.")

    public static let inputValueType = GraphQLObjectType(
        name: "__InputValue",
        fields: [
            field("name", nonNull("String")),
            field("description", .named("String")),
            field("type", nonNull("__Type")),
            field("defaultValue", .named("String"), "A GraphQL-formatted string representing the default value for this input value."),
            field("isDeprecated", nonNull("Boolean")),
            field("deprecationReason", .named("String")),
        ],
        description: "Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value.")

    public static let enumValueType = GraphQLObjectType(
        name: "__EnumValue",
        fields: [
            field("name", nonNull("String")),
            field("description", .named("String")),
            field("isDeprecated", nonNull("Boolean")),
            field("deprecationReason", .named("String")),
        ],
        description: "One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or numeric value. However an Enum value is returned in a JSON response as a string.")

    public static let directiveType = GraphQLObjectType(
        name: "__Directive",
        fields: [
            field("name", nonNull("String")),
            field("description", .named("String")),
            field("isRepeatable", nonNull("Boolean")),
            field("locations", .nonNull(listOfNonNull("__DirectiveLocation"))),
            field("args", .nonNull(listOfNonNull("__InputValue")), arguments: [includeDeprecated]),
        ],
        description: "A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document.\n\nIn some cases, you need to provide options to alter GraphQL's execution behavior in ways field arguments will not suffice, such as conditionally including or skipping a field. Directives provide this by describing additional information to the executor.")

    public static let directiveLocationType = GraphQLEnumType(
        name: "__DirectiveLocation",
        values: DirectiveLocation.allCases.map { GraphQLEnumValue(name: $0.rawValue, description: locationDescription($0)) },
        description: "A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies.")

    private static func locationDescription(_ location: DirectiveLocation) -> String {
        switch location {
        case .query: "Location adjacent to a query operation."
        case .mutation: "Location adjacent to a mutation operation."
        case .subscription: "Location adjacent to a subscription operation."
        case .field: "Location adjacent to a field."
        case .fragmentDefinition: "Location adjacent to a fragment definition."
        case .fragmentSpread: "Location adjacent to a fragment spread."
        case .inlineFragment: "Location adjacent to an inline fragment."
        case .variableDefinition: "Location adjacent to a variable definition."
        case .schema: "Location adjacent to a schema definition."
        case .scalar: "Location adjacent to a scalar definition."
        case .object: "Location adjacent to an object type definition."
        case .fieldDefinition: "Location adjacent to a field definition."
        case .argumentDefinition: "Location adjacent to an argument definition."
        case .interface: "Location adjacent to an interface definition."
        case .union: "Location adjacent to a union definition."
        case .enumType: "Location adjacent to an enum definition."
        case .enumValue: "Location adjacent to an enum value definition."
        case .inputObject: "Location adjacent to an input object type definition."
        case .inputFieldDefinition: "Location adjacent to an input object field definition."
        }
    }

    /// The introspection types by name.
    public static func type(named name: String) -> GraphQLNamedType? {
        switch name {
        case "__Schema": .object(schemaType)
        case "__Type": .object(typeType)
        case "__TypeKind": .enumType(typeKindType)
        case "__Field": .object(fieldType)
        case "__InputValue": .object(inputValueType)
        case "__EnumValue": .object(enumValueType)
        case "__Directive": .object(directiveType)
        case "__DirectiveLocation": .enumType(directiveLocationType)
        default: nil
        }
    }

    /// `__schema: __Schema!`, available on the query root type only.
    public static let schemaMetaField = GraphQLField(
        name: "__schema", type: nonNull("__Schema"), description: "Access the current type schema of this server.")

    /// `__type(name: String!): __Type`, available on the query root type only.
    public static let typeMetaField = GraphQLField(
        name: "__type", type: .named("__Type"), description: "Request the type information of a single type.",
        arguments: [GraphQLArgument(name: "name", type: nonNull("String"))])

    /// `__typename: String!`, available on every object, interface and union.
    public static let typeNameMetaField = GraphQLField(
        name: "__typename", type: nonNull("String"), description: "The name of the current Object type at runtime.")
}
