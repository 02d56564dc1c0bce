import Foundation

/// Words as search sees them, the same in the index and in the search script (``SearchScript``): lowercase,
/// accents dropped, ligatures and letters such as `ß` as their letters (``twoLetters``), apostrophes inside a word dropped (`alzheimer's` is `alzheimers`), and so are soft hyphens and
/// zero-width characters (``isInvisible(_:)``: `atezo&shy;lizumab` is `atezolizumab`), split at anything else that
/// is not a letter or a digit; single letters and ``stopwords`` left out; each word then by its Porter stem. A run of
/// Chinese, Japanese or Korean characters is read as its pairs of characters (``isBigrammed(_:)``).
/// ``TermCounter`` reads the words; this names the rules it applies to each.
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

    /// Whether a character is one a word is read without: a soft hyphen (U+00AD, `&shy;`, where a word may break
    /// across lines), a zero-width space, non-joiner or joiner (U+200B–U+200D), a word joiner (U+2060) or a zero-width
    /// no-break space (U+FEFF). They show nothing inside a word, and a reader types the word without them.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF: true
        default: false
        }
    }

    /// The characters of Chinese, Japanese and Korean search reads as bigrams (``isBigrammed(_:)``): Hangul jamo and
    /// syllables, the iteration and closing marks and the ideographic zero (々 〆 〇), Hiragana and Katakana with their
    /// sound marks, and the CJK ideographs with their extensions and compatibility forms.
    static let bigrammed: [ClosedRange<UInt32>] = [
        0x1100...0x11FF, 0x3005...0x3007, 0x3041...0x309F, 0x30A1...0x30FA, 0x30FC...0x30FF, 0x3131...0x318E, 0x31F0...0x31FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F, 0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFF66...0xFF9F,
        0x20000...0x3FFFF,
    ]

    /// Whether a character is one of a script written without spaces between words (``bigrammed``). A run of them is
    /// read as its overlapping pairs of characters (`高血压` as `高血` and `血压`), or as its one character: a query of
    /// two characters or more finds where its pairs are, with no dictionary of the words.
    static func isBigrammed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard value >= 0x1100 else { return false }
        return bigrammed.contains { $0.contains(value) }
    }

    /// The pairs of characters a run of ``isBigrammed(_:)`` characters is read as, each as written (``folded(_:)``
    /// reads them as words are read): the run composed first, so that a sound mark written apart (`か` and U+3099) is
    /// one character with its letter (`が`), as the script's `normalize("NFC")`.
    static func bigrams(of run: String) -> [String] {
        let characters = Array(run.precomposedStringWithCanonicalMapping.unicodeScalars)
        guard characters.count > 1 else { return characters.map { String($0) } }
        return (1..<characters.count).map { String(String.UnicodeScalarView([characters[$0 - 1], characters[$0]])) }
    }

    /// The letters that are read as two or three (``twoLetters``): ligatures and letters a reader types as their
    /// letters (`ﬁbrosis` is `fibrosis`, `œsophagus` `oesophagus`, `straße` `strasse`, `æther` `aether`).
    static let twoLetters: [(letter: Unicode.Scalar, letters: String)] = [
        ("ß", "ss"), ("æ", "ae"), ("œ", "oe"), ("ĳ", "ij"),
        ("\u{FB00}", "ff"), ("\u{FB01}", "fi"), ("\u{FB02}", "fl"), ("\u{FB03}", "ffi"), ("\u{FB04}", "ffl"), ("\u{FB05}", "st"), ("\u{FB06}", "st"),
    ]
    private static let twoLettersOf = Dictionary(uniqueKeysWithValues: twoLetters.map { ($0.letter, $0.letters) })

    /// Lowercase, with the marks of accented letters dropped (`Sjögren` is `sjogren`) and ``twoLetters`` written as
    /// their letters, as the script's `toLowerCase().normalize("NFD")` without U+0300–U+036F and with its table of them.
    static func folded(_ word: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars where !(0x300...0x36F).contains(scalar.value) {
            if let letters = twoLettersOf[scalar] { folded.append(contentsOf: letters.unicodeScalars) } else { folded.append(scalar) }
        }
        return String(folded)
    }

    /// The stems of `text`, in order, read as an article's words are (``TermCounter``).
    func stems(of text: String) -> [String] {
        var counter = TermCounter(keepsOrder: true)
        counter.add(text, .body)
        return counter.stemsInOrder()
    }
}
