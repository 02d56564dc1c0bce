/// Counts an article's words as ``SearchWords`` reads them, weighted by field, working on bytes: a word is found
/// among those seen so far by a hash of its bytes, and only the distinct words go to the ``SearchLexicon``, at the
/// end, for their terms. Its tables are its own memory (it cannot be copied), read and written without the checks
/// of an array: an article's every word goes through them.
struct TermCounter: ~Copyable {
    /// A distinct word: its bytes, `text[start..<end]`, and its hash.
    private struct Word {
        var start: Int32, end: Int32
        var hash: UInt64
    }
    /// A place of the table: a word's hash, its weighted count plus its count times 2^32 (one addition a word, in
    /// the place the word was found at), and its number + 1; 0 in a free place.
    private struct Slot {
        var hash: UInt64, tally: UInt64, number: Int32
    }
    /// The words, `wordCount` of `wordCapacity` places.
    private var words: UnsafeMutablePointer<Word>
    private var wordCount = 0, wordCapacity = 512
    private var text: [UInt8] = []
    /// The words' places by hash (open addressing), where they are counted. Two words of one article with the same
    /// 64-bit hash would be counted as one (the ``SearchLexicon`` compares the bytes of words across articles, where
    /// there are many more); there are far fewer words in an article than it would take for that to happen once in a
    /// billion sites.
    private var table: UnsafeMutablePointer<Slot>
    /// The number of places in `table` less one (a power of two less one); at most half of them are used.
    private var mask = 1023
    /// Each word in order, as its number times 16 plus its weight (for synonym phrases); -1 between blocks. Empty
    /// unless ``keepsOrder``.
    private var sequence: [Int32] = []
    /// Whether the words' order is kept: for synonym phrases, or for ``stemsInOrder()``.
    private let keepsOrder: Bool
    /// The word being read, when it is not a plain run of the input (it has capitals, apostrophes or other scripts).
    private var scratch: [UInt8] = []
    /// The end of a text, followed by zeros, for ``add(_:weight:)`` to read 80 bytes from.
    private let padding = UnsafeMutablePointer<UInt8>.allocate(capacity: 80)

    init(keepsOrder: Bool) {
        self.keepsOrder = keepsOrder
        words = .allocate(capacity: wordCapacity)
        table = .allocate(capacity: mask + 1)
        table.initialize(repeating: Slot(hash: 0, tally: 0, number: 0), count: mask + 1)
    }

    deinit {
        words.deallocate()
        table.deallocate()
        padding.deallocate()
    }

    mutating func add(_ text: String, _ field: SearchEntry.Field) {
        var text = text
        text.withUTF8 { add($0, weight: field.rawValue) }
        endBlock()
    }

    /// Adds the words of `bytes`; a word ends where they do. `readable`, when it is more than their count, is how many
    /// bytes from their start may be read: a text inside a longer one is read in whole windows up to its end, not copied.
    ///
    /// The bytes are read 64 at a time: which are letters or digits, and which are an apostrophe or a byte from 0x80
    /// up, as a bit each; most words are a run of the first kind that a byte of neither kind ends, found from the bits
    /// and read, lowercased and hashed (``hash(_:)``) eight bytes at a time (``countWord(_:length:_:)``). A word that
    /// touches the second kind, or fills a whole window, is read by ``addWord(_:from:weight:)``, a byte or a scalar at
    /// a time.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, weight: Int, readable: Int = 0) {
        guard let base = bytes.baseAddress else { return }
        let weight = Int32(weight)
        let count = bytes.count, readable = max(readable, count)
        var index = 0
        while index < count {
            // The 64 bytes from `index` (fewer at the end), with 16 more to read a word's eight at a time from: the
            // text itself (its bytes past the end left out below), or a copy of its end followed by zeros, which are
            // in no word.
            let window: UnsafePointer<UInt8>, length: Int
            if index + 80 <= readable {
                (window, length) = (base + index, min(count - index, 64))
            } else {
                length = min(count - index, 64)
                padding.update(from: base + index, count: length)
                (padding + length).update(repeating: 0, count: 80 - length)
                window = UnsafePointer(padding)
            }
            var letters: UInt64 = 0, others: UInt64 = 0
            // Eight bytes at a time, as far as the window's bytes go.
            for chunk in 0..<(length + 7) / 8 {
                let bytes = UnsafeRawPointer(window + chunk * 8).loadUnaligned(as: UInt64.self)
                let letter = ByteChunk.between(0x60, 0x7B, in: bytes | Self.lowercase) | ByteChunk.between(0x2F, 0x3A, in: bytes)
                letters |= ByteChunk.bits(letter) << (chunk * 8)
                others |= ByteChunk.bits(ByteChunk.nonASCII(in: bytes) | ByteChunk.equal(UInt8(ascii: "'"), in: bytes)) << (chunk * 8)
            }
            if length < 64 {
                letters &= 1 << length - 1
                others &= 1 << length - 1
            }
            // Where the first apostrophe or byte from 0x80 up is (past the window when none is): a word that reaches
            // it is read the long way.
            let other = others == 0 ? 65 : others.trailingZeroBitCount
            /// Where to go on from: the end of the window, unless a word or another byte stops it before.
            var next = index + length, slowly = false
            var remaining = letters
            while remaining != 0 {
                let start = remaining.trailingZeroBitCount
                if start > other { break }
                let end = start + (~(remaining >> start)).trailingZeroBitCount
                if end == other {
                    (next, slowly) = (index + start, true)
                    break
                }
                if end == length, index + length < count {
                    // The word may go on past the window: the next window starts with it, unless it fills this one.
                    (next, slowly) = (index + start, start == 0)
                    break
                }
                countWord(window + start, length: end - start, weight)
                remaining &= ~0 << end
            }
            if !slowly, remaining == 0 || remaining.trailingZeroBitCount > other, other < length {
                (next, slowly) = (index + other, true)
            }
            index = slowly ? addWord(bytes, from: next, weight: weight) : next
        }
    }

    /// Counts a word of letters and digits, `length` bytes at `word` (with 16 readable after its start): one of up to
    /// sixteen bytes (most words) from two loads, its bytes past the word masked off, without a branch on its length; a
    /// longer one from a lowercased copy.
    @inline(__always)
    private mutating func countWord(_ word: UnsafePointer<UInt8>, length: Int, _ weight: Int32) {
        let raw = UnsafeRawPointer(word)
        if length <= 16 {
            // The bits of the word in each load: 8 to 64 in the first, 0 to 64 in the second (a shift by 64 gives 0).
            let firstBits = UInt64(Swift.min(length, 8) &* 8), restBits = UInt64(Swift.max(length &- 8, 0) &* 8)
            let first = (raw.loadUnaligned(as: UInt64.self) | Self.lowercase) & (UInt64.max >> (64 &- firstBits))
            let rest = (raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) | Self.lowercase) & (UInt64.max >> (64 &- restBits))
            let hash = Self.hash(first, rest, length: length)
            if !countSeen(hash, weight) {
                withUnsafeBytes(of: (first, rest)) { countNew(UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[..<length]), hash, weight) }
            }
        } else {
            scratch.removeAll(keepingCapacity: true)
            for offset in 0..<length { scratch.append(word[offset] | 0x20) }
            let scratch = scratch
            scratch.withUnsafeBufferPointer { count($0, Self.hash($0), weight) }
        }
    }

    private static let lowercase: UInt64 = 0x2020_2020_2020_2020

    /// Adds the word that starts at `first` (or skips the character there, when it is not one of a word) the long
    /// way, a byte or a scalar at a time: a word with an apostrophe or a letter of another script, or of 64 bytes or
    /// more. Returns where it ends.
    private mutating func addWord(_ bytes: UnsafeBufferPointer<UInt8>, from first: Int, weight: Int32) -> Int {
        /// Where the word starts once it does.
        var start = -1
        /// Whether the word is `bytes[start..<index]` as it is; if not, it is `scratch`.
        var plain = true
        var index = first
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isLowercaseOrDigit(byte) {
                // A run of lowercase letters and digits, at once: eight bytes at a time while there are eight.
                var end = index + 1
                while end + 8 <= bytes.count {
                    let others = Self.notLowercaseOrDigit(ByteChunk.load(bytes, at: end))
                    if others != 0 {
                        end += ByteChunk.first(others)
                        break
                    }
                    end += 8
                }
                if end + 8 > bytes.count {
                    while end < bytes.count, Self.isLowercaseOrDigit(bytes[end]) { end += 1 }
                }
                if start < 0 {
                    start = index
                } else if !plain {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                }
                index = end
            } else if byte &- UInt8(ascii: "A") < 26 {
                if start < 0 { start = index }
                if plain { takeScratch(bytes, start, index, &plain) }
                scratch.append(byte | 0x20)
                index += 1
            } else if byte < 0x80 {
                if byte == UInt8(ascii: "'") {
                    // An apostrophe inside a word is left out of it.
                    if start >= 0, plain { takeScratch(bytes, start, index, &plain) }
                } else {
                    if start >= 0 { endWord(bytes, start, index, plain, weight) }
                    return index + 1
                }
                index += 1
            } else {
                // A scalar of two to four bytes.
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                let end = min(index + length, bytes.count)
                let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self).unicodeScalars.first
                if let scalar, SearchWords.isBigrammed(scalar) {
                    // Chinese, Japanese or Korean: the word before ends, and the run is read as its pairs of characters.
                    if start >= 0 { endWord(bytes, start, index, plain, weight) }
                    return addBigrams(bytes, from: index, weight: weight)
                } else if let scalar, scalar.value == 0x2019 || SearchWords.isInvisible(scalar) {
                    // ’ inside a word, as ' is, and a soft hyphen or a zero-width character, which are left out of it.
                    if start >= 0, plain { takeScratch(bytes, start, index, &plain) }
                } else if let scalar, scalar.properties.isAlphabetic || scalar.properties.numericType != nil || (0x300...0x36F).contains(scalar.value) {
                    if start < 0 { start = index }
                    if plain { takeScratch(bytes, start, index, &plain) }
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                } else {
                    if start >= 0 { endWord(bytes, start, index, plain, weight) }
                    return end
                }
                index = end
            }
            if start < 0 { return index }
        }
        if start >= 0 { endWord(bytes, start, bytes.count, plain, weight) }
        return bytes.count
    }

    /// Adds the run of ``SearchWords/isBigrammed(_:)`` characters that starts at `first` as its pairs of characters
    /// (``SearchWords/bigrams(of:)``), each a word. Returns where the run ends.
    private mutating func addBigrams(_ bytes: UnsafeBufferPointer<UInt8>, from first: Int, weight: Int32) -> Int {
        var end = first
        while end < bytes.count, bytes[end] >= 0xC0 {
            let length = bytes[end] >= 0xF0 ? 4 : bytes[end] >= 0xE0 ? 3 : 2
            let next = min(end + length, bytes.count)
            let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[end..<next]), as: UTF8.self).unicodeScalars.first
            guard let scalar, SearchWords.isBigrammed(scalar) else { break }
            end = next
        }
        for bigram in SearchWords.bigrams(of: String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<end]), as: UTF8.self)) {
            var bigram = bigram
            bigram.withUTF8 { count($0, Self.hash($0), weight) }
        }
        return end
    }

    /// Marks the bytes of `chunk` that are not lowercase letters or digits (``ByteChunk``).
    @inline(__always)
    private static func notLowercaseOrDigit(_ chunk: UInt64) -> UInt64 {
        let letters = ByteChunk.between(UInt8(ascii: "a") - 1, UInt8(ascii: "z") + 1, in: chunk)
        return ByteChunk.others(letters | ByteChunk.between(UInt8(ascii: "0") - 1, UInt8(ascii: "9") + 1, in: chunk))
    }

    /// ``hash(_:)`` of a word of sixteen bytes or fewer, given as two numbers (the first byte lowest, zeros after the
    /// word).
    @inline(__always)
    private static func hash(_ first: UInt64, _ rest: UInt64, length: Int) -> UInt64 {
        var hash = (UInt64(length) &* 0x9E37_79B9_7F4A_7C15 ^ first) &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 32
        hash = (hash ^ rest) &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 32
        return hash
    }

    private static func isLowercaseOrDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
    }

    /// A hash of a word's bytes: of one of sixteen bytes or fewer, as two numbers (``hash(_:_:length:)``); of a longer
    /// one, eight bytes at a time (the last ones four, two and one at a time), lowest first.
    @inline(__always)
    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if word.count <= 16 {
            var chunks: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &chunks) { $0.copyMemory(from: UnsafeRawBufferPointer(word)) }
            return hash(chunks.0, chunks.1, length: word.count)
        }
        var hash = UInt64(word.count) &* 0x9E37_79B9_7F4A_7C15
        let raw = UnsafeRawPointer(word.baseAddress!)
        var index = 0
        while index + 8 <= word.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            index += 8
        }
        if index < word.count {
            var chunk: UInt64 = 0, shift: UInt64 = 0
            if word.count - index >= 4 {
                chunk = UInt64(raw.loadUnaligned(fromByteOffset: index, as: UInt32.self))
                (index, shift) = (index + 4, 32)
            }
            if word.count - index >= 2 {
                chunk |= UInt64(raw.loadUnaligned(fromByteOffset: index, as: UInt16.self)) << shift
                (index, shift) = (index + 2, shift + 16)
            }
            if index < word.count { chunk |= UInt64(word[index]) << shift }
            hash = (hash ^ chunk) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
        }
        return hash
    }

    /// The word so far, `bytes[start..<end]`, copied to `scratch`, which holds the rest of it.
    private mutating func takeScratch(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ plain: inout Bool) {
        plain = false
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    /// The number of distinct words added so far.
    var distinctWords: Int { wordCount }

    /// Ends a block: a synonym's phrase does not run on into the next.
    mutating func endBlock() {
        if keepsOrder, sequence.last != -1 { sequence.append(-1) }
    }

    private mutating func endWord(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ plain: Bool, _ weight: Int32) {
        if plain {
            let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
            count(word, Self.hash(word), weight)
        } else if !scratch.isEmpty {
            let word = scratch
            word.withUnsafeBufferPointer { count($0, Self.hash($0), weight) }
        }
    }

    private mutating func count(_ word: UnsafeBufferPointer<UInt8>, _ hash: UInt64, _ weight: Int32) {
        if !countSeen(hash, weight) { countNew(word, hash, weight) }
    }

    /// Counts the word whose hash this is if it was seen before; false if it was not.
    @inline(__always)
    private mutating func countSeen(_ hash: UInt64, _ weight: Int32) -> Bool {
        var place = Self.place(hash, mask)
        while true {
            let slot = table + place
            let number = slot.pointee.number
            if number == 0 { return false }
            if slot.pointee.hash == hash {
                slot.pointee.tally &+= UInt64(weight) | 1 << 32
                if keepsOrder { sequence.append((number - 1) << 4 | weight) }
                return true
            }
            place = (place + 1) & mask
        }
    }

    /// Counts a word not seen before.
    private mutating func countNew(_ word: UnsafeBufferPointer<UInt8>, _ hash: UInt64, _ weight: Int32) {
        var place = Self.place(hash, mask)
        while table[place].number != 0 { place = (place + 1) & mask }
        let number = Int32(wordCount)
        table[place] = Slot(hash: hash, tally: UInt64(weight) | 1 << 32, number: number + 1)
        if wordCount == wordCapacity {
            let larger = UnsafeMutablePointer<Word>.allocate(capacity: wordCapacity * 2)
            larger.moveInitialize(from: words, count: wordCount)
            words.deallocate()
            (words, wordCapacity) = (larger, wordCapacity * 2)
        }
        (words + wordCount).initialize(to: Word(start: Int32(text.count), end: Int32(text.count + word.count), hash: hash))
        wordCount += 1
        text.append(contentsOf: word)
        if keepsOrder { sequence.append(number << 4 | weight) }
        if wordCount * 2 > mask { grow() }
    }

    private static func place(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func grow() {
        let old = table, oldMask = mask
        mask = mask * 2 + 1
        table = .allocate(capacity: mask + 1)
        table.initialize(repeating: Slot(hash: 0, tally: 0, number: 0), count: mask + 1)
        for slot in UnsafeBufferPointer(start: old, count: oldMask + 1) where slot.number != 0 {
            var place = Self.place(slot.hash, mask)
            while table[place].number != 0 { place = (place + 1) & mask }
            table[place] = slot
        }
        old.deallocate()
    }

    /// Each word's tally (see ``Slot``), by number.
    private func tallies() -> [UInt64] {
        var tallies = [UInt64](repeating: 0, count: wordCount)
        for slot in UnsafeBufferPointer(start: table, count: mask + 1) where slot.number != 0 { tallies[Int(slot.number - 1)] = slot.tally }
        return tallies
    }

    /// Sorts terms and weights (each the term times 2^32 plus the weight) by term, a byte of the term at a time (a
    /// radix sort, stable, over the bytes the largest term has): the weights of a term stay in the order they came.
    static func sortByTerm(_ items: inout [UInt64]) {
        guard items.count > 1 else { return }
        let largest = items.reduce(0) { max($0, $1 >> 32) }
        var sorted = [UInt64](repeating: 0, count: items.count)
        var counts = [Int](repeating: 0, count: 257)
        var shift: UInt64 = 32
        while shift < 64, largest >> (shift - 32) != 0 {
            items.withUnsafeBufferPointer { items in
                sorted.withUnsafeMutableBufferPointer { sorted in
                    counts.withUnsafeMutableBufferPointer { counts in
                        counts.update(repeating: 0)
                        for item in items { counts[Int(truncatingIfNeeded: item >> shift) & 0xFF + 1] += 1 }
                        for byte in 0..<256 { counts[byte + 1] += counts[byte] }
                        for item in items {
                            let byte = Int(truncatingIfNeeded: item >> shift) & 0xFF
                            sorted[counts[byte]] = item
                            counts[byte] += 1
                        }
                    }
                }
            }
            swap(&items, &sorted)
            shift += 8
        }
    }

    /// Each distinct word's term (``SearchLexicon/none`` for a single letter or a stopword).
    private func terms() -> [SearchLexicon.Term] {
        let words = words
        return text.withUnsafeBufferPointer { text in
            SearchLexicon.shared.terms(count: wordCount, hash: { words[$0].hash }, word: { UnsafeBufferPointer(rebasing: text[Int(words[$0].start)..<Int(words[$0].end)]) })
        }
    }

    /// The stems of the words added, in order (with ``keepsOrder``).
    func stemsInOrder() -> [String] {
        precondition(keepsOrder, "a TermCounter made without keepsOrder")
        let terms = terms()
        return sequence.compactMap { item in
            let term = item < 0 ? SearchLexicon.none : terms[Int(item >> 4)]
            return term == SearchLexicon.none ? nil : SearchLexicon.shared.stem(term)
        }
    }

    /// The terms of ``SearchEntry/terms``: each scored by its weight against the number of words indexed
    /// (``SearchIndex/score(weight:length:)``).
    func finish(synonyms: SearchSynonyms) -> ScoredTerms {
        let (terms, length) = weightedTerms(synonyms: synonyms)
        return ScoredTerms(terms.lazy.map { ($0.term, SearchIndex.score(weight: $0.weight, length: length)) })
    }

    /// Each term once, in increasing order, with its weights added up (a synonym phrase's group with the weight of its
    /// first word), and the number of words indexed.
    func weightedTerms(synonyms: SearchSynonyms) -> (terms: [(term: SearchLexicon.Term, weight: Int32)], length: Int) {
        let terms = terms(), tallies = tallies()
        /// Each term and a weight of it, as the term times 2^32 plus the weight, so that they sort by term.
        var found: [UInt64] = []
        found.reserveCapacity(terms.count)
        func add(_ term: SearchLexicon.Term, _ weight: Int32) { found.append(UInt64(term) << 32 | UInt64(weight)) }
        var length = 0
        for (number, term) in terms.enumerated() where term != SearchLexicon.none {
            add(term, Int32(truncatingIfNeeded: tallies[number]))
            length += Int(tallies[number] >> 32)
        }
        if !synonyms.isEmpty {
            precondition(keepsOrder, "synonym phrases need a TermCounter made with keepsOrder")
            var run: [SearchLexicon.Term] = [], runWeights: [Int32] = []
            func phrases() {
                for (position, group) in synonyms.matches(in: run) { add(synonyms.terms[group], runWeights[position]) }
                run.removeAll(keepingCapacity: true)
                runWeights.removeAll(keepingCapacity: true)
            }
            for item in sequence {
                guard item >= 0 else {
                    phrases()
                    continue
                }
                let term = terms[Int(item >> 4)]
                guard term != SearchLexicon.none else { continue }
                run.append(term)
                runWeights.append(item & 15)
            }
            phrases()
        }
        // One entry per term: its weights added up.
        Self.sortByTerm(&found)
        var merged: [(term: SearchLexicon.Term, weight: Int32)] = []
        merged.reserveCapacity(found.count)
        for item in found {
            let term = SearchLexicon.Term(item >> 32), weight = Int32(truncatingIfNeeded: item)
            if merged.last?.term == term {
                merged[merged.count - 1].weight += weight
            } else {
                merged.append((term, weight))
            }
        }
        return (merged, length)
    }
}
