// Relay connections over run collections with keyset cursors: a cursor holds the sort field's
// value and the ObjectId of the run it points at, so pages stay correct while runs are added
// and cost an index range scan, not a skip. Null (or absent) sort values sort first, as in
// MongoDB; the keyset conditions account for them.

import Foundation
import GraphQLKit

/// An ordering of runs: a field, then `_id` in the same direction.
struct RunOrder: Sendable, Hashable {
    /// `NUMBER` or `START`.
    let name: String
    let field: String
    let ascending: Bool
    /// The registry whose runs are ordered: a cursor from another one is refused, not
    /// silently applied to the wrong collection.
    let scope: String

    /// From the `orderBy` argument (`{field, direction}`); `NUMBER DESC` when absent.
    init(argument: JSONValue?, scope: String) throws(GraphQLError) {
        self.scope = scope
        var name = "NUMBER", direction = "DESC"
        if case .object(let o)? = argument {
            if case .string(let f)? = o["field"] { name = f }
            if case .string(let d)? = o["direction"] { direction = d }
        }
        switch name {
        case "NUMBER": field = "number"
        case "START": field = "start"
        default: throw RegistryError.badUserInput("Cannot order runs by \(name).")
        }
        self.name = name
        ascending = direction == "ASC"
    }

    var sort: BSONDocument {
        let d: BSONValue = .int32(ascending ? 1 : -1)
        return [field: d, "_id": d]
    }

    var reversedSort: BSONDocument {
        let d: BSONValue = .int32(ascending ? -1 : 1)
        return [field: d, "_id": d]
    }

    fileprivate var tag: String { scope + ":" + name + (ascending ? "A" : "D") }
}

/// A position in an ordering: the sort value (null, integer, number or date) and the ObjectId.
struct RunCursor: Sendable, Hashable {
    let value: BSONValue
    let id: ObjectID

    init(value: BSONValue, id: ObjectID) {
        self.value = value
        self.id = id
    }

    /// The cursor of a fetched document.
    init?(document: BSONDocument, order: RunOrder) {
        guard case .objectID(let id)? = document["_id"] else { return nil }
        self.id = id
        switch document[order.field] {
        case .datetime(let t)?: value = .datetime(t)
        case let v? where v.intValue != nil: value = .int64(Int64(v.intValue ?? 0))
        case .double(let d)?: value = .double(d)
        default: value = .null
        }
    }

    func encoded(order: RunOrder) -> String {
        let v: String = switch value {
        case .datetime(let t): "d:\(t.millisecondsSinceEpoch)"
        case .int64(let i): "i:\(i)"
        case .double(let d): "f:\(d)"
        default: "z:"
        }
        return base64URLEncoded(Data(("v1|" + order.tag + "|" + v + "|" + id.hex).utf8))
    }

    /// Decodes a cursor a client sent back; one from another ordering or not from RunQL is BAD_USER_INPUT.
    init(decoding text: String, order: RunOrder, argument: String) throws(GraphQLError) {
        let invalid = RegistryError.badUserInput("Invalid cursor in `\(argument)`: pass a cursor from this connection.")
        guard let data = base64URLDecoded(text), let plain = String(data: data, encoding: .utf8) else { throw invalid }
        let parts = plain.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v1", let id = ObjectID(hex: String(parts[3])) else { throw invalid }
        guard parts[1] == order.tag else {
            throw RegistryError.badUserInput(
                "The cursor in `\(argument)` belongs to another connection than the \(order.scope)'s runs ordered by \(order.name) \(order.ascending ? "ASC" : "DESC").")
        }
        let v = parts[2]
        if v == "z:" {
            value = .null
        } else if v.hasPrefix("d:"), let ms = Int64(v.dropFirst(2)) {
            value = .datetime(BSONDateTime(millisecondsSinceEpoch: ms))
        } else if v.hasPrefix("i:"), let i = Int64(v.dropFirst(2)) {
            value = .int64(i)
        } else if v.hasPrefix("f:"), let d = Double(v.dropFirst(2)), d.isFinite {
            value = .double(d)
        } else {
            throw invalid
        }
        self.id = id
    }

    /// The runs strictly beyond this cursor when walking `field` up (`ascending`) or down.
    func beyond(field: String, ascending: Bool) -> BSONDocument {
        let idOp = ascending ? "$gt" : "$lt"
        if value == .null {
            let sameNull: BSONDocument = [field: .null, "_id": .document([idOp: .objectID(id)])]
            return ascending ? ["$or": .array([.document(sameNull), .document([field: .document(["$ne": .null])])])] : sameNull
        }
        var branches: [BSONValue] = [
            .document([field: .document([idOp: value])]),
            .document([field: value, "_id": .document([idOp: .objectID(id)])]),
        ]
        if !ascending { branches.append(.document([field: .null])) }  // nulls sort below every value
        return ["$or": .array(branches)]
    }
}


/// `first`/`after`/`last`/`before` checked and turned into a query.
struct PageRequest: Sendable {
    static let defaultSize = 50
    static let maxSize = 1000

    let order: RunOrder
    let size: Int
    let backward: Bool
    let after: RunCursor?
    let before: RunCursor?

    init(arguments: JSONObject, order: RunOrder) throws(GraphQLError) {
        self.order = order
        func size(_ name: String) throws(GraphQLError) -> Int? {
            guard case .int(let n)? = arguments[name] else { return nil }
            guard (1...PageRequest.maxSize).contains(n) else {
                throw RegistryError.badUserInput("`\(name)` must be between 1 and \(PageRequest.maxSize); got \(n).")
            }
            return n
        }
        let first = try size("first"), last = try size("last")
        if first != nil && last != nil { throw RegistryError.badUserInput("Pass `first` or `last`, not both.") }
        backward = last != nil
        self.size = first ?? last ?? PageRequest.defaultSize
        after = try FilterPrimitives.string(arguments["after"]).map { (t) throws(GraphQLError) in
            try RunCursor(decoding: t, order: order, argument: "after")
        }
        before = try FilterPrimitives.string(arguments["before"]).map { (t) throws(GraphQLError) in
            try RunCursor(decoding: t, order: order, argument: "before")
        }
    }

    /// `filter` narrowed to the cursors' window.
    func windowed(_ filter: BSONDocument) -> BSONDocument {
        var c = FilterClauses()
        c.add(filter)
        if let after { c.add(after.beyond(field: order.field, ascending: order.ascending)) }
        if let before { c.add(before.beyond(field: order.field, ascending: !order.ascending)) }
        return c.document
    }

    /// One page: fetches one run more than asked to learn whether more follow.
    func fetch(_ collection: MongoCollection, filter: BSONDocument, projection: BSONDocument?) async throws(MongoError) -> RunPage {
        var projection = projection
        if projection != nil { projection?[order.field] = .int32(1) }
        let options = FindOptions(
            projection: projection.map { RunProjection.projection(paths: $0.keys) },
            sort: backward ? order.reversedSort : order.sort, limit: size + 1)
        var documents = try await collection.find(windowed(filter), options: options)
        let more = documents.count > size
        if more { documents.removeLast() }
        if backward { documents.reverse() }
        return RunPage(
            documents: documents,
            hasNextPage: backward ? before != nil : more,
            hasPreviousPage: backward ? more : after != nil)
    }
}

/// A fetched page of run documents.
struct RunPage: Sendable {
    var documents: [BSONDocument]
    var hasNextPage: Bool
    var hasPreviousPage: Bool
}
