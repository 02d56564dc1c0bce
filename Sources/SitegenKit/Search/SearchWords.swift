import Foundation

/// Words as search sees them, the same in the index and in the search script (``SearchScript``): lowercase,
/// accents dropped, apostrophes inside a word dropped (`alzheimer's` is `alzheimers`), split at anything that is
/// not a letter or a digit; single letters and ``stopwords`` left out; each word then by its Porter stem.
struct SearchWords {
    /// Words too common in questions to tell answers apart (`can`, `my`, `the`); the search script leaves out the same.
    static let stopwords: [String] = [
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does",
        "doing", "down", "during", "each", "few", "for", "from", "further", "get", "had", "has", "have", "having", "he",
        "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me",
        "more", "most", "my", "myself", "no", "nor", "not", "of", "off", "on", "once", "only", "or", "other", "our",
        "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
        "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very",
        "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
        "you", "your", "yours",
    ]
    private static let stopwordSet = Set(stopwords)

    static func isStopword(_ word: String) -> Bool { stopwordSet.contains(word) }

    /// Stems already found, by word: an article says most of its words many times.
    private var stems: [String: String] = [:]

    /// Calls `body` with the stem of each word of `text` that search indexes, in order.
    mutating func forEachStem(in text: String, _ body: (String) -> Void) {
        var word: [UInt8] = []
        var isASCII = true
        func flush() {
            defer {
                word.removeAll(keepingCapacity: true)
                isASCII = true
            }
            guard !word.isEmpty else { return }
            var text = String(decoding: word, as: UTF8.self)
            if !isASCII { text = Self.folded(text) }
            guard text.unicodeScalars.count > 1, !Self.stopwordSet.contains(text) else { return }
            if let stem = stems[text] {
                body(stem)
            } else {
                let stem = PorterStemmer.stem(text)
                stems[text] = stem
                body(stem)
            }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
                case UInt8(ascii: "'"): break
                default: flush()
                }
            } else if value == 0x2019 {
                continue
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || (0x300...0x36F).contains(value) {
                isASCII = false
                word.append(contentsOf: String(scalar).utf8)
            } else {
                flush()
            }
        }
        flush()
    }

    /// Lowercase, with the marks of accented letters dropped (`Sjögren` is `sjogren`), as the script's
    /// `toLowerCase().normalize("NFD")` without U+0300–U+036F.
    static func folded(_ word: String) -> String {
        let scalars = word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The stems of `text`, in order.
    mutating func stems(of text: String) -> [String] {
        var result: [String] = []
        forEachStem(in: text) { result.append($0) }
        return result
    }
}
