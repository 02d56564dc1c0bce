/// A mistake in a template, at the line and column of the tag that shows it.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    /// For a section closed by another name: the tag it opened with (`{{<bsae}}` closed by `{{/base}}`), and the
    /// name that closed it, so that a caller can tell a mistyped opening from a mistyped closing.
    public var mismatch: (opened: Tag, closing: String)? {
        get { mismatchStorage.map { ($0.opened, $0.closing) } }
        set { mismatchStorage = newValue.map { Mismatch(opened: $0.opened, closing: $0.closing) } }
    }
    private var mismatchStorage: Mismatch?
    private struct Mismatch: Sendable, Equatable {
        var opened: Tag
        var closing: String
    }

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}

/// Reads a template into its tree, as the Mustache specification says: tags, set delimiters, sections, partials,
/// parents and blocks, and the lines that hold only a tag (standalone), which leave nothing in the output.
struct TemplateParser {
    private let bytes: [UInt8]
    /// The index of a template in the set, by name.
    private let templateIndex: (String) -> Int?

    private struct RawTag {
        var tag: Tag
        /// The spaces and tabs before the tag, when only they precede it on its line.
        var indentation: String?
        /// Whether the tag stood alone on its line (the line left nothing in the output).
        var standalone = false
    }

    private enum Token {
        case text(String)
        case tag(RawTag)
    }

    init(_ text: String, templateIndex: @escaping (String) -> Int?) {
        bytes = Array(text.utf8)
        self.templateIndex = templateIndex
    }

    func parse() throws(TemplateError) -> Template {
        let (tokens, hasText) = try tokenize()
        let lines = standaloneLinesRemoved(tokens)
        var position = 0
        var ignored: [Template.Ignored] = []
        let nodes = try parseNodes(lines, &position, closing: nil, ignored: &ignored)
        let tags = tokens.compactMap { token -> Tag? in
            if case .tag(let raw) = token { return raw.tag }
            return nil
        }
        // Text or tags after a parent the template ends with print after the parent's page (after `</html>`).
        var printsAfterParent = false
        if let last = nodes.lastIndex(where: { if case .parent = $0 { true } else { false } }) {
            printsAfterParent = nodes[(last + 1)...].contains { node in
                if case .text(let text) = node { return text.contains { !$0.isWhitespace } }
                return true
            }
        }
        return Template(nodes: nodes, hasText: hasText, tags: tags, ignoredInParents: ignored, printsAfterParent: printsAfterParent)
    }

    // MARK: Tokens

    private static let sigils: [UInt8: Tag.Kind] = [
        UInt8(ascii: "#"): .section, UInt8(ascii: "^"): .invertedSection, UInt8(ascii: "/"): .close,
        UInt8(ascii: ">"): .partial, UInt8(ascii: "<"): .parent, UInt8(ascii: "$"): .block, UInt8(ascii: "!"): .comment,
        UInt8(ascii: "="): .setDelimiters, UInt8(ascii: "&"): .variable(escaped: false),
    ]

    /// The template as text and tags; text is cut after each line break, so a line ends with a text token.
    private func tokenize() throws(TemplateError) -> ([Token], Bool) {
        var open = Array("{{".utf8), close = Array("}}".utf8)
        var tokens: [Token] = []
        var hasText = false
        var index = 0, textStart = 0, line = 1, lineStart = 0
        func matches(_ delimiter: [UInt8], at position: Int) -> Bool {
            guard position + delimiter.count <= bytes.count else { return false }
            for offset in delimiter.indices where bytes[position + offset] != delimiter[offset] { return false }
            return true
        }
        func flushText(upTo end: Int) {
            guard end > textStart else { return }
            let slice = bytes[textStart..<end]
            if slice.contains(where: { !Self.isSpace($0) && $0 != 0x0A && $0 != 0x0D }) { hasText = true }
            tokens.append(.text(String(decoding: slice, as: UTF8.self)))
        }
        while index < bytes.count {
            if bytes[index] == 0x0A {
                index += 1
                flushText(upTo: index)
                textStart = index
                line += 1
                lineStart = index
                continue
            }
            guard matches(open, at: index) else {
                index += 1
                continue
            }
            flushText(upTo: index)
            let tagLine = line, tagColumn = column(of: index, lineStart: lineStart)
            var start = index + open.count
            let triple = open == Array("{{".utf8) && start < bytes.count && bytes[start] == UInt8(ascii: "{")
            var closing = close
            if triple {
                start += 1
                closing = [UInt8(ascii: "}")] + close
            }
            var end = start
            let isComment = !triple && start < bytes.count && bytes[start] == UInt8(ascii: "!")
            while end < bytes.count, !matches(closing, at: end) {
                // `{{title}</h1> … {{#x}}`: a tag missing a brace would run to the next tag's end; a comment may hold
                // anything.
                if !isComment, matches(open, at: end) {
                    var shown = Array(bytes[index..<end].prefix { $0 != 0x0A })
                    if shown.count > 40 { shown = Array(shown.prefix(37)) + Array("…".utf8) }
                    throw TemplateError(
                        line: tagLine, column: tagColumn,
                        message: "'\(String(decoding: shown, as: UTF8.self))' is not closed before the next tag (at line \(line), column "
                            + "\(column(of: end, lineStart: lineStart))); end it with '\(String(decoding: closing, as: UTF8.self))'")
                }
                if bytes[end] == 0x0A {
                    line += 1
                    lineStart = end + 1
                }
                end += 1
            }
            guard end < bytes.count else {
                throw TemplateError(line: tagLine, column: tagColumn, message: "a tag is opened here and never closed")
            }
            index = end + closing.count
            textStart = index
            let content = Self.trimmed(bytes[start..<end])
            var kind = Tag.Kind.variable(escaped: true)
            var name = content
            if triple {
                kind = .variable(escaped: false)
            } else if let sigil = content.utf8.first, let found = Self.sigils[sigil] {
                kind = found
                name = Self.trimmed(Array(content.utf8.dropFirst())[...])
            }
            if kind == .setDelimiters {
                // `{{=<% %>=}}`: the new opening and closing delimiters, separated by spaces.
                let parts = name.utf8.last == UInt8(ascii: "=")
                    ? name.utf8.dropLast().split(whereSeparator: Self.isSpace).map(Array.init) : []
                guard parts.count == 2, !parts.contains(where: { $0.contains(UInt8(ascii: "=")) }) else {
                    throw TemplateError(
                        line: tagLine, column: tagColumn,
                        message: "a set-delimiter tag needs two delimiters without '=', as in '{{=<% %>=}}'")
                }
                open = parts[0]
                close = parts[1]
            }
            if kind == .comment { name = "" }
            tokens.append(.tag(RawTag(tag: Tag(kind: kind, name: name, line: tagLine, column: tagColumn))))
        }
        flushText(upTo: bytes.count)
        return (tokens, hasText)
    }

    private func column(of position: Int, lineStart: Int) -> Int {
        String(decoding: bytes[lineStart..<position], as: UTF8.self).count + 1
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    // MARK: Standalone lines

    /// Removes the spaces and line break of every line that holds nothing but tags that print nothing themselves:
    /// one such tag, or several when one of them opens or closes a parent (`{{<parent}}{{$block}}`).
    private func standaloneLinesRemoved(_ tokens: [Token]) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(tokens.count)
        var line: [Token] = []
        var openKinds: [Tag.Kind] = []
        func finishLine() {
            defer { line.removeAll(keepingCapacity: true) }
            var tagCount = 0, touchesParent = false, blank = true
            for token in line {
                switch token {
                case .text(let text):
                    if text.utf8.contains(where: { !Self.isSpace($0) && $0 != 0x0A && $0 != 0x0D }) { blank = false }
                case .tag(let raw):
                    tagCount += 1
                    switch raw.tag.kind {
                    case .variable: blank = false
                    case .parent: touchesParent = true
                    case .close: if openKinds.last == .parent { touchesParent = true }
                    default: break
                    }
                    switch raw.tag.kind {
                    case .section, .invertedSection, .parent, .block: openKinds.append(raw.tag.kind)
                    case .close: _ = openKinds.popLast()
                    default: break
                    }
                }
            }
            let standalone = blank && tagCount > 0 && (tagCount == 1 || touchesParent)
            // The first tag's indentation: the spaces and tabs before it, when nothing else is.
            var leading: String? = ""
            for token in line {
                switch token {
                case .text(let text):
                    if !standalone { result.append(token) }
                    if let before = leading { leading = text.utf8.allSatisfy(Self.isSpace) ? before + text : nil }
                case .tag(var raw):
                    raw.indentation = leading
                    leading = nil
                    raw.standalone = standalone
                    result.append(.tag(raw))
                }
            }
        }
        for token in tokens {
            line.append(token)
            if case .text(let text) = token, text.utf8.last == 0x0A { finishLine() }
        }
        finishLine()
        return result
    }

    // MARK: Tree

    /// - Parameter ignored: what a parent holds outside its blocks, which nothing prints, is added here.
    private func parseNodes(
        _ tokens: [Token], _ position: inout Int, closing opened: RawTag?, ignored: inout [Template.Ignored]
    ) throws(TemplateError) -> [Node] {
        var nodes: [Node] = []
        func appendText(_ text: String) {
            if case .text(let previous) = nodes.last {
                nodes[nodes.count - 1] = .text(previous + text)
            } else {
                nodes.append(.text(text))
            }
        }
        while position < tokens.count {
            let token = tokens[position]
            position += 1
            guard case .tag(let raw) = token else {
                if case .text(let text) = token { appendText(text) }
                continue
            }
            let tag = raw.tag
            switch tag.kind {
            case .comment, .setDelimiters:
                continue
            case .variable(let escaped):
                nodes.append(.variable(Path(tag.name), escaped: escaped))
            case .close:
                guard let opened else {
                    throw TemplateError(line: tag.line, column: tag.column, message: "'{{/\(tag.name)}}' closes a section that was never opened")
                }
                guard opened.tag.name == tag.name else {
                    var error = TemplateError(
                        line: tag.line, column: tag.column,
                        message: "expected '{{/\(opened.tag.name)}}' to close the section opened at line \(opened.tag.line), column \(opened.tag.column), found '{{/\(tag.name)}}'")
                    error.mismatch = (opened.tag, tag.name)
                    throw error
                }
                return nodes
            case .section, .invertedSection:
                let children = try parseNodes(tokens, &position, closing: raw, ignored: &ignored)
                nodes.append(.section(Path(tag.name), children, inverted: tag.kind == .invertedSection))
            case .partial:
                let indentation = raw.standalone ? raw.indentation : nil
                if tag.name.hasPrefix("*") {
                    nodes.append(.dynamicPartial(Path(Self.trimmed(Array(tag.name.utf8.dropFirst())[...])), indentation: indentation))
                } else {
                    nodes.append(.partial(templateIndex(tag.name), indentation: indentation))
                }
            case .block:
                let children = try parseNodes(tokens, &position, closing: raw, ignored: &ignored)
                let indentation: String
                if raw.standalone {
                    // Where the opening tag stands alone, its content's first line says how its lines are indented.
                    if case .text(let text) = children.first {
                        indentation = String(text.prefix { $0 == " " || $0 == "\t" })
                    } else {
                        indentation = children.isEmpty ? raw.indentation ?? "" : ""
                    }
                } else {
                    indentation = raw.indentation ?? ""
                }
                let definition = BlockDefinition(nodes: children, indentation: raw.standalone ? indentation : "")
                nodes.append(.block(tag.name, definition, standalone: raw.standalone, indentation: indentation))
            case .parent:
                let children = try parseNodes(tokens, &position, closing: raw, ignored: &ignored)
                var overrides: [String: BlockDefinition] = [:]
                for case .block(let name, let definition, _, _) in children where overrides[name] == nil {
                    overrides[name] = definition
                }
                // The specification prints a parent's blocks only: its other text and tags are dropped.
                let dropped = children.compactMap { child -> String? in
                    switch child {
                    case .block: return nil
                    case .text(let text): return text.contains(where: { !$0.isWhitespace }) ? String(text.drop(while: \.isWhitespace).prefix { $0 != "\n" && $0 != "\r\n" }) : nil
                    case .variable, .section, .partial, .dynamicPartial, .parent: return "{{…}}"
                    }
                }
                if let first = dropped.first {
                    ignored.append(Template.Ignored(line: tag.line, column: tag.column, parent: tag.name, example: String(first.prefix(40))))
                }
                nodes.append(.parent(templateIndex(tag.name), overrides: overrides, indentation: raw.standalone ? raw.indentation : nil))
            }
        }
        if let opened {
            throw TemplateError(
                line: opened.tag.line, column: opened.tag.column,
                message: "section '\(opened.tag.name)' is never closed (add '{{/\(opened.tag.name)}}')")
        }
        return nodes
    }
}
