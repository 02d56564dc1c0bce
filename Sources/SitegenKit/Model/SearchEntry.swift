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
    func forEachTerm(_ body: (String, Int) -> Void) {
        var terms = terms
        terms.withUTF8 { bytes in
            var start = 0, space = 0, weight = 0
            for (index, byte) in bytes.enumerated() {
                switch byte {
                case UInt8(ascii: " "):
                    space = index
                    weight = 0
                case UInt8(ascii: "0")...UInt8(ascii: "9") where space > start:
                    weight = weight * 10 + Int(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "\n"):
                    body(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<space]), as: UTF8.self), weight)
                    start = index + 1
                    space = start
                default:
                    break
                }
            }
        }
    }
}
