// Short constructors for building ASTs in tests without a parser.
@testable import GraphQLKit

func named(_ name: String) -> NamedType { NamedType(name: Name(name)) }
func namedRef(_ name: String) -> TypeReference { .named(named(name)) }
func listRef(_ inner: TypeReference) -> TypeReference { .list(inner, location: .synthetic) }
func nonNullRef(_ inner: TypeReference) -> TypeReference { .nonNull(inner, location: .synthetic) }
func arg(_ name: String, _ value: Value) -> Argument { Argument(name: Name(name), value: value) }
func dir(_ name: String, _ arguments: [Argument] = []) -> Directive { Directive(name: Name(name), arguments: arguments) }
func varRef(_ name: String) -> Value { .variable(Variable(name: Name(name))) }
func int(_ text: String) -> Value { .int(IntValue(text)) }
func str(_ text: String, block: Bool = false) -> Value { .string(StringValue(text, isBlock: block)) }
func enumVal(_ text: String) -> Value { .enumValue(EnumValue(text)) }
func list(_ values: [Value]) -> Value { .list(ListValue(values)) }
func object(_ fields: [(String, Value)]) -> Value {
    .object(ObjectValue(fields.map { ObjectField(name: Name($0.0), value: $0.1) }))
}
func desc(_ text: String, block: Bool = false) -> Description { Description(StringValue(text, isBlock: block)) }

func field(
    _ name: String, alias: String? = nil, _ arguments: [Argument] = [], directives: [Directive] = [],
    _ selections: [Selection]? = nil
) -> Selection {
    .field(
        Field(
            alias: alias.map { Name($0) }, name: Name(name), arguments: arguments, directives: directives,
            selectionSet: selections.map { SelectionSet(selections: $0) }))
}

func query(_ selections: [Selection]) -> Definition {
    .operation(OperationDefinition(operation: .query, selectionSet: SelectionSet(selections: selections)))
}

func document(_ definitions: [Definition]) -> Document { Document(definitions: definitions) }
