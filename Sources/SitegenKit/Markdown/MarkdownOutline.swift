internal import CCmark

/// Where the paragraphs of a Markdown body are, for checks that read a body block by block.
enum MarkdownOutline {
    /// Each paragraph's first and last line and first column (1-based, counted in the body), in order;
    /// paragraphs in list items and block quotes too, none of headings, code or HTML.
    static func paragraphs(_ text: String) -> [(firstLine: Int, lastLine: Int, column: Int)] {
        guard let document = cmark_parse_document(text, text.utf8.count, CMARK_OPT_DEFAULT) else { return [] }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        var paragraphs: [(firstLine: Int, lastLine: Int, column: Int)] = []
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH else { continue }
            paragraphs.append((Int(cmark_node_get_start_line(node)), Int(cmark_node_get_end_line(node)), Int(cmark_node_get_start_column(node))))
        }
        return paragraphs
    }
}
