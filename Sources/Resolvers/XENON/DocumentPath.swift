// `doc(path:)`: a dotted path into a run document at any depth, where numeric parts index lists
// (the runsDB API's `filter/<top>/<second>/<third>` stopped at three levels).

import GraphQLKit

struct DocumentPath: Sendable, Hashable {
    let parts: [String]

    static let maxLength = 1024

    /// Parses `a.b.0.c`; empty parts (`a..b`, a leading or trailing dot) and parts starting with
    /// `$` are BAD_USER_INPUT.
    init(_ text: String) throws(GraphQLError) {
        guard !text.isEmpty else { throw RegistryError.badUserInput("Invalid document path \"\": it is empty; omit `path` for the whole document.") }
        guard text.utf8.count <= DocumentPath.maxLength else {
            throw RegistryError.badUserInput("Invalid document path: longer than \(DocumentPath.maxLength) characters.")
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.contains(where: \.isEmpty) {
            throw RegistryError.badUserInput("Invalid document path \"\(text)\": it has an empty part.")
        }
        if parts.contains(where: { $0.hasPrefix("$") }) {
            throw RegistryError.badUserInput("Invalid document path \"\(text)\": parts must not start with `$`.")
        }
        self.parts = parts
    }

    /// The value at the path; nil when it leads nowhere.
    func value(in document: BSONDocument) -> BSONValue? {
        document.value(along: parts)
    }

    /// What to project to read the path: the parts before the first list index (MongoDB
    /// projections cannot index lists; `data.0` would project a field named `0`).
    var projectionPath: String {
        var kept: [String] = []
        for (i, part) in parts.enumerated() {
            if i > 0, Int(part) != nil { break }
            kept.append(part)
        }
        return kept.joined(separator: ".")
    }
}
