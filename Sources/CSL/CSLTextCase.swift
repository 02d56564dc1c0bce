/// The text-case changes of CSL 1.0.2 ("Text-case"), applied to formatted text and leaving `nocase` runs alone.
enum CSLTextCase {
    /// Words that title case leaves lowercase inside a sentence: CSL's list, with the words pandoc's citeproc adds
    /// ("about" and the particles "van", "von", "de", "d", "l").
    static let stopWords: Set<String> = [
        "a", "an", "and", "as", "at", "but", "by", "down", "for", "from", "in", "into", "nor", "of", "on", "onto", "or",
        "over", "so", "the", "till", "to", "up", "via", "with", "yet", "about", "van", "von", "de", "d", "l",
    ]

    /// `turkic`: the text is Turkish or Azerbaijani, where i uppercases to İ and I lowercases to ı. `lastWord`: title
    /// case capitalizes a stop word as the text's last word (pandoc's citeproc applies the rule to the text alone, not
    /// to text the element's own italics wrap: "Care; into" in italics keeps "into").
    static func apply(_ textCase: String, to texts: [CSLText], english: Bool, turkic: Bool = false, lastWord: Bool = true) -> [CSLText] {
        switch textCase {
        case "lowercase" where turkic: return map(texts) { $0.replacing("I", with: "ı").replacing("İ", with: "i").lowercased() }
        case "uppercase" where turkic: return map(texts) { $0.replacing("i", with: "İ").uppercased() }
        case "lowercase": return map(texts) { $0.lowercased() }
        case "uppercase": return map(texts) { $0.uppercased() }
        case "capitalize-first":
            var first = true
            return capitalizingFirst(texts, &first)
        case "capitalize-all": return WordCase.apply(texts, .capitalizeAll)
        case "sentence":
            return WordCase.apply(texts, .sentence, lastWord: lastWord)
        case "title":
            return english ? WordCase.apply(texts, .title, lastWord: lastWord) : texts
        default: return texts
        }
    }

    /// Removes every period, in `nocase` text too (as pandoc's citeproc does: "<span class="nocase">i.e.</span>" is
    /// "ie").
    static func stripPeriods(_ texts: [CSLText]) -> [CSLText] {
        texts.map { text in
            switch text {
            case .text(let string): .text(strippingPeriods(string))
            case .styled(let styling, let children): .styled(styling, stripPeriods(children))
            }
        }
    }

    /// The text without its periods, a period being a character of its own (not one that a combining mark follows):
    /// read as bytes when the text is ASCII, where every `.` byte is such a character.
    static func strippingPeriods(_ string: String) -> String {
        guard string.utf8.contains(UInt8(ascii: ".")) else { return string }
        guard string.isASCIIText else { return string.replacing(".", with: "") }
        return String(decoding: string.utf8.filter { $0 != UInt8(ascii: ".") }, as: UTF8.self)
    }

    private static func map(_ texts: [CSLText], _ change: (String) -> String) -> [CSLText] {
        texts.map { text in
            switch text {
            case .text(let string): .text(change(string))
            case .styled(.nocase, _): text
            case .styled(let styling, let children): .styled(styling, map(children, change))
            }
        }
    }

    /// The text with its first word capitalized (``capitalizeFirstWord(_:)``), a word in `nocase` being the first too,
    /// as pandoc's citeproc reads it: "<span class="nocase">Intention</span> und" keeps its "und".
    private static func capitalizingFirst(_ texts: [CSLText], _ first: inout Bool) -> [CSLText] {
        var result: [CSLText] = []
        result.reserveCapacity(texts.count)
        for text in texts {
            guard first else {
                result.append(text)
                continue
            }
            switch text {
            case .text(let string):
                if !string.isEmpty { first = false }
                result.append(.text(string.isEmpty ? string : capitalizeFirstWord(string)))
            case .styled(.nocase, let children):
                if !children.allSatisfy(\.isEmpty) { first = false }
                result.append(text)
            case .styled(let styling, let children):
                result.append(.styled(styling, capitalizingFirst(children, &first)))
            }
        }
        return result
    }

    /// The first run of letters and digits capitalized when it is all lowercase letters, as pandoc's citeproc
    /// capitalizes it: a run with a capital ("arXiv", "eLife") or a digit ("w12345", "p53", "2nd ed.") stays, and so
    /// does one after a space, a word break (`-`, `/`, a dash) or a sentence's end (`.`, `?`, `!`, `:`; "1. paperback"),
    /// a run of punctuation being read by its last mark.
    private static func capitalizeFirstWord(_ string: String) -> String {
        guard let start = string.firstIndex(where: { $0.isLetter || $0.isNumber }) else { return string }
        let before = string[..<start]
        for index in before.indices {
            let character = before[index], next = before.index(after: index)
            if character.isPunctuation, next < before.endIndex, before[next].isPunctuation { continue }
            if character.isWhitespace || "-/\u{2013}\u{2014}.?!:".contains(character) { return string }
        }
        let run = string[start...].prefix { $0.isLetter || $0.isNumber }
        guard run.allSatisfy(\.isLowercase) else { return string }
        return before + string[start].uppercased() + string[string.index(after: start)...]
    }
}

/// The markup CSL items may carry in their text (`<i>`, `<b>`, `<sc>`, `<sup>`, `<sub>`,
/// `<span style="font-variant:small-caps;">`, `<span class="nocase">`, `<span class="nodecor">`, and sitegen's
/// `<span class="sitegen-group">` for ``CSLStyling/group``) and their straight
/// quotes, read into formatted text: a pair of `"` or `'` around words is quoted (in the locale's marks), any
/// other `'` an apostrophe (’); any other `<` is a character. Small caps from markup are left alone by text case.
/// Quotation marks that are characters in an item's text (``CSLItem/quotesAsText``).
public struct CSLQuotesAsText: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// “…” and ‘…’.
    public static let curly = CSLQuotesAsText(rawValue: 1)
    /// `"…"`.
    public static let straightDouble = CSLQuotesAsText(rawValue: 2)
    /// `'…'`, and an apostrophe printed as typed, not as ’.
    public static let straightSingle = CSLQuotesAsText(rawValue: 4)
    /// Text read from Markdown with pandoc's smart quotes (a CSL-YAML file's): a quotation mark, `<` or backslash after a
    /// backslash (`\"`, `\'`, `\<`, `\\`) is that character, printed as typed (no quote, apostrophe or tag), as pandoc
    /// reads Markdown's escapes (`\"Quoted\"`); a double quote that pairs with none is a curly one, opening before a
    /// word and closing elsewhere (`Research" workshop`: ”).
    public static let markdown = CSLQuotesAsText(rawValue: 8)
}

public enum CSLMarkup {
    private static let tags: [(open: String, close: String, styling: [CSLStyling])] = [
        ("<i>", "</i>", [.markup(.italic)]), ("<b>", "</b>", [.markup(.bold)]), ("<sc>", "</sc>", [.nocase, .markup(.smallCaps)]),
        ("<sup>", "</sup>", [.nocase, .superscript]), ("<sub>", "</sub>", [.nocase, .subscript]),
        ("<span style=\"font-variant:small-caps;\">", "</span>", [.nocase, .markup(.smallCaps)]),
        ("<span style=\"font-variant: small-caps;\">", "</span>", [.nocase, .markup(.smallCaps)]),
        ("<span class=\"nocase\">", "</span>", [.nocase]),
        ("<span class=\"nodecor\">", "</span>", [.nocase, .normalStyle, .normalWeight, .normalVariant]),
        (CSLMarkup.groupOpen, "</span>", [.group]),
    ]

    /// The tag that opens text held together (``CSLStyling/group``), sitegen's own.
    public static let groupOpen = "<span class=\"sitegen-group\">"

    /// The first tag of CSL's markup in the text that a closing tag ends (`<i>` in `<i>van</i> Dyke`), nil for none.
    public static func firstTag(in string: String) -> String? {
        guard string.utf8.contains(UInt8(ascii: "<")) else { return nil }
        let characters = Array(string)
        for index in characters.indices where characters[index] == "<" {
            if let tag = tags.first(where: { matches(characters, index, $0.open) && find(characters, from: index + $0.open.count, $0.close) }) {
                return tag.open
            }
        }
        return nil
    }

    /// A part of a name read as text (``CSLItem/namesAreText``) as it prints: tags and quotation marks as typed
    /// (`<i>van</i> Dyke`), a straight apostrophe as ’ (`O’Brien`), as pandoc's citeproc prints a CSL-JSON name.
    public static func nameText(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "'")) ? text.replacing("'", with: "’") : text
    }

    /// The text without its markup, as a label or a sentence prints it (`Effect of <i>Lactobacillus</i>` is
    /// `Effect of Lactobacillus`).
    public static func plain(_ string: String) -> String {
        plain(string, quotesAsText: [])
    }

    /// - Parameter quotesAsText: the quotation marks that are characters in the item's text (``CSLItem/quotesAsText``).
    public static func plain(_ string: String, quotesAsText: CSLQuotesAsText) -> String {
        let parsed = parse(string, quotesAsText: quotesAsText)
        if parsed.count == 1, case .text(let text) = parsed[0] { return text }
        return parsed.map(\.plain).joined()
    }

    /// The text as a reader sees it in plain text (a marker's label, a page's JSON-LD), as pandoc's plain writer
    /// prints it: without its markup, raised and lowered text in Unicode's superscript and subscript characters where
    /// each of its characters has one (`E = mc<sup>2</sup>` is "E = mc²", `H<sub>2</sub>O` "H₂O", `CD4<sup>+</sup>`
    /// "CD4⁺"), else in `^(…)` and `_(…)` (`x<sup>n+1</sup>` is "x^(n+1)"), which keep what `mc2` and `xn+1` lose.
    /// - Parameter quotesAsText: the quotation marks that are characters in the item's text (``CSLItem/quotesAsText``).
    public static func readable(_ string: String, quotesAsText: CSLQuotesAsText) -> String {
        let parsed = parse(string, quotesAsText: quotesAsText)
        if parsed.count == 1, case .text(let text) = parsed[0] { return text }
        var printer = CSLPrinter(html: false, quotes: .english)
        printer.writesScripts = true
        printer.print(parsed)
        return printer.output
    }

    /// - Parameter quotesAsTyped: quotes print as pandoc's smart punctuation reads a cite's prefix or suffix from
    ///   Markdown (``CSLTypedQuotes``): curly ones as text, straight ones that pair as quoted text in “…” or ‘…’ as
    ///   typed (``CSLStyling/typedQuote(single:)``), not alternating in the locale's marks, the others as “, ” or ’.
    /// - Parameter narrowsSpaces: whether spaces before `;`, `?`, `!` and `»` print narrow (``CSLItem/narrowsSpaces``).
    /// - Parameter quotesAsText: the quotation marks that are characters (``CSLItem/quotesAsText``).
    static func parse(_ string: String, quotesAsTyped: Bool = false, narrowsSpaces: Bool = true, quotesAsText: CSLQuotesAsText = []) -> [CSLText] {
        let string = narrowsSpaces ? narrowSpaces(string) : string
        // Without `<`, quotes or the last byte of “ or ‘ (0x9C, 0x98) there is no markup: no need to look by characters.
        let markdown = quotesAsText.contains(.markdown)
        guard string.utf8.contains(where: { $0 == 0x3C || $0 == 0x22 || $0 == 0x27 || $0 == 0x9C || $0 == 0x98 || markdown && $0 == 0x5C }),
              string.contains(where: { $0 == "<" || $0 == "\"" || $0 == "'" || $0 == "“" || $0 == "‘" || markdown && $0 == "\\" })
        else { return [.text(string)] }
        let characters = Array(string)
        var index = 0
        let typed = quotesAsTyped ? withinMarkup(CSLTypedQuotes.read(characters, emphasis: CSLTypedQuotes.cslEmphasis), characters) : nil
        return parse(characters, &index, until: nil, typed: typed, quotesAsText: quotesAsText)
    }

    /// The typed quotes with each pair that markup crosses (`"<i>a" b</i>`, which Markdown's emphasis can make) as two
    /// curly marks of their own, so that quoted text holds whole markup only.
    private static func withinMarkup(_ marks: [Int: CSLTypedQuotes.Mark], _ characters: [Character]) -> [Int: CSLTypedQuotes.Mark] {
        guard characters.contains("<") else { return marks }
        let depths = markupDepths(characters)
        var result = marks
        for case (let open, .opening(let closer, let single)) in marks
        where depths[closer] != depths[open] || depths[open..<closer].contains(where: { $0 < depths[open] }) {
            result[open] = .character(single ? "‘" : "“")
            result[closer] = .character(single ? "’" : "”")
        }
        return result
    }

    /// How deep in markup each character is: an opening tag's characters one deeper than those before it, a closing
    /// tag's one shallower.
    private static func markupDepths(_ characters: [Character]) -> [Int] {
        var depths: [Int] = []
        depths.reserveCapacity(characters.count)
        var depth = 0, index = 0
        while index < characters.count {
            let length: Int
            if characters[index] == "<", let tag = tags.first(where: { matches(characters, index, $0.open) }) {
                length = tag.open.count
                depth += 1
            } else if characters[index] == "<", let tag = tags.first(where: { matches(characters, index, $0.close) }) {
                length = tag.close.count
                depth -= 1
            } else {
                length = 1
            }
            depths += repeatElement(depth, count: length)
            index += length
        }
        return depths
    }

    /// - Parameter typed: what each straight quote is read as, for a prefix or suffix (`quotesAsTyped`); nil for an
    ///   item's text. `closer`: the index of the typed quote that ends the text.
    private static func parse(
        _ characters: [Character], _ index: inout Int, until close: String?, closer: Int? = nil, typed: [Int: CSLTypedQuotes.Mark]?,
        quotesAsText: CSLQuotesAsText
    ) -> [CSLText] {
        var texts: [CSLText] = []
        var run = ""
        func flush() {
            if !run.isEmpty { texts.append(.text(run)); run = "" }
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\\", quotesAsText.contains(.markdown), index + 1 < characters.count, Self.isEscapable(characters[index + 1]) {
                run.append(characters[index + 1])
                index += 2
                continue
            }
            if character == "<" {
                if let close, close.count > 1, matches(characters, index, close) {
                    index += close.count
                    flush()
                    return texts
                }
                if let tag = tags.first(where: { matches(characters, index, $0.open) }),
                   find(characters, from: index + tag.open.count, tag.close) {
                    flush()
                    index += tag.open.count
                    var inner = parse(characters, &index, until: tag.close, typed: typed, quotesAsText: quotesAsText)
                    for styling in tag.styling.reversed() { inner = [.styled(styling, inner)] }
                    texts += inner
                    continue
                }
            }
            if let typed, typed[index] == .dropped {
                // A space before a closing quote, which pandoc leaves out.
                index += 1
                continue
            }
            if let typed, character == "\"" || character == "'" {
                // A straight quote of a prefix or suffix, as pandoc reads it.
                index += 1
                switch typed[index - 1] {
                case .opening(let end, let single)?:
                    flush()
                    texts.append(.styled(.typedQuote(single: single), parse(characters, &index, until: nil, closer: end, typed: typed, quotesAsText: quotesAsText)))
                case .closing? where closer == index - 1:
                    flush()
                    return texts
                case .character(let mark)?: run.append(mark)
                // A closing quote inside markup the quoted text does not hold whole (`"<i>a" b</i>`).
                case .closing?, .dropped?, nil: run.append(character == "'" ? "’" : "”")
                }
                continue
            }
            // Curly quotes typed in an affix are text.
            if typed == nil, !quotesAsText.contains(.curly), character == "“" || character == "‘", let closer = Self.curly[character],
                hasCurlyCloser(characters, index, closer)
            {
                flush()
                index += 1
                texts.append(.styled(.quoted, parse(characters, &index, until: String(closer), typed: typed, quotesAsText: quotesAsText)))
                continue
            }
            if let close, close.count == 1, close != "\"", close != "'", String(character) == close, character != "’" || closes(characters, index) {
                index += 1
                flush()
                return texts
            }
            if character == "\"" && !quotesAsText.contains(.straightDouble) || character == "'" && !quotesAsText.contains(.straightSingle) {
                if let close, close == String(character), closes(characters, index) {
                    index += 1
                    flush()
                    return texts
                }
                if opens(characters, index), hasCloser(characters, index, escaped: quotesAsText.contains(.markdown)) {
                    flush()
                    index += 1
                    let inner = parse(characters, &index, until: String(character), typed: typed, quotesAsText: quotesAsText)
                    texts.append(.styled(.quoted, inner))
                    continue
                }
                if character == "'" {
                    run.append("’")
                    index += 1
                    continue
                }
                if quotesAsText.contains(.markdown) {
                    run.append(index + 1 < characters.count && !characters[index + 1].isWhitespace ? "“" : "”")
                    index += 1
                    continue
                }
            }
            run.append(character)
            index += 1
        }
        flush()
        return texts
    }

    private static let curly: [Character: Character] = ["“": "”", "‘": "’"]

    /// A space before `;`, `?`, `!` or `»`, or after `«`, becomes a narrow no-break space, as pandoc's citeproc
    /// reads item text (French typography: "Paris ; Genève").
    static func narrowSpaces(_ string: String) -> String {
        // `;`, `?`, `!`, or the last byte of « or » (0xAB, 0xBB): otherwise there is nothing to look at by characters.
        guard string.utf8.contains(where: { $0 == 0x3B || $0 == 0x3F || $0 == 0x21 || $0 == 0xAB || $0 == 0xBB }),
              string.contains(where: { ";?!»«".contains($0) })
        else { return string }
        var result: [Character] = []
        for character in string {
            if ";?!»".contains(character), result.last == " " { result[result.count - 1] = "\u{202F}" }
            if character == " ", result.last == "«" {
                result.append("\u{202F}")
                continue
            }
            result.append(character)
        }
        return String(result)
    }

    private static func matches(_ characters: [Character], _ index: Int, _ text: String) -> Bool {
        var position = index
        for character in text {
            guard position < characters.count, characters[position] == character else { return false }
            position += 1
        }
        return true
    }

    private static func find(_ characters: [Character], from index: Int, _ text: String) -> Bool {
        var position = index
        while position < characters.count {
            if matches(characters, position, text) { return true }
            position += 1
        }
        return false
    }

    /// A quote opens where a word starts after it: at the start or after a space or bracket.
    private static func opens(_ characters: [Character], _ index: Int) -> Bool {
        let before = index > 0 ? characters[index - 1] : " "
        guard index + 1 < characters.count, !characters[index + 1].isWhitespace else { return false }
        return before.isWhitespace || before == ">" || before.isPunctuation && !"'’".contains(before)
    }

    /// A quote closes after a word, before a space, punctuation or the end.
    private static func closes(_ characters: [Character], _ index: Int) -> Bool {
        guard index > 0, !characters[index - 1].isWhitespace else { return false }
        let after = index + 1 < characters.count ? characters[index + 1] : " "
        return after.isWhitespace || after.isPunctuation || "<)]}".contains(after)
    }

    /// Whether a curly quote's closer (`”`, or a `’` that ``closes(_:_:)``: not an apostrophe, `O’Brien`) follows it in
    /// the same markup: one after the end of the markup the quote is in (`<span class="nocase">‘ a ’: b</span>`, where
    /// the `’` after a space is no closer) cannot close it, and the quote is text, as pandoc prints it. The closer of a
    /// quote of the same kind opened inside it is that one's: in `‘Small publishers feel power of Amazon’s ‘buy’ button`
    /// (a real export's title) the first quote closes nowhere and is text, and ‘buy’ is quoted, as pandoc 3.9 prints it
    /// (“buy” in Vancouver), where sitegen printed the whole title in quotation marks.
    private static func hasCurlyCloser(_ characters: [Character], _ index: Int, _ closer: Character) -> Bool {
        let depths = characters.contains("<") ? markupDepths(characters) : nil
        let opener = characters[index]
        var nested = 0
        for position in (index + 1)..<max(index + 1, characters.count) {
            let depth = depths.map { $0[position] - $0[index] } ?? 0
            if depth < 0 { return false }
            guard depth == 0 else { continue }
            if characters[position] == opener {
                nested += 1
            } else if characters[position] == closer, closer != "’" || closes(characters, position) {
                if nested == 0 { return true }
                nested -= 1
            }
        }
        return false
    }

    /// - Parameter escaped: whether a quote after a backslash is a character (``CSLQuotesAsText/markdown``), and closes none.
    private static func hasCloser(_ characters: [Character], _ index: Int, escaped: Bool) -> Bool {
        var position = index + 1
        while position < characters.count {
            if escaped, characters[position] == "\\", position + 1 < characters.count, isEscapable(characters[position + 1]) {
                position += 2
                continue
            }
            if characters[position] == characters[index], closes(characters, position) { return true }
            position += 1
        }
        return false
    }

    /// The characters a backslash makes text in ``CSLQuotesAsText/markdown`` text.
    private static func isEscapable(_ character: Character) -> Bool {
        character == "\"" || character == "'" || character == "<" || character == "\\"
    }
}

/// Title and sentence case, and `capitalize-all`, as pandoc's citeproc applies them: the text is read as runs of
/// letters and digits between other characters, in a state that says what came before (the start, a sentence end and a
/// space, a word break such as a space, hyphen, slash or dash, or a letter); text in small caps, superscript,
/// subscript or `nocase` is left as it is. Title case capitalizes a lowercase run at the start of the text or of a
/// sentence, after a word break unless it is a stop word or a single letter, and as the last word unless it is a
/// single letter; runs with capitals stay. Sentence case capitalizes a lowercase or capitalized run at a start and
/// lowercases a capitalized run elsewhere; runs in capitals or mixed case stay. `capitalize-all` capitalizes a run of
/// lowercase letters at a start or after a word break; a run with a capital or a digit stays ("mRNA", "p53", "3d"), and
/// so does one after a letter or a period ("O’neil", "e.g.").
enum WordCase {
    enum Mode { case title, sentence, capitalizeAll }
    private enum State { case start, startSentence, afterWordEnd, afterWordCharacter, afterSentenceEnd }

    static func apply(_ texts: [CSLText], _ mode: Mode, lastWord: Bool = true) -> [CSLText] {
        // A text linked whole (a title to its DOI) is cased as it is unlinked: its last word is the text's.
        if texts.count == 1, case .styled(.link(let address), let children) = texts[0] {
            return [.styled(.link(address), apply(children, mode, lastWord: lastWord))]
        }
        var state = State.start
        var remaining = runCount(texts)
        return transform(texts, &state, &remaining, topLevel: true, mode: mode, lastWord: lastWord ? Self.lastWord(texts) : nil)
    }

    /// How many runs follow the first run of the text's last word, when title case treats it as the last word (a stop
    /// word there is capitalized): a word after a space, at the end of the text outside any styling, without a hyphen,
    /// slash or dash in it (pandoc's citeproc: "What to Look Out For", but "Care After Follow-up").
    private static func lastWord(_ texts: [CSLText]) -> Int? {
        guard case .text(let string)? = texts.last else { return nil }
        // The word, read back from the end: the characters before it are not read.
        var end = string.endIndex
        while end > string.startIndex, string[string.index(before: end)].isWhitespace { end = string.index(before: end) }
        var start = end
        while start > string.startIndex, !string[string.index(before: start)].isWhitespace { start = string.index(before: start) }
        let word = string[start..<end]
        guard start > string.startIndex || texts.count > 1, !word.contains(where: { "-/\u{2013}\u{2014}".contains($0) }) else { return nil }
        let runs = runCount([.text(String(word))])
        return runs > 0 ? runs - 1 : nil
    }

    private static func transform(_ texts: [CSLText], _ state: inout State, _ remaining: inout Int, topLevel: Bool, mode: Mode,
                                  lastWord: Int? = nil) -> [CSLText] {
        texts.map { text in
            switch text {
            case .text(let string):
                return .text(transform(string, &state, &remaining, topLevel: topLevel, mode: mode, lastWord: lastWord))
            case .styled(let styling, let children) where [.nocase, .smallCaps, .markup(.smallCaps), .superscript, .subscript].contains(styling):
                var ignored = remaining
                _ = transform(CSLText.styled(styling, children).plain, &state, &ignored, topLevel: false, mode: mode, change: false)
                remaining -= runCount(children)
                return text
            case .styled(let styling, let children):
                return .styled(styling, transform(children, &state, &remaining, topLevel: false, mode: mode))
            }
        }
    }

    private static func transform(_ string: String, _ state: inout State, _ remaining: inout Int, topLevel: Bool, mode: Mode,
                                  change: Bool = true, lastWord: Int? = nil) -> String {
        var result = ""
        var run = ""
        func finishRun() {
            guard !run.isEmpty else { return }
            remaining -= 1
            // The last word's first run: title case capitalizes it unless it is a single letter, even at a sentence's
            // start ("What? i.e."); sentence case reads it as inside a sentence.
            let last = remaining == lastWord && topLevel && (state == .afterWordEnd || state == .startSentence || state == .start)
            if change {
                switch mode {
                case .title: result += word(run, state, last: last)
                case .sentence: result += sentenceWord(run, last ? .afterWordEnd : state)
                case .capitalizeAll: result += capitalizedWord(run, state)
                }
            } else {
                result += run
            }
            state = .afterWordCharacter
            run = ""
        }
        func read(_ character: Character) {
            if ".?!:".contains(character) { state = .afterSentenceEnd }
            else if character.isWhitespace && state == .afterSentenceEnd { state = .startSentence }
            else if character.isWhitespace || "-/\u{2013}\u{2014}".contains(character) { state = .afterWordEnd }
        }
        /// The last of a run of punctuation, which alone says what the run ends (as pandoc's citeproc reads a run as one
        /// piece): "a.m.; on" goes on in a sentence, "vs., x-ray" too, "pre-!" ends one.
        var punctuation: Character?
        for character in string {
            if character.isLetter || character.isNumber {
                if let last = punctuation { read(last); punctuation = nil }
                run.append(character)
                continue
            }
            finishRun()
            result.append(character)
            if character.isPunctuation {
                punctuation = character
                continue
            }
            if let last = punctuation { read(last); punctuation = nil }
            read(character)
        }
        finishRun()
        if let last = punctuation { read(last) }
        return result
    }

    private static func word(_ run: String, _ state: State, last: Bool) -> String {
        let hasUpper = run.contains(where: \.isUppercase), hasLower = run.contains(where: \.isLowercase)
        guard hasLower, !hasUpper else { return run }
        let capitalize: Bool = if last {
            run.count > 1
        } else {
            switch state {
            case .start, .startSentence: true
            case .afterWordEnd: run.count > 1 && !CSLTextCase.stopWords.contains(run)
            default: false
            }
        }
        guard capitalize, let first = run.first else { return run }
        return first.uppercased() + run.dropFirst()
    }

    /// A run `capitalize-all` capitalizes: all lowercase letters, at a start or after a word break.
    private static func capitalizedWord(_ run: String, _ state: State) -> String {
        guard state == .start || state == .startSentence || state == .afterWordEnd, run.allSatisfy(\.isLowercase), let first = run.first else { return run }
        return first.uppercased() + run.dropFirst()
    }

    private static func sentenceWord(_ run: String, _ state: State) -> String {
        let capitalized = run.first?.isUppercase == true && run.dropFirst().allSatisfy { !$0.isUppercase }
        let lower = !run.contains(where: \.isUppercase)
        if state == .start || state == .startSentence {
            guard capitalized || lower, let first = run.first else { return run }
            return first.uppercased() + run.dropFirst().lowercased()
        }
        return capitalized ? run.lowercased() : run
    }

    /// How many runs of letters and digits the text has, each piece of it read alone as the change of case reads it:
    /// a run does not go on into styled text ("CO<sub>2</sub>" is two runs, "CO" and "2"), so that the runs counted
    /// down find the last word after a subscript or superscript too.
    static func runCount(_ texts: [CSLText]) -> Int {
        texts.reduce(0) { count, text in
            switch text {
            case .text(let string): count + runCount(string)
            case .styled(_, let children): count + runCount(children)
            }
        }
    }

    private static func runCount(_ text: String) -> Int {
        var count = 0, inRun = false
        if text.isASCIIText {
            // ASCII (most text): its letters and digits as bytes.
            for byte in text.utf8 {
                let letter = (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
                if letter && !inRun { count += 1 }
                inRun = letter
            }
            return count
        }
        for character in text {
            let letter = character.isLetter || character.isNumber
            if letter && !inRun { count += 1 }
            inRun = letter
        }
        return count
    }
}
