import Foundation

/// The search entries of the site a build published, kept for the next build in the spare (`.sitegen-search`, never
/// published; see `Writing/OutputWriter.swift`): an article whose entry is made from the same inputs
/// (``SearchEntry/inputKey(of:bodyHTML:)``) takes its terms from here instead of reading its words again, and its record
/// is left in the file the staging folder holds (where the staging folder's list says the file holds it; otherwise the
/// entry is made after all). Counting an article's words is most of what search adds to a build.
///
/// The file is used only by the same program (the executable's identity: a new sitegen counts words anew) and with
/// the same synonyms; a file that is missing, cut short or changed in any byte is not used. Its terms are numbered as
/// the ``SearchLexicon`` of the build that wrote it numbered them; the file holds those stems in that order.
struct SearchEntryCache: Sendable {
    static let fileName = ".sitegen-search"
    private static let magic = Array("sitegen-search 1\n".utf8)

    /// An entry kept, by its input key.
    struct Kept: Sendable {
        let terms: ScoredTerms
        let recordHash: UInt64
        let recordSize: Int
    }

    /// The synonyms' fingerprint the entries were made with.
    private let synonyms: UInt64
    /// The stems of the writing build's terms, by its numbers.
    private let stems: [String]
    private let entries: [(key: UInt64, terms: [UInt8], recordHash: UInt64, recordSize: Int)]

    /// The file in a folder, if this program wrote it whole.
    static func read(in folder: String) -> SearchEntryCache? {
        KeptFile.read(folder + "/" + fileName, magic: magic) { reader, _ -> SearchEntryCache? in
            guard let synonyms = reader.number(), let stemCount = reader.count() else { return nil }
            var stems: [String] = []
            stems.reserveCapacity(stemCount)
            for _ in 0..<stemCount {
                guard let stem = reader.text() else { return nil }
                stems.append(stem)
            }
            guard let entryCount = reader.count() else { return nil }
            var entries: [(key: UInt64, terms: [UInt8], recordHash: UInt64, recordSize: Int)] = []
            entries.reserveCapacity(entryCount)
            for _ in 0..<entryCount {
                guard let key = reader.number(), let recordHash = reader.number(), let recordSize = reader.count(), let length = reader.count()
                else { return nil }
                let terms = Array(reader.bytes(length))
                guard ScoredTerms.isValid(encoded: terms, below: stemCount) else { return nil }
                entries.append((key, terms, recordHash, recordSize))
            }
            guard reader.isAtEnd else { return nil }
            return SearchEntryCache(synonyms: synonyms, stems: stems, entries: entries)
        }
    }

    /// The entries by input key, their terms numbered as this process's ``SearchLexicon`` numbers them; nil when they
    /// were made with other synonyms.
    func entries(for synonyms: SearchSynonyms) -> [UInt64: Kept]? {
        guard Self.fingerprint(synonyms) == self.synonyms else { return nil }
        let lexicon = SearchLexicon.shared
        // In a new process, whose lexicon holds only the synonyms' stems (as the writing build's did when it first
        // numbered its terms), each stem gets the number it had: the terms are used as they are.
        let numbers = stems.map(lexicon.term(ofStem:))
        let same = numbers.indices.allSatisfy { numbers[$0] == Int32($0) }
        var kept: [UInt64: Kept] = [:]
        kept.reserveCapacity(entries.count)
        for entry in entries {
            var terms = ScoredTerms(encoded: entry.terms)
            if !same {
                var pairs: [(term: Int32, score: UInt32)] = []
                // (Every term is below the stems' count: ``read(in:)`` checked.)
                for (term, score) in terms { pairs.append((numbers[Int(term)], score)) }
                pairs.sort { $0.term < $1.term }
                terms = ScoredTerms(pairs)
            }
            kept[entry.key] = Kept(terms: terms, recordHash: entry.recordHash, recordSize: entry.recordSize)
        }
        return kept
    }

    /// Writes the entries of the site just published into a folder (a new file, then renamed over the old one);
    /// nothing where the program has no identity to check the file by.
    static func write(_ entries: [SearchEntry], synonyms: SearchSynonyms, in folder: String) {
        var stems = SearchLexicon.shared.allStems
        var entries = entries.map { (key: $0.inputKey, terms: $0.terms, recordHash: $0.recordHash, recordSize: $0.recordSize) }
        // Stems no entry has any more (those of answers since changed, and of other sites in the same process) are
        // left out, and the terms numbered again in the same order.
        // The synonyms' stems stay, first as they are: a new process numbers them first (``entries(for:)``).
        var used = [Bool](repeating: false, count: stems.count)
        for entry in entries { for (term, _) in entry.terms { used[Int(term)] = true } }
        for term in synonyms.terms { used[Int(term)] = true }
        for stem in synonyms.phrases.joined().joined() { used[Int(SearchLexicon.shared.term(ofStem: stem))] = true }
        if used.contains(false) {
            var numbers = [Int32](repeating: -1, count: stems.count), kept: [String] = []
            for (term, stem) in stems.enumerated() where used[term] {
                numbers[term] = Int32(kept.count)
                kept.append(stem)
            }
            stems = kept
            for index in entries.indices {
                entries[index].terms = ScoredTerms(entries[index].terms.map { (numbers[Int($0.term)], $0.score) })
            }
        }
        KeptFile.write(folder + "/" + fileName, magic: magic) { body in
            body.number(fingerprint(synonyms))
            body.number(UInt64(stems.count))
            for stem in stems { body.text(stem) }
            body.number(UInt64(entries.count))
            for entry in entries {
                body.number(entry.key)
                body.number(entry.recordHash)
                body.number(UInt64(entry.recordSize))
                let terms = entry.terms.encoded
                body.number(UInt64(terms.count))
                body.append(terms)
            }
        }
    }

    private static func fingerprint(_ synonyms: SearchSynonyms) -> UInt64 {
        var bytes: [UInt8] = []
        for group in synonyms.phrases {
            for phrase in group {
                for stem in phrase { bytes += stem.utf8 + [0] }
                bytes.append(1)
            }
            bytes.append(2)
        }
        return bytes.withUnsafeBytes { ContentHash.of($0) }
    }
}
