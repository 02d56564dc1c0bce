internal import CCmark
import Foundation

/// Renders CommonMark with libcmark, splicing citation markers into cmark's tree.
///
/// This is the only file that talks to cmark: the C tree is built, edited, rendered and freed here.
public struct MarkdownRenderer: Sendable {
    /// Whether raw HTML passes through (`markdown: {unsafe: true}`); otherwise cmark omits it.
    public var allowsRawHTML: Bool

    public init(allowsRawHTML: Bool = false) {
        self.allowsRawHTML = allowsRawHTML
    }

    /// - Parameters:
    ///   - body: the Markdown and the file line it starts on.
    ///   - citation: called for each citation marker in document order; returns the marker's HTML,
    ///     or nil to leave the text as written.
    ///   - nearMiss: called for text that looks meant as a citation but is not one (see ``CitationScanner/NearMiss``).
    ///   - relink: the destination a link or image gets instead of the one written, or nil to keep it.
    ///   - notCommonMark: called for the first of each kind of another dialect's syntax in paragraphs (a pipe table, a
    ///     footnote), with how many more of its kind there are.
    ///   - omittedHTML: without ``allowsRawHTML``, called for the first HTML tag that cmark leaves out (`<div …>`,
    ///     `<sub>`; comments and closing tags aside), with how many more it leaves out.
    /// - Returns: the HTML, exactly cmark's for text without citations (and links kept as written).
    public func render(
        _ body: SourceText, citation: (CitationGroup) -> String?,
        nearMiss: (CitationScanner.NearMiss, SourceLocation) -> Void = { _, _ in },
        relink: ((String) -> String?)? = nil,
        notCommonMark: (NotCommonMark, SourceLocation, _ more: Int) -> Void = { _, _, _ in },
        omittedHTML: (String, SourceLocation, _ more: Int) -> Void = { _, _, _ in }
    ) -> String {
        // The document lives in this thread's arena (`CCmark/shim.h`): parsed, edited and rendered there, and given
        // back at once when the HTML is copied out, instead of a malloc and a free for each of its nodes and strings.
        let mark = sitegen_arena_mark()
        defer { sitegen_arena_release(mark) }
        let utf8 = Array(body.text.utf8)
        /// Where each line of the body starts, found once if a step needs them.
        var knownLineStarts: [Int]?
        func lineStarts() -> [Int] {
            if let knownLineStarts { return knownLineStarts }
            let starts = Self.lineStarts(utf8)
            knownLineStarts = starts
            return starts
        }
        // `memchr`: `String.contains(_:)` goes through Foundation's string search, 10 % of a build without markers, and
        // a loop over the bytes was still most of this function's own time.
        let hasAt = utf8.containsByte(UInt8(ascii: "@"))
        // Plain markers are written over with placeholders that cmark reads as it reads them, when every one is plain.
        var placeholders = hasAt && usesPlaceholders ? CitationPlaceholders(utf8) : nil
        guard var document = Self.parse(placeholders?.source ?? utf8) else { return "" }
        /// Each marker's HTML, nil for one printed as written.
        var placed: [String?] = []
        if let found = placeholders {
            if Self.holdsPlaceholdersInTextOnly(document, count: found.markers.count, rawHTML: allowsRawHTML) {
                let starts = lineStarts()
                placed = found.groups { offset in
                    let (line, column) = Self.position(of: offset, lineStarts: starts)
                    return body.location(line: line, column: column)
                }.map(citation)
            } else {
                // A placeholder where a marker is no citation (in code, a link, raw HTML), or text with `@` or `[` that
                // may be one: the source as written, the other way.
                placeholders = nil
                cmark_node_free(document)
                guard let parsed = Self.parse(utf8) else { return "" }
                document = parsed
            }
        }
        // Raw HTML left out, found before citations are spliced in (their nodes leave the tree's lines unlike the
        // source's), in the bytes the document was read from (placeholders stand for markers there, of their lengths).
        let omitted = !allowsRawHTML && utf8.containsByte(UInt8(ascii: "<"))
            ? Self.omittedHTML(document, source: placeholders?.source ?? utf8, lineStarts: lineStarts()) : nil
        let unbalanced = allowsRawHTML && utf8.containsByte(UInt8(ascii: "<"))
            ? Self.unbalancedHTML(document, source: placeholders?.source ?? utf8, lineStarts: lineStarts()) : []
        // Links are relinked before citations are spliced in, which print a link of a prefix or suffix as HTML.
        if let relink { Self.relink(document, relink) }
        let options = CMARK_OPT_DEFAULT | (allowsRawHTML ? CMARK_OPT_UNSAFE : 0)
        if placeholders == nil, hasAt || Self.mayHaveBracketedWord(utf8) {
            spliceCitations(document, source: utf8, lineStarts: lineStarts(), body: body, options: options, citation: citation, nearMiss: nearMiss)
        }
        if NotCommonMark.mayOccur(in: utf8) {
            let lines = Self.paragraphLines(document)
            for (found, line, column, more) in NotCommonMark.find(in: utf8, path: body.path, inParagraph: lines.contains) {
                notCommonMark(found, body.location(line: line, column: column), more)
            }
            if utf8.containsByte(UInt8(ascii: "{")), let (attributes, line, column, more) = Self.headingAttributes(document, source: utf8, lineStarts: lineStarts()) {
                notCommonMark(.headingAttributes(attributes), body.location(line: line, column: column), more)
            }
        }
        // A comment or a code fence never closed, which takes the rest of the article: the document's last block.
        if let (found, line, column) = Self.unclosedLastBlock(document, source: utf8, lineStarts: lineStarts) {
            notCommonMark(found, body.location(line: line, column: column), 0)
        }
        // An empty `# References` that ends the article, where pandoc puts its list: sitegen's follows the body.
        if let (found, line, column) = Self.referencesHeading(document, source: utf8, lineStarts: lineStarts) {
            notCommonMark(found, body.location(line: line, column: column), 0)
        }
        if let (found, line, column) = Self.metadataBlock(document, source: utf8, lineStarts: lineStarts) {
            notCommonMark(found, body.location(line: line, column: column), 0)
        }
        // An address in text: one in the Markdown that is not a link's destination, an autolink or an attribute's.
        if Self.mayHaveBareURL(utf8), let (url, line, column, more) = Self.bareURL(document, source: utf8, lineStarts: lineStarts()) {
            notCommonMark(.bareURL(url), body.location(line: line, column: column), more)
        }
        // A link to a file on the author's computer, or to a script, which cmark publishes as an empty address: each.
        if NotCommonMark.mayHaveUnpublishedAddress(utf8) {
            for (found, line, column) in Self.unpublishedAddresses(document, source: utf8, lineStarts: lineStarts(), rawHTML: allowsRawHTML) {
                notCommonMark(found, body.location(line: line, column: column), 0)
            }
        }
        if let (tag, line, column, more) = omitted { omittedHTML(tag, body.location(line: line, column: column), more) }
        for (found, line, column, more) in unbalanced { notCommonMark(found, body.location(line: line, column: column), more) }
        guard let rendered = cmark_render_html(document, options) else { return "" }
        guard let placeholders else { return String(cString: rendered) }
        return rendered.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
            placeholders.replacing(in: UnsafeBufferPointer(start: bytes, count: strlen(rendered)), with: placed, source: utf8)
        }
    }

    /// Whether ``render(_:citation:nearMiss:relink:notCommonMark:omittedHTML:)`` writes plain markers over with
    /// placeholders (``CitationPlaceholders``); without, every article takes the way through the tree's runs. Tests
    /// compare the two.
    var usesPlaceholders = true

    /// The document cmark parses from the bytes, in this thread's arena. With `CMARK_OPT_SOURCEPOS` (which changes
    /// nothing else of the document, and is not passed to the HTML renderer) cmark counts the lines of a code span or
    /// raw HTML written over lines, and places the text after it on its line; without, a line higher.
    private static func parse(_ bytes: [UInt8]) -> OpaquePointer? {
        let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS, sitegen_arena_mem())
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
            }
        }
        let document = cmark_parser_finish(parser)
        cmark_parser_free(parser)
        return document
    }

    /// Whether the document holds the `count` placeholders of ``CitationPlaceholders``, in their order, each in text
    /// outside links and images and nowhere else (not in code, raw HTML, an address or a code block's info), and no
    /// text with `@` or `[` (an entity's `@`, a bracket that is no link's), which the tree's runs would look at.
    private static func holdsPlaceholdersInTextOnly(_ document: OpaquePointer, count: Int, rawHTML: Bool) -> Bool {
        let mark = CitationPlaceholders.mark.map { CChar(bitPattern: $0) } + [0]
        func holdsMark(_ text: UnsafePointer<CChar>?) -> Bool { text.map { strstr($0, mark) != nil } ?? false }
        var next = 0, valid = true
        forEachNode(of: document) { node in
            guard valid else { return }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT:
                guard let literal = cmark_node_get_literal(node) else { return }
                if strpbrk(literal, "@[") != nil { return valid = false }
                let text = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
                var rest: UnsafePointer<CChar> = literal
                while let found = strstr(rest, mark) {
                    // `{`, the mark, the marker's number: the next one, in text a link does not hold.
                    guard let (number, end) = CitationPlaceholders.placeholder(in: text, at: UnsafePointer(found) - literal - 1), number == next,
                        !isInsideLink(node), !(rawHTML && isInsideRawLink(node))
                    else { return valid = false }
                    next += 1
                    rest = literal + end
                }
            case CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK:
                if holdsMark(cmark_node_get_literal(node)) { valid = false }
            case CMARK_NODE_CODE_BLOCK:
                if holdsMark(cmark_node_get_literal(node)) || holdsMark(cmark_node_get_fence_info(node)) { valid = false }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if holdsMark(cmark_node_get_url(node)) || holdsMark(cmark_node_get_title(node)) { valid = false }
            default:
                break
            }
        }
        return valid && next == count
    }

    /// The line and column in the body of a byte offset of it.
    private static func position(of offset: Int, lineStarts starts: [Int]) -> (line: Int, column: Int) {
        YAMLReader.Lines.position(of: offset, lineStarts: starts)
    }

    /// The lines of the document's paragraphs (a table or a footnote of another dialect is one to CommonMark).
    private static func paragraphLines(_ document: OpaquePointer) -> IndexSet {
        var lines = IndexSet()
        forEachNode(of: document) { node in
            guard cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH else { return }
            let first = Int(cmark_node_get_start_line(node)), last = Int(cmark_node_get_end_line(node))
            if first >= 1, last >= first { lines.insert(integersIn: first...last) }
        }
        return lines
    }

    /// The first heading whose line ends with attributes (`## Results {#results}`), as ``NotCommonMark/headingAttributes(in:)``
    /// reads them, with their line and column and how many more headings have some.
    private static func headingAttributes(_ document: OpaquePointer, source: [UInt8], lineStarts starts: [Int]) -> (String, line: Int, column: Int, more: Int)? {
        var first: (String, line: Int, column: Int)?
        var more = 0
        forEachNode(of: document) { node in
            guard cmark_node_get_type(node) == CMARK_NODE_HEADING else { return }
            // A `#` heading's one line; an underlined one's last line of text, above the underline.
            // (cmark ends an underlined heading at column 0 of the line after its underline.)
            let start = Int(cmark_node_get_start_line(node))
            let end = Int(cmark_node_get_end_line(node)) - (cmark_node_get_end_column(node) == 0 ? 1 : 0)
            let line = end > start ? end - 1 : start
            guard line >= 1, line <= starts.count else { return }
            var text = source[starts[line - 1]..<(line < starts.count ? starts[line] - 1 : source.count)]
            // The closing #s a `#` heading may end with come after its attributes.
            if end == start {
                while let last = text.last, last == UInt8(ascii: "#") || last == 0x20 || last == 0x09 { text = text.dropLast() }
            }
            guard let (attributes, column) = NotCommonMark.headingAttributes(in: text) else { return }
            if first == nil { first = (attributes, line, column) } else { more += 1 }
        }
        return first.map { ($0.0, $0.line, $0.column, more) }
    }

    /// Calls `body` with each node of the document, in document order (as cmark's iterator enters them).
    private static func forEachNode(of document: OpaquePointer, _ body: (OpaquePointer) -> Void) {
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            body(node)
        }
    }

    /// Line `number` (1-based) of `source` without its line break; empty for a number out of its lines.
    private static func sourceLine(_ number: Int, of source: [UInt8], starts: [Int]) -> ArraySlice<UInt8> {
        guard number >= 1, number <= starts.count else { return [] }
        let start = starts[number - 1], stop = number < starts.count ? starts[number] : source.count
        return source[start..<stop].prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
    }

    /// The document's last block when it is an HTML comment that no `-->` closes or a fenced code block that no fence
    /// closes (each runs to the end of the document), with its place.
    private static func unclosedLastBlock(_ document: OpaquePointer, source: [UInt8], lineStarts: () -> [Int]) -> (NotCommonMark, line: Int, column: Int)? {
        guard let last = cmark_node_last_child(document) else { return nil }
        let type = cmark_node_get_type(last)
        guard type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_CODE_BLOCK else { return nil }
        let starts = lineStarts()
        let first = Int(cmark_node_get_start_line(last)), end = Int(cmark_node_get_end_line(last))
        func line(_ number: Int) -> ArraySlice<UInt8> { sourceLine(number, of: source, starts: starts) }
        let opening = line(first).drop { $0 == UInt8(ascii: " ") }
        let column = line(first).count - opening.count + 1
        if type == CMARK_NODE_HTML_BLOCK {
            guard opening.starts(with: "<!--".utf8), let literal = cmark_node_get_literal(last),
                  strstr(literal, "-->") == nil else { return nil }
            return (.unclosedComment, first, column)
        }
        guard let mark = opening.first, mark == UInt8(ascii: "`") || mark == UInt8(ascii: "~") else { return nil }
        let fence = opening.prefix { $0 == mark }
        guard fence.count >= 3 else { return nil }
        // Closed: its last line (after the opening one) is a run of the fence's character at least as long.
        let closing = line(end).drop { $0 == UInt8(ascii: " ") }
        let run = closing.prefix { $0 == mark }
        if end > first, run.count >= fence.count, closing.dropFirst(run.count).allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
            return nil
        }
        return (.unclosedFence(String(decoding: fence, as: UTF8.self)), first, column)
    }

    /// The document's last block when it is a heading named as a reference list is (`# References`, `## Bibliography`),
    /// where pandoc puts the references, as written on its first line, with its place.
    private static func referencesHeading(_ document: OpaquePointer, source: [UInt8], lineStarts: () -> [Int]) -> (NotCommonMark, line: Int, column: Int)? {
        guard let last = cmark_node_last_child(document), cmark_node_get_type(last) == CMARK_NODE_HEADING else { return nil }
        var text = ""
        var child = cmark_node_first_child(last)
        while let node = child {
            guard cmark_node_get_type(node) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(node) else { return nil }
            text += String(cString: literal)
            child = cmark_node_next(node)
        }
        let names: Set = ["references", "bibliography", "reference list", "works cited", "literature cited"]
        guard names.contains(text.trimmingWhitespace.lowercased()) else { return nil }
        let first = Int(cmark_node_get_start_line(last))
        let line = sourceLine(first, of: source, starts: lineStarts())
        guard !line.isEmpty else { return nil }
        let written = line.drop { $0 == 0x20 }
        return (.referencesHeading(String(decoding: written, as: UTF8.self).trimmingWhitespace.quotedInMessage), first, line.count - written.count + 1)
    }

    /// A block of YAML the article ends with, as pandoc writes metadata anywhere (`---`, `author: Jane Doe`, `---`):
    /// CommonMark reads a rule, then a heading underlined by the closing `---` whose every line is `key: value`.
    private static func metadataBlock(_ document: OpaquePointer, source: [UInt8], lineStarts: () -> [Int]) -> (NotCommonMark, line: Int, column: Int)? {
        guard let last = cmark_node_last_child(document), cmark_node_get_type(last) == CMARK_NODE_HEADING, cmark_node_get_heading_level(last) == 2,
            let rule = cmark_node_previous(last), cmark_node_get_type(rule) == CMARK_NODE_THEMATIC_BREAK
        else { return nil }
        let starts = lineStarts()
        let first = Int(cmark_node_get_start_line(last)), end = Int(cmark_node_get_end_line(last))
        guard first >= 1, end > first, end <= starts.count else { return nil }
        func text(_ number: Int) -> String { String(decoding: sourceLine(number, of: source, starts: starts), as: UTF8.self).trimmingWhitespace }
        // Each line but the underline a key and its value (`author: Jane Doe`, `nocite: |`), not a heading of the article's.
        let lines = (first..<end).map(text)
        guard text(end).allSatisfy({ $0 == "-" }), lines.allSatisfy({ line in
            guard let colon = line.firstIndex(of: ":") else { return false }
            let key = line[..<colon]
            // (Keys as YAML writes them, in small letters: `Note: ask your doctor` is a heading.)
            return key.first?.isLowercase == true && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        }) else { return nil }
        let ruleLine = Int(cmark_node_get_start_line(rule))
        let column = sourceLine(ruleLine, of: source, starts: starts).prefix { $0 == 0x20 }.count + 1
        return (.metadataBlock(text(ruleLine)), ruleLine, column)
    }

    /// The first piece of raw HTML that is neither a comment nor a closing tag, cut at the end of its first tag, with
    /// its line and column and how many more such pieces the document has.
    private static func omittedHTML(_ document: OpaquePointer, source: [UInt8], lineStarts: [Int]) -> (tag: String, line: Int, column: Int, more: Int)? {
        var first: (tag: String, line: Int, column: Int)?
        var more = 0
        forEachNode(of: document) { node in
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE, let literal = cmark_node_get_literal(node) else { return }
            let text = String(cString: literal).drop { $0 == " " }
            if text.hasPrefix("<!--") || text.hasPrefix("</") { return }
            guard first == nil else {
                more += 1
                return
            }
            var tag = String(text.prefix { $0 != "\n" })
            if let end = tag.firstIndex(of: ">") { tag = String(tag[...end]) }
            let place = paragraph(of: node).flatMap { places(in: $0, source: source, lineStarts: lineStarts)[node] }
            first = (tag.quotedInMessage, place?.line ?? Int(cmark_node_get_start_line(node)), place?.column ?? max(Int(cmark_node_get_start_column(node)), 1))
        }
        return first.map { ($0.tag, $0.line, $0.column, more) }
    }

    /// With raw HTML allowed, the first tag of each kind that breaks the page around the article (``RawHTMLBalance``),
    /// with its line and column and how many more of its kind the document has.
    private static func unbalancedHTML(_ document: OpaquePointer, source: [UInt8], lineStarts: [Int]) -> [(NotCommonMark, line: Int, column: Int, more: Int)] {
        var balance = RawHTMLBalance()
        var nodes: [OpaquePointer] = [], pieces: [[UInt8]] = []
        forEachNode(of: document) { node in
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE, let literal = cmark_node_get_literal(node) else { return }
            let bytes = UnsafeRawBufferPointer(start: literal, count: strlen(literal))
            nodes.append(node)
            pieces.append(Array(bytes))
            balance.read(pieces[pieces.count - 1])
        }
        var found: [(NotCommonMark, line: Int, column: Int, more: Int)] = []
        var kinds: [RawHTMLBalance.Kind: Int] = [:]
        for problem in balance.finish() {
            if let index = kinds[problem.kind] {
                found[index].more += 1
                continue
            }
            kinds[problem.kind] = found.count
            let node = nodes[problem.piece]
            var line = Int(cmark_node_get_start_line(node)), column = max(Int(cmark_node_get_start_column(node)), 1)
            if cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE {
                if let place = paragraph(of: node).flatMap({ places(in: $0, source: source, lineStarts: lineStarts)[node] }) { (line, column) = place }
            } else {
                // A block of HTML keeps its lines: the tag's line, and its column on it (after the block's own on its first).
                let (inLine, inColumn) = position(of: problem.offset, lineStarts: Self.lineStarts(pieces[problem.piece]))
                (line, column) = inLine == 1 ? (line, column + inColumn - 1) : (line + inLine - 1, inColumn)
            }
            found.append((problem.found, line, column, 0))
        }
        return found
    }

    /// Whether the Markdown has an `http://` or `https://` address that is not written as a link's destination
    /// (`](https://…`), an autolink (`<https://…>`), a link definition's (`]: https://…`) or an HTML attribute's
    /// (`="https://…`): only then can there be one in text, which ``bareURL(_:)`` looks for in the tree.
    /// Whether a `[` opens a word closed by `]` that is no link's text (`[smith2019]`, a key without its `@`, not
    /// `[text](address)` or `[text][label]`), each `[` found with `memchr`: an article without an `@` is scanned for
    /// citations only then.
    static func mayHaveBracketedWord(_ bytes: [UInt8]) -> Bool {
        bytes.containsByte(UInt8(ascii: "[")) { open in
            guard open == 0 || bytes[open - 1] != UInt8(ascii: "]") else { return false }
            var end = open + 1
            while end < bytes.count, bytes[end].isAlphanumericASCII || bytes[end] == UInt8(ascii: "_") || bytes[end] == UInt8(ascii: "-")
                || bytes[end] == UInt8(ascii: ":") || bytes[end] == UInt8(ascii: ".") || bytes[end] >= 0x80 { end += 1 }
            guard end > open + 1, end < bytes.count, bytes[end] == UInt8(ascii: "]") else { return false }
            return end + 1 == bytes.count || (bytes[end + 1] != UInt8(ascii: "(") && bytes[end + 1] != UInt8(ascii: "["))
        }
    }

    static func mayHaveBareURL(_ bytes: [UInt8]) -> Bool {
        bytes.containsByte(UInt8(ascii: ":")) { colon in
            guard colon + 2 < bytes.count, bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/") else { return false }
            var scheme = colon
            if scheme >= 1, bytes[scheme - 1] == UInt8(ascii: "s") { scheme -= 1 }
            guard scheme >= 4, bytes[scheme - 4] == UInt8(ascii: "h"), bytes[scheme - 3] == UInt8(ascii: "t"),
                bytes[scheme - 2] == UInt8(ascii: "t"), bytes[scheme - 1] == UInt8(ascii: "p")
            else { return false }
            return !isWrittenAddress(bytes, at: scheme - 4)
        }
    }

    /// Whether the address at `at` in the source is written as one: in angle brackets or quotes, a link's destination
    /// (`](…`) or a definition's (`]: …`).
    private static func isWrittenAddress(_ bytes: [UInt8], at: Int) -> Bool {
        let before = at >= 1 ? bytes[at - 1] : 0x0A
        let twoBefore = at >= 2 ? bytes[at - 2] : 0x0A
        return before == UInt8(ascii: "<") || before == UInt8(ascii: "\"") || before == UInt8(ascii: "'")
            || (before == UInt8(ascii: "(") && twoBefore == UInt8(ascii: "]"))
            || (before == UInt8(ascii: " ") && twoBefore == UInt8(ascii: ":") && at >= 3 && bytes[at - 3] == UInt8(ascii: "]"))
    }

    /// The first web address in text outside a link (`see https://…`), with its line and column, and how many more
    /// there are.
    ///
    /// It is placed by the source, from the start of its paragraph (or heading): cmark's places of text are off after an
    /// entity (`&amp;` is one byte of text), and text that citations were spliced into has none.
    private static func bareURL(_ document: OpaquePointer, source: [UInt8], lineStarts: [Int]) -> (url: String, line: Int, column: Int, more: Int)? {
        var first: (url: String, line: Int, column: Int)?
        var more = 0
        forEachNode(of: document) { node in
            guard cmark_node_get_type(node) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(node),
                strstr(literal, "://") != nil, !isInsideLink(node)
            else { return }
            let text = String(cString: literal)
            var rest = text[...]
            while let range = rest.range(of: "http") {
                rest = text[range.upperBound...]
                guard rest.hasPrefix("://") || rest.hasPrefix("s://") else { continue }
                guard first == nil else {
                    more += 1
                    continue
                }
                var url = String(text[range.lowerBound...].prefix { !$0.isWhitespace })
                // A sentence's full stop or a closing bracket after the address is not part of it.
                while let last = url.last, ".,;:)]".contains(last) { url.removeLast() }
                let offset = text[..<range.lowerBound].utf8.count
                first = (url, Int(cmark_node_get_start_line(node)), max(Int(cmark_node_get_start_column(node)), 1) + offset)
                var block = cmark_node_parent(node)
                while let parent = block, cmark_node_get_type(parent).rawValue >= CMARK_NODE_FIRST_INLINE.rawValue { block = cmark_node_parent(parent) }
                let line = block.map { Int(cmark_node_get_start_line($0)) } ?? 0
                if line >= 1, line <= lineStarts.count, let at = firstBareAddress(url, in: source, from: lineStarts[line - 1]) {
                    let place = position(of: at, lineStarts: lineStarts)
                    first = (url, place.line, place.column)
                }
            }
        }
        return first.map { ($0.url, $0.line, $0.column, more) }
    }

    /// Where `url` is first in the source from `start` without being written as an address (``isWrittenAddress(_:at:)``).
    private static func firstBareAddress(_ url: String, in source: [UInt8], from start: Int) -> Int? {
        let wanted = Array(url.utf8)
        guard let first = wanted.first, start < source.count else { return nil }
        var index = start
        while index + wanted.count <= source.count {
            guard let at = source[index...].firstIndex(of: first), at + wanted.count <= source.count else { return nil }
            if source[at..<(at + wanted.count)].elementsEqual(wanted), !isWrittenAddress(source, at: at) { return at }
            index = at + 1
        }
        return nil
    }

    /// The links and images whose address cmark does not publish (``NotCommonMark/unpublishedScheme(_:)``; with raw HTML
    /// allowed, which keeps the others, a `file:` one), in order, each where it is written: a reference link's at the
    /// definition of its label (once), when its line is found.
    private static func unpublishedAddresses(
        _ document: OpaquePointer, source: [UInt8], lineStarts: [Int], rawHTML: Bool
    ) -> [(found: NotCommonMark, line: Int, column: Int)] {
        var found: [(found: NotCommonMark, line: Int, column: Int)] = []
        var paragraphs: [OpaquePointer: [OpaquePointer: (line: Int, column: Int)]] = [:]
        var definitions: [(address: String, line: Int, column: Int)]?
        var saidDefinitions = Set<Int>()
        forEachNode(of: document) { node in
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) else { return }
            let address = String(cString: url)
            guard let scheme = NotCommonMark.unpublishedScheme(address), !rawHTML || scheme == "file:" else { return }
            let unpublished = NotCommonMark.unpublishedAddress(address, scheme: scheme, isImage: type == CMARK_NODE_IMAGE, isKept: rawHTML)
            // A reference link (`[text][label]`, `[label]`) ends with its `]`; an inline one with `)`, an autolink with `>`.
            let endLine = Int(cmark_node_get_end_line(node)), endColumn = Int(cmark_node_get_end_column(node))
            if endLine >= 1, endLine <= lineStarts.count, endColumn >= 1, lineStarts[endLine - 1] + endColumn - 1 < source.count,
                source[lineStarts[endLine - 1] + endColumn - 1] == UInt8(ascii: "]")
            {
                if definitions == nil { definitions = NotCommonMark.linkDefinitionAddresses(in: source) }
                if let definition = definitions?.first(where: { $0.address == address }) {
                    if saidDefinitions.insert(definition.line).inserted { found.append((unpublished, definition.line, definition.column)) }
                    return
                }
            }
            let places = Self.paragraph(of: node).map { paragraph in
                if let known = paragraphs[paragraph] { return known }
                let places = Self.places(in: paragraph, source: source, lineStarts: lineStarts)
                paragraphs[paragraph] = places
                return places
            }
            let place = places?[node] ?? (Int(cmark_node_get_start_line(node)), max(Int(cmark_node_get_start_column(node)), 1))
            found.append((unpublished, place.line, place.column))
        }
        return found.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// Gives every link and image the destination `relink` returns for it, where it returns one.
    private static func relink(_ document: OpaquePointer, _ relink: (String) -> String?) {
        forEachNode(of: document) { node in
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node),
                let replaced = relink(String(cString: url))
            else { return }
            cmark_node_set_url(node, replaced)
        }
    }

    private struct Run {
        var nodes: [OpaquePointer]
        /// The emphasis, code spans, links and line breaks among the nodes, with the range of bytes each stands for:
        /// kept as they are outside a citation, part of a citation's prefix or suffix inside one.
        var atoms: [(node: OpaquePointer, range: Range<Int>)] = []
        /// The code spans, links and hard line breaks in the atoms, each written in the run's bytes as
        /// ``AffixMarkup/inline(_:)`` of its index here: a citation that has one in a prefix or suffix prints cmark's
        /// HTML of it there (``CitationGroup/inlines``).
        var inlines: [OpaquePointer] = []
        /// Whether it is a link's text or an image's description: its markers are reported, not replaced.
        var isInsideLink = false
        /// Whether a link, an autolink or a tag of HTML ends it inside its paragraph, with a `]` after (`[@a, see
        /// <https://…>]`).
        var endsAtLink = false
        var bytes: [UInt8] = []
        var isLiteral: [Bool] = []
        /// Where the bytes were in the source, by stretches: the bytes from `start` (to the next stretch's) were on
        /// `line` from `column`, each a column further with `step` 1, all at that column with `step` 0. A node
        /// written as itself is one stretch, not a place per byte.
        var stretches: [(start: Int, line: Int, column: Int, step: Int)] = []

        /// The line and column of the byte at `offset` (of the last byte, past the end).
        func position(_ offset: Int) -> (line: Int, column: Int) {
            let offset = max(0, min(offset, bytes.count - 1))
            // The last stretch that starts at or before it.
            var low = 0, high = stretches.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if stretches[middle].start <= offset { low = middle } else { high = middle - 1 }
            }
            let stretch = stretches[low]
            return (stretch.line, stretch.column + stretch.step * (offset - stretch.start))
        }

        /// Appends a byte that was at `position` in the source: in the last stretch when it goes on there (the
        /// bytes of an entity share its column; escaped text goes on a column a byte).
        mutating func append(_ byte: UInt8, isLiteral literal: Bool, at position: (line: Int, column: Int)) {
            if let last = stretches.last, last.line == position.line {
                let count = bytes.count - last.start
                if last.step == 0, last.column == position.column {
                    // The same column as the bytes before it.
                } else if last.step == 1 || count == 1, last.column + count == position.column {
                    stretches[stretches.count - 1].step = 1
                } else {
                    stretches.append((bytes.count, position.line, position.column, 0))
                }
            } else {
                stretches.append((bytes.count, position.line, position.column, 0))
            }
            bytes.append(byte)
            isLiteral.append(literal)
        }
    }

    private func spliceCitations(
        _ document: OpaquePointer, source: [UInt8], lineStarts: [Int], body: SourceText, options: Int32,
        citation: (CitationGroup) -> String?, nearMiss: (CitationScanner.NearMiss, SourceLocation) -> Void
    ) {
        var runs: [Run] = []
        /// Whether code spans, links and hard line breaks may stand in a citation (``AffixMarkup/inline(_:)``): not in
        /// the rare text that holds a character like the ones that stand for them.
        let keepsInlines = !AffixMarkup.holdsInlineCharacters(source)
        /// The places of each paragraph's inlines (``places(in:source:lineStarts:)``), found once for all its runs.
        var paragraphs: [OpaquePointer: [OpaquePointer: (line: Int, column: Int)]] = [:]
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            if allowsRawHTML, cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK {
                Self.citationsInHTML(node, body: body, nearMiss: nearMiss)
                continue
            }
            guard Self.isRunPart(node, keepsInlines) else { continue }
            if let previous = cmark_node_previous(node), Self.isRunPart(previous, keepsInlines) { continue }
            // A run is text broken only by soft line breaks, so a marker may span lines. Only a run with an `@` can hold
            // a marker, or with a `[` a key without its `@` (`[smith2019]`); lining up its bytes with the source is the
            // costly part, and most runs have neither.
            var current: OpaquePointer? = node
            var hasMark = false
            while !hasMark, let part = current, Self.isRunPart(part, keepsInlines) {
                if let literal = cmark_node_get_literal(part), strpbrk(literal, "@[") != nil { hasMark = true }
                current = cmark_node_next(part)
            }
            guard hasMark else { continue }
            var parts: [OpaquePointer] = []
            current = node
            while let part = current, Self.isRunPart(part, keepsInlines) {
                parts.append(part)
                current = cmark_node_next(part)
            }
            // (A raw `<a>` is left out of the page without `unsafe`: a citation there is cited.)
            var run = Run(nodes: [], isInsideLink: Self.isInsideLink(node) || (allowsRawHTML && Self.isInsideRawLink(node)))
            if let next = current, case let type = cmark_node_get_type(next),
                type == CMARK_NODE_LINK || type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_IMAGE
            {
                // … and a `]` in the text after it.
                var sibling = cmark_node_next(next)
                while let node = sibling, !run.endsAtLink {
                    if cmark_node_get_type(node) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(node), strchr(literal, Int32(UInt8(ascii: "]"))) != nil {
                        run.endsAtLink = true
                    }
                    sibling = cmark_node_next(node)
                }
            }
            let length = parts.reduce(0) { total, part in total + (cmark_node_get_literal(part).map { strlen($0) } ?? 0) + 1 }
            run.bytes.reserveCapacity(length)
            run.isLiteral.reserveCapacity(length)
            // A heading's text is on one line, as cmark places it.
            let places = Self.paragraph(of: node).map { paragraph -> [OpaquePointer: (line: Int, column: Int)] in
                if let known = paragraphs[paragraph] { return known }
                let found = Self.places(in: paragraph, source: source, lineStarts: lineStarts)
                paragraphs[paragraph] = found
                return found
            } ?? [:]
            for part in parts {
                run.nodes.append(part)
                let type = cmark_node_get_type(part)
                if type == CMARK_NODE_TEXT {
                    Self.align(part, at: places[part], source: source, lineStarts: lineStarts, into: &run)
                } else if type == CMARK_NODE_SOFTBREAK {
                    run.append(0x0A, isLiteral: true, at: run.bytes.isEmpty ? places[part] ?? (Int(cmark_node_get_start_line(part)), 1) : run.position(run.bytes.count - 1))
                } else {
                    // Emphasis, code, a link or a hard line break: never citation syntax, its text with the emphasis
                    // marked and the others stood for (`AffixMarkup`).
                    let start = run.bytes.count
                    let position = places[part] ?? (Int(cmark_node_get_start_line(part)), max(Int(cmark_node_get_start_column(part)), 1))
                    for byte in Self.atomBytes(part, keepsInlines: keepsInlines, inlines: &run.inlines) { run.append(byte, isLiteral: false, at: position) }
                    run.atoms.append((part, start..<run.bytes.count))
                }
            }
            runs.append(run)
        }
        let scanner = CitationScanner()
        for run in runs {
            let (matches, misses) = scanner.scanWithNearMisses(run.bytes, isLiteral: run.isLiteral)
            func location(_ offset: Int) -> SourceLocation {
                let position = run.position(offset)
                return body.location(line: position.line, column: position.column)
            }
            if run.isInsideLink {
                // An autolink's text is its address (`<https://mastodon.social/@name>`): no citation was meant.
                if let first = run.nodes.first, Self.isAutolinkText(first) { continue }
                // A citation is a link, which a link cannot hold: it is said to be printed as written (an `@name` in a
                // link's text only when it is a key: it is often an address).
                for match in matches {
                    nearMiss(
                        CitationScanner.NearMiss(kind: .insideLink(inText: match.isInText), key: match.items[0].key, offset: match.range.lowerBound),
                        location(match.range.lowerBound))
                }
                continue
            }
            for var miss in misses {
                // Brackets a link or HTML cuts (cmark reads those first): said as such, not as a bracket left open.
                if miss.kind == .unclosed, run.endsAtLink, !run.bytes[miss.offset...].contains(UInt8(ascii: "]")) { miss.kind = .cutByLink }
                miss.kind = miss.kind.replacingInlines(count: run.inlines.count) { Self.markdown(of: run.inlines[$0]) }
                nearMiss(miss, location(miss.offset))
            }
            guard !matches.isEmpty else { continue }
            var pieces: [Piece] = []
            var cursor = 0
            for var match in matches {
                // A key in braces is the source's text between them, which cmark may have read Markdown in (`@{_a_}`).
                for index in match.items.indices {
                    let (line, column) = run.position(match.items[index].keyOffset)
                    guard line >= 1, line <= lineStarts.count, let key = Self.bracedKey(in: source, at: lineStarts[line - 1] + column - 1) else { continue }
                    match.items[index].key = key
                }
                var group = CitationGroup(match, location: location)
                if !run.inlines.isEmpty {
                    group.takeInlines(count: run.inlines.count) { index in
                        let node = run.inlines[index]
                        let html = cmark_render_html(node, options).map { String(cString: $0) } ?? ""
                        return (html, cmark_node_get_type(node) == CMARK_NODE_CODE ? cmark_node_get_literal(node).map { String(cString: $0) } : nil)
                    }
                }
                guard let html = citation(group) else { continue }
                var end = match.range.lowerBound
                if CitationPlaceholders.isSuperscript(html) {
                    // The spaces and line breaks written before it (not a hard break's, an atom); not those between it and
                    // a citation before it ("¹ ²", which would read as twelve).
                    while end > cursor, run.isLiteral[end - 1], run.bytes[end - 1] == 0x20 || run.bytes[end - 1] == 0x0A { end -= 1 }
                    if end == cursor, !pieces.isEmpty { end = match.range.lowerBound }
                }
                pieces.append(.text(cursor..<end))
                pieces.append(.html(html))
                cursor = match.range.upperBound
            }
            guard !pieces.isEmpty else { continue }
            pieces.append(.text(cursor..<run.bytes.count))
            Self.replace(run.nodes, with: pieces, of: run.bytes, atoms: run.atoms)
        }
    }

    /// The key written in braces after the `@` at `offset` of the source, as written (`@{_sualeh/schemacrawler_????}`:
    /// cmark reads its underscores as emphasis, which the run's text leaves out); nil when no `@{` is there.
    private static func bracedKey(in source: [UInt8], at offset: Int) -> String? {
        guard offset >= 0, offset + 1 < source.count, source[offset] == UInt8(ascii: "@"), source[offset + 1] == UInt8(ascii: "{") else { return nil }
        // As ``CitationScanner/key(_:from:to:)`` reads braces: to the first `}`.
        guard let close = source[(offset + 2)...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
        return String(decoding: source[(offset + 2)..<close], as: UTF8.self)
    }

    private static func isRunPart(_ node: OpaquePointer, _ keepsInlines: Bool) -> Bool {
        let type = cmark_node_get_type(node)
        return type == CMARK_NODE_TEXT || type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_CODE
            || keepsInlines && (type == CMARK_NODE_LINEBREAK || type == CMARK_NODE_LINK && isAtom(node, keepsInlines))
            || (type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG) && isAtom(node, keepsInlines)
    }

    /// Whether emphasis or a link may stand in a citation's prefix or suffix (`[*see* @key]`, `[see [the trial](…)
    /// @key]`), as pandoc reads them: it holds only text, code, line breaks, more emphasis and links, and no `@` or
    /// `[` (a citation of its own, found in its own run; a link's text that holds one is reported).
    private static func isAtom(_ node: OpaquePointer, _ keepsInlines: Bool) -> Bool {
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT:
                if let literal = cmark_node_get_literal(current), strpbrk(literal, "@[") != nil { return false }
            case CMARK_NODE_CODE, CMARK_NODE_SOFTBREAK: break
            case CMARK_NODE_LINEBREAK where keepsInlines: break
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG: if !isAtom(current, keepsInlines) { return false }
            case CMARK_NODE_LINK where keepsInlines: if !isAtom(current, keepsInlines) { return false }
            default: return false
            }
            child = cmark_node_next(current)
        }
        return true
    }

    /// The bytes of an atom in a run: emphasis as its contents between ``AffixMarkup``'s characters, a soft line
    /// break as a space, and a code span, a link or a hard line break as the character that stands for it
    /// (``AffixMarkup/inline(_:)``), the node appended to `inlines`; without `keepsInlines`, a code span as its text.
    private static func atomBytes(_ node: OpaquePointer, keepsInlines: Bool, inlines: inout [OpaquePointer]) -> [UInt8] {
        func scalar(_ value: Unicode.Scalar) -> [UInt8] { Array(String(value).utf8) }
        func literal() -> [UInt8] {
            cmark_node_get_literal(node).map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) } ?? []
        }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT:
            return literal()
        case CMARK_NODE_CODE where !keepsInlines:
            // A code span as its text; with `keepsInlines`, as the character that stands for it (below).
            return literal()
        case CMARK_NODE_SOFTBREAK:
            return [0x20]
        case CMARK_NODE_CODE, CMARK_NODE_LINK, CMARK_NODE_LINEBREAK:
            inlines.append(node)
            return scalar(AffixMarkup.inline(inlines.count - 1))
        case let type:
            let strong = type == CMARK_NODE_STRONG
            var bytes = scalar(strong ? AffixMarkup.strongOpen : AffixMarkup.emphasisOpen)
            var child = cmark_node_first_child(node)
            while let current = child {
                bytes += atomBytes(current, keepsInlines: keepsInlines, inlines: &inlines)
                child = cmark_node_next(current)
            }
            return bytes + scalar(strong ? AffixMarkup.strongClose : AffixMarkup.emphasisClose)
        }
    }

    /// An inline as its Markdown, for a message that quotes the text it is in.
    private static func markdown(of node: OpaquePointer) -> String {
        // In the document's arena, as its HTML is.
        guard let rendered = cmark_render_commonmark(node, CMARK_OPT_DEFAULT, 0) else { return "" }
        return String(cString: rendered).trimmingCharacters(in: .newlines)
    }

    /// A part of a run that has citations: its text between them (a range of its bytes), or a citation's HTML.
    private enum Piece {
        case text(Range<Int>)
        case html(String)
    }

    private static func replace(_ nodes: [OpaquePointer], with pieces: [Piece], of bytes: [UInt8], atoms: [(node: OpaquePointer, range: Range<Int>)]) {
        guard let first = nodes.first else { return }
        // Everything goes before an anchor of its own (the first node may be emphasis that stays), freed at the end.
        let anchor = cmark_node_new_with_mem(CMARK_NODE_TEXT, sitegen_arena_mem())
        cmark_node_insert_before(first, anchor)
        /// The emphasis and code outside citations, moved back as they are.
        var kept: Set<OpaquePointer> = []
        // The run's bytes as cmark takes a literal: each line is given to it ended by a zero byte written after it in
        // this copy (cmark copies the literal), instead of a copy of each line a byte at a time.
        var text = [CChar](repeating: 0, count: bytes.count + 1)
        text.withUnsafeMutableBytes { target in bytes.withUnsafeBytes { target.copyMemory(from: $0) } }
        text.withUnsafeMutableBufferPointer { text in
            let base = text.baseAddress!
            for piece in pieces {
                switch piece {
                case .html(let html):
                    let node = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, sitegen_arena_mem())
                    cmark_node_set_on_enter(node, html)
                    cmark_node_insert_before(anchor, node)
                case .text(let range):
                    // A text node for each line (a literal holds no line break: a soft break is a node of its own), and
                    // the emphasis and code in the range moved back as they were.
                    var position = range.lowerBound
                    // The atoms are in order: the next one in the range, if any.
                    var next = atoms.firstIndex { $0.range.lowerBound >= position } ?? atoms.count
                    while position < range.upperBound {
                        if next < atoms.count, atoms[next].range.lowerBound == position {
                            cmark_node_insert_before(anchor, atoms[next].node)
                            kept.insert(atoms[next].node)
                            position = atoms[next].range.upperBound
                            next += 1
                            continue
                        }
                        if bytes[position] == 0x0A {
                            cmark_node_insert_before(anchor, cmark_node_new_with_mem(CMARK_NODE_SOFTBREAK, sitegen_arena_mem()))
                            position += 1
                            continue
                        }
                        let stop = min(range.upperBound, next < atoms.count ? atoms[next].range.lowerBound : range.upperBound)
                        var end = position
                        while end < stop, bytes[end] != 0x0A { end += 1 }
                        let saved = text[end]
                        text[end] = 0
                        let node = cmark_node_new_with_mem(CMARK_NODE_TEXT, sitegen_arena_mem())
                        _ = cmark_node_set_literal(node, base + position)
                        text[end] = saved
                        cmark_node_insert_before(anchor, node)
                        position = end
                    }
                }
            }
        }
        for node in nodes where !kept.contains(node) {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        cmark_node_unlink(anchor)
        cmark_node_free(anchor)
    }

    /// Whether an inline is inside a link written as HTML (`<a href="…">the guideline [@a]</a>`): a tag `<a` before it
    /// in its paragraph, with no `</a>` between them. A citation there would put a link inside a link.
    private static func isInsideRawLink(_ node: OpaquePointer) -> Bool {
        var current: OpaquePointer? = node
        while let inline = current, cmark_node_get_type(inline) != CMARK_NODE_PARAGRAPH, cmark_node_get_type(inline) != CMARK_NODE_HEADING {
            var sibling = cmark_node_previous(inline)
            while let previous = sibling {
                if cmark_node_get_type(previous) == CMARK_NODE_HTML_INLINE, let literal = cmark_node_get_literal(previous) {
                    // `<a …>` or `</a>`, not `<abbr>`.
                    let tag = String(cString: literal).lowercased()
                    let closing = tag.hasPrefix("</")
                    let name = tag.dropFirst(closing ? 2 : 1)
                    if name.hasPrefix("a"), let next = name.dropFirst().first, next == ">" || next.isWhitespace { return !closing }
                }
                sibling = cmark_node_previous(previous)
            }
            current = cmark_node_parent(inline)
        }
        return false
    }

    /// The citations in a block of HTML, which cmark leaves as written: each said (the source would go uncited in
    /// silence, its marker shown as typed), at its line.
    private static func citationsInHTML(_ node: OpaquePointer, body: SourceText, nearMiss: (CitationScanner.NearMiss, SourceLocation) -> Void) {
        guard let literal = cmark_node_get_literal(node), strchr(literal, Int32(UInt8(ascii: "@"))) != nil else { return }
        let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal)))
        // Text between tags only: an attribute's `@` (an address, `alt="[@a]"`) is no citation.
        // A comment (`<!-- … -->`) is no text, whatever `>` it holds.
        var isLiteral = [Bool](repeating: true, count: bytes.count)
        /// The tags, in order: where each is, its element's name, and whether it ends the element.
        var tags: [(offset: Int, name: String, isEnd: Bool)] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            let comment = bytes[index...].starts(with: "<!--".utf8)
            var end = index + 1
            while end < bytes.count, !(comment ? bytes[..<(end + 1)].suffix(3).elementsEqual("-->".utf8) : bytes[end] == UInt8(ascii: ">")) { end += 1 }
            for masked in index...min(end, bytes.count - 1) { isLiteral[masked] = false }
            let isEnd = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/")
            let name = bytes[(index + (isEnd ? 2 : 1))...].prefix { $0.isAlphanumericASCII || $0 == UInt8(ascii: "-") }
            // (Not a comment, a void element's tag, `<br>`, nor one that closes itself.)
            if !comment, !name.isEmpty, case let element = String(decoding: name, as: UTF8.self).lowercased(),
                isEnd || (!RawHTMLBalance.void.contains(element) && !(end > index && end < bytes.count && bytes[end - 1] == UInt8(ascii: "/")))
            {
                tags.append((index, element, isEnd))
            }
            index = end + 1
        }
        /// The element the text at `offset` is in, the innermost open there; nil outside every element.
        func element(at offset: Int) -> String? {
            var open: [String] = []
            for tag in tags where tag.offset < offset {
                if !tag.isEnd {
                    open.append(tag.name)
                } else if let opened = open.lastIndex(of: tag.name) {
                    open.removeSubrange(opened...)
                }
            }
            return open.last
        }
        let startLine = Int(cmark_node_get_start_line(node)), startColumn = max(Int(cmark_node_get_start_column(node)), 1)
        // The matches come in order: their lines are counted on from the one before.
        var counted = 0, lines = 0, lineStart = 0
        for match in CitationScanner().scanWithNearMisses(bytes, isLiteral: isLiteral).matches {
            let offset = match.range.lowerBound
            while counted < offset {
                if bytes[counted] == 0x0A { (lines, lineStart) = (lines + 1, counted + 1) }
                counted += 1
            }
            nearMiss(
                CitationScanner.NearMiss(kind: .insideHTML(inText: match.isInText, element: element(at: offset)), key: match.items[0].key, offset: offset),
                body.location(line: startLine + lines, column: startColumn + offset - lineStart))
        }
    }

    /// Whether a text is an autolink's, which is its address as written (`<https://x.org/@a>`, `<me@x.org>`).
    private static func isAutolinkText(_ node: OpaquePointer) -> Bool {
        guard let link = cmark_node_parent(node), cmark_node_get_type(link) == CMARK_NODE_LINK, cmark_node_first_child(link) == node,
            cmark_node_next(node) == nil, let url = cmark_node_get_url(link), let literal = cmark_node_get_literal(node)
        else { return false }
        let address = String(cString: url), text = String(cString: literal)
        return address == text || address == "mailto:" + text
    }

    private static func isInsideLink(_ node: OpaquePointer) -> Bool {
        var parent = cmark_node_parent(node)
        while let ancestor = parent {
            let type = cmark_node_get_type(ancestor)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { return true }
            parent = cmark_node_parent(ancestor)
        }
        return false
    }

    /// Whether `literal` is the source's bytes from `index`, as they are.
    private static func isWritten(_ literal: UnsafeRawBufferPointer, at index: Int, in source: [UInt8]) -> Bool {
        index >= 0 && index + literal.count <= source.count
            && source.withUnsafeBytes { memcmp($0.baseAddress! + index, literal.baseAddress!, literal.count) } == 0
    }

    /// Where the inlines of a paragraph are, line and column; cmark (0.30) places some of them elsewhere. It counts
    /// lines from the paragraph's first, a line more at each line feed it reads as one, and on each line the columns
    /// from the paragraph's first, the bytes after the marks of the blocks around and the spaces that start the line;
    /// so it places the text
    /// - of a paragraph that starts with link reference definitions from the first definition's line (the
    ///   definitions' lines are those of the paragraph that its text is not on, less those of a link's destination
    ///   and title: as many as put most of the text where it is written);
    /// - on a line written without the paragraph's indent (a lazy continuation of a block quote's or a list item's
    ///   paragraph, a line after an indented definition) at columns to the right;
    /// - after a line break written `\\` at a line's end, or a link whose destination or title is written over lines,
    ///   a line higher for each line feed so read, and on the line after it at columns that go on from the line
    ///   above, until a line ends otherwise.
    private static func places(in paragraph: OpaquePointer, source: [UInt8], lineStarts: [Int]) -> [OpaquePointer: (line: Int, column: Int)] {
        let first = Int(cmark_node_get_start_line(paragraph)), last = Int(cmark_node_get_end_line(paragraph))
        let indent = Int(cmark_node_get_start_column(paragraph)) - 1
        guard first >= 1, last >= first, last <= lineStarts.count, indent >= 0, lineStarts[first - 1] + indent < source.count else { return [:] }
        var quotes = 0
        var block = cmark_node_parent(paragraph)
        while let current = block {
            if cmark_node_get_type(current) == CMARK_NODE_BLOCK_QUOTE { quotes += 1 }
            block = cmark_node_parent(current)
        }
        /// Where a line's line feed is (the end of the source for the last line).
        func lineEnd(_ line: Int) -> Int { line < lineStarts.count ? lineStarts[line] - 1 : source.count }
        /// Where a line's text ends: at its line feed, or at a carriage return before it (cmark reads the two as one).
        func textEnd(_ line: Int) -> Int {
            let end = lineEnd(line)
            return end > lineStarts[line - 1] && source[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
        }
        /// How many lines the node's text is on past its first: those of a break, a code span or raw HTML.
        func linesPast(_ node: OpaquePointer) -> Int {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return 1
            case CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE: return max(0, Int(cmark_node_get_end_line(node)) - Int(cmark_node_get_start_line(node)))
            default: return 0
            }
        }
        // The definitions' lines, when the first line is one: at most those of the paragraph that its text is not on
        // (a link's destination and title may have such lines too).
        var textLines = 1, hasLink = false
        forEachNode(of: paragraph) { node in
            textLines += linesPast(node)
            if cmark_node_get_type(node) == CMARK_NODE_LINK || cmark_node_get_type(node) == CMARK_NODE_IMAGE { hasLink = true }
        }
        let firstLine = source[(lineStarts[first - 1] + indent)..<min(lineEnd(first), source.count)]
        let startsWithDefinition = firstLine.first == UInt8(ascii: "[")
            && zip(firstLine, firstLine.dropFirst()).contains { $0 == UInt8(ascii: "]") && $1 == UInt8(ascii: ":") }
        /// Where the paragraph's text on a line starts: at the paragraph's column on its first line; on the others
        /// after the spaces and the block quotes' `>` that start it.
        func textStart(_ line: Int) -> Int {
            if line == first { return lineStarts[line - 1] + indent }
            var index = lineStarts[line - 1], marks = quotes
            while index < source.count {
                let byte = source[index]
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                    index += 1
                } else if byte == UInt8(ascii: ">"), marks > 0 {
                    index += 1
                    marks -= 1
                } else {
                    break
                }
            }
            return index
        }
        /// The places of the paragraph's inlines with its text from the line after `definitions` lines, and the line
        /// it ends on.
        func places(definitions: Int) -> (places: [OpaquePointer: (line: Int, column: Int)], end: Int) {
            var places: [OpaquePointer: (line: Int, column: Int)] = [:]
            /// The line the text is on, the lines cmark did not count before it, and the lines from whose text on cmark
            /// counts columns.
            var line = first + definitions, uncounted = definitions
            var counted = line...line
            let iterator = cmark_iter_new(paragraph)
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard let node = cmark_iter_get_node(iterator), node != paragraph, line <= lineStarts.count else { continue }
                let type = cmark_node_get_type(node)
                if event == CMARK_EVENT_EXIT {
                    // A link's destination and title may be on lines of their own, which cmark does not count: the
                    // line of its end, found by going on from the first counted line by its column, is the one the
                    // text after it is on.
                    guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
                    var offset = Int(cmark_node_get_end_column(node)) - 1 - indent, end = counted.lowerBound
                    while offset > textEnd(end) - textStart(end), end < last {
                        offset -= textEnd(end) + 1 - textStart(end)
                        end += 1
                    }
                    if end > line {
                        uncounted += end - line
                        line = end
                        counted = counted.lowerBound...end
                    }
                    continue
                }
                switch type {
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    let end = textEnd(line)
                    let isBackslash = type == CMARK_NODE_LINEBREAK && end > lineStarts[line - 1] && source[end - 1] == UInt8(ascii: "\\")
                    // A break is at its line feed.
                    places[node] = (line, end - lineStarts[line - 1] + 1)
                    line += 1
                    if isBackslash {
                        uncounted += 1
                        counted = counted.lowerBound...line
                    } else {
                        counted = line...line
                    }
                default:
                    let reported = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
                    guard reported >= 1 else { continue }
                    // The bytes from the first counted line's text to the node, less those of the lines before its own.
                    var offset = column - 1 - indent
                    for above in counted.dropLast() { offset -= textEnd(above) + 1 - textStart(above) }
                    let index = textStart(counted.upperBound) + offset
                    if offset >= 0, counted.upperBound == reported + uncounted, index <= textEnd(counted.upperBound) {
                        places[node] = (counted.upperBound, index - lineStarts[counted.upperBound - 1] + 1)
                    }
                    // A code span or raw HTML over lines: cmark counts the lines in it, and columns from its last.
                    if linesPast(node) > 0 {
                        line = reported + linesPast(node) + uncounted
                        counted = line...line
                    }
                }
            }
            return (places, line)
        }
        guard startsWithDefinition else { return places(definitions: 0).places }
        // The definitions' lines are those of the paragraph that its text is not on, less any a link's destination
        // and title are on: as many as put most of the text where it is written.
        let most = max(0, last - first + 1 - textLines)
        var best: (places: [OpaquePointer: (line: Int, column: Int)], written: Int)?
        for definitions in stride(from: most, through: hasLink ? 0 : most, by: -1) {
            let (found, end) = places(definitions: definitions)
            guard end <= last else { continue }
            let written = found.count { node, place in
                guard cmark_node_get_type(node) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(node) else { return false }
                return isWritten(UnsafeRawBufferPointer(start: literal, count: strlen(literal)), at: lineStarts[place.line - 1] + place.column - 1, in: source)
            }
            if written > best?.written ?? -1 { best = (found, written) }
        }
        return best?.places ?? [:]
    }

    /// The paragraph an inline node is in, nil for one in a heading.
    private static func paragraph(of node: OpaquePointer) -> OpaquePointer? {
        var block = cmark_node_parent(node)
        while let current = block, cmark_node_get_type(current).rawValue >= CMARK_NODE_FIRST_INLINE.rawValue { block = cmark_node_parent(current) }
        return block.flatMap { cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH ? $0 : nil }
    }

    /// Lines up a text node's literal with its source slice, so that each byte knows its column and
    /// whether it was written as itself (a backslash escape or an entity is not); `place`: where it is, when cmark
    /// places it elsewhere (``places(in:source:lineStarts:)``).
    private static func align(_ node: OpaquePointer, at place: (line: Int, column: Int)?, source: [UInt8], lineStarts: [Int], into run: inout Run) {
        guard let literalPointer = cmark_node_get_literal(node) else { return }
        let literal = UnsafeRawBufferPointer(start: literalPointer, count: strlen(literalPointer))
        let line = place?.line ?? Int(cmark_node_get_start_line(node))
        let column = place?.column ?? Int(cmark_node_get_start_column(node))
        var sourceIndex = line >= 1 && line <= lineStarts.count ? lineStarts[line - 1] + column - 1 : source.count
        func isWritten(at index: Int) -> Bool { Self.isWritten(literal, at: index, in: source) }
        var aligned = sourceIndex < source.count
        // Most text is written as itself: the literal is the source slice, byte for byte.
        if aligned, isWritten(at: sourceIndex) {
            run.stretches.append((run.bytes.count, line, sourceIndex - lineStarts[line - 1] + 1, 1))
            run.bytes.append(contentsOf: literal)
            run.isLiteral.append(contentsOf: repeatElement(true, count: literal.count))
            return
        }
        var literalIndex = 0
        while literalIndex < literal.count {
            let byte = literal[literalIndex]
            var isLiteral = true
            let byteColumn = aligned ? sourceIndex - lineStarts[line - 1] + 1 : column
            if aligned, sourceIndex < source.count {
                let sourceByte = source[sourceIndex]
                if sourceByte == UInt8(ascii: "\\"), sourceIndex + 1 < source.count, source[sourceIndex + 1] == byte,
                    (0x21...0x7E).contains(byte), !byte.isAlphanumericASCII
                {
                    isLiteral = false
                    sourceIndex += 2
                } else if sourceByte == UInt8(ascii: "&"), let end = Self.entityEnd(source, at: sourceIndex)
                {
                    isLiteral = false
                    sourceIndex = end
                    // The entity decodes to a character of one or more bytes: its bytes after the first are UTF-8's
                    // continuation bytes (a next entity's character starts with a byte of its own). An entity of two
                    // characters (`&nvlt;`) leaves the rest unaligned, as any other difference does.
                    run.append(byte, isLiteral: false, at: (line, byteColumn))
                    literalIndex += 1
                    while literalIndex < literal.count, (0x80...0xBF).contains(literal[literalIndex]) {
                        run.append(literal[literalIndex], isLiteral: false, at: (line, byteColumn))
                        literalIndex += 1
                    }
                    continue
                } else if sourceByte == byte {
                    sourceIndex += 1
                } else {
                    aligned = false
                }
            }
            run.append(byte, isLiteral: isLiteral, at: (line, byteColumn))
            literalIndex += 1
        }
    }

    /// The index after `&name;`, `&#123;` or `&#x1F;` starting at `index`.
    private static func entityEnd(_ source: [UInt8], at index: Int) -> Int? {
        var position = index + 1
        while position < source.count, position - index <= 33 {
            let byte = source[position]
            if byte == UInt8(ascii: ";") { return position > index + 1 ? position + 1 : nil }
            guard byte.isAlphanumericASCII || byte == UInt8(ascii: "#") else { return nil }
            position += 1
        }
        return nil
    }

    private static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while let found = buffer.firstIndex(of: 0x0A, from: offset) {
                offset = found + 1
                starts.append(offset)
            }
        }
        return starts
    }
}
