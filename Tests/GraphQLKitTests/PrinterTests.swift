import Testing
@testable import GraphQLKit

// Printer tests on ASTs built in code. Expected texts come from the reference printer
// (graphql-core 3.2 `print_ast`), except where it writes a block string that would not read
// back as the same value: there the quoted form is expected.

@Suite struct PrinterTests {
    // (value, printed as a quoted string, printed when written as a block string)
    static let stringCases: [(String, String, String)] = [
        ("", "\"\"", "\"\"\"\"\"\""),
        ("a", "\"a\"", "\"\"\"a\"\"\""),
        ("simple text", "\"simple text\"", "\"\"\"simple text\"\"\""),
        ("a\"", "\"a\\\"\"", "\"\"\"\na\"\n\"\"\""),
        ("a\\", "\"a\\\\\"", "\"\"\"\na\\\n\"\"\""),
        ("a\\\"\"\"", "\"a\\\\\\\"\\\"\\\"\"", "\"\"\"\na\\\\\"\"\"\n\"\"\""),
        ("\"\"\"", "\"\\\"\\\"\\\"\"", "\"\"\"\n\\\"\"\"\n\"\"\""),
        ("a\"\"\"b", "\"a\\\"\\\"\\\"b\"", "\"\"\"a\\\"\"\"b\"\"\""),
        ("\\\"\"\"", "\"\\\\\\\"\\\"\\\"\"", "\"\"\"\n\\\\\"\"\"\n\"\"\""),
        ("\"\"\"\"", "\"\\\"\\\"\\\"\\\"\"", "\"\"\"\n\\\"\"\"\"\n\"\"\""),
        ("\"a", "\"\\\"a\"", "\"\"\"\"a\"\"\""),
        ("\"\"", "\"\\\"\\\"\"", "\"\"\"\n\"\"\n\"\"\""),
        ("\\", "\"\\\\\"", "\"\"\"\n\\\n\"\"\""),
        ("a \"\"\" b\"", "\"a \\\"\\\"\\\" b\\\"\"", "\"\"\"\na \\\"\"\" b\"\n\"\"\""),
        ("a\"\"\"\"b", "\"a\\\"\\\"\\\"\\\"b\"", "\"\"\"a\\\"\"\"\"b\"\"\""),
        ("  lead", "\"  lead\"", "\"\"\"  lead\"\"\""),
        ("\tlead", "\"\\tlead\"", "\"\"\"\tlead\"\"\""),
        (" a", "\" a\"", "\"\"\" a\"\"\""),
        ("a ", "\"a \"", "\"\"\"a \"\"\""),
        ("   ", "\"   \"", "\"   \""),
        ("a\n  b", "\"a\\n  b\"", "\"\"\"\na\n  b\n\"\"\""),
        ("  a\n  b", "\"  a\\n  b\"", "\"  a\\n  b\""),
        ("a\nb", "\"a\\nb\"", "\"\"\"\na\nb\n\"\"\""),
        ("\na", "\"\\na\"", "\"\\na\""),
        ("a\n", "\"a\\n\"", "\"a\\n\""),
        (" \na", "\" \\na\"", "\" \\na\""),
        ("a\n ", "\"a\\n \"", "\"a\\n \""),
        ("a\r\nb", "\"a\\r\\nb\"", "\"a\\r\\nb\""),
        ("a\rb", "\"a\\rb\"", "\"a\\rb\""),
        ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"", "\"\"\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\"\""),
        ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"", "\"\"\"\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n\"\"\""),
        (" xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "\" xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"", "\"\"\" xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n\"\"\""),
        (" a\"", "\" a\\\"\"", "\"\"\" a\"\n\"\"\""),
        (" a\\", "\" a\\\\\"", "\"\"\" a\\\n\"\"\""),
        ("éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé", "\"éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\"", "\"\"\"éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\"\"\""),
        ("ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé", "\"ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\"", "\"\"\"\nééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\n\"\"\""),
        ("é☃😀", "\"é☃😀\"", "\"\"\"é☃😀\"\"\""),
        ("\u{0}\u{1}\u{1F}\u{7F}\u{80}\u{9F} ", "\"\\u0000\\u0001\\u001F\\u007F\\u0080\\u009F \"", "\"\\u0000\\u0001\\u001F\\u007F\\u0080\\u009F \""),
        ("\u{2028}\u{2029}", "\"\u{2028}\u{2029}\"", "\"\"\"\n\u{2028}\u{2029}\n\"\"\""),
        ("\u{8}\u{C}\n\r\t\"\\/", "\"\\b\\f\\n\\r\\t\\\"\\\\/\"", "\"\\b\\f\\n\\r\\t\\\"\\\\/\""),
        ("a\n\nb", "\"a\\n\\nb\"", "\"\"\"\na\n\nb\n\"\"\""),
        ("a\n  \nb", "\"a\\n  \\nb\"", "\"\"\"\na\n  \nb\n\"\"\""),
        ("\n", "\"\\n\"", "\"\\n\""),
        ("\ta\n\tb", "\"\\ta\\n\\tb\"", "\"\\ta\\n\\tb\""),
        ("a\n b\n  c", "\"a\\n b\\n  c\"", "\"\"\"\na\n b\n  c\n\"\"\""),
        ("a\n\n", "\"a\\n\\n\"", "\"a\\n\\n\""),
        ("\n\na", "\"\\n\\na\"", "\"\\n\\na\""),
        ("\u{FEFF}", "\"\u{FEFF}\"", "\"\"\"\u{FEFF}\"\"\""),
        (" a\nb", "\" a\\nb\"", "\"\"\"\n a\nb\n\"\"\""),
        ("first line\n  indented\nlast", "\"first line\\n  indented\\nlast\"", "\"\"\"\nfirst line\n  indented\nlast\n\"\"\""),
        ("Description with \"quotes\" and \\backslash", "\"Description with \\\"quotes\\\" and \\\\backslash\"", "\"\"\"Description with \"quotes\" and \\backslash\"\"\""),
        ("line1\n\n\nline4", "\"line1\\n\\n\\nline4\"", "\"\"\"\nline1\n\n\nline4\n\"\"\""),
        ("a\tb", "\"a\\tb\"", "\"\"\"a\tb\"\"\""),
        ("emoji 😀\nnext", "\"emoji 😀\\nnext\"", "\"\"\"\nemoji 😀\nnext\n\"\"\""),

    ]

    @Test(arguments: stringCases.indices)
    func stringsPrintLikeTheReference(_ i: Int) {
        let (value, quoted, block) = Self.stringCases[i]
        #expect(Printer.print(str(value)) == quoted)
        #expect(Printer.print(str(value, block: true)) == block)
    }

    /// The reference lays block strings out by Python line splitting (U+0085, U+2028 and U+2029
    /// break lines too, a final break opens no line). The layout follows it, but leading
    /// whitespace stays on the first line when there is no real line feed, where the reference
    /// would move it to a line whose indentation is then removed.
    @Test func blockStringLayoutWithUnicodeLineSeparators() {
        #expect(Printer.print(str("\\b\u{2028}", block: true)) == "\"\"\"\\b\u{2028}\"\"\"")
        #expect(Printer.print(str("a\u{85}b", block: true)) == "\"\"\"\na\u{85}b\n\"\"\"")
        #expect(Printer.print(str("  #\u{85}a{", block: true)) == "\"\"\"  #\u{85}a{\n\"\"\"")
        #expect(Printer.print(str(" \u{2028}", block: true)) == "\"\"\" \u{2028}\"\"\"")
    }

    @Test func blockStringsNestedInSelectionsAreIndentedWithThem() {
        let doc = document([query([field("a", [], [field("b", [arg("text", str("line one\nline two", block: true))])])])])
        #expect(Printer.print(doc) == """
            {
              a {
                b(text: \"""
                line one
                line two
                \""")
              }
            }
            """)
    }

    @Test func operationWithEveryExecutableConstruct() {
        let op = OperationDefinition(
            operation: .query, name: Name("Q"),
            variableDefinitions: [
                VariableDefinition(
                    variable: Variable(name: Name("id")), type: nonNullRef(namedRef("ID")), defaultValue: str("x"),
                    directives: [dir("v")]),
                VariableDefinition(variable: Variable(name: Name("list")), type: listRef(nonNullRef(namedRef("Int")))),
            ],
            directives: [dir("op")],
            selectionSet: SelectionSet(selections: [
                field(
                    "field", alias: "alias",
                    [
                        arg("id", varRef("id")), arg("n", .float(FloatValue("1.5"))), arg("e", enumVal("ENUM")),
                        arg("b", .boolean(BooleanValue(true))), arg("z", .null(NullValue())),
                        arg("l", list([int("1"), int("2")])),
                        arg("o", object([("a", object([("b", list([varRef("list")]))]))])),
                    ],
                    directives: [dir("skip", [arg("if", .boolean(BooleanValue(false)))])],
                    [
                        .fragmentSpread(FragmentSpread(name: Name("Frag"), directives: [dir("d")])),
                        .inlineFragment(InlineFragment(typeCondition: named("T"), selectionSet: SelectionSet(selections: [field("x")]))),
                        .inlineFragment(
                            InlineFragment(
                                directives: [dir("include", [arg("if", .boolean(BooleanValue(true)))])],
                                selectionSet: SelectionSet(selections: [field("y")]))),
                    ])
            ]))
        let fragment = FragmentDefinition(
            name: Name("Frag"), typeCondition: named("T"), directives: [dir("f")],
            selectionSet: SelectionSet(selections: [field("a")]))
        #expect(Printer.print(document([.operation(op), .fragment(fragment)])) == """
            query Q($id: ID! = "x" @v, $list: [Int!]) @op {
              alias: field(
                id: $id
                n: 1.5
                e: ENUM
                b: true
                z: null
                l: [1, 2]
                o: {a: {b: [$list]}}
              ) @skip(if: false) {
                ...Frag @d
                ... on T {
                  x
                }
                ... @include(if: true) {
                  y
                }
              }
            }

            fragment Frag on T @f {
              a
            }
            """)
    }

    @Test func shorthandAndAnonymousOperations() {
        #expect(Printer.print(document([query([field("a")])])) == "{\n  a\n}")
        let anonymousWithVariable = OperationDefinition(
            operation: .query,
            variableDefinitions: [VariableDefinition(variable: Variable(name: Name("a")), type: namedRef("Int"))],
            selectionSet: SelectionSet(selections: [field("a")]))
        #expect(Printer.print(Definition.operation(anonymousWithVariable)) == "query ($a: Int) {\n  a\n}")
        let anonymousMutation = OperationDefinition(operation: .mutation, selectionSet: SelectionSet(selections: [field("a")]))
        #expect(Printer.print(Definition.operation(anonymousMutation)) == "mutation {\n  a\n}")
        let withDirective = OperationDefinition(
            operation: .query, directives: [dir("d")], selectionSet: SelectionSet(selections: [field("a")]))
        #expect(Printer.print(Definition.operation(withDirective)) == "query @d {\n  a\n}")
        let subscription = OperationDefinition(
            operation: .subscription, name: Name("S"), selectionSet: SelectionSet(selections: [field("a")]))
        #expect(Printer.print(Definition.operation(subscription)) == "subscription S {\n  a\n}")
    }

    /// The reference breaks field arguments onto their own lines when `alias: name(args)`
    /// would be longer than 80 characters (measured without indentation).
    @Test func longArgumentListsWrapAtEightyCharacters() {
        func printed(_ name: String) -> String {
            Printer.print(Selection.field(Field(name: Name(name), arguments: [arg("x", int("1")), arg("y", int("2"))])))
        }
        let eighty = String(repeating: "a", count: 80 - "(x: 1, y: 2)".count)
        #expect(printed(eighty) == eighty + "(x: 1, y: 2)")
        #expect(printed(eighty + "a") == eighty + "a(\n  x: 1\n  y: 2\n)")
        // Nested fields wrap at the same length; indentation does not count.
        let nested = document([query([field("a", [], [field(eighty, [arg("x", int("1")), arg("y", int("2"))])])])])
        #expect(Printer.print(nested) == "{\n  a {\n    \(eighty)(x: 1, y: 2)\n  }\n}")
        // Characters, not UTF-8 bytes, are counted.
        let accented = String(repeating: "é", count: 20)
        let wide = Selection.field(
            Field(name: Name(String(repeating: "a", count: 40)), arguments: [arg("x", str(accented)), arg("y", int("2"))]))
        #expect(!Printer.print(wide).contains("\n"))
    }

    @Test func directiveArgumentsAndVariableListsNeverWrap() {
        let long = String(repeating: "b", count: 60)
        let f = Selection.field(Field(name: Name("a"), directives: [dir("dir", [arg(long, int("1")), arg(long + "c", int("2"))])]))
        #expect(Printer.print(f) == "a @dir(\(long): 1, \(long)c: 2)")
    }

    @Test func typeSystemDefinitions() {
        let definitions: [Definition] = [
            .schema(
                SchemaDefinition(
                    description: desc("The schema", block: true), directives: [dir("s")],
                    operationTypes: [
                        OperationTypeDefinition(operation: .query, type: named("Q")),
                        OperationTypeDefinition(operation: .mutation, type: named("M")),
                    ])),
            .type(
                .scalar(
                    ScalarTypeDefinition(
                        description: desc("Scalar"), name: Name("Date"),
                        directives: [dir("specifiedBy", [arg("url", str("https://example.com"))])]))),
            .type(
                .object(
                    ObjectTypeDefinition(
                        name: Name("T"), interfaces: [named("A"), named("B")], directives: [dir("o")],
                        fields: [
                            FieldDefinition(
                                description: desc("field"), name: Name("f"),
                                arguments: [
                                    InputValueDefinition(
                                        description: desc("arg"), name: Name("a"), type: namedRef("Int"),
                                        defaultValue: int("1"), directives: [dir("x")]),
                                    InputValueDefinition(
                                        name: Name("b"), type: nonNullRef(listRef(nonNullRef(namedRef("String")))),
                                        defaultValue: list([str("s")])),
                                ],
                                type: nonNullRef(namedRef("T"))),
                            FieldDefinition(name: Name("g"), type: namedRef("Int"), directives: [dir("deprecated")]),
                        ]))),
            .type(
                .interface(
                    InterfaceTypeDefinition(
                        name: Name("A"), interfaces: [named("B")],
                        fields: [FieldDefinition(name: Name("f"), type: namedRef("Int"))]))),
            .type(.union(UnionTypeDefinition(name: Name("U"), directives: [dir("u")], types: [named("A"), named("B")]))),
            .type(
                .enumType(
                    EnumTypeDefinition(
                        name: Name("E"),
                        values: [
                            EnumValueDefinition(description: desc("v"), name: Name("V"), directives: [dir("d")]),
                            EnumValueDefinition(name: Name("W")),
                        ]))),
            .type(
                .inputObject(
                    InputObjectTypeDefinition(
                        name: Name("In"), directives: [dir("i")],
                        fields: [
                            InputValueDefinition(description: desc("x"), name: Name("x"), type: namedRef("Int"), defaultValue: int("0")),
                            InputValueDefinition(name: Name("y"), type: namedRef("String")),
                        ]))),
            .directive(
                DirectiveDefinition(
                    description: desc("dir"), name: Name("dir"),
                    arguments: [InputValueDefinition(name: Name("a"), type: namedRef("Int"))], isRepeatable: true,
                    locations: [Name("FIELD"), Name("FRAGMENT_SPREAD")])),
            .schemaExtension(
                SchemaExtension(
                    directives: [dir("e")],
                    operationTypes: [OperationTypeDefinition(operation: .subscription, type: named("S"))])),
            .typeExtension(.scalar(ScalarTypeDefinition(name: Name("Date"), directives: [dir("e")]))),
            .typeExtension(
                .object(
                    ObjectTypeDefinition(
                        name: Name("T"), interfaces: [named("C")], directives: [dir("e")],
                        fields: [FieldDefinition(name: Name("h"), type: namedRef("Int"))]))),
            .typeExtension(.interface(InterfaceTypeDefinition(name: Name("A"), directives: [dir("e")]))),
            .typeExtension(.union(UnionTypeDefinition(name: Name("U"), types: [named("C")]))),
            .typeExtension(.enumType(EnumTypeDefinition(name: Name("E"), values: [EnumValueDefinition(name: Name("X"))]))),
            .typeExtension(
                .inputObject(
                    InputObjectTypeDefinition(name: Name("In"), fields: [InputValueDefinition(name: Name("z"), type: namedRef("Int"))]))),
        ]
        #expect(Printer.print(document(definitions)) == """
            \"""The schema\"""
            schema @s {
              query: Q
              mutation: M
            }

            "Scalar"
            scalar Date @specifiedBy(url: "https://example.com")

            type T implements A & B @o {
              "field"
              f(
                "arg"
                a: Int = 1 @x
                b: [String!]! = ["s"]
              ): T!
              g: Int @deprecated
            }

            interface A implements B {
              f: Int
            }

            union U @u = A | B

            enum E {
              "v"
              V @d
              W
            }

            input In @i {
              "x"
              x: Int = 0
              y: String
            }

            "dir"
            directive @dir(a: Int) repeatable on FIELD | FRAGMENT_SPREAD

            extend schema @e {
              subscription: S
            }

            extend scalar Date @e

            extend type T implements C @e {
              h: Int
            }

            extend interface A @e

            extend union U = C

            extend enum E {
              X
            }

            extend input In {
              z: Int
            }
            """)
    }

    /// An argument definition whose default is a multi-line block string puts the argument
    /// list on separate lines, as a description does.
    @Test func multiLineDefaultValueBreaksArgumentDefinitions() {
        let field = FieldDefinition(
            name: Name("f"),
            arguments: [InputValueDefinition(name: Name("a"), type: namedRef("String"), defaultValue: str("x\ny", block: true))],
            type: namedRef("Int"))
        let type = Definition.type(.object(ObjectTypeDefinition(name: Name("T"), fields: [field])))
        #expect(Printer.print(type) == """
            type T {
              f(
                a: String = \"""
                x
                y
                \"""
              ): Int
            }
            """)
    }

    /// September 2025 descriptions on executable definitions: on their own line before the
    /// definition, and variable definitions one per line when one has a description.
    @Test func executableDescriptions() {
        let op = OperationDefinition(
            description: desc("Fetch a run.", block: true), operation: .query, name: Name("Run"),
            variableDefinitions: [
                VariableDefinition(description: desc("The run number"), variable: Variable(name: Name("n")), type: namedRef("Int")),
                VariableDefinition(variable: Variable(name: Name("m")), type: namedRef("Int")),
            ],
            selectionSet: SelectionSet(selections: [field("run")]))
        let anonymous = OperationDefinition(
            description: desc("Anonymous"), operation: .query, selectionSet: SelectionSet(selections: [field("a")]))
        let fragment = FragmentDefinition(
            description: desc("Fields of a run", block: true), name: Name("F"), typeCondition: named("Run"),
            selectionSet: SelectionSet(selections: [field("id")]))
        #expect(Printer.print(document([.operation(op), .operation(anonymous), .fragment(fragment)])) == """
            \"""Fetch a run.\"""
            query Run(
              "The run number"
              $n: Int
              $m: Int
            ) {
              run
            }

            "Anonymous"
            query {
              a
            }

            \"""Fields of a run\"""
            fragment F on Run {
              id
            }
            """)
    }

    @Test func valuesTypesAndDirectivesPrintAlone() {
        #expect(Printer.print(object([("a", list([int("1"), .float(FloatValue("2.5e3"))])), ("b", object([]))])) == "{a: [1, 2.5e3], b: {}}")
        #expect(Printer.print(list([])) == "[]")
        #expect(Printer.print(nonNullRef(listRef(nonNullRef(namedRef("String"))))) == "[String!]!")
        #expect(Printer.print(dir("include", [arg("if", varRef("x"))])) == "@include(if: $x)")
        #expect(Printer.print(SchemaCoordinate.argument(type: "Query", field: "run", argument: "id")) == "Query.run(id:)")
        #expect(Printer.print(ASTNode.argument(arg("a", int("1")))) == "a: 1")
        #expect(Printer.print(ASTNode.namedType(named("T"))) == "T")
    }

    /// Nodes built in code may hold empty lists the grammar forbids; they print as nothing.
    @Test func emptyListsPrintNothing() {
        #expect(Printer.print(Selection.field(Field(name: Name("a"), selectionSet: SelectionSet(selections: [])))) == "a")
        #expect(Printer.print(Definition.type(.object(ObjectTypeDefinition(name: Name("T"))))) == "type T")
        #expect(Printer.print(Definition.type(.enumType(EnumTypeDefinition(name: Name("E"))))) == "enum E")
        #expect(Printer.print(Definition.type(.union(UnionTypeDefinition(name: Name("U"))))) == "union U")
        #expect(Printer.print(Definition.schemaExtension(SchemaExtension(directives: [dir("d")]))) == "extend schema @d")
        #expect(Printer.print(Document(definitions: [])) == "")
    }

    @Test func printingIsLinearInDocumentSize() {
        // 20,000 fields with arguments: quadratic concatenation would take seconds.
        let selections = (0..<20_000).map { i in field("f\(i)", [arg("a", int("\(i)"))]) }
        let printed = Printer.print(document([query(selections)]))
        #expect(printed.hasPrefix("{\n  f0(a: 0)\n"))
        #expect(printed.hasSuffix("  f19999(a: 19999)\n}"))
    }
}
