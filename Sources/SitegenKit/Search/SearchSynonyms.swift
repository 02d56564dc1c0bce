/// The site's synonyms (`search: {synonyms: [[heart attack, myocardial infarction], …]}`), as stems: an article that
/// says any phrase of a group is indexed under the group's term too, and a query that says one is read as the group
/// (a phrase in several groups as each of them, here and in the script).
struct SearchSynonyms: Sendable, Equatable {
    /// Each group's phrases, each phrase its stems.
    let phrases: [[[String]]]
    /// Each group's own term in the ``SearchLexicon``: its stem is ``term(_:)``.
    let terms: [SearchLexicon.Term]
    /// The phrases (their terms) that start with a term, with their group.
    private let byFirstTerm: [SearchLexicon.Term: [(phrase: [SearchLexicon.Term], group: Int)]]
    /// Whether a term starts a phrase, a bit per term: most words of an article are looked up here only.
    private let startsPhrase: [UInt64]

    init(_ groups: [[String]]) {
        let words = SearchWords(), lexicon = SearchLexicon.shared
        phrases = groups.map { group in group.map { words.stems(of: $0) }.filter { !$0.isEmpty } }
        terms = phrases.indices.map { lexicon.term(ofStem: Self.term($0)) }
        var byFirstTerm: [SearchLexicon.Term: [(phrase: [SearchLexicon.Term], group: Int)]] = [:]
        for (group, phrases) in phrases.enumerated() {
            for phrase in phrases {
                let terms = phrase.map(lexicon.term(ofStem:))
                byFirstTerm[terms[0], default: []].append((terms, group))
            }
        }
        self.byFirstTerm = byFirstTerm
        var startsPhrase = [UInt64](repeating: 0, count: Int(byFirstTerm.keys.max() ?? -1) / 64 + 1)
        for term in byFirstTerm.keys { startsPhrase[Int(term) / 64] |= 1 << UInt64(term % 64) }
        self.startsPhrase = startsPhrase
    }

    static func == (lhs: SearchSynonyms, rhs: SearchSynonyms) -> Bool { lhs.phrases == rhs.phrases }

    /// The stem of a group's term: `~` and its number, which no word's stem can be.
    static func term(_ group: Int) -> String { "~\(group)" }

    var isEmpty: Bool { phrases.isEmpty }

    /// Where in `terms` a phrase of a group starts, and the group, once per place it is found.
    func matches(in terms: [SearchLexicon.Term]) -> [(position: Int, group: Int)] {
        var found: [(position: Int, group: Int)] = []
        for (start, term) in terms.enumerated() {
            let word = Int(term) / 64
            guard word < startsPhrase.count, startsPhrase[word] & (1 << UInt64(term % 64)) != 0, let candidates = byFirstTerm[term] else { continue }
            for (phrase, group) in candidates where terms[start...].starts(with: phrase) { found.append((start, group)) }
        }
        return found
    }
}
