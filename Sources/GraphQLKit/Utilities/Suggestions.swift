// "Did you mean ...?" hints for unknown names, chosen and worded as the reference does: options
// within an edit distance of 40% of the input's length (case changes cost 1, adjacent swaps
// cost 1), closest first, at most five.

/// The options close enough to `input` to suggest, closest first (ties in natural order).
public func suggestionList(_ input: String, options: [String]) -> [String] {
    let inputScalars = Array(input.lowercased().unicodeScalars)
    let threshold = input.unicodeScalars.count * 4 / 10 + 1
    var found: [(option: String, distance: Int)] = []
    var seen = Set<String>()
    for option in options where seen.insert(option).inserted {
        let distance: Int?
        if option == input {
            distance = 0
        } else {
            let optionScalars = Array(option.lowercased().unicodeScalars)
            distance = optionScalars == inputScalars ? 1 : editDistance(inputScalars, optionScalars, threshold: threshold)
        }
        if let distance { found.append((option, distance)) }
    }
    found.sort { a, b in a.distance != b.distance ? a.distance < b.distance : naturalLess(a.option, b.option) }
    return found.map(\.option)
}

/// ` Did you mean "a", "b", or "c"?`, or the empty string when there is nothing to suggest.
public func didYouMean(_ suggestions: [String], subMessage: String? = nil) -> String {
    guard !suggestions.isEmpty else { return "" }
    var message = " Did you mean "
    if let subMessage { message += subMessage + " " }
    let quoted = suggestions.prefix(5).map { "\"" + $0 + "\"" }
    switch quoted.count {
    case 1: message += quoted[0]
    case 2: message += quoted[0] + " or " + quoted[1]
    default: message += quoted.dropLast().joined(separator: ", ") + ", or " + quoted[quoted.count - 1]
    }
    return message + "?"
}

/// Optimal-string-alignment distance, or nil once it must exceed `threshold`.
private func editDistance(_ a0: [Unicode.Scalar], _ b0: [Unicode.Scalar], threshold: Int) -> Int? {
    var a = a0
    var b = b0
    if a.count < b.count { swap(&a, &b) }
    let aLength = a.count
    let bLength = b.count
    if aLength - bLength > threshold { return nil }
    var rows = [[Int]](repeating: [Int](repeating: 0, count: bLength + 1), count: 3)
    for j in 0...bLength { rows[0][j] = j }
    for i in 1...max(aLength, 1) where aLength > 0 {
        let upRow = (i - 1) % 3
        let currentRow = i % 3
        rows[currentRow][0] = i
        var smallest = i
        for j in stride(from: 1, through: bLength, by: 1) {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var current = min(rows[upRow][j] + 1, rows[currentRow][j - 1] + 1, rows[upRow][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                // An adjacent transposition.
                current = min(current, rows[(i - 2) % 3][j - 2] + 1)
            }
            smallest = min(smallest, current)
            rows[currentRow][j] = current
        }
        if smallest > threshold { return nil }
    }
    let distance = rows[aLength % 3][bLength]
    return distance <= threshold ? distance : nil
}

/// Compares strings with runs of digits compared by number ("a2" < "a10").
private func naturalLess(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    var i = 0
    var j = 0
    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    while i < x.count && j < y.count {
        if isDigit(x[i]) && isDigit(y[j]) {
            var ni = i
            while ni < x.count && isDigit(x[ni]) { ni += 1 }
            var nj = j
            while nj < y.count && isDigit(y[nj]) { nj += 1 }
            let da = x[i..<ni].drop { $0 == 0x30 }
            let db = y[j..<nj].drop { $0 == 0x30 }
            if da.count != db.count { return da.count < db.count }
            if !da.elementsEqual(db) { return da.lexicographicallyPrecedes(db) }
            if ni - i != nj - j { return ni - i < nj - j }
            i = ni
            j = nj
        } else {
            if x[i] != y[j] { return x[i] < y[j] }
            i += 1
            j += 1
        }
    }
    return x.count - i < y.count - j
}
