/// The straight quotes of a cite's prefix or suffix as pandoc's Markdown reads them with its smart punctuation
/// (pandoc 3.9's `doubleQuoted`, `singleQuoted`, `apostrophe` and `doubleCloseQuote`): a `"` or `'` that is not
/// right after a word (a letter, a digit, a period or the end of emphasis) and has no space after it opens a
/// quotation that the next `"` closes, or, for `'`, the next `'` with no letter or digit after it; quoted text is
/// printed in “…” and ‘…’ whatever the language. A `"` that opens none is “ where it could open one and ” elsewhere
/// (`a "lone quote`, `5"`); any other `'` is an apostrophe, ’ (`Smith's`, `'90s`).
public enum CSLTypedQuotes {
    /// What pandoc reads a straight quote as.
    enum Mark: Equatable {
        /// Opens quoted text that the quote at `closer` closes.
        case opening(closer: Int, single: Bool)
        /// Closes quoted text.
        case closing
        /// A curly mark of its own: “, ” or ’.
        case character(Character)
    }

    /// The markup that ends emphasis in a prefix or suffix of CSL rich text; a quote right after it is after a word.
    public static let cslEmphasisEnds = ["</i>", "</b>"]

    /// The text with each straight quote that pairs with no other as the curly mark pandoc makes of it (“, ” or ’),
    /// the pairs kept as typed: a part of the text read again (``CSLMarkup/parse(_:quotesAsTyped:narrowsSpaces:quotesAsText:)``)
    /// reads the pairs as the whole did.
    /// - Parameter emphasisEnds: the markup that ends emphasis in the text.
    public static func resolvingUnpaired(_ text: String, emphasisEnds: [String] = cslEmphasisEnds) -> String {
        guard text.contains(where: { $0 == "\"" || $0 == "'" }) else { return text }
        let characters = Array(text)
        let marks = read(characters, emphasisEnds: emphasisEnds)
        return String(characters.indices.map { index in
            if case .character(let mark)? = marks[index] { mark } else { characters[index] }
        })
    }

    /// The text with every straight quote as pandoc prints it: quoted text in “…” and ‘…’, the others as
    /// ``resolvingUnpaired(_:emphasisEnds:)`` gives them.
    /// - Parameter markup: whether a character is markup, no text of its own (emphasis).
    /// - Parameter punctuationInQuote: whether a comma or period right after quoted text moves inside its closing
    ///   quote, as the language's style has it (``CSLProcessor/movesPunctuationIntoQuotes``); pandoc's citeproc then
    ///   leaves it out after quoted text that ends in punctuation (`"dot.",` is “dot.”).
    public static func curled(_ text: String, emphasisEnds: [String] = cslEmphasisEnds, markup: (Character) -> Bool = { _ in false },
                              punctuationInQuote: Bool = false) -> String {
        guard text.contains(where: { $0 == "\"" || $0 == "'" }) else { return text }
        let characters = Array(text)
        let marks = read(characters, emphasisEnds: emphasisEnds)
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
                    // The quoted text's last character, markup aside.
                    let last = characters[(open + 1)..<index].last { !markup($0) }
                    if !(last.map { ".,;:!?".contains($0) } ?? true) { result.append(characters[index + 1]) }
                }
                result.append(single ? "’" : "”")
                if moved { index += 1 }
            case .character(let mark)?: result.append(mark)
            case nil: result.append(characters[index])
            }
            index += 1
        }
        return String(result)
    }

    /// The quotes that pair, each opening quote's index with its closing quote's.
    public static func pairs(_ characters: [Character], emphasisEnds: [String] = cslEmphasisEnds) -> [Int: Int] {
        guard characters.contains(where: { $0 == "\"" || $0 == "'" }) else { return [:] }
        var pairs: [Int: Int] = [:]
        for case (let open, .opening(let closer, _)) in read(characters, emphasisEnds: emphasisEnds) { pairs[open] = closer }
        return pairs
    }

    /// What each straight quote of the text is read as, by its index.
    static func read(_ characters: [Character], emphasisEnds: [String]) -> [Int: Mark] {
        var reader = Reader(characters: characters, emphasisEnds: emphasisEnds.map(Array.init))
        var marks: [Int: Mark] = [:]
        reader.mark(from: 0, to: characters.count, in: .none, into: &marks)
        return marks
    }

    private struct Reader {
        enum Context { case none, double, single }

        let characters: [Character]
        let emphasisEnds: [[Character]]
        /// Where the quoted text opened at an index ends (after its closing quote), nil where it closes nowhere; by
        /// the index, doubled, plus one for a single quote. Each is read once (pandoc reads them again and again).
        var ends: [Int: Int?] = [:]

        /// Right after a word: a letter, a digit or a period (pandoc's `str`), or the end of emphasis.
        func afterWord(_ index: Int) -> Bool {
            guard index > 0 else { return false }
            let previous = characters[index - 1]
            if previous.isLetter || previous.isNumber || previous == "." { return true }
            return emphasisEnds.contains { end in
                index >= end.count && characters[(index - end.count)..<index].elementsEqual(end)
            }
        }

        /// Whether the quote at the index may open quoted text in the context.
        func mayOpen(_ index: Int, in context: Context) -> Bool {
            let single = characters[index] == "'"
            guard context != (single ? .single : .double), !afterWord(index), index + 1 < characters.count else { return false }
            return !" \t\n\r".contains(characters[index + 1])
        }

        /// Where the piece of text at the index ends: quoted text after its closing quote, any other character after itself.
        mutating func end(ofPieceAt index: Int, in context: Context) -> Int {
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
                if character == "\"" || character == "'" {
                    let single = character == "'"
                    if end > index + 1 {
                        marks[index] = .opening(closer: end - 1, single: single)
                        marks[end - 1] = .closing
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
