import Testing
@testable import GraphQLKit

@Suite struct SchemaCoordinateTests {
    @Test func everyForm() throws {
        #expect(try parseSchemaCoordinate("Business") == .type(name: "Business"))
        #expect(try parseSchemaCoordinate("Business.name") == .member(type: "Business", member: "name"))
        #expect(try parseSchemaCoordinate("Query.searchBusiness(criteria:)") == .argument(type: "Query", field: "searchBusiness", argument: "criteria"))
        #expect(try parseSchemaCoordinate("@private") == .directive(name: "private"))
        #expect(try parseSchemaCoordinate("@private(scope:)") == .directiveArgument(directive: "private", argument: "scope"))
        // Enum values and input fields are members too; introspection names are names.
        #expect(try parseSchemaCoordinate("Site.DESKTOP") == .member(type: "Site", member: "DESKTOP"))
        #expect(try parseSchemaCoordinate("__Type.fields(includeDeprecated:)") == .argument(type: "__Type", field: "fields", argument: "includeDeprecated"))
    }

    @Test(arguments: ["Business", "Business.name", "Query.searchBusiness(criteria:)", "@private", "@private(scope:)"])
    func descriptionRoundTrips(text: String) throws {
        #expect(try parseSchemaCoordinate(text).description == text)
    }

    @Test func ignoredCharactersAreNotAllowed() {
        func error(_ text: String) -> String? {
            do {
                _ = try parseSchemaCoordinate(text)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error("Type . field") == #"Syntax Error: Unexpected character: " ". (1:5)"#)
        #expect(error(" Type") == #"Syntax Error: Unexpected character: " ". (1:1)"#)
        #expect(error("Type,") == #"Syntax Error: Unexpected character: ",". (1:5)"#)
        #expect(error("Type # comment") == #"Syntax Error: Unexpected character: " ". (1:5)"#)
        #expect(error("\u{FEFF}Type") == "Syntax Error: Unexpected character: U+FEFF. (1:1)")
        #expect(error("Type\n") == "Syntax Error: Unexpected character: U+000A. (1:5)")
        #expect(error("@ dir") == #"Syntax Error: Unexpected character: " ". (1:2)"#)
    }

    @Test func malformedCoordinates() {
        func error(_ text: String) -> String? {
            do {
                _ = try parseSchemaCoordinate(text)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error("") == "Syntax Error: Expected Name, found <EOF>. (1:1)")
        #expect(error("Type.") == "Syntax Error: Expected Name, found <EOF>. (1:6)")
        #expect(error("Type.field.other") == #"Syntax Error: Expected <EOF>, found ".". (1:11)"#)
        #expect(error("Type(arg:)") == #"Syntax Error: Expected <EOF>, found "(". (1:5)"#)
        #expect(error("Type.field(arg)") == #"Syntax Error: Expected ":", found ")". (1:15)"#)
        #expect(error("Type.field(arg:") == #"Syntax Error: Expected ")", found <EOF>. (1:16)"#)
        #expect(error("Type.field()") == #"Syntax Error: Expected Name, found ")". (1:12)"#)
        #expect(error("Type.field(arg:value)") == #"Syntax Error: Expected ")", found Name "value". (1:16)"#)
        #expect(error("@") == "Syntax Error: Expected Name, found <EOF>. (1:2)")
        #expect(error("@dir.field") == #"Syntax Error: Expected <EOF>, found ".". (1:5)"#)
        #expect(error("@dir(arg:)x") == #"Syntax Error: Expected <EOF>, found Name "x". (1:11)"#)
        #expect(error("1Type") == #"Syntax Error: Unexpected character: "1". (1:1)"#)
        #expect(error("Type.$x") == #"Syntax Error: Unexpected character: "$". (1:6)"#)
        #expect(error("Typé") == "Syntax Error: Unexpected character: U+00E9. (1:4)")
    }

    @Test func sourceOverload() throws {
        #expect(try parseSchemaCoordinate(Source("Query.run")) == .member(type: "Query", member: "run"))
    }
}
