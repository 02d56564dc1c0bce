/// The tags of a Mustache template with their places, read ahead of the template engine so that a mistake is
/// reported at its tag and in the words of the template: a section closed with the wrong name says which name
/// was expected, a partial or parent that does not exist suggests the nearest template name.
struct TemplateTags {
    struct Tag {
        enum Kind: Equatable {
            case variable, section, invertedSection, close, partial, parent, block, comment, setDelimiters
        }

        var kind: Kind
        var name: String
        /// Line and column of the tag's opening delimiter in the template (both 1-based; columns count characters).
        var line: Int
        var column: Int
    }

    var tags: [Tag] = []
    /// Whether the template has text of its own outside its tags (not only spaces and line breaks).
    var hasText = false
    /// Where a tag is opened and never closed, if one is.
    var unclosedTag: (line: Int, column: Int)?

    init(_ template: String) {
        var open: [Character] = ["{", "{"], close: [Character] = ["}", "}"]
        let characters = Array(template)
        var index = 0, line = 1, lineStart = 0
        func matches(_ delimiter: [Character], at position: Int) -> Bool {
            position + delimiter.count <= characters.count && characters[position..<position + delimiter.count].elementsEqual(delimiter)
        }
        while index < characters.count {
            if characters[index] == "\n" {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard matches(open, at: index) else {
                if !characters[index].isWhitespace { hasText = true }
                index += 1
                continue
            }
            let tagLine = line, tagColumn = index - lineStart + 1
            var start = index + open.count
            // `{{{name}}}` closes with one more brace.
            var closing = close
            let triple = open == ["{", "{"] && start < characters.count && characters[start] == "{"
            if triple {
                start += 1
                closing = ["}"] + close
            }
            var end = start
            while end < characters.count, !matches(closing, at: end) {
                if characters[end] == "\n" {
                    line += 1
                    lineStart = end + 1
                }
                end += 1
            }
            guard end < characters.count else {
                unclosedTag = (tagLine, tagColumn)
                return
            }
            let content = String(characters[start..<end]).trimmingWhitespace
            index = end + closing.count
            var kind = Tag.Kind.variable
            var name = content
            if !triple, let sigil = content.first {
                let kinds: [Character: Tag.Kind] = [
                    "#": .section, "^": .invertedSection, "/": .close, ">": .partial, "<": .parent, "$": .block, "!": .comment,
                    "=": .setDelimiters, "&": .variable,
                ]
                if let found = kinds[sigil] {
                    kind = found
                    name = String(content.dropFirst()).trimmingWhitespace
                }
            }
            if kind == .setDelimiters {
                // `{{=<% %>=}}`: the new opening and closing delimiters, separated by spaces.
                let parts = name.dropLast(name.hasSuffix("=") ? 1 : 0).split(separator: " ", omittingEmptySubsequences: true)
                if parts.count == 2 {
                    open = Array(parts[0])
                    close = Array(parts[1])
                }
            }
            tags.append(Tag(kind: kind, name: name, line: tagLine, column: tagColumn))
        }
    }

    /// The problems a template engine would report less clearly, or not at all: sections closed with another
    /// name or never closed, and partials and parents that name no template.
    /// - Parameters:
    ///   - known: the names of every template the site has.
    ///   - at: the file location of a line and column of the template.
    func problems(known: Set<String>, at location: (Int, Int) -> SourceLocation) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if let unclosedTag {
            problems.append(.error(at: location(unclosedTag.line, unclosedTag.column), "template error: a tag is opened here and never closed"))
        }
        var sections: [Tag] = []
        for tag in tags {
            switch tag.kind {
            case .section, .invertedSection, .block, .parent:
                sections.append(tag)
            case .close:
                guard let opened = sections.popLast() else {
                    problems.append(.error(at: location(tag.line, tag.column), "template error: '{{/\(tag.name)}}' closes a section that was never opened"))
                    continue
                }
                if opened.name != tag.name {
                    problems.append(
                        .error(
                            at: location(tag.line, tag.column),
                            "template error: expected '{{/\(opened.name)}}' to close the section opened at line \(opened.line), column \(opened.column), found '{{/\(tag.name)}}'"
                        ))
                    return problems
                }
            default:
                break
            }
            if tag.kind == .partial || tag.kind == .parent, !tag.name.hasPrefix("*"), !known.contains(tag.name) {
                var message = "template error: no template named '\(tag.name)'"
                if let near = Suggestion.nearest(to: tag.name, among: known) { message += "; did you mean '\(near)'?" }
                problems.append(.error(at: location(tag.line, tag.column), message + " (add Templates/\(tag.name).mustache to make one)"))
            }
        }
        for opened in sections {
            problems.append(.error(at: location(opened.line, opened.column), "template error: section '\(opened.name)' is never closed (add '{{/\(opened.name)}}')"))
        }
        return problems
    }

    /// The names of the templates this one includes as partials or parents.
    var includedNames: Set<String> {
        Set(tags.filter { $0.kind == .partial || $0.kind == .parent }.map(\.name))
    }
}
