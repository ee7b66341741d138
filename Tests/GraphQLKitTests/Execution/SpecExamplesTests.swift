import Testing
@testable import GraphQLKit

/// The examples of the specification's Execution section (September 2025 edition, §6).
@Suite struct SpecExamplesTests {
    @Test func collectedFieldsMergeSubselectionsAndResolveOnce() async throws {
        // §6.3.2: `a` is collected twice and resolved once, with `subfield1` and `subfield2` merged.
        let calls = ExecLog<String>()
        let schema = try Schema(sdl: "type Query { a: A b: Int } type A { subfield1: Int subfield2: Int }")
        let executable = try ExecutableSchema(schema: schema, resolvers: [
            "Query.a": .sync { _, _, _, info in
                calls.append(info.selectedFieldNames().joined(separator: ","))
                return .json(.object(["subfield1": .int(1), "subfield2": .int(2)]))
            },
            "Query.b": .value(3),
        ])
        let result = await executable.execute(query: """
            {
              a {
                subfield1
              }
              ...ExampleFragment
            }

            fragment ExampleFragment on Query {
              a {
                subfield2
              }
              b
            }
            """)
        #expect(result.json == #"{"data":{"a":{"subfield1":1,"subfield2":2},"b":3}}"#)
        #expect(calls.values == ["subfield1,subfield2"])
    }

    @Test func mutationFieldsExecuteSeriallyAndSubselectionsNormally() async throws {
        // §6.4: changeBirthday completes (with `{ month }`) before changeAddress starts.
        let log = ExecLog<String>()
        let schema = try Schema(sdl: """
            type Query { birthday: Birthday address: Address }
            type Birthday { month: Int }
            type Address { street: String }
            type Mutation { changeBirthday(birthday: String!): Birthday changeAddress(address: String!): Address }
            """)
        let executable = try ExecutableSchema(schema: schema, resolvers: [
            "Mutation.changeBirthday": .async { _, args, _, _ in
                log.append("changeBirthday \(args["birthday"].map(inspect) ?? "")")
                for _ in 0..<50 { await Task.yield() }
                return .json(.object(["month": .int(11)]))
            },
            "Birthday.month": .sync { parent, _, _, _ in
                log.append("month")
                return parent["month"] ?? nil
            },
            "Mutation.changeAddress": .async { _, args, _, _ in
                log.append("changeAddress \(args["address"].map(inspect) ?? "")")
                return .json(.object(["street": .string("Main St")]))
            },
        ])
        let result = await executable.execute(
            query: """
                mutation ChangeBirthdayAndAddress($newBirthday: String!, $newAddress: String!) {
                  changeBirthday(birthday: $newBirthday) {
                    month
                  }
                  changeAddress(address: $newAddress) {
                    street
                  }
                }
                """,
            variables: ["newBirthday": .string("11-05"), "newAddress": .string("Main St")])
        #expect(result.json == #"{"data":{"changeBirthday":{"month":11},"changeAddress":{"street":"Main St"}}}"#)
        #expect(log.values == [#"changeBirthday "11-05""#, "month", #"changeAddress "Main St""#])
    }

    @Test func normalExecutionResolvesEveryField() async throws {
        let schema = try Schema(sdl: """
            type Query { birthday: Birthday address: Address }
            type Birthday { month: Int }
            type Address { street: String }
            """)
        let executable = try ExecutableSchema(schema: schema)
        let root = FieldValue.json(.object([
            "birthday": .object(["month": .int(1)]), "address": .object(["street": .string("Elm")]),
        ]))
        let result = await executable.execute(query: "{ birthday { month } address { street } }", rootValue: root)
        #expect(result.json == #"{"data":{"birthday":{"month":1},"address":{"street":"Elm"}}}"#)
    }

    @Test func subscriptionsAreNotSupported() async throws {
        let schema = try Schema(sdl: """
            type Query { a: Int }
            type Subscription { newMessage(roomId: ID!): Message }
            type Message { sender: String text: String }
            """)
        let executable = try ExecutableSchema(schema: schema)
        let result = await executable.execute(query: """
            subscription NewMessages {
              newMessage(roomId: 123) {
                sender
                text
              }
            }
            """)
        #expect(result.json == #"{"errors":[{"message":"Subscriptions are not supported.","locations":[{"line":1,"column":1}],"extensions":{"code":"SUBSCRIPTIONS_NOT_SUPPORTED"}}],"data":null}"#)
    }
}
