/// The Porter stemming algorithm (M. F. Porter, "An algorithm for suffix stripping", 1980, in the form of its
/// author's reference implementation): `muscles` and `muscle` both become `muscl`, `infections` and `infection`
/// `infect`. The search script carries the same algorithm (see ``SearchScript``); a browser test holds the two to
/// the same stems.
enum PorterStemmer {
    /// The stem of a lowercase word; a word of two letters or fewer, or with anything but `a`–`z`, is its own stem.
    static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        guard bytes.count > 2, bytes.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return word }
        var stemmer = Word(bytes: bytes)
        stemmer.step1ab()
        if stemmer.k > 0 {
            stemmer.step1c()
            stemmer.step2()
            stemmer.step3()
            stemmer.step4()
            stemmer.step5()
        }
        bytes = Array(stemmer.bytes[0...stemmer.k])
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The word being stemmed: `bytes[0...k]` is what is left of it; `j` ends the part before a suffix just found.
    private struct Word {
        var bytes: [UInt8]
        var k: Int
        var j = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            k = bytes.count - 1
        }

        /// Whether the letter at `i` is a consonant: not a vowel, and a `y` only after a vowel or at the start.
        func isConsonant(_ i: Int) -> Bool {
            switch bytes[i] {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): false
            case UInt8(ascii: "y"): i == 0 ? true : !isConsonant(i - 1)
            default: true
            }
        }

        /// m, the number of vowel–consonant sequences in `bytes[0...j]`.
        func measure() -> Int {
            var n = 0, i = 0
            while true {
                if i > j { return n }
                if !isConsonant(i) { break }
                i += 1
            }
            i += 1
            while true {
                while true {
                    if i > j { return n }
                    if isConsonant(i) { break }
                    i += 1
                }
                i += 1
                n += 1
                while true {
                    if i > j { return n }
                    if !isConsonant(i) { break }
                    i += 1
                }
                i += 1
            }
        }

        func hasVowelInStem() -> Bool { j >= 0 && (0...j).contains { !isConsonant($0) } }

        func isDoubleConsonant(_ i: Int) -> Bool { i >= 1 && bytes[i] == bytes[i - 1] && isConsonant(i) }

        /// Whether `i-2…i` is consonant–vowel–consonant and the last is not `w`, `x` or `y`.
        func isCVC(_ i: Int) -> Bool {
            guard i >= 2, isConsonant(i), !isConsonant(i - 1), isConsonant(i - 2) else { return false }
            let last = bytes[i]
            return last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y")
        }

        /// Whether `bytes[0...k]` ends with `suffix`; if so `j` is set before it.
        mutating func ends(_ suffix: String) -> Bool {
            let suffix = Array(suffix.utf8)
            guard suffix.count <= k + 1, bytes[(k - suffix.count + 1)...k].elementsEqual(suffix) else { return false }
            j = k - suffix.count
            return true
        }

        /// Replaces `bytes[j+1...k]` (nothing when j is k) with `text`.
        mutating func setTo(_ text: String) {
            let text = Array(text.utf8)
            bytes.replaceSubrange((j + 1)..<(k + 1), with: text)
            k = j + text.count
        }

        mutating func replace(_ text: String) { if measure() > 0 { setTo(text) } }

        /// Plurals and -ed or -ing.
        mutating func step1ab() {
            if bytes[k] == UInt8(ascii: "s") {
                if ends("sses") { k -= 2 } else if ends("ies") { setTo("i") } else if k >= 1, bytes[k - 1] != UInt8(ascii: "s") { k -= 1 }
            }
            if ends("eed") {
                if measure() > 0 { k -= 1 }
            } else if (ends("ed") || ends("ing")) && hasVowelInStem() {
                k = j
                if ends("at") {
                    setTo("ate")
                } else if ends("bl") {
                    setTo("ble")
                } else if ends("iz") {
                    setTo("ize")
                } else if isDoubleConsonant(k) {
                    k -= 1
                    let last = bytes[k]
                    if last == UInt8(ascii: "l") || last == UInt8(ascii: "s") || last == UInt8(ascii: "z") { k += 1 }
                } else {
                    j = k
                    if measure() == 1 && isCVC(k) { setTo("e") }
                }
            }
        }

        /// A final `y` after a vowel in the stem becomes `i`.
        mutating func step1c() {
            if ends("y") && hasVowelInStem() { bytes[k] = UInt8(ascii: "i") }
        }

        /// Tries `rules` in order; the first suffix that matches is replaced when `condition` holds, and no other is tried.
        mutating func apply(_ rules: [(String, String)], when condition: (inout Word) -> Bool) {
            for (suffix, replacement) in rules where ends(suffix) {
                if condition(&self) { setTo(replacement) }
                return
            }
        }

        /// Double suffixes to single ones (m > 0).
        mutating func step2() {
            apply(Self.step2Rules) { $0.measure() > 0 }
        }

        /// -ic-, -full, -ness and the like (m > 0).
        mutating func step3() {
            apply(Self.step3Rules) { $0.measure() > 0 }
        }

        /// -ant, -ence and the like, when m > 1; -ion only after `s` or `t`.
        mutating func step4() {
            for suffix in Self.step4Suffixes where ends(suffix) {
                if suffix == "ion", j < 0 || (bytes[j] != UInt8(ascii: "s") && bytes[j] != UInt8(ascii: "t")) { continue }
                if measure() > 1 { k = j }
                return
            }
        }

        /// A final -e, and -ll to -l, when m > 1.
        mutating func step5() {
            j = k
            if bytes[k] == UInt8(ascii: "e") {
                let m = measure()
                if m > 1 || (m == 1 && !isCVC(k - 1)) { k -= 1 }
            }
            if bytes[k] == UInt8(ascii: "l") && isDoubleConsonant(k) && measure() > 1 { k -= 1 }
        }

        static let step2Rules: [(String, String)] = [
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
            ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
            ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
            ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
        ]
        static let step3Rules: [(String, String)] = [
            ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
        ]
        static let step4Suffixes = [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti",
            "ous", "ive", "ize",
        ]
    }
}
