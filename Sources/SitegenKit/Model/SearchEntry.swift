/// What the search index holds of one article, made when its page is (see `Search/`): its terms, each with the
/// article's score for it, and the record a result shows (title, address, topic, confidence, summary and its first
/// sentences).
struct SearchEntry: Sendable {
    /// Each of the article's terms once, in the order of their numbers, with its score.
    var terms: ScoredTerms
    /// The JSON a result is shown from and a line break, as UTF-8 bytes: the file `search/d/<n>.json` as it is written.
    /// Empty in an entry taken from the last build's (`Search/SearchEntryCache.swift`), which is used only where the
    /// staging folder holds its record already, and once the record is written.
    var record: [UInt8]
    /// The record's fingerprint and size, kept once the record is written and let go (`serve`), for the index's build
    /// identifier, and for telling whether a file holds it.
    let recordHash: UInt64, recordSize: Int
    /// A fingerprint of everything the entry is made from (``inputKey(of:bodyHTML:)``), by which the next build finds it.
    let inputKey: UInt64

    init(terms: ScoredTerms, record: [UInt8], recordHash: UInt64, recordSize: Int, inputKey: UInt64) {
        self.terms = terms
        self.record = record
        self.recordHash = recordHash
        self.recordSize = recordSize
        self.inputKey = inputKey
    }
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

    /// The terms as they are packed, to be kept in a file.
    var encoded: [UInt8] { bytes }

    /// Terms packed as ``encoded`` gives them.
    init(encoded: [UInt8]) {
        bytes = encoded
    }

    /// Whether bytes read from a file are terms packed as ``encoded`` gives them, each term below `limit`: read without
    /// trusting them (a number cut short or too large is not).
    static func isValid(encoded bytes: [UInt8], below limit: Int) -> Bool {
        var index = 0, term = -1
        while index < bytes.count {
            var number: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard index < bytes.count, shift < 42 else { return false }
                let byte = bytes[index]
                index += 1
                number |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            let step = Int(number >> 5), score = number & 31
            // The first term is written as itself, every later one as its difference from the one before, never 0.
            guard score >= 1, step >= (term < 0 ? 0 : 1) else { return false }
            term = Swift.max(term, 0) + step
            guard term < limit else { return false }
        }
        return true
    }

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
