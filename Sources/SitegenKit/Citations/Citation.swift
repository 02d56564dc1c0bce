import CSL

/// One cited source inside a marker: `see @key, p. 33`.
public struct CitationItem: Sendable, Hashable {
    public var key: String
    public var prefix: String
    /// The text after the key, such as a locator `p. 33` (without the leading comma).
    public var suffix: String
    /// What goes between the key's text and a suffix that is no locator, as written: `, ` after a comma
    /// (`[@key, and elsewhere]`), a space before a word (`[@key and elsewhere]`), nothing before other punctuation
    /// (`[@key: 45]`).
    public var suffixSeparator = ", "
    /// Where the `@key` is in the article.
    public var location: SourceLocation
    /// Written `-@key`: the author is left out (the sentence names them).
    public var suppressAuthor = false
}

/// A bracketed citation marker, `[@a; @b, p. 3]`, or an in-text citation `@a` (one item).
public struct CitationGroup: Sendable, Hashable {
    public var items: [CitationItem]
    /// Where the `[` (or the `@` of an in-text citation) is in the article.
    public var location: SourceLocation
    /// `@key` in running text: the author's name is part of the sentence ("Liu et al. [1] showed").
    public var isInText = false
    /// The HTML of each code span, link and hard line break in the items' prefixes and suffixes, where each is
    /// written as ``AffixMarkup/inline(_:)`` of its index here; printed in their place (as pandoc prints them).
    public var inlines: [String] = []
    /// The text of each of the `inlines` that is a code span, nil for the others: a locator written in code
    /// (`[@key, p. `4`]`) is read from it.
    public var codeTexts: [String?] = []

    /// Numbers the characters of a run's `count` inlines in the items' affixes from 0, in the order they come, each
    /// with its HTML and, for a code span, its text, from `inline` of its number in the run.
    mutating func takeInlines(count: Int, inline: (Int) -> (html: String, code: String?)) {
        var numbers: [Int: Int] = [:]
        func renumbered(_ text: String) -> String {
            AffixMarkup.replacingInlines(text, count: count) { index in
                if numbers[index] == nil {
                    numbers[index] = inlines.count
                    let (html, code) = inline(index)
                    inlines.append(html)
                    codeTexts.append(code)
                }
                return String(AffixMarkup.inline(numbers[index]!))
            }
        }
        for index in items.indices {
            items[index].prefix = renumbered(items[index].prefix)
            items[index].suffix = renumbered(items[index].suffix)
        }
    }
}

/// Emphasis and strong emphasis in a prefix or suffix (`[*see* @key]`, `[@key, *emphasis added*]`), which the
/// Markdown renderer writes into the affix's text between private-use characters; a code span, a link or a hard line
/// break as one private-use character of its own (``inline(_:)``), where the citation prints its HTML
/// (``CitationGroup/inlines``).
enum AffixMarkup {
    static let emphasisOpen: Unicode.Scalar = "\u{E010}", emphasisClose: Unicode.Scalar = "\u{E011}"
    static let strongOpen: Unicode.Scalar = "\u{E012}", strongClose: Unicode.Scalar = "\u{E013}"

    /// The first of the characters that stand for a run's code spans, links and hard line breaks (U+F0000, the
    /// supplementary private use area, which no style's text changes): the `index`th is this plus `index`.
    private static let firstInline: UInt32 = 0xF0000

    /// The character that stands for the run's `index`th code span, link or hard line break.
    static func inline(_ index: Int) -> Unicode.Scalar { Unicode.Scalar(firstInline + UInt32(index))! }

    /// The index of the inline a character stands for, of a run of `count`.
    static func inlineIndex(_ scalar: Unicode.Scalar, count: Int) -> Int? {
        scalar.value >= firstInline && scalar.value < firstInline + UInt32(count) ? Int(scalar.value - firstInline) : nil
    }

    /// Whether the bytes hold a character of the supplementary private use areas, which could be taken for an inline's
    /// (its Markdown then keeps links and line breaks out of citations and code spans as their text).
    static func holdsInlineCharacters(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            var index = 0
            while let found = bytes.firstIndex(of: 0xF3, from: index) {
                if found + 1 < bytes.count, bytes[found + 1] >= 0xB0 { return true }
                index = found + 1
            }
            return bytes.firstIndex(of: 0xF4, from: 0) != nil
        }
    }

    /// The text with each inline's character replaced by its HTML in `inlines` (a citation's, by their indices).
    static func placingInlines(_ text: String, _ inlines: [String]) -> String {
        replacingInlines(text, count: inlines.count) { inlines[$0] }
    }

    /// The text with the character of each of a run's `count` inlines replaced by `written` of its index (its
    /// Markdown, for a message).
    static func replacingInlines(_ text: String, count: Int, _ written: (Int) -> String) -> String {
        guard count > 0, text.utf8.contains(0xF3) else { return text }
        return replacingScalars(text) { scalar in inlineIndex(scalar, count: count).map(written) }
    }

    /// The affix with its emphasis as CSL markup (`<i>`, `<b>`), for a citation style to print.
    static func csl(_ affix: String) -> String {
        replacing(dashes(affix), with: ("<i>", "</i>", "<b>", "</b>"))
    }

    /// The affix as HTML: escaped, its emphasis in `<em>` and `<strong>`.
    static func html(_ affix: String) -> String {
        replacing(HTMLEscaping.escape(dashes(affix)), with: ("<em>", "</em>", "<strong>", "</strong>"))
    }

    /// The affix with its straight quotes as pandoc's smart punctuation reads them (``CSLTypedQuotes``): quoted text
    /// in “…” and ‘…’ whatever the language, an apostrophe as ’, for a numeric style's marker, which sitegen prints; a
    /// comma or period after quoted text inside its closing quote where the language puts it there
    /// (`punctuationInQuote`, `"x", p. 4`: “x,” p. 4).
    static func curled(_ affix: String, punctuationInQuote: Bool) -> String {
        CSLTypedQuotes.curled(
            affix, emphasis: [(String(emphasisOpen), String(emphasisClose)), (String(strongOpen), String(strongClose))],
            punctuationInQuote: punctuationInQuote)
    }

    /// `---` as an em dash and `--` as an en dash, as pandoc's Markdown reads a citation's text (`pp. 3--4`: "pp. 3–4"),
    /// but not before a letter: an option written in code (`--verbose`, which reaches here as its text) stays.
    static func dashes(_ affix: String) -> String {
        guard affix.containsBytes("--") else { return affix }
        var result = "", hyphens = 0
        func flush(before next: Character?) {
            if hyphens >= 2, next.map({ !$0.isLetter }) ?? true {
                result += String(repeating: "\u{2014}", count: hyphens / 3)
                result += hyphens % 3 == 2 ? "\u{2013}" : String(repeating: "-", count: hyphens % 3)
            } else {
                result += String(repeating: "-", count: hyphens)
            }
            hyphens = 0
        }
        for character in affix {
            if character == "-" {
                hyphens += 1
            } else {
                flush(before: character)
                result.append(character)
            }
        }
        flush(before: nil)
        return result
    }

    /// The affix as written in Markdown, for a message.
    static func markdown(_ affix: String) -> String {
        replacing(affix, with: ("*", "*", "**", "**"))
    }

    private static func replacing(_ affix: String, with marks: (String, String, String, String)) -> String {
        guard affix.unicodeScalars.contains(where: { (0xE010...0xE013).contains($0.value) }) else { return affix }
        return replacingScalars(affix) { scalar in
            switch scalar {
            case emphasisOpen: marks.0
            case emphasisClose: marks.1
            case strongOpen: marks.2
            case strongClose: marks.3
            default: nil
            }
        }
    }

    /// The text with each character that `replacement` gives a text for replaced by it.
    private static func replacingScalars(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) { result += replaced } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}

/// A locator in braces at the start of a cite's suffix, as pandoc reads one: `[@key, {pp. iv, vi-xi} and more]`,
/// `[@key{ii, A, D-Z}]`. The braces hold the locator whole, its label first if it starts with one (`pp.`; none is
/// printed for a locator without one, not even `p.`), braces and brackets inside them in pairs; `{}` is an empty
/// locator, which lets a suffix that reads like one stay a suffix (`[@key{}, 99 years later]`).
struct BracedLocator {
    /// The locator's kind (`page`, `chapter`), nil when the braces start with no label.
    var label: String?
    var locator: String
    /// The text after the closing brace, as written.
    var rest: Substring
    /// What the braces hold, label and locator, without the spaces around them.
    private var inside: String

    /// - Parameters:
    ///   - suffix: the text after the key, without a comma that follows it.
    ///   - labels: the words that label a locator, longest first (``LocatorLabels/all``).
    init?(_ suffix: String, labels: [(label: String, locator: String)]) {
        let text = suffix.drop { $0 == " " || $0 == "\u{A0}" }
        guard text.first == "{" else { return nil }
        // The closing brace: each `{` and `[` inside closed in turn, as pandoc requires.
        var open: [Character] = [], end: Substring.Index?
        for index in text.indices.dropFirst() {
            let character = text[index]
            if character == "{" || character == "[" {
                open.append(character == "{" ? "}" : "]")
            } else if character == "}" || character == "]" {
                if open.isEmpty {
                    guard character == "}" else { return nil }
                    end = index
                    break
                }
                guard open.removeLast() == character else { return nil }
            }
        }
        guard let end else { return nil }
        var inside = text[text.index(after: text.startIndex)..<end].drop { $0.isWhitespace }
        self.inside = inside.trimmingWhitespace
        rest = text[text.index(after: end)...]
        let lowered = inside.lowercased()
        for (term, name) in labels where lowered.hasPrefix(term) {
            // A label ends where a word does (pandoc reads the text in words and punctuation): `p.12` and `p. 12` have
            // one, `pp12` and `chapter3` none.
            let after = inside.dropFirst(term.count)
            guard let last = term.last, Self.endsWord(last) || after.first.map(Self.endsWord) ?? true else { continue }
            label = name
            inside = after
            break
        }
        locator = inside.trimmingWhitespace
    }

    /// Whether a word ends before or at the character: a space, or punctuation other than `:`.
    private static func endsWord(_ character: Character) -> Bool {
        character.isWhitespace || (character.isPunctuation && character != ":")
    }

    /// The text after empty braces as the cite's suffix: a comma and a space before it unless it starts with
    /// punctuation or a space.
    var separatedRest: String {
        guard let first = rest.first, !first.isWhitespace, !first.isPunctuation else { return String(rest) }
        return ", " + rest
    }

    /// The suffix as a numeric style's marker shows it: as written, without the braces.
    var written: String {
        locator.isEmpty ? (rest.isEmpty ? "" : separatedRest) : inside + rest
    }
}
