import Foundation

/// With raw HTML allowed (`markdown: {unsafe: true}`), the tags an article's HTML leaves open or closes without
/// opening, and the ids it gives that the page around it has: the article's body is printed inside the page's
/// layout, so an `<em>` or `<div>` never closed takes in the references and the footer after it, a stray `</div>`
/// closes the layout's own, and a second `id="references"` takes the page's links to its references list.
///
/// Read from the tags as cmark leaves them (each inline tag a node of its own, a block of HTML as its lines), in the
/// order the page prints them. Elements whose end tag HTML lets go unwritten (`<p>`, `<li>`, table rows and cells)
/// and void ones (`<br>`, `<img>`) are not counted; the text of `<script>`, `<style>` and `<textarea>`, and comments,
/// hold no tags.
struct RawHTMLBalance {
    /// A tag as found: its name, and its offset in the piece of HTML read when it was found.
    struct Tag {
        var name: String
        var offset: Int
    }

    /// The kinds of problem, each said once an article with how many more.
    enum Kind: Hashable {
        case unclosed, stray, pageID
    }

    /// What one problem is, and where: the piece of HTML it was found in (its index in the order read) and the offset there.
    struct Problem {
        var found: NotCommonMark
        var piece: Int
        var offset: Int

        var kind: Kind {
            switch found {
            case .strayClosingTag: .stray
            case .pageID: .pageID
            default: .unclosed
            }
        }
    }

    /// The ids of the page around an article, which the article may not give.
    static let pageIDs: Set<String> = ["main", "references", "references-heading", "questions-heading", "theme-toggle", "text-size-toggle",
        "text-size-state", "site-search-query", "all-questions", "top"]

    private static let optionalEnd: Set<String> = ["p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
        "colgroup", "caption", "rb", "rt", "rp", "rtc", "html", "head", "body"]
    static let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
        "wbr", "param", "keygen"]
    private static let rawText: Set<String> = ["script", "style", "textarea", "title"]

    /// The elements open, each with the piece and the offset of its opening tag.
    private var open: [(name: String, piece: Int, offset: Int)] = []
    private(set) var problems: [Problem] = []
    private var piece = -1
    /// A raw-text element (`<script>`) opened in an earlier piece, whose text runs on until its end tag.
    private var insideRawText: String?

    /// Reads the next piece of HTML (an inline tag, or a block of HTML), as UTF-8.
    mutating func read(_ bytes: [UInt8]) {
        piece += 1
        var index = 0
        if let name = insideRawText {
            guard let end = Self.endOfRawText(name, in: bytes, from: 0) else { return }
            insideRawText = nil
            index = end
        }
        while index < bytes.count, let lessThan = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            index = lessThan + 1
            if bytes[index...].starts(with: "!--".utf8) {
                guard let end = Self.find(Array("-->".utf8), in: bytes, from: index) else { return }
                index = end + 3
                continue
            }
            let closing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
            let nameStart = closing ? index + 1 : index
            var nameEnd = nameStart
            while nameEnd < bytes.count, bytes[nameEnd].isAlphanumericASCII || bytes[nameEnd] == UInt8(ascii: "-") { nameEnd += 1 }
            guard nameEnd > nameStart, bytes[nameStart] | 0x20 >= UInt8(ascii: "a"), bytes[nameStart] | 0x20 <= UInt8(ascii: "z") else { continue }
            let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self).lowercased()
            // The tag's end, past quoted attribute values.
            var end = nameEnd, quote: UInt8?
            while end < bytes.count {
                let byte = bytes[end]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                }
                end += 1
            }
            let attributes = bytes[nameEnd..<min(end, bytes.count)]
            index = min(end + 1, bytes.count)
            if closing {
                close(name, at: lessThan)
                continue
            }
            if let id = Self.id(in: attributes), Self.pageIDs.contains(id) {
                problems.append(Problem(found: .pageID(id), piece: piece, offset: lessThan))
            }
            let selfClosing = attributes.last == UInt8(ascii: "/")
            guard !Self.void.contains(name), !Self.optionalEnd.contains(name), !selfClosing else { continue }
            if Self.rawText.contains(name) {
                guard let end = Self.endOfRawText(name, in: bytes, from: index) else {
                    insideRawText = name
                    return
                }
                index = end
                continue
            }
            open.append((name, piece, lessThan))
        }
    }

    private mutating func close(_ name: String, at offset: Int) {
        guard !Self.void.contains(name), !Self.optionalEnd.contains(name) else { return }
        guard let index = open.lastIndex(where: { $0.name == name }) else {
            problems.append(Problem(found: .strayClosingTag(name), piece: piece, offset: offset))
            return
        }
        // Elements opened inside it and not closed: the browser closes them here, and opens them again after.
        for inner in open[(index + 1)...] {
            problems.append(Problem(found: .unclosedTag(inner.name), piece: inner.piece, offset: inner.offset))
        }
        open.removeSubrange(index...)
    }

    /// Everything found, with the elements still open at the article's end.
    mutating func finish() -> [Problem] {
        for element in open { problems.append(Problem(found: .unclosedTag(element.name), piece: element.piece, offset: element.offset)) }
        open = []
        return problems.sorted { ($0.piece, $0.offset) < ($1.piece, $1.offset) }
    }

    /// The value of an `id` attribute, quoted or not.
    private static func id(in attributes: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: attributes, as: UTF8.self)
        guard let range = text.range(of: #"(^|\s)id\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"#, options: [.regularExpression, .caseInsensitive]) else {
            return nil
        }
        let value = text[range].drop { $0 != "=" }.dropFirst().trimmingWhitespace
        return value.hasPrefix("\"") || value.hasPrefix("'") ? String(value.dropFirst().dropLast()) : value
    }

    /// Past the end tag of a raw-text element (`</script>`), or nil when the bytes do not hold it.
    private static func endOfRawText(_ name: String, in bytes: [UInt8], from start: Int) -> Int? {
        guard let endTag = find(Array("</\(name)".utf8), in: bytes, from: start) else { return nil }
        return (bytes[endTag...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1) + 1
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle, by: { $0 | 0x20 == $1 | 0x20 }) { return index }
            index += 1
        }
        return nil
    }
}
