/// What the search index holds of one article, made when its page is (see `Search/`): its terms, each with the
/// article's score for it, and the record a result shows (title, address, topic, confidence, summary and its first
/// sentences).
struct SearchEntry: Sendable {
    /// Each of the article's terms once, in the order of their numbers, with its score.
    var terms: ScoredTerms
    /// The JSON a result is shown from and a line break, as UTF-8 bytes: the file `search/d/<n>.json` as it is written.
    var record: [UInt8]
    /// The record's fingerprint, kept once the record is written and let go (`serve`), for the index's build
    /// identifier.
    let recordHash: UInt64
}

/// An article's terms (a stem's number, see `Search/SearchLexicon.swift`) in increasing order, each with a score from
/// 1 to 31, packed in about two bytes each: a site's entries are held until its index is written, and a large site
/// has many. Each term is written as its difference from the one before, times 32, plus its score, seven bits to a
/// byte, lowest first, the high bit set on every byte but a number's last.
struct ScoredTerms: Sequence, Sendable, Equatable {
    private var bytes: [UInt8] = []

    /// `pairs` in increasing order of term, each score from 1 to 31.
    init(_ pairs: some Sequence<(term: Int32, score: UInt32)>) {
        var previous: Int32 = -1
        for (term, score) in pairs {
            precondition(term > previous && (1...31).contains(score), "terms out of order or score out of range")
            var number = UInt64(term - Swift.max(previous, 0)) << 5 | UInt64(score)
            while number >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: number) | 0x80)
                number >>= 7
            }
            bytes.append(UInt8(number))
            previous = term
        }
    }

    /// The bytes they take.
    var byteCount: Int { bytes.count }

    func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    struct Iterator: IteratorProtocol {
        fileprivate let bytes: [UInt8]
        private var index = 0, previous: Int32 = 0

        fileprivate init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func next() -> (term: Int32, score: UInt32)? {
            guard index < bytes.count else { return nil }
            var number: UInt64 = 0, shift: UInt64 = 0
            while true {
                let byte = bytes[index]
                index += 1
                number |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            previous += Int32(number >> 5)
            return (previous, UInt32(number & 31))
        }
    }
}
