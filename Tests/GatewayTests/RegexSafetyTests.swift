// RegexSafety: which `$regex` patterns the mongoFilter arguments refuse before they reach the
// database (one `(.*){20}X` kept SecantusDB's Python `re` busy for good).

import Resolvers
import Testing

@Suite struct RegexSafetyTests {
    @Test func refusesNestedRepetitionBackreferencesAndLongChains() {
        for pattern in ["(.*){20}X", "^(a+)+$", "(.*a){12}", "(x|x)*y", "^(\\w+\\s?)*$", "(?:a{2,}){3}", "((ab)*c)+",
                        ".*.*.*.*X", "(a)\\1", "(?P<n>a)(?P=n)", "\\k<n>", "(a|b){2,}"] {
            #expect(RegexSafety.problem(in: pattern) != nil, "\(pattern)")
        }
        for pattern in ["^tpc_(?:commissioning|calibration)?", "(ab)+", "[(.*)+]+x", "\\(a+\\)+", "raw_records-[a-z0-9]{10}$",
                        "a{2}b{3}", "^17042[0-9]_1627$", "(x)*", ".*a.*b.*c", "{", "a{,}", "((a))?"] {
            #expect(RegexSafety.problem(in: pattern) == nil, "\(pattern)")
        }
    }
}
