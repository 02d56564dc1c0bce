/// Finds pandoc-style bracketed citations in the text of one inline run.
///
/// The run comes from cmark's tree, so code, raw HTML and link destinations never reach it. Each byte
/// carries whether it was written literally: a `[` from `\[` or `&#91;` opens nothing.
public struct CitationScanner: Sendable {
    /// A citation found in a run: the byte range it covers and the parsed marker.
    public struct Match: Sendable {
        public var range: Range<Int>
        public var items: [Item]
        /// `@key` in running text (pandoc's in-text citation: the author named in the sentence), not in brackets.
        public var isInText = false
    }

    /// A source in a match: `see -@key, p. 33` is prefix `see`, the key, suffix `p. 33`, and the author left out.
    public struct Item: Sendable {
        public var key: String
        public var prefix: String
        public var suffix: String
        /// See ``CitationItem/suffixSeparator``.
        public var suffixSeparator = ", "
        /// The byte offset of the `@`.
        public var keyOffset: Int
        /// Written `-@key`: the citation leaves out the author, who is named in the sentence.
        public var suppressAuthor = false
    }

    /// Text that looks meant as a citation but is not one: reported as a warning, never left without a word.
    public struct NearMiss: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// `[@key` with no `]` before the paragraph ends or another `[` opens.
            case unclosed
            /// `[@key, see ![chart](c.png)]`: an image, an autolink or a link whose text holds `@` or `[`, or HTML inside
            /// the brackets, which cmark reads first, so that they close in other text than they open in. (Other links,
            /// code spans and line breaks are part of the citation's prefix or suffix, as pandoc reads them.)
            case cutByLink
            /// `[@key]` in a link's text or an image's description, where a citation (itself a link) cannot go; or `@key`
            /// there (`inText`), which pandoc cites in the link (`[@key](address)`) and which may be a handle.
            case insideLink(inText: Bool)
            /// `[@key]` in a block of HTML (`<td>`, `<details>`), which cmark leaves as written; or `@key` there. `element`:
            /// the name of the element it is in (`td`), nil for none.
            case insideHTML(inText: Bool, element: String?)
            /// `[@key; also]`: a part between semicolons, `part` (empty after a last `;`), that cites no source, in the
            /// brackets written `group`.
            /// `inTextKey`: the key of an in-text citation the brackets follow (`@a [p. 3; @b]`), whose locator the part is.
            case partWithoutKey(part: String, group: String, inTextKey: String? = nil)
            /// `[@ key]`: a space between the `@` and what may be a key.
            case spaceAfterAt
            /// `[key]`: brackets around what may be a key, without its `@`.
            case withoutAt
            /// `(@key)`: an in-text citation alone in parentheses, which prints the author's name inside them; `(-@key)`
            /// (`suppressesAuthor`), a citation without its author, which prints the style's brackets inside them.
            case inParentheses(suppressesAuthor: Bool)
            /// `[@a][@b]`: two citations with nothing between them, written `written`, whose marks print run together
            /// (superscript "¹²" reads as twelve); `joined`, the one citation to write instead (`[@a; @b]`).
            case sideBySide(written: String, joined: String)

            /// The kind with the characters that stand for a run's `count` code spans, links and line breaks in its
            /// text replaced by `written` of each one's index (its Markdown).
            func replacingInlines(count: Int, _ written: (Int) -> String) -> Kind {
                func replaced(_ text: String) -> String { AffixMarkup.replacingInlines(text, count: count, written) }
                switch self {
                case .partWithoutKey(let part, let group, let inTextKey):
                    return .partWithoutKey(part: replaced(part), group: replaced(group), inTextKey: inTextKey)
                case .sideBySide(let written, let joined):
                    return .sideBySide(written: replaced(written), joined: replaced(joined))
                default:
                    return self
                }
            }
        }

        public var kind: Kind
        public var key: String
        /// Byte offset of the `@`; of the part without a key, for ``Kind/partWithoutKey(part:group:inTextKey:)``.
        public var offset: Int
    }

    public init() {}

    /// Citation-like text outside the `bracketed` citations: an unclosed `[@key`, brackets with a part that cites
    /// nothing; and in-text citations of `matches` in parentheses.
    private func nearMisses(_ bytes: [UInt8], isLiteral: [Bool], marks: [Int], bracketed: [Match], matches: [Match]) -> [NearMiss] {
        var misses: [NearMiss] = []
        /// The `[` of the last brackets reported for a part without a key: once for all their keys.
        var reported: Int?
        /// The literal `]` that closes each literal `[` that one closes, by their offsets (found once they are needed).
        var closing: [Int: Int]?
        Self.forEachUnmatchedAt(bytes, isLiteral: isLiteral, marks: marks, matches: bracketed) { index, open in
            guard let open, Self.startsKey(bytes, at: index) else { return }
            guard let (key, _) = Self.key(bytes, from: index + 1, to: bytes.count) else {
                let after = bytes[(index + 1)...].firstIndex { $0 != UInt8(ascii: " ") } ?? bytes.count
                if after > index + 1, let (key, _) = Self.key(bytes, from: after, to: bytes.count) {
                    misses.append(NearMiss(kind: .spaceAfterAt, key: key, offset: index))
                }
                return
            }
            if closing == nil {
                let closes = Self.closingMarks(bytes, isLiteral: isLiteral, marks: marks)
                closing = Dictionary(uniqueKeysWithValues: closes.enumerated().filter { $0.element >= 0 }.map { (marks[$0.offset], marks[$0.element]) })
            }
            guard let close = closing?[open] else { return misses.append(NearMiss(kind: .unclosed, key: key, offset: index)) }
            guard reported != open, let (part, offset) = partWithoutKey(bytes, isLiteral, from: open + 1, to: close) else { return }
            reported = open
            let group = String(decoding: bytes[open...close], as: UTF8.self)
            // Right after an in-text citation (`@a [p. 3; @b]`), the part is its locator.
            let inText = matches.last { $0.isInText && ($0.range.upperBound == open || $0.range.upperBound == open - 1 && bytes[open - 1] <= 0x20) }
            misses.append(NearMiss(kind: .partWithoutKey(part: part, group: group, inTextKey: inText?.items[0].key), key: key, offset: offset))
        }
        // `[key]`, a key's characters alone in brackets outside the matches.
        Self.forEachUnmatchedMark(bytes, isLiteral: isLiteral, marks: marks, matches: bracketed) { index in
            guard bytes[index] == UInt8(ascii: "["), index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "@"), bytes[index + 1] != UInt8(ascii: "{"),
                let (key, end) = Self.key(bytes, from: index + 1, to: bytes.count), end < bytes.count,
                bytes[end] == UInt8(ascii: "]"), isLiteral[end]
            else { return }
            misses.append(NearMiss(kind: .withoutAt, key: key, offset: index))
        }
        // `(@key)`: the in-text citation's author printed in the parentheses; `(-@key)`: "((2019))".
        for match in matches where match.range.lowerBound > 0 && match.range.upperBound < bytes.count {
            guard match.isInText || match.items.count == 1 && match.items[0].suppressAuthor && bytes[match.range.lowerBound] == UInt8(ascii: "-"),
                bytes[match.range.lowerBound - 1] == UInt8(ascii: "("), bytes[match.range.upperBound] == UInt8(ascii: ")"),
                let item = match.items.first
            else { continue }
            misses.append(NearMiss(kind: .inParentheses(suppressesAuthor: !match.isInText), key: item.key, offset: item.keyOffset))
        }
        // `[@a][@b]`: citations side by side.
        for (first, second) in zip(bracketed, bracketed.dropFirst()) where first.range.upperBound == second.range.lowerBound {
            let written = String(decoding: bytes[first.range.lowerBound..<second.range.upperBound], as: UTF8.self)
            let inner = [first.range, second.range].map { String(decoding: bytes[($0.lowerBound + 1)..<($0.upperBound - 1)], as: UTF8.self).trimmingWhitespace }
            misses.append(NearMiss(kind: .sideBySide(written: written, joined: "[" + inner.joined(separator: "; ") + "]"), key: second.items[0].key, offset: first.range.lowerBound))
        }
        return misses.count > 1 ? misses.sorted { $0.offset < $1.offset } : misses
    }

    /// The first part between semicolons of `[…]` that is no cite, and the offset of its first byte that is no space.
    private func partWithoutKey(_ bytes: [UInt8], _ isLiteral: [Bool], from start: Int, to end: Int) -> (String, Int)? {
        for part in Self.parts(bytes, isLiteral, from: start, to: end) where parseItem(bytes, isLiteral, from: part.lowerBound, to: part.upperBound) == nil {
            let first = bytes[part].firstIndex { $0 != UInt8(ascii: " ") && $0 != 0x0A && $0 != 0x09 } ?? part.lowerBound
            return (String(decoding: bytes[part], as: UTF8.self).trimmingWhitespace, first)
        }
        return nil
    }

    /// The parts of a group's text between its semicolons outside inner brackets.
    private static func parts(_ bytes: [UInt8], _ isLiteral: [Bool], from start: Int, to end: Int) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var partStart = start, depth = 0
        for position in start..<end {
            switch bytes[position] {
            case UInt8(ascii: "[") where isLiteral[position]: depth += 1
            case UInt8(ascii: "]") where isLiteral[position]: depth -= 1
            // An escaped `\;` is text, as pandoc reads it: `[@a, p. 3\; 4]` is one cite.
            case UInt8(ascii: ";") where depth == 0 && isLiteral[position]:
                parts.append(partStart..<position)
                partStart = position + 1
            default: break
            }
        }
        parts.append(partStart..<end)
        return parts
    }

    /// For each of the `marks`, the mark of the literal `]` that closes it when it is a literal `[` (brackets inside in
    /// pairs), else -1: by a stack of those still open, in one pass (a search for each `[` was quadratic in a run of
    /// brackets never closed).
    private static func closingMarks(_ bytes: [UInt8], isLiteral: [Bool], marks: [Int]) -> [Int] {
        var closes = [Int](repeating: -1, count: marks.count), open: [Int] = []
        for (mark, index) in marks.enumerated() where isLiteral[index] {
            if bytes[index] == UInt8(ascii: "[") {
                open.append(mark)
            } else if bytes[index] == UInt8(ascii: "]"), let opening = open.popLast() {
                closes[opening] = mark
            }
        }
        return closes
    }

    /// Calls `body` for each literal `@` outside `matches` (which are in order), with the literal `[` before it
    /// (outside `matches`) that is still open, if one is.
    private static func forEachUnmatchedAt(
        _ bytes: [UInt8], isLiteral: [Bool], marks: [Int], matches: [Match], _ body: (_ index: Int, _ openBracket: Int?) -> Void
    ) {
        guard marks.contains(where: { bytes[$0] == UInt8(ascii: "@") }) else { return }
        var openBracket: Int?
        forEachUnmatchedMark(bytes, isLiteral: isLiteral, marks: marks, matches: matches) { index in
            let byte = bytes[index]
            if byte == UInt8(ascii: "[") {
                openBracket = index
            } else if byte == UInt8(ascii: "]") {
                openBracket = nil
            } else {
                body(index, openBracket)
            }
        }
    }

    /// Calls `body` for each literal mark (`[`, `]`, `@`) outside `matches` (which are in order).
    private static func forEachUnmatchedMark(_ bytes: [UInt8], isLiteral: [Bool], marks: [Int], matches: [Match], _ body: (_ index: Int) -> Void) {
        // The next match not yet passed, whose bytes are skipped.
        var next = 0
        for index in marks {
            while next < matches.count, matches[next].range.upperBound <= index { next += 1 }
            if next < matches.count, matches[next].range.contains(index) { continue }
            guard isLiteral[index] else { continue }
            body(index)
        }
    }

    /// The offsets of the bytes a citation turns on, `[`, `]` and `@`, in order: the scanner looks only at these (a
    /// paragraph has few), finding them eight bytes at a time.
    static func marks(_ bytes: [UInt8]) -> [Int] {
        var marks: [Int] = []
        bytes.withUnsafeBufferPointer { bytes in
            var index = 0
            func look(_ index: Int) {
                let byte = bytes[index]
                if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "@") { marks.append(index) }
            }
            while index + 8 <= bytes.count {
                let chunk = ByteChunk.load(bytes, at: index)
                if ByteChunk.equal(UInt8(ascii: "["), in: chunk) | ByteChunk.equal(UInt8(ascii: "]"), in: chunk) | ByteChunk.equal(UInt8(ascii: "@"), in: chunk) != 0 {
                    for offset in index..<(index + 8) { look(offset) }
                }
                index += 8
            }
            while index < bytes.count {
                look(index)
                index += 1
            }
        }
        return marks
    }

    /// Whether the `@` at `index` may start a key, as pandoc reads it: at `start`, or after anything but a letter, a
    /// digit (of any script) or a period, so not inside a word or an e-mail address (`me@example.org`, `x.@a`), but
    /// after a space, a bracket, a quotation mark, a dash or a slash (`"@a"`, `—@a—`, `[@a;@b;]`).
    static func startsKey(_ bytes: [UInt8], at index: Int, from start: Int = 0) -> Bool {
        guard index > start else { return true }
        let before = bytes[index - 1]
        if before < 0x80 { return !before.isAlphanumericASCII && before != UInt8(ascii: ".") }
        // The character before: back to its first byte.
        var first = index - 1
        while first > start, bytes[first] & 0xC0 == 0x80 { first -= 1 }
        guard let scalar = String(decoding: bytes[first..<index], as: UTF8.self).unicodeScalars.first else { return true }
        return !scalar.properties.isAlphabetic && scalar.properties.numericType == nil
    }

    /// `@key` written in running text outside `matches`: an in-text citation. Brackets that hold no citation (`[@key;
    /// p. 4]`, an unclosed `[@key`) are text around it, as pandoc reads them: "[Kim (2019); p. 4]". An escaped bracket
    /// makes what it holds text, as the specification has it: `\[@key]` (or `&#91;@key]`) and `\[see @a; @b]` print
    /// as written, where pandoc would cite each key in the text.
    private func inTextMatches(_ bytes: [UInt8], isLiteral: [Bool], marks: [Int], matches: [Match]) -> [Match] {
        var found: [Match] = []
        let escaped = Self.escapedBrackets(bytes, isLiteral: isLiteral)
        Self.forEachUnmatchedAt(bytes, isLiteral: isLiteral, marks: marks, matches: matches) { index, _ in
            let inEscapedBracket = escaped.contains { $0.contains(index) }
            // (`@{}` in running text is text: no key, as a word that is no key.)
            guard !inEscapedBracket, Self.startsKey(bytes, at: index), let (key, keyEnd) = Self.key(bytes, from: index + 1, to: bytes.count), !key.isEmpty,
                // A key in braces that runs into a citation after it (`@{k [@{a}]`, or a key of another `@{`) is none.
                found.last.map({ $0.range.upperBound <= index }) ?? true, !matches.contains(where: { $0.range.overlaps(index..<keyEnd) })
            else { return }
            // `-@key` where a key may start (`Smith -@key showed`): the author left out, as `[-@key]` does (pandoc's
            // reading); after a word (`well-@key`) the `-` is the word's.
            let suppressesAuthor = index > 0 && bytes[index - 1] == UInt8(ascii: "-") && isLiteral[index - 1] && Self.startsKey(bytes, at: index - 1)
            // A locator in brackets after it, as pandoc reads one: `@key [p. 33]`, `@key[p. 33]`, or on the next line.
            var end = keyEnd, suffix = "", separator = ", "
            let open = keyEnd < bytes.count && bytes[keyEnd] == UInt8(ascii: "[") ? keyEnd
                : keyEnd + 1 < bytes.count && [UInt8(ascii: " "), 0x0A, 0x09].contains(bytes[keyEnd]) && bytes[keyEnd + 1] == UInt8(ascii: "[") ? keyEnd + 1 : nil
            if let open, isLiteral[open],
                let close = bytes[(open + 1)...].firstIndex(where: { $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "@") }),
                bytes[close] == UInt8(ascii: "]"), isLiteral[close]
            {
                suffix = String(decoding: bytes[(open + 1)..<close], as: UTF8.self).trimmingWhitespace
                // `@key [, p. 33]`: the comma that would part the locator from the key, as pandoc reads it; after a
                // space (`@key [ , x]`, `@key [ x]`) the text follows a space: "Smith (2020 , x)".
                if bytes[open + 1] == UInt8(ascii: ",") {
                    suffix = String(suffix.dropFirst()).trimmingWhitespace
                    if !Self.isSpaceOrLineBreak(bytes, at: open + 2) { separator = "," }
                } else if [UInt8(ascii: " "), 0x0A, 0x09].contains(bytes[open + 1]) {
                    separator = " "
                }
                end = close + 1
            }
            found.append(
                Match(
                    range: (suppressesAuthor ? index - 1 : index)..<end,
                    items: [Item(key: key, prefix: "", suffix: suffix, suffixSeparator: separator, keyOffset: index, suppressAuthor: suppressesAuthor)],
                    isInText: !suppressesAuthor))
        }
        return found
    }

    /// Whether the byte at `index` is a space, a tab or a line break (false past the end).
    static func isSpaceOrLineBreak(_ bytes: some RandomAccessCollection<UInt8>, at index: Int) -> Bool {
        index < bytes.count && [UInt8(ascii: " "), 0x0A, 0x09, 0x0D].contains(bytes[bytes.index(bytes.startIndex, offsetBy: index)])
    }

    /// The text inside each escaped bracket (`\[` or `&#91;`), to the first `]` after it or the run's end.
    static func escapedBrackets(_ bytes: [UInt8], isLiteral: [Bool]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "[")) {
            index = open + 1
            guard !isLiteral[open] else { continue }
            let close = bytes[index...].firstIndex(of: UInt8(ascii: "]")) ?? bytes.count
            ranges.append(index..<close)
            index = close
        }
        return ranges
    }

    /// - Parameters:
    ///   - bytes: the run's UTF-8 text.
    ///   - isLiteral: for each byte, true when it was written as itself (not escaped or an entity).
    /// - Returns: the bracketed citations and the in-text ones, in the order they are written.
    public func scan(_ bytes: [UInt8], isLiteral: [Bool]) -> [Match] {
        let marks = Self.marks(bytes)
        return matches(bytes, isLiteral: isLiteral, marks: marks, bracketed: scanBrackets(bytes, isLiteral: isLiteral, marks: marks))
    }

    /// ``scan(_:isLiteral:)``, and the citation-like text outside its matches (an unclosed `[@key`), from one look
    /// at the run's brackets and at-signs.
    public func scanWithNearMisses(_ bytes: [UInt8], isLiteral: [Bool]) -> (matches: [Match], nearMisses: [NearMiss]) {
        let marks = Self.marks(bytes)
        let bracketed = scanBrackets(bytes, isLiteral: isLiteral, marks: marks)
        let matches = matches(bytes, isLiteral: isLiteral, marks: marks, bracketed: bracketed)
        return (matches, nearMisses(bytes, isLiteral: isLiteral, marks: marks, bracketed: bracketed, matches: matches))
    }

    /// The bracketed citations and the in-text ones, in order. An in-text citation without a locator that brackets of
    /// citations follow (`@a [-@a]`, `@a [see @b]`, after a space or a line break) is one citation with them, as pandoc
    /// reads it: the author named in the text, then every cite in the style's brackets, "de Vries (in press, in
    /// press)", where the two printed "de Vries (in press) (in press)".
    private func matches(_ bytes: [UInt8], isLiteral: [Bool], marks: [Int], bracketed: [Match]) -> [Match] {
        guard marks.contains(where: { bytes[$0] == UInt8(ascii: "@") }) else { return bracketed }
        var inText = inTextMatches(bytes, isLiteral: isLiteral, marks: marks, matches: bracketed)
        guard !inText.isEmpty else { return bracketed }
        var bracketed = bracketed
        for index in inText.indices {
            var end = inText[index].range.upperBound
            // After a locator's brackets (`@a [p. 4] [@b]`), brackets are a citation of their own.
            guard bytes[end - 1] != UInt8(ascii: "]") else { continue }
            if end < bytes.count, [UInt8(ascii: " "), 0x0A, 0x09].contains(bytes[end]) { end += 1 }
            guard let following = bracketed.firstIndex(where: { $0.range.lowerBound == end }) else { continue }
            inText[index].range = inText[index].range.lowerBound..<bracketed[following].range.upperBound
            inText[index].items += bracketed.remove(at: following).items
        }
        return (bracketed + inText).sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// `[…]` holding citations: from each literal `[` to the literal `]` that closes it, brackets inside it in pairs
    /// (`[@a, p. 4 [emphasis added]]`, as pandoc reads them), and citing at its own level: in `[see [@a]]` only the
    /// inner brackets are a citation. pandoc's inline footnote, `^[…]`, is no citation but the note's text, whose
    /// citations are cited each as they would be in running text (`^[See @a [sec. 4] and [@b].]`, where the note
    /// printed as one citation of `a` with "[@b]" in its suffix, and `b` cited nowhere).
    private func scanBrackets(_ bytes: [UInt8], isLiteral: [Bool], marks: [Int]) -> [Match] {
        let closes = Self.closingMarks(bytes, isLiteral: isLiteral, marks: marks)
        var matches: [Match] = []
        var mark = 0
        while mark < marks.count {
            let index = marks[mark], closing = closes[mark]
            guard closing >= 0, !Self.opensInlineNote(bytes, isLiteral: isLiteral, at: index) else { mark += 1; continue }
            let end = marks[closing]
            if let items = parseGroup(bytes, isLiteral, from: index + 1, to: end) {
                matches.append(Match(range: index..<(end + 1), items: items))
                mark = closing + 1
            } else {
                mark += 1
            }
        }
        return matches
    }

    /// Whether the literal `[` at `index` opens pandoc's inline footnote: a literal `^` before it (`^[the note]`).
    static func opensInlineNote(_ bytes: [UInt8], isLiteral: [Bool], at index: Int) -> Bool {
        index > 0 && bytes[index - 1] == UInt8(ascii: "^") && isLiteral[index - 1]
    }

    /// The items of a group's text, split at its semicolons outside inner brackets; nil unless each cites a source.
    private func parseGroup(_ bytes: [UInt8], _ isLiteral: [Bool], from start: Int, to end: Int) -> [Item]? {
        var items: [Item] = []
        for part in Self.parts(bytes, isLiteral, from: start, to: end) {
            guard let item = parseItem(bytes, isLiteral, from: part.lowerBound, to: part.upperBound) else { return nil }
            items.append(item)
        }
        return items.isEmpty ? nil : items
    }

    /// The item of a part of a group: its first key outside inner brackets, with the text before and after it.
    private func parseItem(_ bytes: [UInt8], _ isLiteral: [Bool], from start: Int, to end: Int) -> Item? {
        var position = start, depth = 0
        while position < end {
            if isLiteral[position], bytes[position] == UInt8(ascii: "[") { depth += 1 }
            if isLiteral[position], bytes[position] == UInt8(ascii: "]") { depth -= 1 }
            // An escaped `\@` is text: `[\@a]` cites nothing, as in pandoc.
            if depth == 0, bytes[position] == UInt8(ascii: "@"), isLiteral[position] {
                let before = position > start ? bytes[position - 1] : UInt8(ascii: " ")
                if Self.startsKey(bytes, at: position, from: start), let (key, keyEnd) = Self.key(bytes, from: position + 1, to: end)
                {
                    var prefixEnd = position
                    if before == UInt8(ascii: "-"), position > start { prefixEnd -= 1 }
                    let prefix = String(decoding: bytes[start..<prefixEnd], as: UTF8.self).trimmingWhitespace
                    var suffix = String(decoding: bytes[keyEnd..<end], as: UTF8.self).trimmingWhitespace
                    var separator = ", "
                    // The comma right after the key parts it from the locator; after a space (`[@key , x]`) a comma is
                    // text, as pandoc reads it: "(Smith, 2020 , x)". Text that is no locator right after the comma
                    // follows it without a space, as written (`[@key,x]`: "(Smith, 2020,x)").
                    if keyEnd < end, bytes[keyEnd] == UInt8(ascii: ",") {
                        suffix = suffix.dropFirst().trimmingWhitespace
                        if !Self.isSpaceOrLineBreak(bytes, at: keyEnd + 1) { separator = "," }
                    } else if keyEnd < end, bytes[keyEnd] != UInt8(ascii: " "), bytes[keyEnd] != 0x0A, bytes[keyEnd] != 0x09 {
                        separator = ""
                    } else {
                        separator = " "
                    }
                    return Item(
                        key: key, prefix: prefix, suffix: suffix, suffixSeparator: separator, keyOffset: position, suppressAuthor: before == UInt8(ascii: "-"))
                }
            }
            position += 1
        }
        return nil
    }

    /// A citation key after `@`: pandoc's rule, or any text in `@{…}` (none in `@{}`, which pandoc reads as a citation of
    /// the empty key, as a marker does here: its resolver says what to write).
    static func key(_ bytes: [UInt8], from start: Int, to end: Int) -> (String, Int)? {
        guard start < end else { return nil }
        if bytes[start] == UInt8(ascii: "{") {
            guard let close = bytes[start..<end].firstIndex(of: UInt8(ascii: "}")) else { return nil }
            return (String(decoding: bytes[(start + 1)..<close], as: UTF8.self), close + 1)
        }
        return asciiKey(bytes, from: start, to: end) ?? characterKey(bytes, from: start, to: end)
    }

    /// The rule by characters: letters and digits of any script. A punctuation mark is part of the key when a letter,
    /// digit or `_` follows it, or when it is a `:` or `/` before a `/` (`@http://x`): `@a--b` is the key `a`.
    static func characterKey(_ bytes: [UInt8], from start: Int, to end: Int) -> (String, Int)? {
        // An ASCII byte that is no letter, digit or `_` starts no key; and a key ends before a space or a bracket, so
        // only the bytes up to one are read as characters (each `@` of a long run of brackets read the rest of the text).
        guard start < end, bytes[start] >= 0x80 || bytes[start].isAlphanumericASCII || bytes[start] == UInt8(ascii: "_") else { return nil }
        let stops: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ";"), UInt8(ascii: ",")]
        let end = bytes[start..<end].firstIndex { stops.contains($0) } ?? end
        let characters = Array(String(decoding: bytes[start..<end], as: UTF8.self))
        func isKeyCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "_" }
        guard let first = characters.first, isKeyCharacter(first) else { return nil }
        var key = String(first)
        var index = 1
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            let inner = ":.#$%&-+?<>~/".contains(character) && next.map { isKeyCharacter($0) || ((character == ":" || character == "/") && $0 == "/") } == true
            guard isKeyCharacter(character) || inner else { break }
            key.append(character)
            index += 1
        }
        return (key, start + key.utf8.count)
    }

    /// The same rule over ASCII bytes, without Unicode properties; nil when a byte it reaches is not ASCII
    /// (it may be a letter, or a mark combining with the byte before), and `key` decides by characters.
    static func asciiKey(_ bytes: [UInt8], from start: Int, to end: Int) -> (String, Int)? {
        func isKeyByte(_ byte: UInt8) -> Bool {
            byte.isAlphanumericASCII || byte == UInt8(ascii: "_")
        }
        var position = start
        while position < end {
            let byte = bytes[position]
            if byte >= 0x80 { return nil }
            if isKeyByte(byte) {
                position += 1
                continue
            }
            guard position > start, Self.innerPunctuation.contains(byte), position + 1 < end else { break }
            let next = bytes[position + 1]
            // What follows decides; a letter outside ASCII is for `characterKey`.
            if next >= 0x80 { return nil }
            let slashAfter = (byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/")) && next == UInt8(ascii: "/")
            guard isKeyByte(next) || slashAfter else { break }
            position += 1
        }
        guard position > start else { return nil }
        return (String(decoding: bytes[start..<position], as: UTF8.self), position)
    }

    /// Punctuation a key may hold between its letters and digits.
    private static let innerPunctuation = Set(":.#$%&-+?<>~/".utf8)
}
