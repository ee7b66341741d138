// `XenonRunWhere` → a MongoDB filter on one era's run documents. Field names differ by era
// (XENON1T `detector`, `source.type`, `reader.ini.name`; XENONnT `detectors`, `source`, `mode`).

import Foundation
import GraphQLKit

enum XenonRunFilter {
    static func filter(_ where_: JSONObject, experiment: XenonExperiment) throws(GraphQLError) -> BSONDocument {
        var c = FilterClauses()
        let nt = experiment == .xenonNT
        if let number = FilterPrimitives.object(where_["number"]),
           let ops = try FilterPrimitives.intOperators(number, argument: "where.number") {
            c.add("number", .document(ops))
        }
        if let name = FilterPrimitives.string(where_["name"]) { c.add("name", .string(name)) }
        if let tag = FilterPrimitives.string(where_["tag"]) { c.add("tags.name", .string(tag)) }
        // `$and` of equalities rather than `$all`: SecantusDB's `$all` with several values on a
        // path through a list of documents (`tags.name`) matches nothing; the two are equivalent.
        for tag in FilterPrimitives.strings(where_["tagsAll"]) ?? [] { c.add("tags.name", .string(tag)) }
        if let none = FilterPrimitives.strings(where_["tagsNone"]), !none.isEmpty {
            c.add("tags.name", .document(["$nin": .array(none.map(BSONValue.string))]))
        }
        if let source = FilterPrimitives.string(where_["source"]) { c.add(sourceClause(source, nt: nt)) }
        if let detector = FilterPrimitives.string(where_["detector"]) { c.add(nt ? "detectors" : "detector", .string(detector)) }
        if let mode = FilterPrimitives.string(where_["mode"]) { c.add(nt ? "mode" : "reader.ini.name", .string(mode)) }
        if let start = FilterPrimitives.object(where_["start"]),
           let clause = try FilterPrimitives.dateClauses(start, field: "start", argument: "where.start") {
            c.add(clause)
        }
        if let end = FilterPrimitives.object(where_["end"]),
           let clause = try FilterPrimitives.dateClauses(end, field: "end", argument: "where.end") {
            c.add(clause)
        }
        if let status = FilterPrimitives.string(where_["pseudoStatus"]) {
            guard let pseudo = PseudoStatus(rawValue: status) else { throw RegistryError.badUserInput("Unknown pseudo status \(status).") }
            c.add(pseudo.filter)
        }
        if let data = FilterPrimitives.object(where_["data"]) {
            c.add("$or", .array(dataElements(data, nt: nt).map { .document(["data": .document(["$elemMatch": .document($0)])]) }))
        }
        if let data = FilterPrimitives.object(where_["dataNone"]) {
            c.add("$nor", .array(dataElements(data, nt: nt).map { .document(["data": .document(["$elemMatch": .document($0)])]) }))
        }
        if let pax = FilterPrimitives.string(where_["paxVersion"]) {
            // The runsDB API's `process_version` route.
            c.add("data", .document(["$elemMatch": .document([
                "type": .string("processed"), "status": .string("transferred"), "pax_version": .string(paxVersion(pax)),
            ])]))
        }
        if let hash = FilterPrimitives.string(where_["lineageHash"]) {
            c.add("$or", .array(lineageConditions(hash).map { .document(["data": .document(["$elemMatch": .document($0)])]) }))
        }
        if let status = FilterPrimitives.string(where_["runStatus"]) { c.add("status", .string(status)) }
        if let state = FilterPrimitives.string(where_["bootstraxState"]) { c.add("bootstrax.state", .string(state.lowercased())) }
        if case .list(let all)? = where_["and"] {
            for case .object(let sub) in all { c.add(try filter(sub, experiment: experiment)) }
        }
        if case .list(let any)? = where_["or"] {
            guard !any.isEmpty else { throw RegistryError.badUserInput("where.or needs at least one filter.") }
            var subs: [BSONValue] = []
            for case .object(let sub) in any { subs.append(.document(try filter(sub, experiment: experiment))) }
            c.add("$or", .array(subs))
        }
        if let not = FilterPrimitives.object(where_["not"]) {
            c.add("$nor", .array([.document(try filter(not, experiment: experiment))]))
        }
        return c.document
    }

    /// `calibration` means any source but `none`, as the runsDB API's source route.
    /// XENONnT documents hold a string, early ones `{type}`: both forms are matched.
    static func sourceClause(_ source: String, nt: Bool) -> BSONDocument {
        if source == "calibration" {
            return nt
                ? ["$nor": .array([.document(["source": .string("none")]), .document(["source.type": .string("none")])])]
                : ["source.type": .document(["$ne": .string("none")])]
        }
        return nt
            ? ["$or": .array([.document(["source": .string(source)]), .document(["source.type": .string(source)])])]
            : ["source.type": .string(source)]
    }

    /// An entry of this strax lineage, as alternatives: strax and restrax write
    /// `meta.lineage_hash`; rucio entries carry it only at the end of their DID
    /// (`xnt_007200:raw_records-<hash>`), which xefind matches too.
    static func lineageConditions(_ hash: String) -> [BSONDocument] {
        let escaped = hash.unicodeScalars.map { c -> String in
            CharacterSet.alphanumerics.contains(c) ? String(c) : "\\" + String(c)
        }.joined()
        return [["meta.lineage_hash": .string(hash)], ["did": .document(["$regex": .string("-" + escaped + "$")])]]
    }

    /// The runsDB API adds the `v` of pax versions when it is missing.
    static func paxVersion(_ v: String) -> String { v.hasPrefix("v") ? v : "v" + v }

    /// `DataLocationWhere` → the conditions one `data` element must meet, as alternative
    /// documents (an element matching any of them matches). SecantusDB refuses `$and`, `$or` and
    /// `$nor` inside `$elemMatch`, so a disjunction within one element (the lineage hash) is
    /// distributed over whole `$elemMatch`es: ∃e (A ∧ (B ∨ C)) ≡ ∃e (A ∧ B) ∨ ∃e (A ∧ C).
    static func dataElements(_ w: JSONObject, nt: Bool) -> [BSONDocument] {
        var element = BSONDocument()
        if let v = FilterPrimitives.string(w["type"]) { element["type"] = .string(v) }
        if let v = FilterPrimitives.string(w["host"]) { element["host"] = .string(v) }
        if let v = FilterPrimitives.string(w["status"]) { element["status"] = .string(v) }
        if let v = FilterPrimitives.string(w["did"]) { element["did"] = .string(v) }

        if let v = FilterPrimitives.string(w["paxVersion"]) { element["pax_version"] = .string(paxVersion(v)) }
        if let v = FilterPrimitives.string(w["rse"]) {
            // Only rucio entries have RSEs: another host given as well can match nothing.
            if let host = element["host"], host != .string(rucioCatalogueHost) {
                element["host"] = .document(["$in": .array([])])
            } else {
                element["host"] = .string(rucioCatalogueHost)
            }
            // XENON1T rucio entries list RSEs in `rse`; XENONnT ones name theirs in `location`.
            element[nt ? "location" : "rse"] = .string(v)
        }
        guard let hash = FilterPrimitives.string(w["lineageHash"]) else { return [element] }
        return lineageConditions(hash).map { condition in
            var alternative = element
            for (key, value) in condition { alternative[key] = value }
            return alternative
        }
    }
}
