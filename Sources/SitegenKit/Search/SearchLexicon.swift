import Foundation
import Synchronization

/// The words a site's articles say, as search terms. Each distinct word is read once per process (the articles of a
/// build share the lexicon on all cores, and so do the builds of `serve`): folded, checked against the stopwords and
/// stemmed as ``SearchWords`` says. Each stem gets a number, its term, by which articles are counted and grouped
/// without comparing strings. Terms are numbered in the order they are first met, which varies from run to run:
/// they never reach the index's files, which are ordered by stem.
final class SearchLexicon: Sendable {
    static let shared = SearchLexicon()

    /// A stem's number.
    typealias Term = Int32
    /// The term of a word search leaves out: a stopword or a single letter.
    static let none: Term = -1

    /// Words and their terms, found by hash (open addressing) and told apart by their bytes.
    private struct Words {
        /// Each place's hash and word number + 1; 0 in a free place.
        var places = [(hash: UInt64, number: Int32)](repeating: (0, 0), count: 1024)
        /// Word n is `text[words[n].start..<words[n].end]`.
        var words: [(start: Int32, end: Int32, term: Term)] = []
        var text: [UInt8] = []

        func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Term? {
            let mask = places.count - 1
            var place = Int(truncatingIfNeeded: hash >> 17) & mask
            while places[place].number != 0 {
                if places[place].hash == hash {
                    let word = words[Int(places[place].number - 1)]
                    let same = text.withUnsafeBufferPointer { SearchLexicon.same(UnsafeBufferPointer(rebasing: $0[Int(word.start)..<Int(word.end)]), bytes) }
                    if same { return word.term }
                }
                place = (place + 1) & mask
            }
            return nil
        }

        mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, term: Term) {
            if words.count * 2 >= places.count {
                let old = places.filter { $0.number != 0 }
                places = .init(repeating: (0, 0), count: places.count * 2)
                for item in old { place(item.hash, item.number) }
            }
            words.append((Int32(text.count), Int32(text.count + bytes.count), term))
            text.append(contentsOf: bytes)
            place(hash, Int32(words.count))
        }

        private mutating func place(_ hash: UInt64, _ number: Int32) {
            let mask = places.count - 1
            var place = Int(truncatingIfNeeded: hash >> 17) & mask
            while places[place].number != 0 { place = (place + 1) & mask }
            places[place] = (hash, number)
        }
    }

    private final class Shard: Sendable {
        let words = Mutex(Words())
    }
    /// In shards, so that the cores rarely wait for one another.
    private let shards = (0..<16).map { _ in Shard() }
    private let stems = Mutex<(names: [String], terms: [String: Term])>(([], [:]))

    /// The term of a word: its bytes as ``TermCounter`` reads them (lowercase, apostrophes left out), whose hash is
    /// `hash` (``TermCounter/hash(_:)``).
    func term(ofWord bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Term {
        let shard = shards[Self.shard(hash)]
        if let term = shard.words.withLock({ $0.find(bytes, hash: hash) }) { return term }
        let term = Self.stem(ofWord: bytes).map(term(ofStem:)) ?? Self.none
        shard.words.withLock { words in
            if words.find(bytes, hash: hash) == nil { words.insert(bytes, hash: hash, term: term) }
        }
        return term
    }

    /// The terms of words 0 to `count` - 1, whose bytes and hashes are `word(n)` and `hash(n)`: ``term(ofWord:hash:)``
    /// of each, the words of a shard looked up under one taking of its lock (an article's hundreds of words take 16).
    func terms(count: Int, hash: (Int) -> UInt64, word: (Int) -> UnsafeBufferPointer<UInt8>) -> [Term] {
        var result = [Term](repeating: Self.none, count: count)
        // The words' numbers by shard (a counting sort): shard s's are `order[starts[s]..<starts[s + 1]]`.
        var starts = [Int](repeating: 0, count: shards.count + 1)
        for number in 0..<count { starts[Self.shard(hash(number)) + 1] += 1 }
        for shard in shards.indices { starts[shard + 1] += starts[shard] }
        var order = [Int](repeating: 0, count: count), next = starts
        for number in 0..<count {
            let shard = Self.shard(hash(number))
            order[next[shard]] = number
            next[shard] += 1
        }
        var unknown: [Int] = []
        for shard in shards.indices where starts[shard] < starts[shard + 1] {
            shards[shard].words.withLock { words in
                for number in order[starts[shard]..<starts[shard + 1]] {
                    if let term = words.find(word(number), hash: hash(number)) { result[number] = term } else { unknown.append(number) }
                }
            }
        }
        // Words no article had before: stemmed and added one at a time.
        for number in unknown { result[number] = term(ofWord: word(number), hash: hash(number)) }
        return result
    }

    /// The shard of a word by its hash.
    private static func shard(_ hash: UInt64) -> Int { Int(hash >> 60) }

    static func same(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
    }

    /// The term of a stem, numbered now if it has none yet.
    func term(ofStem stem: String) -> Term {
        stems.withLock { stems in
            if let term = stems.terms[stem] { return term }
            let term = Term(stems.names.count)
            stems.names.append(stem)
            stems.terms[stem] = term
            return term
        }
    }

    func stem(_ term: Term) -> String {
        stems.withLock { $0.names[Int(term)] }
    }

    /// Every stem so far, by term.
    var allStems: [String] {
        stems.withLock { $0.names }
    }

    /// A word's stem; nil for a single letter (not a character of Chinese, Japanese or Korean) or a stopword.
    static func stem(ofWord bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var word = String(decoding: bytes, as: UTF8.self)
        if bytes.contains(where: { $0 >= 0x80 }) {
            word = SearchWords.folded(word)
            // A character of Chinese, Japanese or Korean alone is a word (a run of one: `盐`, salt).
            guard let first = word.unicodeScalars.first, word.unicodeScalars.count > 1 || SearchWords.isBigrammed(first) else { return nil }
        } else if bytes.count < 2 {
            return nil
        }
        return SearchWords.isStopword(word) ? nil : PorterStemmer.stem(word)
    }
}
