import Foundation

/// The quick way to an article's citations, when every one of them is a plain bracketed marker (`[@a]`, `[@a; @b]`,
/// `[@a, p. 33]`): each is written over, in the Markdown given to cmark, with a placeholder of its length that cmark
/// reads as it reads the marker (punctuation at both ends, no character it treats specially), and the placeholders
/// in cmark's HTML are replaced by the markers' HTML. This leaves out lining each run of cmark's tree up with the
/// source and rebuilding its nodes (``MarkdownRenderer``'s other way), which most articles do not need.
///
/// A placeholder is `{`, U+E020, the marker's number in decimal, `x` to its length, and `}`. Anything this reading
/// cannot be sure of is left to the other way: an `@` outside such a marker (an in-text citation, an address), a
/// marker that could be part of a link (`[@a](…)`, `[@a][…]`, `[@a]:`, `![@a]`, `\[@a]`), one too short for its
/// number, text of the source that already holds U+E020; and, after parsing, a placeholder anywhere but in text
/// outside links, or any text with `@` or `[` left (``MarkdownRenderer`` checks the tree).
struct CitationPlaceholders {
    /// A marker written over: its bytes in the source, and the citation the scanner reads in them.
    struct Marker {
        var range: Range<Int>
        var match: CitationScanner.Match
    }

    let markers: [Marker]
    /// The source with each marker written over.
    let source: [UInt8]

    /// U+E020 in UTF-8, after the `{` that opens each placeholder.
    static let mark: [UInt8] = [0xEE, 0x80, 0xA0]

    /// The markers of `source` and the source written over, or nil when an article is to take the other way.
    init?(_ source: [UInt8]) {
        var markers: [Marker] = []
        let scanner = CitationScanner()
        let found = source.withUnsafeBufferPointer { bytes -> Bool in
            guard !bytes.isEmpty, !Self.mark.withUnsafeBufferPointer({ bytes.containsBytes($0) }) else { return false }
            var start = 0
            while let index = bytes.firstIndex(of: UInt8(ascii: "@"), from: start) {
                // Every `@` is in a marker: the one that starts at the `[` before it.
                guard index > 0, bytes[index - 1] == UInt8(ascii: "["), let end = Self.markerEnd(bytes, open: index - 1) else { return false }
                let range = (index - 1)..<end
                guard range.count >= 5 + String(markers.count).utf8.count else { return false }
                var match: CitationScanner.Match
                if let keys = Self.keysAlone(bytes, range) {
                    match = keys
                } else {
                    let matches = scanner.scan(Array(bytes[range]), isLiteral: Array(repeating: true, count: range.count))
                    guard matches.count == 1, let only = matches.first, only.range == 0..<range.count, !only.isInText else { return false }
                    match = only
                }
                match.range = range
                for item in match.items.indices { match.items[item].keyOffset += range.lowerBound }
                markers.append(Marker(range: range, match: match))
                start = end
            }
            return true
        }
        guard found, !markers.isEmpty else { return nil }
        var written = source
        for (number, marker) in markers.enumerated() {
            var placeholder = [UInt8(ascii: "{")] + Self.mark + Array(String(number).utf8)
            placeholder += repeatElement(UInt8(ascii: "x"), count: marker.range.count - placeholder.count - 1)
            placeholder.append(UInt8(ascii: "}"))
            written.replaceSubrange(marker.range, with: placeholder)
        }
        self.markers = markers
        self.source = written
    }

    /// The index after the `]` of a plain marker whose `[` is at `open`, or nil: one line of ASCII letters, digits,
    /// spaces and the punctuation of keys and locators (`;,.:-#$%+?~/`), letters of other scripts, and `_` between
    /// two ASCII letters or digits (elsewhere it could open or close emphasis); not escaped or after `!` or `]`, and
    /// not followed by `(`, `[` or `:`, which could make it a link or a link's definition; no `://`. A key in braces
    /// (`@{_name_????}`, as Zotero keys an item without an author or date) is read as the scanner reads it, whatever it
    /// holds up to its `}` but a line's end, a bracket, a backquote or a backslash: cmark, which reads Markdown in it
    /// (`_name_` as emphasis), does not see it.
    private static func markerEnd(_ bytes: UnsafeBufferPointer<UInt8>, open: Int) -> Int? {
        if open > 0, [UInt8(ascii: "\\"), UInt8(ascii: "!"), UInt8(ascii: "]")].contains(bytes[open - 1]) { return nil }
        var index = open + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "]") { break }
            if byte == UInt8(ascii: "{"), bytes[index - 1] == UInt8(ascii: "@") {
                guard let close = bytes[(index + 1)...].firstIndex(where: { Self.endsBracedKey.contains($0) }), bytes[close] == UInt8(ascii: "}"),
                    close > index + 1
                else { return nil }
                index = close + 1
                continue
            }
            if byte == UInt8(ascii: "_") {
                guard index > open + 1, index + 1 < bytes.count, bytes[index - 1].isAlphanumericASCII, bytes[index + 1].isAlphanumericASCII else { return nil }
            } else if byte == UInt8(ascii: ":"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") {
                return nil
            } else if !(byte.isAlphanumericASCII || byte >= 0x80 || Self.punctuation.contains(byte)) {
                return nil
            }
            index += 1
        }
        guard index < bytes.count else { return nil }
        let after = index + 1 < bytes.count ? bytes[index + 1] : UInt8(ascii: " ")
        return after == UInt8(ascii: "(") || after == UInt8(ascii: "[") || after == UInt8(ascii: ":") ? nil : index + 1
    }

    private static let punctuation = Set(" @;,.:-#$%+?~/".utf8)
    /// What ends a key in braces as the placeholders read it: its `}`, or what they leave to the other way.
    private static let endsBracedKey = Set("}\n\r[]`\\".utf8)

    /// The match of a marker of keys, each with a comma and a locator or not, `[@a]`, `[@a; @b]`, `[@a, p. 33; @b]`
    /// (most are), each key of ASCII letters, digits and `_`, as ``CitationScanner`` reads it, without its general
    /// reading; nil for any other marker (a prefix, a key with other characters, a suffix without a comma), which the
    /// scanner reads. `range` is the marker's, `[` to `]`.
    static func keysAlone(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> CitationScanner.Match? {
        let close = range.upperBound - 1
        var items: [CitationScanner.Item] = []
        var index = range.lowerBound + 1
        while true {
            guard index < close, bytes[index] == UInt8(ascii: "@") else { return nil }
            let at = index, start = index + 1
            index = start
            while index < close, bytes[index].isAlphanumericASCII || bytes[index] == UInt8(ascii: "_") { index += 1 }
            guard index > start else { return nil }
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            // Read as the scanner reads a part: nothing before the key, and after it nothing or a comma and a suffix.
            var suffix = "", separator = " "
            if bytes[index] == UInt8(ascii: ",") {
                // As the scanner has it: a suffix right after the comma follows it without a space (`[@key,x]`).
                separator = CitationScanner.isSpaceOrLineBreak(bytes, at: index + 1) ? ", " : ","
                var suffixStart = index + 1
                while index < close, bytes[index] != UInt8(ascii: ";") {
                    // `[@a, @b]`: a key in the locator, which the resolver reports.
                    if bytes[index] == UInt8(ascii: "@") { return nil }
                    index += 1
                }
                var suffixEnd = index
                while suffixStart < suffixEnd, bytes[suffixStart] == UInt8(ascii: " ") { suffixStart += 1 }
                while suffixEnd > suffixStart, bytes[suffixEnd - 1] == UInt8(ascii: " ") { suffixEnd -= 1 }
                // The scanner trims ASCII spaces alone; a part that starts or ends with another character is left to it.
                guard suffixStart < suffixEnd, bytes[suffixStart] < 0x80, bytes[suffixEnd - 1] < 0x80 else { return nil }
                suffix = String(decoding: UnsafeBufferPointer(rebasing: bytes[suffixStart..<suffixEnd]), as: UTF8.self)
            }
            items.append(CitationScanner.Item(key: key, prefix: "", suffix: suffix, suffixSeparator: separator, keyOffset: at - range.lowerBound))
            if index == close { return CitationScanner.Match(range: 0..<range.count, items: items) }
            guard bytes[index] == UInt8(ascii: ";") else { return nil }
            index += 1
            while index < close, bytes[index] == UInt8(ascii: " ") { index += 1 }
        }
    }

    /// The group of each marker, its places from `location` (of a byte offset in the source).
    func groups(_ location: (Int) -> SourceLocation) -> [CitationGroup] {
        markers.map { CitationGroup($0.match, location: location) }
    }

    /// Whether a citation's HTML is a superscript number, which sits on the word before it as pandoc sets a superscript
    /// citation ("risk¹", not "risk ¹", whose number a line could wrap away from its word): the spaces and soft line
    /// breaks written before the marker are left out.
    static func isSuperscript(_ html: String) -> Bool {
        html.utf8.starts(with: "<sup class=\"citation\"".utf8)
    }

    /// Whether the bytes before `index` are cmark's hard line break, `<br />`.
    private static func endsHardBreak(_ html: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index >= 6 && html[(index - 6)..<index].elementsEqual("<br />".utf8)
    }

    /// The number of the placeholder at `start` of the bytes and the index after it, or nil when none is there.
    static func placeholder(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (number: Int, end: Int)? {
        guard start >= 0, start + 4 < bytes.count, bytes[start] == UInt8(ascii: "{"), bytes[start + 1] == mark[0], bytes[start + 2] == mark[1],
            bytes[start + 3] == mark[2]
        else { return nil }
        var end = start + 4, number = 0
        while end < bytes.count, bytes[end] &- UInt8(ascii: "0") < 10 {
            number = number * 10 + Int(bytes[end] &- UInt8(ascii: "0"))
            end += 1
        }
        while end < bytes.count, bytes[end] == UInt8(ascii: "x") { end += 1 }
        guard end > start + 4, end < bytes.count, bytes[end] == UInt8(ascii: "}") else { return nil }
        return (number, end + 1)
    }

    /// cmark's HTML with each placeholder replaced by its marker's HTML, or by the marker as written when it has none
    /// (a marker that cites an unknown key is printed as text).
    ///
    /// cmark's text between the placeholders is read as text piece by piece, the markers' HTML (text already) appended as
    /// it is: a marker's en dash or curly apostrophe would otherwise make the whole page's bytes be checked the slow
    /// way, one character at a time, rather than as ASCII.
    func replacing(in html: UnsafeBufferPointer<UInt8>, with texts: [String?], source original: [UInt8]) -> String {
        var result = ""
        result.reserveCapacity(html.count + texts.reduce(0) { $0 + ($1?.utf8.count ?? 0) })
        var copied = 0, index = 0
        /// Whether a citation's HTML ends at `copied`: the space between two ("¹ ²") stays, or they read as one number.
        var afterCitation = false
        while index + 4 < html.count, let start = html.firstIndex(of: UInt8(ascii: "{"), from: index) {
            index = start + 1
            guard let (number, end) = Self.placeholder(in: html, at: start), number < markers.count else { continue }
            var before = start
            if let text = texts[number], Self.isSuperscript(text) {
                // The spaces and line breaks written before it, but a hard break's line feed (`<br />⏎`).
                while before > copied, html[before - 1] == 0x20 || html[before - 1] == 0x0A && !Self.endsHardBreak(html, at: before - 1) {
                    before -= 1
                }
                if before == copied, afterCitation { before = start }
            }
            afterCitation = texts[number] != nil
            result += String(decoding: UnsafeBufferPointer(rebasing: html[copied..<before]), as: UTF8.self)
            if let text = texts[number] {
                result += text
            } else {
                // As cmark writes the text: the marker's bytes need no escaping (``markerEnd(_:open:)``).
                result += String(decoding: original[markers[number].range], as: UTF8.self)
            }
            copied = end
            index = copied
        }
        result += String(decoding: UnsafeBufferPointer(rebasing: html[copied...]), as: UTF8.self)
        return result
    }
}

extension CitationGroup {
    /// The group of a scanner's match, its places from `location` (of the match's offsets).
    /// A line break inside a prefix or suffix is a space (`p.⏎4` is a locator, as pandoc reads it).
    init(_ match: CitationScanner.Match, location: (Int) -> SourceLocation) {
        func spaced(_ affix: String) -> String { affix.utf8.contains(0x0A) ? affix.replacingOccurrences(of: "\n", with: " ") : affix }
        self.init(
            items: match.items.map {
                CitationItem(
                    key: $0.key, prefix: spaced($0.prefix), suffix: spaced($0.suffix), suffixSeparator: $0.suffixSeparator,
                    location: location($0.keyOffset), suppressAuthor: $0.suppressAuthor)
            },
            location: location(match.range.lowerBound), isInText: match.isInText)
    }
}
