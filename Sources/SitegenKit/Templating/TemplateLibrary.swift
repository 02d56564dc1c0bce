import MustacheEngine

/// The compiled templates of a site: the built-in ones, replaced by name by `Templates/*.mustache`, each parsed
/// once per build by our Mustache engine.
struct TemplateLibrary: Sendable {
    private let set: TemplateSet
    let names: Set<String>
    /// Every name any template looks up, each part of a dotted one (`site`, `title` of `{{site.title}}`): a key of a
    /// context that is none of these is never read.
    let namesLookedUp: Set<String>
    /// What the site's templates do that is most likely a mistake, though a page can still be made: a name no
    /// page's context holds, a block that its parent does not declare.
    let warnings: [Diagnostic]

    /// Every problem found in a site's templates, in file order.
    struct Problems: Error {
        var diagnostics: [Diagnostic]
    }

    /// - Parameters:
    ///   - siteTemplates: template name, site-relative path and text of each site template.
    ///   - words: the site's words, which the built-in templates read when they are compiled, not on each page.
    init(siteTemplates: [(name: String, source: SourceText)], words: SiteWords) throws(Problems) {
        let sources = BuiltinTemplates.all.sorted { $0.key < $1.key }.map { (name: $0.key, text: $0.value) }
            + siteTemplates.map { (name: $0.name, text: $0.source.text) }
        let sourceByName = Dictionary(siteTemplates.map { ($0.name, $0.source) }) { first, _ in first }
        func location(_ name: String, line: Int, column: Int) -> SourceLocation {
            sourceByName[name]?.location(line: line, column: column) ?? SourceLocation(path: "<built-in>/\(name).mustache", line: line, column: column)
        }
        let set: TemplateSet
        do {
            set = try TemplateSet(sources)
        } catch {
            // The other templates' unknown partials and parents too, so that one build names every mistake it can.
            let known = Set(sources.map(\.name))
            let unknown = siteTemplates.flatMap { name, _ in
                error.parsed[name].map { Self.unknownTemplates(in: $0, known: known) { location(name, line: $0, column: $1) } } ?? []
            }
            throw Problems(diagnostics: unknown + error.errors.map { failure in
                // A comment left open swallows the tags after it up to the next `}}`, and the error is where that breaks the
                // structure, lines below: the comment is the cause to name.
                if let source = sourceByName[failure.name], let comment = Self.openComment(in: source.text, before: failure.error.line) {
                    return .error(
                        at: location(failure.name, line: comment.line, column: comment.column),
                        "template error: this comment runs to line \(comment.endLine), over the tags between (\(failure.error.message)); close it with '}}' where it ends")
                }
                // `{{<bsae}}…{{/base}}`: the opening is mistyped, not the closing the message would have copied it into.
                let known = Set(sources.map(\.name))
                if let (opened, closing) = failure.error.mismatch, opened.kind == .parent, !known.contains(opened.name), known.contains(closing) {
                    return .error(
                        at: location(failure.name, line: opened.line, column: opened.column),
                        "template error: no template named '\(opened.name)'; did you mean '\(closing)'? ('{{/\(closing)}}' closes it)")
                }
                return .error(at: location(failure.name, line: failure.error.line, column: failure.error.column), "template error: \(failure.error.message)")
            })
        }
        let names = Set(set.names)
        var problems: [Diagnostic] = [], warnings: [Diagnostic] = []
        // Partials included inside a section over the site's or an article's own keys (`{{#extra.callout}}{{>tip}}`):
        // their names are those keys' (`{{heading}}`), not a page's, so they are not checked.
        let inUserSections = Self.reachable(from: names.compactMap { set[$0] }.flatMap(Self.includedInUserSections), in: set)
        let feedKeysTested = Self.feedKeysTested(aroundPartialsOf: names.compactMap { set[$0] })
        for (name, source) in siteTemplates {
            guard let template = set[name] else { continue }
            let at = { (line: Int, column: Int) in location(name, line: line, column: column) }
            if let liquid = Self.liquidTag(in: source) { warnings.append(liquid) }
            warnings += Self.strayBraces(in: source.text, template: template, at: at)
            warnings += Self.blocksGivenTwice(in: template, at: at)
            problems += Self.unknownTemplates(in: template, known: names, at: at)
            if !inUserSections.contains(name) {
                // Another generator's syntax that no page can print (`{{ .Title }}`, `{{ page.title }}`) is an error, the rest warnings.
                let found = Self.unknownNames(in: template, text: source.text, at: at)
                problems += found.filter { $0.severity == .error }
                warnings += found.filter { $0.severity == .warning }
            }
            warnings += Self.untestedFeedAddresses(in: template, tested: feedKeysTested[name] ?? [], at: at)
            warnings += Self.undeclaredBlocks(in: template, set: set, at: at)
            // What a parent holds outside its blocks is dropped, as the specification says: a banner put there is never shown.
            for dropped in template.ignoredInParents {
                warnings.append(
                    .warning(at: at(dropped.line, dropped.column),
                        "'{{<\(dropped.parent)}}' holds text or tags outside its blocks ('\(dropped.example)'), which are not printed: only the"
                            + " blocks of '\(dropped.parent)' are; put them inside one ({{$main}}…{{/main}})"))
            }
            if template.printsAfterParent, let (parent, close) = Self.lastTopLevelParent(template.tags) {
                warnings.append(
                    .warning(at: at(close.line, close.column),
                        "text or tags after '{{/\(parent.name)}}' are printed after the whole of '\(parent.name)'\(parent.name == "base" ? " (after </html>)" : ""); put them"
                            + " inside one of its blocks ({{$main}}…{{/main}})"))
            }
            if let tag = Self.endlessInclusion(from: name, set: set) {
                let written = (tag.kind == .parent ? "{{<" : "{{>") + tag.name + "}}"
                problems.append(.error(at: at(tag.line, tag.column), "template error: '\(name)' includes itself here without end (through '\(written)' outside any section); put the inclusion inside a section that ends"))
            }
        }
        if !problems.isEmpty { throw Problems(diagnostics: problems) }
        // The built-in templates' words (`{{words.mode}}`, about 50 a page) are the same on every page, where no section
        // over a key of the site's or an article's own can hide `words`: a built-in template that a site template includes
        // inside such a section (or every one, when a partial named by a value is included there) reads them on each page.
        let namedByValues = inUserSections.contains { name in
            name.hasPrefix("*") || set[name]?.tags.contains { ($0.kind == .partial || $0.kind == .parent) && $0.name.hasPrefix("*") } == true
        }
        let readsWordsOnce = namedByValues ? [] : Set(BuiltinTemplates.all.keys).subtracting(siteTemplates.map(\.name)).subtracting(inUserSections)
        self.set = set.readingConstants(["words": words.templateValue], in: readsWordsOnce)
        self.names = names
        namesLookedUp = Set(names.compactMap { set[$0] }.flatMap(\.tags).flatMap { tag -> [Substring] in
            switch tag.kind {
            case .variable, .section, .invertedSection: tag.lookedUpName.split(separator: ".")
            // `{{>*name}}`: a partial named by the value of `name`.
            case .partial, .parent: tag.name.hasPrefix("*") ? tag.name.dropFirst().split(separator: ".") : []
            case .close, .block, .comment, .setDelimiters: []
            }
        }.map(String.init))
        self.warnings = warnings
    }

    /// The tags of a template and of every partial and parent it includes by name, each template once.
    private func reachableTags(from template: String) -> [Tag] {
        Self.reachable(from: [template], in: set).flatMap { set[$0]?.tags ?? [] }
    }

    /// The templates named, and every partial and parent they include by name, each once (a name of no template too,
    /// and `*name`, a partial named by a value).
    private static func reachable(from names: [String], in set: TemplateSet) -> Set<String> {
        var seen = Set<String>(), pending = names
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, let own = set[next]?.tags else { continue }
            pending += own.filter { ($0.kind == .partial || $0.kind == .parent) && !$0.name.hasPrefix("*") }.map(\.name)
        }
        return seen
    }

    /// Whether a template, or a partial or parent it includes, ever looks up `name` (or a name inside it); a partial
    /// named by a value (`{{>*name}}`) may be any template, so it may.
    func looksUp(_ name: String, from template: String) -> Bool {
        reachableTags(from: template).contains { tag in
            switch tag.kind {
            case .variable, .section, .invertedSection: tag.lookedUpName == name || tag.lookedUpName.hasPrefix(name + ".")
            case .partial, .parent: tag.name.hasPrefix("*")
            case .close, .block, .comment, .setDelimiters: false
            }
        }
    }

    /// The names of the values that name partials (`extra.widget` of `{{>*extra.widget}}`) in a template and the
    /// partials and parents it includes.
    func dynamicPartials(from template: String) -> Set<String> {
        Set(reachableTags(from: template).filter { ($0.kind == .partial || $0.kind == .parent) && $0.name.hasPrefix("*") }.map { String($0.name.dropFirst()) })
    }

    /// Renders a context with the named template, or nil when there is no such template.
    func render(_ context: TemplateObject, template name: String) -> String? {
        set.render(name, .object(context))
    }

    /// ``render(_:template:)`` as UTF-8 bytes, for a page written as it is.
    func renderUTF8(_ context: TemplateObject, template name: String) -> [UInt8]? {
        set.renderUTF8(name, .object(context))
    }

    /// The names of the templates a site template includes as partials or parents; nil when it does not parse.
    static func includedNames(_ text: String) -> Set<String>? {
        guard let template = try? TemplateSet([(name: "", text: text)])[""] else { return nil }
        return Set(template.tags.filter { $0.kind == .partial || $0.kind == .parent }.map(\.name))
    }

    /// Whether a template has text of its own outside its tags (not only spaces and line breaks).
    static func hasText(_ text: String) -> Bool {
        (try? TemplateSet([(name: "", text: text)])[""]?.hasText) ?? true
    }

    /// Whether a template can print nothing whatever the page: it has no text outside its tags and no tag but
    /// comments and changes of delimiters (a layout saved with only `{{! TODO }}` in it).
    static func printsNothing(_ text: String) -> Bool {
        guard let template = try? TemplateSet([(name: "", text: text)])[""] else { return false }
        return !template.hasText && template.tags.allSatisfy { $0.kind == .comment || $0.kind == .setDelimiters }
    }

    /// Names that no page's context holds (`{{titel}}`, `{{site.titel}}`), which would always print nothing. Not
    /// checked: names under `extra` and `site.extra` (an article's and the site's own keys), what the settings under
    /// `site` hold (`site.nav`'s entries), and names inside sections over these. Hugo's syntax (`{{ .Title }}`,
    /// `{{ range .Pages }}`), which names nothing a page could hold, is an error; the rest are warnings.
    /// - Parameter text: the template's text, in which a tag of another generator's is quoted as it is typed.
    private static func unknownNames(in template: Template, text: String, at location: (Int, Int) -> SourceLocation) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // For each open section, parent and block: whether it is a section over the site's or an article's own keys.
        var open: [Bool] = []
        // The Mustache tags meant by Go's actions still open (`#articles` for `{{ range .Pages }}`), which `{{ end }}` closes.
        var goBlocks: [String?] = []
        for tag in template.tags {
            switch tag.kind {
            case .close:
                _ = open.popLast()
            case .parent, .block:
                open.append(false)
            case .variable(_), .section, .invertedSection:
                let insideUserSection = open.contains(true)
                let checked = !insideUserSection && !isUserKey(tag)
                // The tag as written (an unescaped variable in its usual form, `{{{body}}}`).
                let written = tag.kind == .variable(escaped: false)
                    ? "{\(tag.name)}" : (tag.kind == .section ? "#" : tag.kind == .invertedSection ? "^" : "") + tag.name
                if !insideUserSection, let (language, advice) = foreignSyntax(tag.name, goBlocks: &goBlocks) {
                    if tag.kind == .section || tag.kind == .invertedSection { open.append(false) }
                    let message = "'\(typed(tag, in: text) ?? "{{\(written)}}")' is \(language.name), which Mustache prints as nothing; \(advice)"
                    diagnostics.append(.error(at: location(tag.line, tag.column), "template error: " + message))
                    continue
                }
                if !insideUserSection, let setting = unknownSetting(tag) {
                    // `site` holds the keys of sitegen.yml, which takes no others: `{{site.titel}}` prints nothing.
                    var message = "no page's context has 'site.\(setting)', so '{{\(written)}}' \(Self.alwaysWhat(tag))"
                    if let near = Suggestion.nearest(to: setting, among: SiteSettingsLoader.keys) { message += "; did you mean 'site.\(near)'?" }
                    diagnostics.append(.warning(at: location(tag.line, tag.column), message + " (the site's own values are under 'site.extra.')"))
                }
                if tag.kind == .section || tag.kind == .invertedSection { open.append(isUserKey(tag)) }
                // (`{{index()}}`, like `first()`, is the place of the current item in its list.)
                if let unknown = tag.transforms.first(where: { !TemplateValue.transformNames.contains($0) && !(tag.lookedUpName.isEmpty && $0 == "index") }) {
                    // `{{uppercase(title)}}`: no transform of that name, so nothing is printed.
                    var message = "'\(unknown)' is no transform, so '{{\(written)}}' \(Self.alwaysWhat(tag))"
                    // Other template languages' names for a list's count: `length` (Liquid, Jinja), `size`, `len`.
                    let counted = ["length", "lenght", "size", "len"].contains(unknown.lowercased()) ? "count" : nil
                    if let near = counted ?? Suggestion.nearest(to: unknown, among: TemplateValue.transformNames) { message += "; did you mean '\(near)'?" }
                    diagnostics.append(
                        .warning(at: location(tag.line, tag.column), message + " (the transforms: \(TemplateValue.transformNames.joined(separator: ", ")))"))
                    continue
                }
                if checked, tag.kind == .variable(escaped: false), tag.transforms.isEmpty, PageBuilder.plainTextKeys.contains(tag.lookedUpName) {
                    // Unescaped, a title's `<` or `&` is read as HTML: `Water <img onerror=…>` runs on the page.
                    let written = tag.name
                    diagnostics.append(
                        .warning(at: location(tag.line, tag.column),
                            "'\(tag.lookedUpName)' is plain text, which a triple or '&' tag prints unescaped, so a '<' or '&' in it is read as"
                                + " HTML; write '{{\(written)}}'"))
                }
                if checked, tag.kind == .variable(escaped: true), PageBuilder.htmlKeys.contains(tag.lookedUpName) {
                    // Escaped, HTML shows its tags as text: `{{body}}` prints `<p>…</p>` on the page.
                    diagnostics.append(
                        .warning(at: location(tag.line, tag.column),
                            "'{{\(tag.name)}}' escapes the HTML that '\(tag.lookedUpName)' holds, so the page shows its tags as text; write '{{{\(tag.name)}}}'"))
                }
                // Every part of a dotted name (`{{pager.totl}}`), up to one that holds the site's or an article's own keys.
                let parts = tag.lookedUpName.split(separator: ".", omittingEmptySubsequences: false)
                guard checked, !parts[0].isEmpty else { continue }
                // `{{words.mode}}`, `{{#words.en.mode}}`: a key of the words' (``SiteWords``).
                if parts[0] == "words", parts.count > 1 {
                    let index = parts[1] == "en" && parts.count > 2 ? 2 : 1, key = String(parts[index])
                    guard !(index == 1 && key == "en"), !SiteWords.keys.contains(key) else { continue }
                    let holder = parts[..<index].joined(separator: ".")
                    var message = "there is no word '\(key)', so '{{\(written)}}' \(Self.alwaysWhat(tag))"
                    if let near = Suggestion.nearest(to: key, among: SiteWords.keys) { message += "; did you mean '\(holder).\(near)'?" }
                    diagnostics.append(.warning(at: location(tag.line, tag.column), message + " (README lists the words' keys)"))
                    continue
                }
                let ownKeys = parts.firstIndex { $0 == "extra" || $0 == "site" } ?? parts.count
                guard let unknown = parts[..<ownKeys].firstIndex(where: { !PageBuilder.contextKeys.contains(String($0)) }) else { continue }
                let holder = parts[..<unknown].map { "\($0)." }.joined()
                var message = "no page's context has '\(holder)\(parts[unknown])', so '{{\(written)}}' \(Self.alwaysWhat(tag))"
                if let near = Suggestion.nearest(to: String(parts[unknown]), among: PageBuilder.contextKeys) { message += "; did you mean '\(holder)\(near)'?" }
                diagnostics.append(.warning(at: location(tag.line, tag.column), message + " (the site's own keys are under 'site.', an article's under 'extra.')"))
            default:
                break
            }
        }
        return diagnostics
    }

    /// A feed's address (``PageBuilder/feedKeys``) printed outside a section that tests it: a `base` or `topic`
    /// template written before a site or a topic could be without a feed (`<link rel="alternate" … href="{{feedURL}}">`)
    /// prints it empty on a page without one, the 404 page's or a topic's none of whose answers is dated, and its link
    /// leads to no feed. A section over the key (`{{#feedURL}}`) around the tag, or around each inclusion of the
    /// template, tests it; inside `{{^feedURL}}` it is always null.
    /// - Parameter tested: the keys that a section around each of the template's inclusions as a partial tests.
    private static func untestedFeedAddresses(in template: Template, tested: Set<String>, at location: (Int, Int) -> SourceLocation) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // For each open section, parent and block: the key it tests, for a section over a feed's address.
        var open: [String?] = []
        for tag in template.tags {
            switch tag.kind {
            case .section: open.append(PageBuilder.feedKeys[tag.name] == nil ? nil : tag.name)
            case .invertedSection, .parent, .block: open.append(nil)
            case .close: _ = open.popLast()
            case .variable(let escaped):
                let key = tag.lookedUpName
                guard let null = PageBuilder.feedKeys[key], !tested.contains(key), !open.contains(key) else { continue }
                diagnostics.append(
                    .warning(at: location(tag.line, tag.column),
                        "'{{\(escaped ? tag.name : "{\(tag.name)}")}}' is null \(null), where it prints nothing and a link to it leads to no"
                            + " feed; write it inside {{#\(key)}}…{{/\(key)}}, which prints only where there is one"))
            default: break
            }
        }
        return diagnostics
    }

    /// For each template included as a partial, the feeds' addresses (``PageBuilder/feedKeys``) that a section around
    /// every one of its inclusions tests (`{{#feedURL}}{{>feed-link}}{{/feedURL}}`): it may print them as they are.
    private static func feedKeysTested(aroundPartialsOf templates: [Template]) -> [String: Set<String>] {
        var tested: [String: Set<String>] = [:]
        for template in templates {
            var open: [String] = []
            for tag in template.tags {
                switch tag.kind {
                case .section, .invertedSection, .parent, .block: open.append(tag.kind == .section ? tag.name : "")
                case .close: _ = open.popLast()
                case .partial where !tag.name.hasPrefix("*"):
                    let around = Set(open).intersection(PageBuilder.feedKeys.keys)
                    tested[tag.name] = tested[tag.name].map { $0.intersection(around) } ?? around
                default: break
                }
            }
        }
        return tested
    }

    /// Tags that print what was not meant, which the specification reads without a word: `{{title}}}` (a brace too
    /// many, printed after the title on every page), `{{}}` (a tag without a name), and text before a template's
    /// parent, `{{<base}}`, printed before the page's `<!DOCTYPE html>` (which puts the browser in quirks mode).
    /// Looked for in templates that keep the `{{ }}` delimiters.
    private static func strayBraces(in text: String, template: Template, at location: (Int, Int) -> SourceLocation) -> [Diagnostic] {
        guard !template.tags.contains(where: { $0.kind == .setDelimiters }) else { return [] }
        var diagnostics: [Diagnostic] = []
        // Characters, as the template engine counts its columns.
        let characters = Array(text)
        var line = 1, column = 1, index = 0
        var lineOf: [Int] = [], columnOf: [Int] = []
        lineOf.reserveCapacity(characters.count)
        columnOf.reserveCapacity(characters.count)
        for character in characters {
            lineOf.append(line)
            columnOf.append(column)
            if character == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
        }
        while index + 1 < characters.count {
            guard characters[index] == "{", characters[index + 1] == "{" else {
                index += 1
                continue
            }
            let triple = index + 2 < characters.count && characters[index + 2] == "{"
            var end = index + (triple ? 3 : 2)
            while end + 1 < characters.count, !(characters[end] == "}" && characters[end + 1] == "}") { end += 1 }
            guard end + 1 < characters.count else { break }
            let inside = String(characters[(index + (triple ? 3 : 2))..<end]).trimmingWhitespace
            let after = triple ? end + 3 : end + 2
            if inside.isEmpty {
                diagnostics.append(.warning(at: location(lineOf[index], columnOf[index]), "'{{}}' is a tag without a name, which prints nothing; write the name, or remove it"))
            } else if !triple, !inside.hasPrefix("!"), after < characters.count, characters[after] == "}",
                !Self.opensBrace(characters, lineStart: index - (columnOf[index] - 1), before: index)
            {
                // (A `}` that closes a `{` of the line's own, a script's object, is the script's.)
                diagnostics.append(
                    .warning(at: location(lineOf[after], columnOf[after]),
                        "this '}' after '{{\(inside)}}' is a brace too many, printed on every page; remove it (or write '{{{\(inside)}}}' for HTML)"))
            }
            index = max(after, index + 2)
        }
        // Text before the parent the template starts with.
        if let first = template.tags.first(where: { $0.kind != .comment }), first.kind == .parent {
            let start = characters.indices.first { lineOf[$0] == first.line && columnOf[$0] == first.column } ?? 0
            var inComment = false
            var position = 0
            while position < start {
                if !inComment, position + 2 < start, characters[position] == "{", characters[position + 1] == "{", characters[position + 2] == "!" { inComment = true }
                if inComment, position > 0, characters[position] == "}", characters[position - 1] == "}" {
                    inComment = false
                } else if !inComment, !characters[position].isWhitespace {
                    diagnostics.append(
                        .warning(at: location(lineOf[position], columnOf[position]),
                            "text before '{{<\(first.name)}}' is printed before the whole of '\(first.name)'\(first.name == "base" ? " (before <!DOCTYPE html>, which puts the browser in quirks mode)" : ""); put it inside one of its blocks, or in a comment {{! … }}"))
                    break
                }
                position += 1
            }
        }
        return diagnostics
    }

    /// Whether the line before a tag has a `{` of its own (not one of a tag's `{{`) that a `}` of it has not closed.
    private static func opensBrace(_ characters: [Character], lineStart: Int, before end: Int) -> Bool {
        var open = 0, index = lineStart
        while index < end {
            if characters[index] == "{", index + 1 < end, characters[index + 1] == "{" {
                // A tag: passed over to its `}}`.
                while index + 1 < end, !(characters[index] == "}" && characters[index + 1] == "}") { index += 1 }
                index += 2
                continue
            }
            if characters[index] == "{" { open += 1 } else if characters[index] == "}", open > 0 { open -= 1 }
            index += 1
        }
        return open > 0
    }

    /// A block given twice in one parent (`{{$footer}}` copied to be edited): the first is printed, the second never,
    /// in silence.
    private static func blocksGivenTwice(in template: Template, at location: (Int, Int) -> SourceLocation) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // For each open tag: the blocks given so far when it is a parent, nil for a section or a block.
        var open: [(tag: Tag, blocks: [String: Tag]?)] = []
        for tag in template.tags {
            switch tag.kind {
            case .parent: open.append((tag, [:]))
            case .section, .invertedSection: open.append((tag, nil))
            case .block:
                if let last = open.indices.last, let blocks = open[last].blocks {
                    if let first = blocks[tag.name] {
                        diagnostics.append(
                            .warning(at: location(tag.line, tag.column),
                                "'{{$\(tag.name)}}' is given twice in '{{<\(open[last].tag.name)}}' (first at line \(first.line), column \(first.column)),"
                                    + " and only the first is printed; remove one"))
                    } else {
                        open[last].blocks?[tag.name] = tag
                    }
                }
                open.append((tag, nil))
            case .close: _ = open.popLast()
            default: break
            }
        }
        return diagnostics
    }

    /// The last parent at a template's top level (not one inside a block or section), with the tag that closes it.
    private static func lastTopLevelParent(_ tags: [Tag]) -> (parent: Tag, close: Tag)? {
        var open: [Tag] = [], last: (Tag, Tag)?
        for tag in tags {
            switch tag.kind {
            case .section, .invertedSection, .parent, .block: open.append(tag)
            case .close:
                if let opened = open.popLast(), open.isEmpty, opened.kind == .parent { last = (opened, tag) }
            default: break
            }
        }
        return last
    }

    /// What a tag over a name no context holds always prints: nothing, or for an inverted section its whole content.
    private static func alwaysWhat(_ tag: Tag) -> String {
        tag.kind == .invertedSection ? "always shows what it holds" : "is always empty"
    }

    /// The first Liquid tag of a template copied from Jekyll (`{% include footer.html %}`, `{% if page.title %}`),
    /// which is no Mustache tag and so is printed on every page as written; with how many more the template has.
    static func liquidTag(in source: SourceText) -> Diagnostic? {
        // Found as in Markdown (``NotCommonMark/templateTags(in:)``, whose Hugo shortcodes, `{{<`, are Mustache's parents
        // here), at a column of characters, as the template's other diagnostics are.
        var found: [(tag: String, line: Int, column: Int)] = []
        for (index, text) in source.text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let line = Array(text)[...]
            for (tag, isShortcode, column) in NotCommonMark.templateTags(in: line) where !isShortcode {
                found.append((tag, index + 1, String(decoding: line.prefix(column - 1), as: UTF8.self).count + 1))
            }
        }
        guard let (tag, line, column) = found.first else { return nil }
        let words = tag.dropFirst(2).split(separator: " ")
        var advice = "write a condition or a loop as a section, {{#name}}…{{/name}} (shown when 'name' is set, once for each"
            + " item of a list), and an include as a partial, {{>name}}"
        if words.first == "include", words.count > 1 {
            // Jekyll's `_includes/partials/footer.html` is Templates/partials/footer.mustache, `{{>partials/footer}}`.
            let path = words[1], name = path.lastIndex(of: ".").map { path[..<$0] } ?? path
            advice = "write an include as a partial, {{>\(name)}}, for Templates/\(name).mustache"
        }
        let others = found.count == 1 ? "" : " (\(found.count - 1) more in this template)"
        return .warning(
            at: source.location(line: line, column: column),
            "'\(tag)' is Jekyll's template syntax (Liquid), which Mustache does not run: every page prints it as written; \(advice)\(others)")
    }

    /// The template language of another site generator that a tag is written in.
    enum ForeignLanguage {
        /// Hugo's Go templates: `{{ .Title }}`, `{{ range .Pages }}` name nothing a page could hold.
        case go
        /// Jekyll's Liquid written in Mustache's braces: `{{ page.title }}`, `{{ content }}`.
        case liquid

        var name: String { self == .go ? "Hugo's template syntax (Go templates)" : "Jekyll's template syntax (Liquid)" }
    }

    /// What a tag written in another site generator's template language means here: the language, and what to write
    /// instead (`{{ .Title }}` is Hugo's `{{title}}`, `{{ page.title }}` Jekyll's); nil for a tag that reads as Mustache,
    /// `{{.}}` and `{{.title}}` too (the current value, and a name the current value holds).
    /// - Parameter goBlocks: the Mustache tags meant by the Go actions left open before this tag (`#articles` for
    ///   `{{ range .Pages }}`, nil where there is no name to give), which `{{ end }}` closes and this tag may open.
    static func foreignSyntax(_ name: String, goBlocks: inout [String?]) -> (language: ForeignLanguage, advice: String)? {
        var name = Substring(name)
        // Go's `{{- .Title -}}` trims the spaces around the tag.
        if name.hasPrefix("- ") { name = name.dropFirst(2) }
        if name.hasSuffix(" -") { name = name.dropLast(2) }
        let words = name.split(separator: " ")
        guard let first = words.first.map(String.init) else { return nil }
        if words.count > 1, words.contains("|") {
            return (first.hasPrefix(".") ? .go : .liquid, "there are no filters: sitegen's transforms are written as functions, {{uppercased(title)}}")
        }
        let sections = "write a condition or a loop as a section, {{#name}}…{{/name}} (shown when 'name' is set, once for each"
            + " item of a list; {{^name}}…{{/name}} when it is not), and a partial as {{>name}}"
        if goKeywords.contains(first), words.count > 1 || first == "end" || first == "else" {
            // The one value an action is given (`{{ range .Pages }}`), as a name a section can take.
            let given = words.count == 2 ? goValue(String(words[1])).flatMap { $0.hasPrefix("{") ? nil : $0 } : nil
            // The name in quotes that `{{ partial "footer.html" . }}` and `{{ block "main" . }}` are given.
            let quoted = words.count > 1 && words[1].count > 2 && words[1].hasPrefix("\"") && words[1].hasSuffix("\"")
                ? words[1].dropFirst().dropLast() : nil
            switch first {
            case "range", "if", "with":
                goBlocks.append(given.map { "#" + $0 })
                if let given {
                    return (.go, "write the section {{#\(given)}}…{{/\(given)}} (shown when '\(given)' is set, once for each item of a list;"
                        + " {{^\(given)}}…{{/\(given)}} when it is not)")
                }
            case "block", "define":
                goBlocks.append(quoted.map { "$\($0)" })
                // `define` fills a block of the template's parent (Hugo's baseof.html is `base`), `block` declares one.
                if let quoted, first == "define" {
                    return (.go, "write the block inside the parent it fills, {{<base}}{{$\(quoted)}}…{{/\(quoted)}}{{/base}}")
                } else if let quoted {
                    return (.go, "write the block {{$\(quoted)}}…{{/\(quoted)}}")
                }
            case "partial", "template":
                // Hugo's `layouts/partials/footer.html` is Templates/footer.mustache.
                if let quoted {
                    let partial = quoted.lastIndex(of: ".").map { quoted[..<$0] } ?? quoted
                    return (.go, "write the partial {{>\(partial)}}, for Templates/\(partial).mustache")
                }
            case "end":
                if let opened = goBlocks.popLast() ?? nil {
                    return (.go, "write {{/\(opened.dropFirst())}}, which ends {{\(opened)}}")
                }
            case "else":
                if let opened = goBlocks.last ?? nil, opened.hasPrefix("#") {
                    let given = opened.dropFirst()
                    return (.go, "write {{/\(given)}}{{^\(given)}}: what follows is shown when '\(given)' is not set")
                }
            default:
                break
            }
            return (.go, sections)
        }
        if liquidKeywords.contains(first), words.count > 1 || ["endif", "endfor", "endunless"].contains(first) {
            return (.liquid, sections)
        }
        guard words.count == 1 else {
            // `{{ .Date.Format "2006-01-02" }}`, `{{ len .Pages }}`: a method or a function of Go's, given values.
            guard let field = words.first(where: { Self.isGoField($0) }) else { return nil }
            if field == words[0], let meant = goValue(String(field)) { return (.go, "write {{\(meant)}}") }
            return (.go, "Go's functions are not run: sitegen's transforms are written as functions, {{uppercased(title)}}, {{count(articles)}}")
        }
        let path = first.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if isGoField(first[...]), !PageBuilder.contextKeys.contains(path[1]) {
            guard let meant = goValue(first) else {
                return (.go, "a value is named without the dot: {{title}}, {{{body}}}, {{extra.name}} for an article's own key")
            }
            return (.go, "write {{\(meant)}}")
        }
        let meant: String
        if path.count > 1, path[0] == "page" {
            let key = path.dropFirst().joined(separator: ".")
            meant = key == "content" ? "{body}" : key == "date" ? "reviewed" : PageBuilder.contextKeys.contains(key) ? key : "extra." + key
        } else if first == "content" {
            meant = "{body}"
        } else {
            return nil
        }
        return (.liquid, "write {{\(meant)}}")
    }

    /// Whether a word of a tag is a field of Go's templates, a dot then a letter (`.Title`, `.Params.x`).
    private static func isGoField(_ word: Substring) -> Bool {
        word.hasPrefix(".") && word.dropFirst().first?.isLetter == true
    }

    /// The name in a page's context of a value Go's templates name with a field (`.Title` is `title`, `.Params.x`
    /// `extra.x`, `.Content` `{body}`, printed with three braces); nil for one a page has no name for (`.Kind`).
    private static func goValue(_ field: String) -> String? {
        let path = field.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard path.count > 1, path[0].isEmpty, !path[1].isEmpty else { return nil }
        let rest = path.dropFirst(2).joined(separator: ".")
        switch path[1] {
        // A key of sitegen's own front matter (`.Params.summary`) is not under `extra`: the page holds it by its name, or
        // not at all (`draft`).
        case "Params" where FrontMatterDecoder.keys.contains(rest): return PageBuilder.contextKeys.contains(rest) ? rest : nil
        case "Params": return rest.isEmpty ? nil : "extra." + rest
        case "Site" where rest.isEmpty: return "site"
        case "Site" where rest.hasPrefix("Params."): return "site.extra." + rest.dropFirst(7)
        // Hugo's menus are sitegen's `nav` (every page's header links); its language is `language`, under other names.
        case "Site" where rest.hasPrefix("Menus"): return "nav"
        case "Site" where ["LanguageCode", "Language", "Language.Lang", "Locale"].contains(rest): return "site.language"
        case "Site":
            let setting = rest.prefix(1).lowercased() + rest.dropFirst()
            return SiteSettingsLoader.keys.contains(String(setting.prefix { $0 != "." })) ? "site." + setting : nil
        default: return goNames[path[1]] ?? (PageBuilder.contextKeys.contains(path[1].lowercased()) ? path[1].lowercased() : nil)
        }
    }

    /// A tag as it is typed in a template's text, its spaces kept (`{{ .Title }}`); nil where the text at its place does
    /// not start with `{{` (a template that sets other delimiters).
    private static func typed(_ tag: Tag, in text: String) -> String? {
        // Lines as the engine counts them, at each line feed; columns in characters.
        let lines = text.utf8.split(separator: 0x0A, maxSplits: tag.line - 1, omittingEmptySubsequences: false)
        guard tag.line <= lines.count else { return nil }
        let rest = String(decoding: lines[tag.line - 1], as: UTF8.self).dropFirst(tag.column - 1)
        guard rest.hasPrefix("{{"), let close = rest.firstRange(of: rest.hasPrefix("{{{") ? "}}}" : "}}") else { return nil }
        return String(rest[..<close.upperBound])
    }

    /// The words that start Go templates' actions (`{{ if .Draft }}`, `{{ end }}`; `if` and `else` are Liquid's too)
    /// and those only Liquid's start (`{{ for tag in page.tags }}`, `{{ endfor }}`).
    private static let goKeywords: Set = ["if", "else", "end", "range", "with", "define", "template", "block", "partial"]
    private static let liquidKeywords: Set = ["for", "endfor", "endif", "unless", "endunless", "include"]

    /// Hugo's names for what a page's context holds under another name.
    private static let goNames = [
        "Content": "{body}", "Description": "summary", "Date": "reviewed", "Lastmod": "reviewed", "PublishDate": "reviewed",
        "Permalink": "canonicalURL", "RelPermalink": "url", "Pages": "articles", "RegularPages": "articles", "Section": "topic",
    ]

    /// The key after `site.` when sitegen.yml has no such setting (`{{site.titel}}`, `{{#site.tema}}`).
    private static func unknownSetting(_ tag: Tag) -> String? {
        let parts = tag.lookedUpName.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count > 1, parts[0] == "site" else { return nil }
        let setting = String(parts[1])
        return SiteSettingsLoader.keys.contains(setting) ? nil : setting
    }

    /// The names of the partials and parents a template includes inside a section over the site's or an article's own
    /// keys (`*name` for one named by a value).
    private static func includedInUserSections(_ template: Template) -> [String] {
        var open: [Bool] = [], found: [String] = []
        for tag in template.tags {
            switch tag.kind {
            case .section, .invertedSection: open.append(isUserKey(tag))
            case .partial, .parent:
                if open.contains(true) { found.append(tag.name) }
                if tag.kind == .parent { open.append(false) }
            case .block: open.append(false)
            case .close: _ = open.popLast()
            default: break
            }
        }
        return found
    }

    private static func isUserKey(_ tag: Tag) -> Bool {
        let first = tag.lookedUpName.prefix { $0 != "." }
        return first == "site" || first == "extra"
    }

    /// A block written inside a parent that neither the parent nor any template it extends declares: its content
    /// would never appear.
    private static func undeclaredBlocks(in template: Template, set: TemplateSet, at location: (Int, Int) -> SourceLocation) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var open: [Tag] = []
        for tag in template.tags {
            switch tag.kind {
            case .section, .invertedSection, .parent:
                open.append(tag)
            case .block:
                if let parent = open.last, parent.kind == .parent, set[parent.name] != nil {
                    let declared = declaredBlocks(parent.name, set: set)
                    if !declared.contains(tag.name) {
                        var message = "the parent '\(parent.name)' declares no block '\(tag.name)', so its content never appears"
                        if let near = Suggestion.nearest(to: tag.name, among: declared) {
                            message += "; did you mean '\(near)'?"
                        } else if !declared.isEmpty {
                            // `{{$content}}` from another tool's habit: the blocks there are to fill.
                            message += "; it declares \(declared.sorted().map { "'\($0)'" }.joined(separator: ", "))"
                        }
                        diagnostics.append(.warning(at: location(tag.line, tag.column), message))
                    }
                }
                open.append(tag)
            case .close:
                _ = open.popLast()
            default:
                break
            }
        }
        return diagnostics
    }

    /// The blocks a template declares, and those of the templates it extends.
    private static func declaredBlocks(_ name: String, set: TemplateSet, visited: Set<String> = []) -> Set<String> {
        guard !visited.contains(name), let template = set[name] else { return [] }
        var names = Set(template.tags.filter { $0.kind == .block }.map(\.name))
        for parent in template.tags where parent.kind == .parent {
            names.formUnion(declaredBlocks(parent.name, set: set, visited: visited.union([name])))
        }
        return names
    }

    /// The first comment (`{{!`) before line `line` that holds `{{`: one left open, which runs on to the next tag's end;
    /// its line and column, and the line it ends on. Nil where the template sets other delimiters.
    static func openComment(in text: String, before line: Int) -> (line: Int, column: Int, endLine: Int)? {
        guard !text.contains("{{=") else { return nil }
        let bytes = Array(text.utf8)
        func lineAndColumn(_ offset: Int) -> (Int, Int) {
            let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            return (bytes[..<offset].count { $0 == 0x0A } + 1, offset - lineStart + 1)
        }
        var search = bytes.startIndex
        while let open = bytes[search...].firstRange(of: Array("{{!".utf8))?.lowerBound {
            guard let close = bytes[(open + 3)...].firstRange(of: Array("}}".utf8))?.lowerBound else { return nil }
            let (openLine, openColumn) = lineAndColumn(open)
            guard openLine < line else { return nil }
            if bytes[(open + 3)..<close].firstRange(of: Array("{{".utf8)) != nil {
                return (openLine, openColumn, lineAndColumn(close).0)
            }
            search = close + 2
        }
        return nil
    }

    /// The tag through which a template includes itself whatever the data: a chain of partials and parents, none
    /// inside a section, that leads back to it. (Inside a section, recursion ends with the data, as a tree does.)
    private static func endlessInclusion(from start: String, set: TemplateSet) -> Tag? {
        /// Whether a template prints its block `block` whatever the data: outside any section or other block, in it or
        /// in a parent it names there (as the built-in `base` prints `main`).
        func printsBlock(_ name: String, _ block: String, visited: Set<String> = []) -> Bool {
            guard let template = set[name], !visited.contains(name) else { return false }
            var open: [Tag.Kind] = []
            for tag in template.tags {
                switch tag.kind {
                case .block where tag.name == block && open.isEmpty: return true
                case .parent where open.isEmpty && printsBlock(tag.name, block, visited: visited.union([name])): return true
                case .section, .invertedSection, .block, .parent: open.append(tag.kind)
                case .close: _ = open.popLast()
                default: break
                }
            }
            return false
        }
        func unconditionalInclusions(_ name: String) -> [Tag] {
            guard let template = set[name] else { return [] }
            // What is open at each tag: sections, inverted sections, parents and blocks (each has a close), and whether
            // it prints whatever the data. A block's own content may be replaced by an override, so it counts as
            // conditional, as a section's does; an override, a block right inside a parent, prints where the parent
            // prints the block, which may be whatever the data.
            var open: [(kind: Tag.Kind, name: String, always: Bool)] = []
            var found: [Tag] = []
            for tag in template.tags {
                let insideSection = open.contains { !$0.always }
                switch tag.kind {
                case .section, .invertedSection:
                    open.append((tag.kind, tag.name, false))
                case .block:
                    let override = open.last.map { $0.kind == .parent && !$0.name.hasPrefix("*") } ?? false
                    open.append((tag.kind, tag.name, override && !insideSection && printsBlock(open.last!.name, tag.name)))
                case .parent:
                    if !insideSection && !tag.name.hasPrefix("*") { found.append(tag) }
                    open.append((tag.kind, tag.name, true))
                case .partial:
                    if !insideSection && !tag.name.hasPrefix("*") { found.append(tag) }
                case .close:
                    _ = open.popLast()
                default:
                    break
                }
            }
            return found
        }
        var visited: Set<String> = [start]
        var queue: [(name: String, firstTag: Tag)] = unconditionalInclusions(start).map { ($0.name, $0) }
        while let (name, firstTag) = queue.popLast() {
            if name == start { return firstTag }
            guard visited.insert(name).inserted else { continue }
            queue += unconditionalInclusions(name).map { ($0.name, firstTag) }
        }
        return nil
    }

    /// Partials and parents that name no template: the Mustache specification renders them as nothing, which
    /// would publish a page without a word.
    private static func unknownTemplates(in template: Template, known: Set<String>, at location: (Int, Int) -> SourceLocation) -> [Diagnostic] {
        template.tags.filter { ($0.kind == .partial || $0.kind == .parent) && !$0.name.hasPrefix("*") && !known.contains($0.name) }.map { tag in
            var message = "template error: no template named '\(tag.name)'"
            if tag.kind == .partial, PageBuilder.contextKeys.contains(tag.name) {
                // `{{> body}}`: a value of the page, included as if it were a template.
                let written = PageBuilder.htmlKeys.contains(tag.name) ? "{{{\(tag.name)}}}" : "{{\(tag.name)}}"
                return .error(at: location(tag.line, tag.column), message + "; '\(tag.name)' is a value of the page, which \(written) prints")
            }
            // `{{>footer.mustache}}`, `{{>footer.html}}`, `{{>Templates/footer}}`: a template is named without its folder
            // Templates/ and without its extension.
            var bare = Substring(tag.name)
            if bare.hasPrefix(SiteLayout.templates + "/") { bare = bare.dropFirst(SiteLayout.templates.count + 1) }
            if let dot = bare.lastIndex(of: "."), !bare[dot...].contains("/") { bare = bare[..<dot] }
            if bare != tag.name, known.contains(String(bare)) {
                let sigil = tag.kind == .partial ? ">" : "<"
                return .error(at: location(tag.line, tag.column), message + "; a template is named without Templates/ and .mustache: write {{\(sigil)\(bare)}}")
            }
            // `{{> note}}` for Templates/partials/note.mustache: a template in a folder is named with its folder.
            if let inFolder = known.filter({ $0.hasSuffix("/" + tag.name) }).min() {
                return .error(at: location(tag.line, tag.column), message + "; a template in a folder is named with it: did you mean '\(inFolder)'?")
            }
            if let near = Suggestion.nearest(to: tag.name, among: known) { message += "; did you mean '\(near)'?" }
            guard !tag.name.isEmpty else { return .error(at: location(tag.line, tag.column), message + ": write the template's name, {{>footer}} for Templates/footer.mustache") }
            return .error(at: location(tag.line, tag.column), message + " (add Templates/\(tag.name).mustache to make one)")
        }
    }
}
