import Foundation
import Testing
@testable import GraphQLKit

/// Large answers are kept in chunks (ResponseWriter.swift): the chunks must always join to the
/// same bytes as the answer written whole, with null propagation and errors across chunks.
@Suite struct LargeAnswerTests {
    static let sdl = """
        type Query { items(n: Int!, failAt: Int): [Item!] groups(n: Int!, size: Int!): [Group!]! }
        type Item { id: Int! name: String! }
        type Group { items: [Item!]! }
        """

    /// `n` items; item `failAt` (when given) has a null name, which nulls the whole list.
    static func items(_ n: Int, failAt: Int? = nil) -> FieldValue {
        .list((0..<n).map { i in
            .json(.object(["id": .int(i), "name": i == failAt ? .null : .string("item number \(i) of \(n)")]))
        })
    }

    static func executable() throws -> ExecutableSchema {
        try ExecutableSchema(schema: Schema(sdl: sdl), resolvers: [
            "Query.items": .sync { _, args, _, _ in
                guard case .int(let n)? = args["n"] else { return .null }
                let failAt: Int? = if case .int(let f)? = args["failAt"] { f } else { nil }
                return items(n, failAt: failAt)
            },
            // Async: each group is completed by a child task, whose chunks the parent adopts.
            "Query.groups": .async { _, args, _, _ in
                guard case .int(let n)? = args["n"], case .int(let size)? = args["size"] else { return .null }
                return .list((0..<n).map { _ in .json(.object(["size": .int(size)])) })
            },
            "Group.items": .async { parent, _, _, _ in
                guard case .json(.int(let size))? = parent["size"] else { return .null }
                return items(size)
            },
        ])
    }

    static func joined(_ result: ExecutionResult) -> [UInt8] { result.jsonChunks.flatMap { $0 } }

    @Test func aLargeListIsWrittenInChunksThatJoinToTheWholeAnswer() async throws {
        let result = await (try Self.executable()).execute(query: "{ items(n: 20000) { id name } }")
        #expect(result.errors.isEmpty)
        let chunks = result.jsonChunks
        #expect(chunks.count > 4)
        #expect(chunks.dropLast().allSatisfy { $0.count >= ResponseBuffer.chunkSize })
        #expect(Self.joined(result) == result.jsonBytes)
        let parsed = try TestJSON.parse(String(decoding: result.jsonBytes, as: UTF8.self))
        guard case .object(let top) = parsed, case .object(let data)? = top["data"], case .list(let list)? = data["items"] else {
            Issue.record("not an answer with a list: \(String(decoding: result.jsonBytes.prefix(200), as: UTF8.self))")
            return
        }
        #expect(list.count == 20000)
        #expect(list.last == .object(["id": .int(19999), "name": .string("item number 19999 of 20000")]))
    }

    @Test func aNullAtTheEndTakesBackChunksAlreadySealed() async throws {
        // The failing item comes after several sealed chunks: the list (nullable) becomes null.
        let result = await (try Self.executable()).execute(query: "{ items(n: 20000, failAt: 19990) { id name } }")
        #expect(result.json == #"{"errors":[{"message":"Cannot return null for non-nullable field Item.name.","locations":[{"line":1,"column":39}],"path":["items",19990,"name"]}],"data":{"items":null}}"#)
        #expect(Self.joined(result) == result.jsonBytes)
    }

    @Test func childTasksChunksAreAdoptedInOrder() async throws {
        let result = await (try Self.executable()).execute(query: "{ groups(n: 12, size: 3000) { items { id } } }")
        #expect(result.errors.isEmpty)
        #expect(result.jsonChunks.count > 4)
        let expectedGroup = "{\"items\":[" + (0..<3000).map { "{\"id\":\($0)}" }.joined(separator: ",") + "]}"
        let expected = "{\"data\":{\"groups\":[" + Array(repeating: expectedGroup, count: 12).joined(separator: ",") + "]}}"
        #expect(String(decoding: Self.joined(result), as: UTF8.self) == expected)
        #expect(result.json == expected)
    }

    @Test func errorsAndExtensionsAroundChunkedData() async throws {
        var result = await (try Self.executable()).execute(query: "{ groups(n: 12, size: 3000) { items { id } } }")
        result.errors.append(GraphQLError("Late.", extensions: ["code": .string("X")]))
        result.extensions = ["cost": .int(7)]
        let text = String(decoding: Self.joined(result), as: UTF8.self)
        #expect(Self.joined(result) == result.jsonBytes)
        #expect(text.hasPrefix(#"{"errors":[{"message":"Late.","extensions":{"code":"X"}}],"data":{"groups":[{"items":[{"id":0}"#))
        #expect(text.hasSuffix(#"{"id":2999}]}]},"extensions":{"cost":7}}"#))
    }

    @Test func truncatingIntoSealedChunks() {
        var out = ResponseBuffer()
        let piece = [UInt8](repeating: UInt8(ascii: "x"), count: 1000)
        var marks: [Int] = []
        for _ in 0..<200 {
            marks.append(out.count)
            out.append(piece)
            out.sealIfFull()
        }
        #expect(out.sealed.count >= 2)
        out.truncate(to: marks[70])
        #expect(out.count == 70_000)
        #expect(out.contiguousBytes == [UInt8](repeating: UInt8(ascii: "x"), count: 70_000))
        out.truncate(to: 0)
        #expect(out.count == 0 && out.sealed.isEmpty)
    }
}
