internal import CCmark
import Foundation

/// Where the paragraphs, images and main headings of a Markdown body are, for checks that read a body block by block;
/// and the Markdown in a line of plain text.
struct MarkdownOutline {
    /// Each paragraph's first and last line and first column (1-based, counted in the body), in order;
    /// paragraphs in list items and block quotes too, none of headings, code or HTML, nor one of images alone (a
    /// figure has no claim to cite).
    var paragraphs: [(firstLine: Int, lastLine: Int, column: Int)] = []
    /// The line and column of each image without a description (`![](chart.png)`), which a screen reader skips.
    var imagesWithoutDescription: [(line: Int, column: Int)] = []
    /// The line and column of each `<img>` of raw HTML without an `alt` attribute, which a screen reader reads as its file
    /// name (and which makes the page invalid HTML).
    var rawImagesWithoutAlt: [(line: Int, column: Int)] = []
    /// Each level-1 heading (`# …`, or text underlined with `=`), with its text: the page's own is its title.
    var levelOneHeadings: [(line: Int, column: Int, text: String)] = []

    init(_ text: String) {
        guard let document = cmark_parse_document(text, text.utf8.count, CMARK_OPT_DEFAULT) else { return }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH where !Self.holdsImagesAlone(node):
                paragraphs.append((Int(cmark_node_get_start_line(node)), Int(cmark_node_get_end_line(node)), Int(cmark_node_get_start_column(node))))
            case CMARK_NODE_IMAGE where !Self.hasText(node):
                imagesWithoutDescription.append((Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node))))
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                guard let literal = cmark_node_get_literal(node) else { continue }
                let line = Int(cmark_node_get_start_line(node)), column = max(Int(cmark_node_get_start_column(node)), 1)
                let bytes = Array(UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
                for offset in Self.imagesWithoutAlt(in: bytes) {
                    // A block of HTML keeps its lines: the tag's line, and its column on it (after the block's own on its first).
                    let lines = bytes[..<offset].count { $0 == 0x0A }
                    let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                    rawImagesWithoutAlt.append((line + lines, lines == 0 ? column + offset : offset - lineStart + 1))
                }
            case CMARK_NODE_HEADING where cmark_node_get_heading_level(node) == 1:
                levelOneHeadings.append((Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node)), Self.text(of: node)))
            default:
                break
            }
        }
    }

    /// The Markdown a line of plain text holds, named with its marks (`emphasis (*…*)`), or nil: cmark's reading of
    /// it, after a look for the bytes that start markup (most text has none).
    static func inlineMarkup(in text: String) -> String? {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "<") })
        else { return nil }
        guard let document = cmark_parse_document(text, text.utf8.count, CMARK_OPT_DEFAULT) else { return nil }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return nil }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_EMPH: return "emphasis (*…* or _…_)"
            case CMARK_NODE_STRONG: return "bold (**…**)"
            case CMARK_NODE_CODE: return "code (`…`)"
            case CMARK_NODE_LINK: return "a link ([…](…))"
            // `<em>statins</em>`, `<br>`: tags, which a page would show as text (an autolink is a link, said above).
            case CMARK_NODE_HTML_INLINE:
                let tag = cmark_node_get_literal(node).map { String(cString: $0) } ?? "<…>"
                return "an HTML tag, \(tag.quotedInMessage)"
            default: continue
            }
        }
        return nil
    }

    /// Where each `<img>` tag in a piece of raw HTML without an `alt` attribute starts (comments aside).
    static func imagesWithoutAlt(in bytes: [UInt8]) -> [Int] {
        var found: [Int] = []
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            index = open + 1
            if bytes[index...].starts(with: "!--".utf8) {
                index = bytes[index...].firstRange(of: "-->".utf8)?.upperBound ?? bytes.count
                continue
            }
            guard bytes[index...].starts(with: "img".utf8, by: { $0 | 0x20 == $1 }), index + 3 < bytes.count,
                [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/")].contains(bytes[index + 3])
            else { continue }
            // The attributes' names, past quoted values, up to the tag's end.
            var names: [String] = []
            var cursor = index + 3
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") {
                let byte = bytes[cursor]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    cursor = (bytes[(cursor + 1)...].firstIndex(of: byte) ?? bytes.count - 1) + 1
                } else if byte.isAlphanumericASCII || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") {
                    let name = bytes[cursor...].prefix { $0.isAlphanumericASCII || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
                    names.append(String(decoding: name, as: UTF8.self).lowercased())
                    cursor += name.count
                    // An unquoted value is no name.
                    var after = cursor
                    while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 || bytes[after] == 0x0A { after += 1 }
                    if after < bytes.count, bytes[after] == UInt8(ascii: "=") {
                        after += 1
                        while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 || bytes[after] == 0x0A { after += 1 }
                        if after < bytes.count, bytes[after] != UInt8(ascii: "\""), bytes[after] != UInt8(ascii: "'") {
                            while after < bytes.count, ![0x20, 0x09, 0x0A, UInt8(ascii: ">")].contains(bytes[after]) { after += 1 }
                        }
                        cursor = after
                    }
                } else {
                    cursor += 1
                }
            }
            if !names.contains("alt") { found.append(open) }
            index = min(cursor + 1, bytes.count)
        }
        return found
    }

    /// Whether a paragraph's inlines are images and the spaces and line breaks between them, at least one image.
    private static func holdsImagesAlone(_ paragraph: OpaquePointer) -> Bool {
        var child = cmark_node_first_child(paragraph)
        var images = 0
        while let node = child {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_IMAGE: images += 1
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: break
            case CMARK_NODE_TEXT where cmark_node_get_literal(node).map({ String(cString: $0).allSatisfy(\.isWhitespace) }) ?? true: break
            default: return false
            }
            child = cmark_node_next(node)
        }
        return images > 0
    }

    /// The text of a node's inlines, at any depth, line breaks as spaces.
    private static func text(of node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: text += cmark_node_get_literal(current).map { String(cString: $0) } ?? Self.text(of: current)
            }
            child = cmark_node_next(current)
        }
        return text
    }

    /// Whether a node holds text other than spaces, at any depth (an image's description may be emphasised).
    private static func hasText(_ node: OpaquePointer) -> Bool {
        var child = cmark_node_first_child(node)
        while let current = child {
            if let literal = cmark_node_get_literal(current), !String(cString: literal).allSatisfy(\.isWhitespace) { return true }
            if hasText(current) { return true }
            child = cmark_node_next(current)
        }
        return false
    }
}
