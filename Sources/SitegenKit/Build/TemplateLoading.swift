import Foundation

/// Stage 4: the built-in templates and the site's own (`Templates/*.mustache`), which replace them by name;
/// every layout an article names must be one of them, and every site template must be used.
struct TemplateLoading: Sendable {
    let root: URL

    struct Output: Sendable {
        /// Nil when a template has errors.
        var library: TemplateLibrary?
        /// The site's templates by name, and their texts.
        var sources: [String: SourceText] = [:]
        var texts: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
    }

    /// - Parameters:
    ///   - templates: the site's template files, by name.
    ///   - layouts: every layout articles name (drafts' too).
    ///   - published: the articles to publish, whose layouts must exist.
    ///   - words: the site's words, which the built-in templates are compiled with.
    ///   - edited: whether only articles changed, each with the layout it had.
    func load(
        _ templates: [(name: String, path: String)], layouts: Set<String>, published: [Article], words: SiteWords, edited: Bool, memo: inout BuildMemo
    ) -> Output {
        if edited, let previous = memo.loadedTemplates { return previous }
        var output = Output()
        var siteTemplates: [(name: String, source: SourceText)] = []
        for (name, path) in templates {
            switch memo.text(path, root: root).text {
            case .success(var source):
                // A byte order mark (Windows editors save one) is no text of the page: printed before `<!DOCTYPE html>`,
                // it put the browser in quirks mode, and before `<meta>` moved the head's elements into the body.
                if source.text.unicodeScalars.first == "\u{FEFF}" { source.text.unicodeScalars.removeFirst() }
                siteTemplates.append((name, source))
            case .failure(let error): output.diagnostics.append(error)
            }
        }
        output.sources = Dictionary(siteTemplates.map { ($0.name, $0.source) }) { first, _ in first }
        // Compiled again only when a template's text or the site's words changed.
        output.texts = output.sources.mapValues(\.text)
        if let kept = memo.templates, kept.texts == output.texts, kept.words == words {
            output.library = kept.library
            output.diagnostics += kept.diagnostics
        } else {
            var problems: [Diagnostic] = []
            do {
                let library = try TemplateLibrary(siteTemplates: siteTemplates, words: words)
                output.library = library
                problems = library.warnings
            } catch {
                problems = error.diagnostics
            }
            output.diagnostics += problems
            if memo.keeps { memo.templates = (output.texts, words, output.library, problems) }
        }
        // A built-in template of another kind of page (the shell, a list, the 404 page) prints no article: its text and
        // references would be left out of the page in silence.
        // (`Content/index.md`, the home page's introduction, is printed by the home template whatever it names.)
        for article in published where article.urlPath != "" && article.frontMatter.layout != "article" && BuiltinTemplates.all[article.frontMatter.layout] != nil {
            let layout = article.frontMatter.layout
            output.diagnostics.append(
                .error(at: article.frontMatter.layoutLocation ?? article.body.start,
                    "layout '\(layout)' is the built-in template of \(Self.builtinUse(layout)), which prints no article's text; an article's"
                        + " layout is 'article' (the default: remove the line) or a template of your own in Templates/"))
        }
        if let names = output.library?.names {
            for article in published where !names.contains(article.frontMatter.layout)
                && (BuiltinTemplates.all[article.frontMatter.layout] == nil || article.urlPath == "") {
                let layout = article.frontMatter.layout
                var message = "no template named '\(layout)'"
                let location = article.frontMatter.layoutLocation ?? article.body.start
                if layout.hasSuffix(".mustache") {
                    // The file's name, not the template's.
                    let name = String(layout.dropLast(".mustache".count))
                    output.diagnostics.append(.error(at: location, message + "; a layout is the template's name without .mustache: layout: \(name)"))
                    continue
                }
                if let near = Suggestion.nearest(to: layout, among: names) {
                    message += "; did you mean '\(near)'? (or add Templates/\(layout).mustache)"
                } else {
                    // Jekyll's `post` or `page`, a theme's layout: the article template is the one articles have.
                    message += "; add Templates/\(layout).mustache, or remove the line for the article template ('article')"
                }
                output.diagnostics.append(.error(at: location, message))
            }
        }
        // A site's template that articles use but that never prints their text (a landing page's layout with a title
        // and a summary): their text and references would be left out in silence. Once, at the template.
        if let library = output.library {
            // (A built-in template's name other than `article` is an error of its own, above.)
            let users = Dictionary(grouping: published.filter { article in
                let layout = article.frontMatter.layout
                return article.urlPath != "" && output.sources[layout] != nil && (layout == "article" || BuiltinTemplates.all[layout] == nil)
            }) { $0.frontMatter.layout }
            for (layout, articles) in users.sorted(by: { $0.key < $1.key }) where !library.looksUp("body", from: layout) {
                let paths = articles.prefix(2).map(\.source.path).joined(separator: ", ") + (articles.count > 2 ? ", …" : "")
                output.diagnostics.append(
                    .warning(at: output.sources[layout]!.location(line: 1, column: 1),
                        "this template never prints {{{body}}}, so the text and references of the articles that use it (\(paths)) are left"
                            + " out of their pages; add {{{body}}} where the answer goes, as the built-in article template has it",
                        naming: articles.prefix(2).map(\.source.path)))
            }
        }
        // A partial named by an article's own value (`{{>*extra.widget}}`, `widget: calout`) that names no template prints
        // nothing: said at the value.
        if let library = output.library {
            var partialsOf: [String: Set<String>] = [:]
            for article in published where !article.frontMatter.extra.isEmpty {
                let layout = article.frontMatter.layout
                if partialsOf[layout] == nil { partialsOf[layout] = library.dynamicPartials(from: layout) }
                for name in partialsOf[layout]!.sorted() where name.hasPrefix("extra.") {
                    let path = name.dropFirst("extra.".count).split(separator: ".").map(String.init)
                    guard let first = path.first,
                        let node = path.dropFirst().reduce(article.frontMatter.extra[first], { node, key in node?[key] }),
                        let value = node.text, !value.isEmpty, !library.names.contains(value)
                    else { continue }
                    var message = "'\(value)' names no template, so '{{>*\(name)}}' prints nothing on this page"
                    if let near = Suggestion.nearest(to: value, among: library.names) { message += "; did you mean '\(near)'?" } else {
                        message += " (add Templates/\(value).mustache to make one)"
                    }
                    output.diagnostics.append(.warning(at: node.location, message))
                }
            }
        }
        // (One that could not be read may include any other, as one that does not parse.)
        if siteTemplates.count == templates.count { output.diagnostics += Self.unused(siteTemplates, layouts: layouts) }
        if memo.keeps { memo.loadedTemplates = output }
        return output
    }

    /// What a built-in template other than `article` makes.
    static func builtinUse(_ name: String) -> String {
        switch name {
        case "base": "every page's shell (the blocks the others fill)"
        case "home": "the home page"
        case "topic": "a topic's page"
        case "topics": "the list of topics"
        case "404": "the page for an address with no page"
        case "search": "the search page"
        default: "a part of list pages ({{>\(name)}})"
        }
    }

    /// Site templates that no page uses: neither a built-in template's name, nor any article's layout (drafts
    /// included), nor included by another template. One of five letters or more named like a built-in template is an
    /// error (a typo such as `artcle.mustache` would otherwise leave the built-in in use without a word); any other is a
    /// warning (a shorter one says the built-in's name too: `page` may be a layout of its own or `base` mistyped). None
    /// while a template does not parse.
    static func unused(_ siteTemplates: [(name: String, source: SourceText)], layouts: Set<String>) -> [Diagnostic] {
        var used = Set(BuiltinTemplates.all.keys).union(layouts)
        for (_, source) in siteTemplates {
            // A template that does not parse may include any other: which are used is known once it does (its error
            // is said).
            guard let included = TemplateLibrary.includedNames(source.text) else { return [] }
            used.formUnion(included)
        }
        // A partial named by a value (`{{>*extra.widget}}`) may be any template: only a built-in's name mistyped is said.
        let dynamic = used.contains { $0.hasPrefix("*") }
        return siteTemplates.filter { !used.contains($0.name) }.compactMap { name, source -> Diagnostic? in
            let unused = "no page uses the template '\(name)' (an article uses it with 'layout: \(name)'; another template with '{{>\(name)}}')"
            guard let near = Suggestion.nearest(to: name, among: BuiltinTemplates.all.keys) else { return dynamic ? nil : .warning(at: source.start, unused) }
            // A short name near a built-in one is as likely a layout of its own (`page`, `case`, `note`) as a typo.
            guard name.count >= 5 else {
                if dynamic { return nil }
                return .warning(at: source.start, unused + "; to replace the built-in '\(near)', name the file Templates/\(near).mustache")
            }
            return .error(at: source.start, "no page uses the template '\(name)'; did you mean '\(near)'? (name the file Templates/\(near).mustache to replace the built-in one)")
        }
    }
}
