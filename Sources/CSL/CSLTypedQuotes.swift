/// The straight quotes of a cite's prefix or suffix as pandoc's Markdown reads them with its smart punctuation
/// (pandoc 3.9's `doubleQuoted`, `singleQuoted`, `apostrophe` and `doubleCloseQuote`): a `"` or `'` that is not
/// right after a word (a letter, a digit, a period or the end of emphasis) and has no space after it opens a
/// quotation that the next `"` closes, or, for `'`, the next `'` with no letter or digit after it (emphasis is read
/// whole: a quote in it closes none outside it); quoted text is printed in “…” and ‘…’ whatever the language, without
/// spaces before its closing quote. A `"` that opens none is “ where it could open one and ” elsewhere (`a "lone
/// quote`, `5"`); any other `'` is an apostrophe, ’ (`Smith's`, `'90s`).
public enum CSLTypedQuotes {
    /// What pandoc reads a character as.
    enum Mark: Equatable {
        /// Opens quoted text that the quote at `closer` closes.
        case opening(closer: Int, single: Bool)
        /// Closes quoted text.
        case closing
        /// A curly mark of its own: “, ” or ’.
        case character(Character)
        /// A space before a closing quote, which pandoc leaves out.
        case dropped
    }

    /// The markup that opens and closes emphasis in a prefix or suffix of CSL rich text.
    public static let cslEmphasis: [(open: String, close: String)] = [("<i>", "</i>"), ("<b>", "</b>")]
    /// ``cslEmphasis`` as characters, as ``emphasis(in:at:markup:)`` compares them.
    public static let cslEmphasisMarkup = cslEmphasis.map { (open: Array($0.open), close: Array($0.close)) }

    /// The text with each straight quote that pairs with no other as the curly mark pandoc makes of it (“, ” or ’), and
    /// without the spaces before a closing quote; the pairs kept as typed: a part of the text read again
    /// (``CSLMarkup/parse(_:quotesAsTyped:narrowsSpaces:quotesAsText:)``) reads the pairs as the whole did.
    /// - Parameter emphasis: the markup that opens and closes emphasis in the text.
    public static func resolvingUnpaired(_ text: String, emphasis: [(open: String, close: String)] = cslEmphasis) -> String {
        guard text.contains(where: { $0 == "\"" || $0 == "'" }) else { return text }
        let characters = Array(text)
        let marks = read(characters, emphasis: emphasis)
        var result = ""
        for (index, character) in characters.enumerated() {
            switch marks[index] {
            case .character(let mark)?: result.append(mark)
            case .dropped?: break
            default: result.append(character)
            }
        }
        return result
    }

    /// The text with every straight quote as pandoc prints it: quoted text in “…” and ‘…’, the others as
    /// ``resolvingUnpaired(_:emphasis:)`` gives them.
    /// - Parameter punctuationInQuote: whether a comma or period right after quoted text moves inside its closing
    ///   quote, as the language's style has it (``CSLProcessor/movesPunctuationIntoQuotes``); pandoc's citeproc then
    ///   leaves it out after quoted text that ends in punctuation (`"dot.",` is “dot.”).
    public static func curled(_ text: String, emphasis: [(open: String, close: String)] = cslEmphasis, punctuationInQuote: Bool = false) -> String {
        guard text.contains(where: { $0 == "\"" || $0 == "'" }) else { return text }
        let characters = Array(text)
        let marks = read(characters, emphasis: emphasis)
        let markup = emphasis.flatMap { [Array($0.open), Array($0.close)] }
        var result: [Character] = []
        result.reserveCapacity(characters.count)
        var openings: [Int: (open: Int, single: Bool)] = [:]
        var index = 0
        while index < characters.count {
            switch marks[index] {
            case .opening(let closer, let single)?:
                openings[closer] = (index, single)
                result.append(single ? "‘" : "“")
            case .closing?:
                guard let (open, single) = openings[index] else { result.append(characters[index]); break }
                let moved = punctuationInQuote && index + 1 < characters.count && ",.".contains(characters[index + 1])
                if moved {
                    // The quoted text's last character, markup and the spaces left out aside.
                    var end = index
                    while end > open + 1 {
                        if marks[end - 1] == .dropped {
                            end -= 1
                        } else if let tag = markup.first(where: { end - $0.count > open && characters[(end - $0.count)..<end].elementsEqual($0) }) {
                            end -= tag.count
                        } else {
                            break
                        }
                    }
                    let last = end > open + 1 ? characters[end - 1] : nil
                    if !(last.map { ".,;:!?".contains($0) } ?? true) { result.append(characters[index + 1]) }
                }
                result.append(single ? "’" : "”")
                if moved { index += 1 }
            case .character(let mark)?: result.append(mark)
            case .dropped?: break
            case nil: result.append(characters[index])
            }
            index += 1
        }
        return String(result)
    }

    /// The quotes that pair, each opening quote's index with its closing quote's.
    public static func pairs(_ characters: [Character], emphasis: [(open: String, close: String)] = cslEmphasis) -> [Int: Int] {
        guard characters.contains(where: { $0 == "\"" || $0 == "'" }) else { return [:] }
        var pairs: [Int: Int] = [:]
        for case (let open, .opening(let closer, _)) in read(characters, emphasis: emphasis) { pairs[open] = closer }
        return pairs
    }

    /// The emphasis that opens at the index of the text (markup nested inside it counted): where its text starts, and
    /// where its closing markup starts and ends; nil when none opens there, or it is not closed.
    public static func emphasis(
        in characters: [Character], at index: Int, markup: [(open: [Character], close: [Character])] = cslEmphasisMarkup
    ) -> (inner: Int, close: Int, end: Int)? {
        for (open, close) in markup where characters[index...].starts(with: open) {
            var depth = 0, position = index
            while position < characters.count {
                if characters[position...].starts(with: open) {
                    depth += 1
                    position += open.count
                } else if characters[position...].starts(with: close) {
                    depth -= 1
                    if depth == 0 { return (index + open.count, position, position + close.count) }
                    position += close.count
                } else {
                    position += 1
                }
            }
        }
        return nil
    }

    /// What each straight quote of the text, and each space pandoc leaves out, is read as, by its index.
    static func read(_ characters: [Character], emphasis: [(open: String, close: String)]) -> [Int: Mark] {
        var reader = Reader(characters: characters, emphasis: emphasis.map { (Array($0.open), Array($0.close)) })
        var marks: [Int: Mark] = [:]
        reader.mark(from: 0, to: characters.count, in: .none, into: &marks)
        return marks
    }

    private struct Reader {
        enum Context { case none, double, single }

        let characters: [Character]
        let emphasis: [(open: [Character], close: [Character])]
        /// Where the quoted text opened at an index ends (after its closing quote), nil where it closes nowhere; by
        /// the index, doubled, plus one for a single quote. Each is read once (pandoc reads them again and again).
        var ends: [Int: Int?] = [:]

        /// Right after a word: a letter, a digit or a period (pandoc's `str`), or the end of emphasis.
        func afterWord(_ index: Int) -> Bool {
            guard index > 0 else { return false }
            let previous = characters[index - 1]
            if previous.isLetter || previous.isNumber || previous == "." { return true }
            return emphasis.contains { index >= $0.close.count && characters[(index - $0.close.count)..<index].elementsEqual($0.close) }
        }

        /// Whether the quote at the index may open quoted text in the context.
        func mayOpen(_ index: Int, in context: Context) -> Bool {
            let single = characters[index] == "'"
            guard context != (single ? .single : .double), !afterWord(index), index + 1 < characters.count else { return false }
            return !" \t\n\r".contains(characters[index + 1])
        }

        /// The emphasis that opens at the index: where its text starts, and where its closing markup starts and ends.
        func emphasis(at index: Int) -> (inner: Int, close: Int, end: Int)? {
            CSLTypedQuotes.emphasis(in: characters, at: index, markup: emphasis)
        }

        /// Where the piece of text at the index ends: emphasis after its closing markup, quoted text after its
        /// closing quote, any other character after itself.
        mutating func end(ofPieceAt index: Int, in context: Context) -> Int {
            if let emphasis = emphasis(at: index) { return emphasis.end }
            guard characters[index] == "\"" || characters[index] == "'", mayOpen(index, in: context) else { return index + 1 }
            return quotedEnd(index) ?? index + 1
        }

        /// Where the quoted text opened at the index ends, after at least one piece of text: at the next `"`, or the
        /// next `'` without a letter or digit after it.
        mutating func quotedEnd(_ open: Int) -> Int? {
            let single = characters[open] == "'"
            let key = open * 2 + (single ? 1 : 0)
            if let known = ends[key] { return known }
            var index = open + 1, found: Int?
            var first = true
            while index < characters.count {
                if !first, closes(index, single: single) {
                    found = index + 1
                    break
                }
                index = end(ofPieceAt: index, in: single ? .single : .double)
                first = false
            }
            ends[key] = found
            return found
        }

        func closes(_ index: Int, single: Bool) -> Bool {
            guard single else { return characters[index] == "\"" }
            guard characters[index] == "'" else { return false }
            return index + 1 == characters.count || !(characters[index + 1].isLetter || characters[index + 1].isNumber)
        }

        mutating func mark(from start: Int, to stop: Int, in context: Context, into marks: inout [Int: Mark]) {
            var index = start
            while index < stop {
                let end = end(ofPieceAt: index, in: context)
                let character = characters[index]
                if let emphasis = emphasis(at: index) {
                    mark(from: emphasis.inner, to: emphasis.close, in: context, into: &marks)
                } else if character == "\"" || character == "'" {
                    let single = character == "'"
                    if end > index + 1 {
                        marks[index] = .opening(closer: end - 1, single: single)
                        marks[end - 1] = .closing
                        // pandoc trims the quoted text: spaces before the closing quote are left out.
                        var space = end - 2
                        while space > index, " \t\n\r".contains(characters[space]) {
                            marks[space] = .dropped
                            space -= 1
                        }
                        mark(from: index + 1, to: end - 1, in: single ? .single : .double, into: &marks)
                    } else {
                        marks[index] = .character(single ? "’" : mayOpen(index, in: context) ? "“" : "”")
                    }
                }
                index = end
            }
        }
    }
}
