/// The nearest of a few known names to a name that was mistyped: template names, front-matter keys, settings,
/// citation keys.
public enum Suggestion {
    /// `unknown front matter key 'drafts'; did you mean 'draft'?`, or, with no known key near it, where values of
    /// one's own go and which keys there are.
    /// - Parameter otherTools: keys of other tools (Hugo's `params`, pandoc's `csl`): whose they are and what to write
    ///   here instead.
    /// - Parameter otherNames: keys of no tool's that name a known key's meaning in other words, or that are near one and
    ///   mean something else (`reviewer` beside `reviewed`): what to write instead.
    /// - Parameter holdsOwnValues: whether values of one's own could be meant (a setting, a front-matter key: they go
    ///   under `extra:`), or the key is an option of a setting (`check: {review-age: 6}`), which has only its own.
    /// - Parameter outcome: what becomes of the key, said after its name, before the advice: `, which is left out`
    ///   gives `unknown word 'skiplink', which is left out; did you mean 'skipLink'?`.
    static func unknownKey(
        _ key: String, kind: String, known: [String], otherTools: [String: (tool: String, advice: String)] = [:],
        otherNames: [String: String] = [:], holdsOwnValues: Bool = true, outcome: String = ""
    ) -> String {
        let unknown = "unknown \(kind) '\(key)'"
        if let (tool, advice) = otherTools[key] { return "\(unknown) (\(tool))\(outcome); \(advice)" }
        if let advice = otherNames[key] { return "\(unknown)\(outcome); \(advice)" }
        if let near = nearest(to: key, among: known) { return "\(unknown)\(outcome); did you mean '\(near)'?" }
        guard holdsOwnValues else { return "\(unknown)\(outcome); the options are \(known.joined(separator: ", "))" }
        return "\(unknown)\(outcome); values for templates go under 'extra:' (the keys are \(known.joined(separator: ", ")))"
    }

    /// The known name with the fewest edits from `name` (case aside), if it is close enough to be a typing mistake:
    /// at most two edits, or a third of the name's length.
    /// - Parameter allowsReplacingAll: whether a name every character of which must change may be suggested (citation
    ///   keys of one or two characters); names of templates and keys must keep one.
    public static func nearest(to name: String, among known: some Sequence<String>, allowsReplacingAll: Bool = false) -> String? {
        let scored = known.map { ($0, editDistance(Array(name.lowercased()), Array($0.lowercased()))) }
        guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }), best.1 <= max(2, name.count / 3),
            allowsReplacingAll || best.1 < name.count
        else { return nil }
        return best.0
    }

    /// Edit distance with insertions, deletions, substitutions and swaps of two neighbours (`titel` is one edit
    /// from `title`), each one edit.
    static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
        guard !lhs.isEmpty else { return rhs.count }
        guard !rhs.isEmpty else { return lhs.count }
        var beforePrevious: [Int] = []
        var previous = Array(0...rhs.count)
        for (i, left) in lhs.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: rhs.count)
            for (j, right) in rhs.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1))
                if i > 0, j > 0, left == rhs[j - 1], lhs[i - 1] == right {
                    current[j + 1] = min(current[j + 1], beforePrevious[j - 1] + 1)
                }
            }
            beforePrevious = previous
            previous = current
        }
        return previous[rhs.count]
    }
}
