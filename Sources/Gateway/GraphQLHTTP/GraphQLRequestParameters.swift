// The parameters of a GraphQL-over-HTTP request, read from a POST's JSON body or a GET's URL,
// with the checks the specification and the graphql-http audits require.

import GraphQLKit

struct GraphQLRequestParameters: Sendable {
    /// Nil only for an automatic-persisted-query request that sends just the hash.
    var query: String?
    var operationName: String?
    var variables: JSONObject?
    var extensions: JSONObject?

    /// A request that is not a well-formed GraphQL-over-HTTP request: answered 400 with this message.
    struct Malformed: Error {
        let message: String
        var status = 400
    }

    static func fromPOST(body: [UInt8], contentType: String?) throws(Malformed) -> GraphQLRequestParameters {
        guard let contentType else { throw Malformed(message: "Missing Content-Type: send application/json", status: 415) }
        if contentType.utf8.withContiguousStorageIfAvailable(isJSONUTF8ASCII) != true {
            try checkContentType(contentType)
        }
        guard !body.isEmpty else { throw Malformed(message: "The request body is empty: send a JSON object with a \"query\"") }
        let json: JSONValue
        do { json = try JSONParser.parse(body) } catch {
            throw Malformed(message: "The request body is not valid JSON: \(error.message) at byte \(error.offset)")
        }
        if case .list = json { throw Malformed(message: "Batched requests (a JSON array) are not supported: send one operation per request") }
        guard case .object(let object) = json else { throw Malformed(message: "The request body must be a JSON object") }
        return try fromFields(
            query: object["query"], operationName: object["operationName"], variables: object["variables"],
            extensions: object["extensions"])
    }

    /// Whether an ASCII Content-Type is `application/json`, with a UTF-8 charset if any: the
    /// check `checkContentType` makes, over bytes (splitting a String by Character cost more
    /// than parsing the body). False means "not sure": `checkContentType` then decides.
    private static func isJSONUTF8ASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
        // No parameters (the usual case): no splitting.
        if !bytes.contains(UInt8(ascii: ";")) { return equalsIgnoringCase(trimmed(bytes[...]), "application/json") }
        let parts = bytes.split(separator: UInt8(ascii: ";"))
        guard let first = parts.first, equalsIgnoringCase(trimmed(first), "application/json") else { return false }
        for parameter in parts.dropFirst() {
            let kv = parameter.split(separator: UInt8(ascii: "="), maxSplits: 1)
            if kv.count == 2, equalsIgnoringCase(trimmed(kv[0]), "charset") {
                var value = trimmed(kv[1])
                // `checkContentType` trims quotes too.
                while let f = value.first, f == 32 || f == 9 || f == 34 { value = value.dropFirst() }
                while let l = value.last, l == 32 || l == 9 || l == 34 { value = value.dropLast() }
                guard equalsIgnoringCase(value, "utf-8") || equalsIgnoringCase(value, "utf8") else { return false }
            }
        }
        return true
    }

    /// Throws the 415 a Content-Type other than JSON in UTF-8 gets.
    private static func checkContentType(_ contentType: String) throws(Malformed) {
        let parts = contentType.split(separator: ";")
        let mediaType = parts.first.map { $0.trimmingCharacters(in: " \t").lowercased() } ?? ""
        guard mediaType == "application/json" else {
            throw Malformed(message: "Unsupported Content-Type \"\(mediaType)\": send application/json", status: 415)
        }
        for parameter in parts.dropFirst() {
            let kv = parameter.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].trimmingCharacters(in: " \t").lowercased() == "charset" {
                let charset = kv[1].trimmingCharacters(in: " \t\"").lowercased()
                guard charset == "utf-8" || charset == "utf8" else {
                    throw Malformed(message: "Unsupported charset \"\(charset)\": send UTF-8", status: 415)
                }
            }
        }
    }

    static func fromGET(query: Substring?) throws(Malformed) -> GraphQLRequestParameters {
        guard let query, let pairs = URLQuery.parse(query) else {
            throw Malformed(message: "Missing query: send ?query=...")
        }
        var fields: [String: String] = [:]
        for (k, v) in pairs where fields[k] == nil { fields[k] = v }
        func jsonField(_ name: String) throws(Malformed) -> JSONValue? {
            guard let text = fields[name], !text.isEmpty else { return nil }
            do { return try JSONParser.parse(text) } catch { throw Malformed(message: "\"\(name)\" is not valid JSON: \(error.message)") }
        }
        return try fromFields(
            query: fields["query"].map(JSONValue.string), operationName: fields["operationName"].map(JSONValue.string),
            variables: try jsonField("variables"), extensions: try jsonField("extensions"))
    }

    private static func fromFields(query: JSONValue?, operationName: JSONValue?, variables: JSONValue?, extensions: JSONValue?) throws(Malformed) -> GraphQLRequestParameters {
        let extensionsObject = try object(extensions, "extensions")
        let queryText: String?
        switch query {
        case .string(let s)?: queryText = s
        case nil, .null?:
            // A persisted query may come as its hash alone (APQ).
            guard let persisted = extensionsObject?["persistedQuery"], persisted != .null else {
                throw Malformed(message: "Missing \"query\": send the GraphQL document as a string")
            }
            queryText = nil
        default: throw Malformed(message: "\"query\" must be a string")
        }
        var name: String?
        switch operationName {
        case .string(let s)?: name = s
        case nil, .null?: name = nil
        default: throw Malformed(message: "\"operationName\" must be a string or null")
        }
        return GraphQLRequestParameters(
            query: queryText, operationName: name, variables: try object(variables, "variables"),
            extensions: extensionsObject)
    }

    private static func object(_ value: JSONValue?, _ name: String) throws(Malformed) -> JSONObject? {
        switch value {
        case .object(let o)?: return o
        case nil, .null?: return nil
        default: throw Malformed(message: "\"\(name)\" must be a JSON object or null")
        }
    }
}
