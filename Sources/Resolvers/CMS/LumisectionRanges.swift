// A dataset's RR lumisections as RR derives them, computed from the maximal runs of identical
// merged lumisection objects that `LumisectionStore` reads (never one row per lumisection):
// per-lumisection triplets, ranges over all components or one component, and the triplet
// summary. Numbering is 1-based and inclusive, up to the last lumisection anything was
// assigned to; a component missing at a lumisection, or a lumisection nothing was assigned to,
// is `EMPTY`.

import GraphQLKit

/// A maximal run of lumisections `start...end` whose merged RR objects are equal.
/// Lumisection numbers are stored as PostgreSQL stores them (int4): a page of large runs holds
/// hundreds of thousands of these while its answer is written, and equal values share storage.
struct MergedRange: Hashable, Sendable {
    private var first: Int32
    private var last: Int32
    var value: JSONObject

    init(start: Int, end: Int, value: JSONObject) {
        first = Int32(clamping: start)
        last = Int32(clamping: end)
        self.value = value
    }

    var start: Int { Int(first) }
    var end: Int { Int(last) }
}

/// A run of lumisections where every component has the same triplet.
struct LumisectionRange: Hashable, Sendable {
    var start: Int
    var end: Int
    /// Component → triplet, for every component of the dataset (EMPTY where none is assigned).
    var triplets: [String: Triplet]
}

/// A run of lumisections where one component has the same triplet.
struct ComponentRange: Hashable, Sendable {
    var start: Int
    var end: Int
    var triplet: Triplet
}

/// Counts per status of one component over lumisections 1...last, with distinct comments and causes.
struct ComponentSummary: Hashable, Sendable {
    var component: String
    /// Status → number of lumisections, in the order statuses were first seen; EMPTY always present.
    var counts: [(status: String, count: Int)]
    var comments: [String]
    var causes: [String]

    static func == (a: ComponentSummary, b: ComponentSummary) -> Bool {
        a.component == b.component && a.comments == b.comments && a.causes == b.causes
            && a.counts.map(\.status) == b.counts.map(\.status) && a.counts.map(\.count) == b.counts.map(\.count)
    }

    func hash(into hasher: inout Hasher) { hasher.combine(component) }

    func count(_ status: String) -> Int { counts.first { $0.status == status }?.count ?? 0 }
}

struct DatasetLumisections: Sendable {
    /// Merged objects' runs, sorted by `start`, not overlapping; gaps are unassigned lumisections.
    let merged: [MergedRange]
    /// Every component that appears at any lumisection, sorted.
    let components: [String]

    init(merged: [MergedRange]) {
        self.merged = merged.sorted { $0.start < $1.start }
        var names = Set<String>()
        for range in merged { for key in range.value.keys { names.insert(key) } }
        components = names.sorted()
    }

    /// The last lumisection (0 when nothing was ever assigned).
    var lastLumisection: Int { merged.last?.end ?? 0 }

    /// Ranges over all components together: maximal runs of lumisections whose triplets are all
    /// equal, covering 1...last with no gaps.
    var ranges: [LumisectionRange] {
        var out: [LumisectionRange] = []
        var next = 1
        func append(_ start: Int, _ end: Int, _ triplets: [String: Triplet]) {
            if var last = out.last, last.triplets == triplets, last.end + 1 == start {
                last.end = end
                out[out.count - 1] = last
            } else {
                out.append(LumisectionRange(start: start, end: end, triplets: triplets))
            }
        }
        let allEmpty = Dictionary(uniqueKeysWithValues: components.map { ($0, Triplet.empty) })
        // A dataset has few distinct merged values however many ranges: each value's triplets
        // are built once and shared by its ranges.
        var tripletsByValue: [JSONObject: [String: Triplet]] = [:]
        for range in merged {
            if range.start > next { append(next, range.start - 1, allEmpty) }
            let triplets: [String: Triplet]
            if let known = tripletsByValue[range.value] {
                triplets = known
            } else {
                var built = allEmpty
                for member in range.value.members { built[member.key] = Triplet(json: member.value) }
                tripletsByValue[range.value] = built
                triplets = built
            }
            append(range.start, range.end, triplets)
            next = range.end + 1
        }
        return out
    }

    /// Maximal runs of one component's triplet over 1...last; empty when the dataset has no lumisections.
    func ranges(of component: String) -> [ComponentRange] {
        var out: [ComponentRange] = []
        var next = 1
        func append(_ start: Int, _ end: Int, _ triplet: Triplet) {
            if var last = out.last, last.triplet == triplet, last.end + 1 == start {
                last.end = end
                out[out.count - 1] = last
            } else {
                out.append(ComponentRange(start: start, end: end, triplet: triplet))
            }
        }
        for range in merged {
            if range.start > next { append(next, range.start - 1, .empty) }
            append(range.start, range.end, Triplet(json: range.value[component]))
            next = range.end + 1
        }
        return out
    }

    /// Triplets of `components` (all when nil) at lumisections `from...to` (clamped to 1...last).
    func lumisections(from: Int?, to: Int?) -> [(number: Int, triplets: [String: Triplet])] {
        let last = lastLumisection
        let lower = max(1, from ?? 1), upper = min(last, to ?? last)
        guard lower <= upper else { return [] }
        var out: [(number: Int, triplets: [String: Triplet])] = []
        out.reserveCapacity(upper - lower + 1)
        for range in ranges where range.end >= lower && range.start <= upper {
            for n in max(lower, range.start)...min(upper, range.end) { out.append((n, range.triplets)) }
        }
        return out
    }

    /// RR's triplet summary per component (statuses counted over 1...last).
    var summary: [ComponentSummary] {
        components.map { component in
            var counts: [(status: String, count: Int)] = [("EMPTY", 0)]
            var comments: [String] = [], causes: [String] = []
            for range in ranges(of: component) {
                let t = range.triplet
                if let i = counts.firstIndex(where: { $0.status == t.status }) {
                    counts[i].count += range.end - range.start + 1
                } else {
                    counts.append((t.status, range.end - range.start + 1))
                }
                if !t.comment.isEmpty, !comments.contains(t.comment) { comments.append(t.comment) }
                if !t.cause.isEmpty, !causes.contains(t.cause) { causes.append(t.cause) }
            }
            return ComponentSummary(component: component, counts: counts, comments: comments, causes: causes)
        }
    }

    /// `triplet_summary` as RR stores it in "DatasetTripletCache".
    var summaryJSON: JSONValue {
        var out = JSONObject()
        for s in summary {
            var o = JSONObject()
            for c in s.counts { o.append(key: c.status, value: .int(c.count)) }
            o.append(key: "comments", value: .list(s.comments.map(JSONValue.string)))
            o.append(key: "causes", value: .list(s.causes.map(JSONValue.string)))
            out.append(key: s.component, value: .object(o))
        }
        return .object(out)
    }

    /// `rr_ranges` as RR stores it: `{component: {status: [[start, end], ...]}}`.
    var rangesJSON: JSONValue {
        var out = JSONObject()
        for component in components {
            var byStatus = JSONObject()
            for range in ranges(of: component) {
                let pair = JSONValue.list([.int(range.start), .int(range.end)])
                if case .list(var list)? = byStatus[range.triplet.status] {
                    // Keyed by status alone, so neighbours differing only in comment or cause join.
                    if case .list(let previous)? = list.last, case .int(let end)? = previous.last, end + 1 == range.start {
                        list[list.count - 1] = .list([previous[0], .int(range.end)])
                    } else {
                        list.append(pair)
                    }
                    byStatus[range.triplet.status] = .list(list)
                } else {
                    byStatus.append(key: range.triplet.status, value: .list([pair]))
                }
            }
            out.append(key: component, value: .object(byStatus))
        }
        return .object(out)
    }
}
