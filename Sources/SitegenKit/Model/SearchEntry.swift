/// What the search index holds of one article, made when its page is (see `Search/`): the weighted counts of its
/// stems and the record a result shows (title, address, topic, confidence, summary and its first sentences).
struct SearchEntry: Sendable {
    /// Each stem and its count weighted by where it was found, one `stem weight` per line.
    var terms: String
    /// How many words were indexed, for the length part of the score.
    var length: Int
    /// The JSON a result is shown from (the index writes it to `search/d/<n>.json`).
    var record: String

    init(terms: String, length: Int, record: String) {
        self.terms = terms
        self.length = length
        self.record = record
    }

    /// Each stem with its weighted count.
    func forEachTerm(_ body: (Substring, Int) -> Void) {
        for line in terms.split(separator: "\n") {
            guard let space = line.lastIndex(of: " "), let weight = Int(line[line.index(after: space)...]) else { continue }
            body(line[..<space], weight)
        }
    }
}
