import Foundation

/// The search index of a site, in fragments a query fetches only some of (see "Search" in the README):
///
/// - `search/index.json`: the number of articles, the prefixes that have fragments, the endings that have fragments of
///   endings, the synonym groups, and the build's identifier (``build(_:records:)``), which the script adds to the
///   address of every other file it fetches;
/// - `search/t/<prefix>.json`: the terms whose longest prefix with a fragment is this one (two letters, or more where
///   two make a fragment larger than ``fragmentLimit``), each with the number of articles that have it and the
///   best-scoring ``postingsLimit`` of them, as `[count, "postings"]`: for each article, the difference of its
///   number from the one before and its score from 1 to 31, each written as ``encode(_:into:)`` does;
/// - `search/e/<ending>.json`: the terms whose longest ending with a fragment of endings is this one, without their
///   postings (``endings(_:)``), where a query finds the words one typo from a word whose typo is in its first letters;
///   a pair of Chinese, Japanese or Korean characters is under its first character, and has no ending;
/// - `search/d/<n>.json`: article n's record (``SearchEntry/record``).
///
/// The same entries always make the same bytes.
struct SearchIndex {
    /// The articles a term lists at most, its best-scoring ones: a word in most articles does not make a query fetch them all.
    static let postingsLimit = 300
    /// The size past which the terms of a prefix are split by one more letter.
    static let fragmentLimit = 6_000
    /// The longest prefix a fragment is split by: a word of thousands of letters (a gene sequence, an address pasted
    /// whole) is one term longer than the limit alone, and splitting it a letter at a time overflowed the stack and
    /// made file names longer than a file system allows.
    static let longestPrefix = 8
    /// The score's saturation (k1) and length weight (b), as in BM25; k1 is high as weights count a title word 10 times.
    static let saturation = 4.0, lengthWeight = 0.75
    /// The length an article's is measured against. BM25 takes the site's average, which would change every term's
    /// scores with any edit; a fixed one leaves the fragments of the words an edit did not touch as they were.
    static let typicalLength = 600.0

    /// An article's score for a term it has `weight` of, from 1 to 31: the BM25 part of a term in an article of
    /// `length` words, saturating as the weight grows, against ``typicalLength``.
    static func score(weight: Int32, length: Int) -> UInt32 {
        let weight = Double(weight)
        let norm = 1 - lengthWeight + lengthWeight * Double(length) / typicalLength
        let score = weight * (saturation + 1) / (weight + saturation * norm) / (saturation + 1)
        return UInt32(min(31, max(1, (score * 31).rounded())))
    }

    /// The index's files, by output path, for the entries in site order (article n is `entries[n]`).
    static func files(_ entries: [SearchEntry], synonyms: SearchSynonyms) -> [(path: String, content: String)] {
        let stems = SearchLexicon.shared.allStems
        // Each term's number of articles, and the articles its best ``postingsLimit`` can be among, as the article's
        // number times 32 plus its score: past the limit, only the first ``postingsLimit`` of each score (a later
        // one is outranked by as many with its score and lower numbers), so that a word in every article of a large
        // site does not hold them all in memory.
        var totals = [Int](repeating: 0, count: stems.count)
        var postings = [[UInt32]](repeating: [], count: stems.count)
        /// For a term past the limit, where its count of each score starts in `scoreCounts`.
        var counted = [Int32](repeating: -1, count: stems.count)
        var scoreCounts: [Int32] = []
        for (document, entry) in entries.enumerated() {
            for (term, score) in entry.terms {
                let term = Int(term)
                totals[term] += 1
                if postings[term].count >= postingsLimit {
                    if counted[term] < 0 {
                        counted[term] = Int32(scoreCounts.count)
                        scoreCounts += repeatElement(0, count: 32)
                        for posting in postings[term] { scoreCounts[scoreCounts.count - 32 + Int(posting & 31)] += 1 }
                    }
                    let place = Int(counted[term]) + Int(score)
                    guard scoreCounts[place] < postingsLimit else { continue }
                    scoreCounts[place] += 1
                }
                postings[term].append(UInt32(document) << 5 | score)
            }
        }
        var terms: [(stem: String, json: String)] = []
        var json: [UInt8] = []
        for (term, list) in postings.enumerated() where !list.isEmpty {
            let kept = list.count > postingsLimit ? best(list) : list
            let stem = stems[term]
            json.removeAll(keepingCapacity: true)
            JSONValue.quote(stem, into: &json)
            json += ":[".utf8
            json += String(totals[term]).utf8
            json += ",\"".utf8
            var previous: UInt32 = 0
            for posting in kept {
                Self.encode(Int((posting >> 5) - previous), into: &json)
                Self.encode(Int(posting & 31), into: &json)
                previous = posting >> 5
            }
            json += "\"]".utf8
            terms.append((stem, String(decoding: json, as: UTF8.self)))
        }
        terms.sort { $0.stem < $1.stem }

        // A pair of Chinese, Japanese or Korean characters is under its first character: there are thousands of pairs,
        // which would each have a fragment of their own by two characters.
        let bigrams = terms.filter { Self.isBigram($0.stem) }, words = terms.filter { !Self.isBigram($0.stem) }
        let fragments = Self.split(words.map { (key: $0.stem, text: $0.json) }, shortest: 2, limit: fragmentLimit)
            + Self.split(bigrams.map { (key: $0.stem, text: $0.json) }, shortest: 1, limit: fragmentLimit)
        var files = fragments.map { fragment in
            (key: fragment.key, path: "search/t/\(fileName(fragment.key)).json", content: "{" + fragment.texts.joined(separator: ",\n") + "}\n")
        }
        files.sort { $0.key < $1.key }
        let endings = Self.endings(terms.map(\.stem))
        let build = Self.build(files.map { ($0.path, $0.content) } + endings.map { ($0.path, $0.content) }, records: entries.map(\.recordHash))

        let meta: JSONValue = .object([
            ("version", .serialized("1")), ("documents", .serialized(String(entries.count))),
            ("fragments", .string(files.map(\.key).joined(separator: " "))),
            ("endings", .string(endings.map(\.key).joined(separator: " "))),
            ("synonyms", .array(synonyms.phrases.map { group in .array(group.map { .string($0.joined(separator: " ")) }) })),
            ("build", .string(build)),
        ])
        return [(path: "search/index.json", content: meta.serialized + "\n")] + files.map { ($0.path, $0.content) }
            + endings.map { ($0.path, $0.content) }
    }

    /// The build's identifier: a fingerprint (``ContentHash``) of the fragments' paths and bytes and of the records', in
    /// 16 hex digits. A record's number changes when an answer before it is renamed, added or made a draft, and the
    /// fragments' postings with it, while `index.json` may stay the same bytes: a browser or a CDN that kept the last
    /// deploy's fragments would show another answer's title and address. The script fetches them as `…?v=<build>`,
    /// so that a changed index is fetched anew; the same site gives the same identifier.
    static func build(_ files: [(path: String, content: String)], records: [UInt64]) -> String {
        // Each path's and file's fingerprint, then theirs with the records': the files are not copied into one.
        func hash(_ text: String) -> UInt64 {
            var text = text
            return text.withUTF8 { ContentHash.of(UnsafeRawBufferPointer($0)) }
        }
        var hashes: [UInt64] = []
        hashes.reserveCapacity(2 * files.count + records.count)
        for file in files { hashes += [hash(file.path), hash(file.content)] }
        hashes += records
        let hash = hashes.map(\.littleEndian).withUnsafeBytes { ContentHash.of($0) }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Items in order of their keys, in fragments by the first `shortest` characters of their keys, or more where a
    /// fragment's texts would be over `limit` bytes (an item whose whole key is a fragment's stays in it, the longer ones
    /// go to fragments a character longer, up to ``longestPrefix``): each fragment's key and its items' texts, in order.
    static func split(_ items: [(key: String, text: String)], shortest: Int, limit: Int) -> [(key: String, texts: [String])] {
        var fragments: [(key: String, texts: [String])] = []
        func add(_ items: ArraySlice<(key: String, text: String)>, prefixLength: Int) {
            var start = items.startIndex
            while start < items.endIndex {
                let key = Self.prefix(items[start].key, prefixLength)
                var end = start
                var size = 0
                while end < items.endIndex, Self.prefix(items[end].key, prefixLength) == key {
                    size += items[end].text.utf8.count + 1
                    end += 1
                }
                let group = items[start..<end]
                let longer = group.filter { $0.key.unicodeScalars.count > prefixLength }
                if size > limit, !longer.isEmpty, prefixLength < longestPrefix {
                    let own = group.filter { $0.key.unicodeScalars.count <= prefixLength }
                    if !own.isEmpty { fragments.append((key, own.map(\.text))) }
                    add(ArraySlice(longer), prefixLength: prefixLength + 1)
                } else {
                    fragments.append((key, group.map(\.text)))
                }
                start = end
            }
        }
        add(items[...], prefixLength: shortest)
        return fragments
    }

    /// The fragments of terms by their endings, which a query reads for a word whose own fragment has nothing one typo
    /// from it (a typo in its first letters puts it in another fragment than the word meant): each term of three
    /// letters or more (not a synonym group's, nor a pair of isBigram(_:)) under its last letter, or more where a fragment would be over
    /// ``fragmentLimit``, as ``split(_:shortest:limit:)`` splits the terms' fragments by their first letters, in a JSON
    /// string of the terms in order, a space between them. Each with its ending, in order.
    static func endings(_ stems: [String]) -> [(key: String, path: String, content: String)] {
        var backwards: [(key: String, text: String)] = []
        for stem in stems where stem.unicodeScalars.count >= 3 && !stem.hasPrefix("~") && !isBigram(stem) {
            backwards.append((String(String.UnicodeScalarView(stem.unicodeScalars.reversed())), stem))
        }
        backwards.sort { $0.key < $1.key }
        return split(backwards, shortest: 1, limit: fragmentLimit).map { fragment in
            let ending = String(String.UnicodeScalarView(fragment.key.unicodeScalars.reversed()))
            var json: [UInt8] = []
            JSONValue.quote(fragment.texts.joined(separator: " "), into: &json)
            return (ending, "search/e/\(fileName(ending)).json", String(decoding: json, as: UTF8.self) + "\n")
        }.sorted { $0.key < $1.key }
    }

    /// Whether a term is a pair of Chinese, Japanese or Korean characters, or one (``SearchWords/isBigrammed(_:)``).
    static func isBigram(_ stem: String) -> Bool {
        stem.unicodeScalars.first.map(SearchWords.isBigrammed) ?? false
    }

    /// The best-scoring ``postingsLimit`` of a term's articles (in order of number, as they come), the lower
    /// numbers first among equal scores: all those above the score where the limit is reached, and the first ones
    /// with that score.
    private static func best(_ postings: [UInt32]) -> [UInt32] {
        var counts = [Int](repeating: 0, count: 32)
        for posting in postings { counts[Int(posting & 31)] += 1 }
        var threshold = 31, above = 0
        while above + counts[threshold] < postingsLimit {
            above += counts[threshold]
            threshold -= 1
        }
        var atThreshold = postingsLimit - above
        var kept: [UInt32] = []
        kept.reserveCapacity(postingsLimit)
        for posting in postings {
            let score = Int(posting & 31)
            if score > threshold {
                kept.append(posting)
            } else if score == threshold, atThreshold > 0 {
                kept.append(posting)
                atThreshold -= 1
            }
        }
        return kept
    }

    /// The 64 characters of the postings' numbers: a number is written in base 32, its last digit as one of the
    /// first 32 characters and each digit before it as one of the last 32 (`5` is `F`, `40` is `hI`).
    static let digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ number: Int, into text: inout [UInt8]) {
        // The digits before the last, most significant first.
        var shift = 0
        while number >> (shift + 5) > 0 { shift += 5 }
        while shift > 0 {
            text.append(digits[32 + (number >> shift) & 31])
            shift -= 5
        }
        text.append(digits[number & 31])
    }

    /// The first `length` characters (Unicode scalars) of a stem.
    static func prefix(_ stem: String, _ length: Int) -> String {
        String(String.UnicodeScalarView(stem.unicodeScalars.prefix(length)))
    }

    /// A prefix as a file name: `a`–`z` and `0`–`9` as they are, every other UTF-8 byte as `_` and two hex digits.
    static func fileName(_ key: String) -> String {
        var name = ""
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): name.unicodeScalars.append(Unicode.Scalar(byte))
            default: name += "_" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return name
    }
}
