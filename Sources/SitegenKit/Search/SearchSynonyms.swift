/// The site's synonyms (`search: {synonyms: [[heart attack, myocardial infarction], …]}`), as stems: an article that
/// says any phrase of a group is indexed under the group's term too, and a query that says one is read as the group.
struct SearchSynonyms: Sendable, Equatable {
    /// Each group's phrases, each phrase its stems.
    let phrases: [[[String]]]
    /// The phrases that start with a stem, with their group.
    private let byFirstStem: [String: [(phrase: [String], group: Int)]]

    init(_ groups: [[String]]) {
        let words = SearchWords()
        phrases = groups.map { group in group.map { words.stems(of: $0) }.filter { !$0.isEmpty } }
        var byFirstStem: [String: [(phrase: [String], group: Int)]] = [:]
        for (group, phrases) in phrases.enumerated() {
            for phrase in phrases { byFirstStem[phrase[0], default: []].append((phrase, group)) }
        }
        self.byFirstStem = byFirstStem
    }

    static func == (lhs: SearchSynonyms, rhs: SearchSynonyms) -> Bool { lhs.phrases == rhs.phrases }

    /// The index term of a group: `~` and its number, which no word's stem can be.
    static func term(_ group: Int) -> String { "~\(group)" }

    var isEmpty: Bool { phrases.isEmpty }

    /// Where in `stems` a phrase of a group starts, and the group, once per place it is found.
    func matches(in stems: [String]) -> [(position: Int, group: Int)] {
        guard !byFirstStem.isEmpty else { return [] }
        var found: [(position: Int, group: Int)] = []
        for start in stems.indices {
            guard let candidates = byFirstStem[stems[start]] else { continue }
            for (phrase, group) in candidates where stems[start...].starts(with: phrase) { found.append((start, group)) }
        }
        return found
    }
}
