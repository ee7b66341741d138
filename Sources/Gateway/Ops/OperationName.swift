// The GraphQL operation name of a request, for metrics and the request log: `operationName`
// when the client sent one, else the name of the document's first operation (`query Runs {…}`),
// found by a lexical scan rather than a parse. Nil for anonymous operations.

import GraphQLKit

enum OperationName {
    /// Bodies above this size are not scanned (the name is then unknown).
    static let maxScannedBody = 64 * 1024

    static func of(_ request: HTTPRequest) -> String? {
        if request.method == "POST" {
            guard !request.body.isEmpty, request.body.count <= maxScannedBody,
                  case .object(let object)? = try? JSONParser.parse(request.body) else { return nil }
            if case .string(let name)? = object["operationName"], !name.isEmpty { return bounded(name) }
            if case .string(let query)? = object["query"] { return firstOperationName(query) }
            return nil
        }
        guard let query = request.query, let pairs = URLQuery.parse(query) else { return nil }
        if let name = pairs.first(where: { $0.0 == "operationName" })?.1, !name.isEmpty { return bounded(name) }
        return pairs.first(where: { $0.0 == "query" }).flatMap { firstOperationName($0.1) }
    }

    /// Names longer than a GraphQL name reasonably gets are cut (labels and log lines stay small).
    private static func bounded(_ name: String) -> String {
        name.utf8.count <= 100 ? name : String(decoding: name.utf8.prefix(100), as: UTF8.self)
    }

    /// `query|mutation|subscription Name` at the start of the document, skipping whitespace,
    /// commas and comments; nil when the first operation is anonymous or the text is not that.
    static func firstOperationName(_ text: String) -> String? {
        var utf8 = Array(text.utf8.prefix(4096))[...]
        func skipIgnored() {
            while let c = utf8.first {
                if c == 32 || c == 9 || c == 10 || c == 13 || c == 44 || c == 0xEF || c == 0xBB || c == 0xBF { utf8 = utf8.dropFirst() }
                else if c == 35 { utf8 = utf8.drop { $0 != 10 && $0 != 13 } }
                else { return }
            }
        }
        func name() -> String? {
            let n = utf8.prefix { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 95 }
            guard let first = n.first, !(first >= 48 && first <= 57) else { return nil }
            utf8 = utf8.dropFirst(n.count)
            return String(decoding: n, as: UTF8.self)
        }
        skipIgnored()
        guard let keyword = name(), ["query", "mutation", "subscription"].contains(keyword) else { return nil }
        skipIgnored()
        return name()
    }
}
