import CSL

/// The words that label a locator in the site's language (``CSL/CSLProcessor/locatorLabels()``), looked up as a
/// citation's text is read for them.
struct LocatorLabels: Sendable {
    /// Each label, lowercased, with the locator it names (`p.`: `page`), longest first.
    let all: [(label: String, locator: String)]
    /// The locator each label names.
    let locators: [String: String]
    /// The labels and every start of one (`p`, `p.`, `pp`): text that none of them starts with starts no label.
    let prefixes: Set<String>

    init(_ all: [(label: String, locator: String)]) {
        self.all = all
        locators = Dictionary(all.map { ($0.label, $0.locator) }) { first, _ in first }
        prefixes = Set(all.flatMap { label in label.label.indices.map { String(label.label[...$0]) } })
    }
}

/// A locator at the start of a cite's suffix, read as pandoc 3.9 reads one (`Text.Pandoc.Citeproc.Locator`, its
/// `pLocatorIntegrated`; braces are ``BracedLocator``'s). The suffix is read as pandoc's tokens: a run of spaces, each
/// punctuation mark but `:` and each other space alone, a run of other characters, and emphasis, quoted text, code
/// and links whole. A word of the locator is one or more units, each a roman numeral alone or a run of tokens up to a
/// space or a punctuation mark other than `-`, `–` and `:` (`12`, `e12`, `S4-S6`, `3:14`, `A3`), joined by periods
/// (`1.2`) and held in brackets (`34(1)`, `[17]`); words after the first follow a space, `,` or `;`. A label of the
/// language's (`p.`, `chap.`, `s.v.`, the longest that a word with a digit or roman numeral follows) is followed by
/// words with a digit or roman numeral (`p. iv, 12`); without one, the locator is a page if its first word has a
/// digit (`e12`, `S4-S6`, `A3`, not `iv`), and every word of it has one (`33, iv` is page 33 and the text ", iv").
struct LocatorReader {
    private struct Token {
        enum Kind { case space, text, other }
        var kind: Kind
        /// The token's text as pandoc's `stringify` gives it: a space for a run of spaces, emphasis without its
        /// markup, quoted text in curly quotes.
        var text: String
        /// Where the token ends in the suffix's characters.
        var end: Int
        /// The character of a text token of one.
        var single: Character?

        init(kind: Kind, text: String, end: Int) {
            (self.kind, self.text, self.end) = (kind, text, end)
            single = kind == .text && text.count == 1 ? text.first : nil
        }
    }

    private let characters: [Character]
    private let tokens: [Token]
    private let labels: LocatorLabels

    /// The locator at the start of the suffix: its kind (`page`, `chapter`), its text, and the text after it as
    /// written; nil when the suffix starts with none.
    /// - Parameters:
    ///   - suffix: the text after the key, without a comma that follows it, as CSL rich text (emphasis as `<i>` and
    ///     `<b>`), each straight quote that pairs with no other resolved (``CSLTypedQuotes/resolvingUnpaired(_:emphasis:)``).
    ///   - labels: the words that label a locator (``CitationStyle/locatorLabels``).
    static func read(_ suffix: String, labels: LocatorLabels) -> (label: String, locator: String, rest: String)? {
        if let read = readQuickly(suffix, labels: labels) { return read }
        return readFully(suffix, labels: labels)
    }

    /// ``read(_:labels:)`` of the locators most citations give, a number or a range of two after a label
    /// or alone (`p. 12`, `pp. 12-14`, `12`, in ASCII, nothing after them), read from the bytes without pandoc's
    /// tokens: what ``readFully(_:labels:)`` reads of them (a test compares the two), at a small part of the
    /// cost (3 % of a 10,000-article build's samples with 10,409 such locators). Nil for any other suffix.
    static func readQuickly(_ suffix: String, labels: LocatorLabels) -> (label: String, locator: String, rest: String)? {
        var suffix = suffix
        return suffix.withUTF8 { bytes -> (label: String, locator: String, rest: String)? in
            var index = 0
            func skip(_ matches: (UInt8) -> Bool) -> Bool {
                let start = index
                while index < bytes.count, matches(bytes[index]) { index += 1 }
                return index > start
            }
            _ = skip { $0 == UInt8(ascii: " ") }
            var kind = "page"
            let labelStart = index
            if skip({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) }) {
                if index < bytes.count, bytes[index] == UInt8(ascii: ".") { index += 1 }
                guard let named = labels.locators[String(decoding: bytes[labelStart..<index], as: UTF8.self).lowercased()],
                    skip({ $0 == UInt8(ascii: " ") })
                else { return nil }
                kind = named
            }
            let numberStart = index
            let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
            guard skip(isDigit) else { return nil }
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                index += 1
                guard skip(isDigit) else { return nil }
            }
            guard index == bytes.count else { return nil }
            return (kind, String(decoding: bytes[numberStart...], as: UTF8.self), "")
        }
    }

    /// ``read(_:labels:)`` of any suffix, by pandoc's tokens and parsers.
    static func readFully(_ suffix: String, labels: LocatorLabels) -> (label: String, locator: String, rest: String)? {
        let reader = LocatorReader(suffix, labels: labels)
        guard let (label, locator, end) = reader.locator() else { return nil }
        let start = end < reader.tokens.count ? (end > 0 ? reader.tokens[end - 1].end : 0) : reader.characters.count
        return (label, stripped(locator), String(reader.characters[start...]))
    }

    private init(_ suffix: String, labels: LocatorLabels) {
        self.labels = labels
        let characters = Array(suffix)
        self.characters = characters
        let quotes = CSLTypedQuotes.pairs(characters)
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if Self.isSpace(character) {
                var end = index + 1
                while end < characters.count, Self.isSpace(characters[end]) { end += 1 }
                tokens.append(Token(kind: .space, text: " ", end: end))
                index = end
            } else if let end = Self.emphasisEnd(characters, at: index) ?? quotes[index].map({ $0 + 1 }) ?? (Self.isInline(character) ? index + 1 : nil) {
                let text = CSLTypedQuotes.curled(String(characters[index..<end]))
                tokens.append(Token(kind: .other, text: CSLMarkup.plain(text, quotesAsText: [.curly, .straightDouble, .straightSingle]), end: end))
                index = end
            } else if Self.standsAlone(character) {
                tokens.append(Token(kind: .text, text: String(character), end: index + 1))
                index += 1
            } else {
                var end = index + 1
                while end < characters.count, !Self.isSpace(characters[end]), !Self.standsAlone(characters[end]), quotes[end] == nil,
                      !Self.isInline(characters[end]), Self.emphasisEnd(characters, at: end) == nil { end += 1 }
                tokens.append(Token(kind: .text, text: String(characters[index..<end]), end: end))
                index = end
            }
        }
        self.tokens = tokens
    }

    /// A digit, as pandoc's `isDigit` has it: ASCII's.
    private static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }

    /// The text without the spaces around it (pandoc's `strip`).
    private static func stripped(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }), let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(text[first...last])
    }

    /// A space of Markdown's, which pandoc reads as one: spaces, tabs and line ends.
    private static func isSpace(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\n" || character == "\r" || character == "\r\n"
    }

    /// A character pandoc's locator reading takes as a token of its own: another space, or punctuation but `:`.
    private static func standsAlone(_ character: Character) -> Bool {
        character.isWhitespace || (character.isPunctuation && character != ":")
    }

    /// A code span, link or hard line break of the affix (``AffixMarkup/inline(_:)``).
    private static func isInline(_ character: Character) -> Bool {
        character.unicodeScalars.first.map { $0.value >= 0xF0000 } ?? false
    }

    /// Where emphasis that starts at the index ends, after its closing tag; nil when none starts there.
    private static func emphasisEnd(_ characters: [Character], at index: Int) -> Int? {
        CSLTypedQuotes.emphasis(in: characters, at: index)?.end
    }

    // pandoc's parsers, each at a token's index: what it read and the index after it, nil where it fails.

    /// `pLocatorWords` without braces: an optional space, then the label and the locator's words (its optional comma
    /// is the one right after the key, which ``CitationScanner`` reads: a comma after a space is no locator's). Its
    /// kind, its text, and the index of the first token after it.
    private func locator() -> (label: String, locator: String, end: Int)? {
        var index = 0
        if isSpace(index) { index += 1 }
        // `pLocatorIntegrated`: a label, or none before a word with a digit (a page).
        let kind: String, implicit: Bool
        if let (name, end) = label(at: index) {
            (kind, implicit, index) = (name, false, end)
        } else if let word = word(at: index, first: true), word.text.contains(where: Self.isDigit) {
            (kind, implicit) = ("page", true)
        } else {
            return nil
        }
        /// A word's requirement: a digit where the label is implied, a digit or roman numeral after a written one.
        func accepted(_ word: (digitLike: Bool, text: String, end: Int)) -> Bool {
            implicit ? word.text.contains(where: Self.isDigit) : word.digitLike
        }
        guard let first = word(at: index, first: !implicit), accepted(first) else { return nil }
        var locator = first.text
        index = first.end
        while let next = word(at: index, first: false), accepted(next) {
            locator += next.text
            index = next.end
        }
        return (kind, locator, index)
    }

    /// `pLocatorLabel'`: the longest run of tokens from the index that is one of the language's labels and that a
    /// word with a digit or roman numeral follows. The label's kind and the index after it.
    private func label(at start: Int) -> (String, Int)? {
        var found: (String, Int)?
        var text = ""
        var end = start
        while end < tokens.count {
            text += tokens[end].text
            end += 1
            // The tokens so far, as a label would be written; none longer starts a label when this starts none.
            let key = Self.stripped(text).lowercased()
            guard key.isEmpty || labels.prefixes.contains(key) else { break }
            if let name = labels.locators[key], end < tokens.count, let word = word(at: end, first: true), word.digitLike { found = (name, end) }
        }
        return found
    }

    /// `pLocatorWordIntegrated`: a word of the locator, after a `,` or `;` (not before the first) and a space. Whether
    /// it has a digit or roman numeral, its text (the space as one), and the index after it.
    private func word(at start: Int, first: Bool) -> (digitLike: Bool, text: String, end: Int)? {
        var index = start, text = ""
        if !first, single(index) == "," || single(index) == ";" {
            text = tokens[index].text
            index += 1
        }
        if isSpace(index) {
            text += " "
            index += 1
        }
        guard let (digitLike, units, end) = bracketed(at: index) else { return nil }
        return (digitLike, text + units, end)
    }

    /// `pBalancedBraces`: one or more page sequences, each alone or in `()`, `[]` or `{}`.
    private func bracketed(at start: Int) -> (Bool, String, Int)? {
        var index = start, digitLike = false, text = ""
        while true {
            let close: Character? = switch single(index) {
            case "(": ")"
            case "[": "]"
            case "{": "}"
            default: nil
            }
            if let close {
                // The brackets, with one sequence or none between them.
                var inner = index + 1, middle = (false, "")
                if let (innerDigit, innerText, end) = sequence(at: inner), !isBracket(inner) {
                    middle = (innerDigit, innerText)
                    inner = end
                }
                guard single(inner) == close else { break }
                digitLike = digitLike || middle.0
                text += tokens[index].text + middle.1 + String(close)
                index = inner + 1
            } else if !isBracket(index), let (unitDigit, unitText, end) = sequence(at: index) {
                digitLike = digitLike || unitDigit
                text += unitText
                index = end
            } else {
                break
            }
        }
        return index > start ? (digitLike, text, index) : nil
    }

    /// `pPageSeq`: units joined by periods (`1.2.3`; a period after the last is not one of them), or a period and a unit.
    private func sequence(at start: Int) -> (Bool, String, Int)? {
        /// A period and a unit.
        func withPeriod(_ index: Int) -> (Bool, String, Int)? {
            guard single(index) == ".", let (digit, text, end) = unit(at: index + 1) else { return nil }
            return (digit, "." + text, end)
        }
        guard var (digitLike, text, index) = unit(at: start) else { return withPeriod(start) }
        while let (digit, more, end) = withPeriod(index) {
            digitLike = digitLike || digit
            text += more
            index = end
        }
        return (digitLike, text, index)
    }

    /// `pPageUnit`: a roman numeral alone (`iv`, `XII`), or tokens up to a space or punctuation other than `-`, `–`
    /// and `:`; whether it is a roman numeral or has a digit.
    private func unit(at start: Int) -> (Bool, String, Int)? {
        guard start < tokens.count else { return nil }
        if tokens[start].kind == .text, Self.isRomanNumeral(tokens[start].text) { return (true, tokens[start].text, start + 1) }
        var index = start, text = ""
        while index < tokens.count, !isSpace(index), !isLocatorPunctuation(index) {
            text += tokens[index].text
            index += 1
        }
        return index > start ? (text.contains(where: Self.isDigit), text, index) : nil
    }

    /// The character of a text token of one, nil for any other.
    private func single(_ index: Int) -> Character? {
        index < tokens.count ? tokens[index].single : nil
    }

    /// `pSpace`: a space, or a no-break space.
    private func isSpace(_ index: Int) -> Bool {
        index < tokens.count && (tokens[index].kind == .space || tokens[index].single == "\u{A0}")
    }

    private func isBracket(_ index: Int) -> Bool {
        switch single(index) {
        case "(", ")", "[", "]", "{", "}": true
        default: false
        }
    }

    /// Punctuation that ends a unit: any but a range's `-` or `–` and `:`.
    private func isLocatorPunctuation(_ index: Int) -> Bool {
        guard let character = single(index) else { return false }
        return character.isPunctuation && character != "-" && character != "–" && character != ":"
    }

    /// A roman numeral as pandoc's `romanNumeral` reads one, in either case: thousands, hundreds, tens and ones, each
    /// in its usual form, worth more than nothing.
    static func isRomanNumeral(_ text: String) -> Bool {
        let letters = Array(text.uppercased())
        guard !letters.isEmpty, letters.allSatisfy({ "IVXLCDM".contains($0) }) else { return false }
        var index = 0
        func take(_ sequence: String) -> Bool {
            let characters = Array(sequence)
            guard letters[index...].starts(with: characters) else { return false }
            index += characters.count
            return true
        }
        func many(_ letter: Character) { while index < letters.count, letters[index] == letter { index += 1 } }
        many("M")
        _ = take("CM")
        _ = take("D")
        _ = take("CD")
        many("C")
        _ = take("XC")
        _ = take("L")
        _ = take("XL")
        many("X")
        _ = take("IX")
        _ = take("V")
        _ = take("IV")
        many("I")
        return index == letters.count
    }
}
