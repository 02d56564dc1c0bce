internal import CCmark

/// Where the paragraphs, images and main headings of a Markdown body are, for checks that read a body block by block;
/// and the Markdown in a line of plain text.
struct MarkdownOutline {
    /// Each paragraph's first and last line and first column (1-based, counted in the body), in order;
    /// paragraphs in list items and block quotes too, none of headings, code or HTML, nor one of images alone (a
    /// figure has no claim to cite).
    var paragraphs: [(firstLine: Int, lastLine: Int, column: Int)] = []
    /// The line and column of each image without a description (`![](chart.png)`), which a screen reader skips.
    var imagesWithoutDescription: [(line: Int, column: Int)] = []
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
