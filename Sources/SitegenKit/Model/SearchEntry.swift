/// What the search index holds of one article, made when its page is (see `Search/`): the weighted counts of its
/// terms and the record a result shows (title, address, topic, confidence, summary and its first sentences).
struct SearchEntry: Sendable {
    /// A term (a stem's number, see `Search/SearchLexicon.swift`) and its count weighted by where it was found.
    struct WeightedTerm: Sendable, Equatable {
        var term: Int32
        var weight: Int32
    }

    /// Each of the article's terms once, in the order of their numbers.
    var terms: [WeightedTerm]
    /// How many words were indexed, for the length part of the score.
    var length: Int
    /// The JSON a result is shown from (the index writes it to `search/d/<n>.json`).
    var record: String

    init(terms: [WeightedTerm], length: Int, record: String) {
        self.terms = terms
        self.length = length
        self.record = record
    }
}
