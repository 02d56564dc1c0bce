import Foundation

/// Stage 5: each article's Markdown and citations, then its page and its search record, on all cores; each goes to
/// the writer as soon as it is made.
struct ArticleRendering: Sendable {
    /// The site folder, where an article whose body was deferred is read again (see ``ArticleLoading``).
    let root: URL
    let settings: SiteSettings
    let bibliographies: BibliographyLoading.Output
    /// The files beside the articles (paths under `Content/`), which pages link to where they are published.
    let assets: Set<String>
    /// The Markdown files that make pages (site-relative): a link to one leads to its page.
    let pageSources: Set<String>
    /// Nil when the build has failed already: articles are rendered for their diagnostics, pages are not.
    let pages: PageBuilder?
    let templates: [String: SourceText]
    /// Whether the articles keep their HTML and references once their pages are written (`sitegen check` and `serve`
    /// use them; a build does not).
    let keepsBodies: Bool
    /// The site's synonyms when it has search (nil without): each article's search entry is made with its page.
    let synonyms: SearchSynonyms?
    /// The entries the last build of the output kept, by input key (``SearchEntryCache``): an article's is taken from
    /// here when its inputs are the same.
    var searchCache: [UInt64: SearchEntryCache.Kept]? = nil

    struct Output: Sendable {
        /// The articles rendered without errors, in site order.
        var articles: [RenderedArticle] = []
        /// Source paths of the articles rendered by this build (the others are the previous build's).
        var rerendered = Set<String>()
        /// When only the edited articles were rendered (see ``ArticleLoading``): their positions in `articles`.
        var edited: [Int]?
        var diagnostics: [Diagnostic] = []
    }

    /// What a rendered article was made from, so that a later build renders it again only when one of these changed.
    struct Memo: Sendable {
        var fileVersion: Int
        var ownFiles: [String: Int]
        /// Every key the article looked up: a change to the site-wide entry of one renders it again.
        var siteKeys: Set<String>
        /// The Markdown files the article links to (and those that would make the page of a folder it links to), each
        /// with whether it made a page: the article is rendered again when one comes or goes.
        var linkedSources: [String: Bool]
        var article: RenderedArticle
        var diagnostics: [Diagnostic]
        /// The number its search record was written at (see ``searchNumbers(_:)``); nil when none was written (no
        /// page was made, or it has none), so that the next build writes it.
        var searchNumber: Int?
    }

    /// What every page is rendered with besides its own content.
    struct PageInputs: Sendable, Equatable {
        var settingsKey: String
        /// Whether the site has a feed, which every page links to (see ``PageBuilder/hasFeed(_:)``): the first review
        /// date of an answer, or the last one removed, changes every page.
        var hasFeed: Bool
        var allowsRawHTML: Bool
        /// The citation styles' ``CitationStyle/key``s (the site's, then those an article may choose): citations and
        /// references are printed in them.
        var citationStyle: String
        var assets: Set<String>
        /// What each article's search entry is made with: nil without search.
        var search: SearchSynonyms?
        var templateTexts: [String: String]

        /// The names of the templates whose text differs from `old`'s, added and removed ones too.
        func templatesChanged(since old: PageInputs) -> Set<String> {
            Set(old.templateTexts.keys).union(templateTexts.keys).filter { old.templateTexts[$0] != templateTexts[$0] }
        }
    }

    /// What the previous build's stage made, and where each article is in it.
    struct Previous: Sendable {
        var output: Output
        var positions: [String: Int]
    }

    /// - Parameter edited: the positions in `articles` of the only articles that changed (see ``ArticleLoading``).
    /// - Parameter layouts: the layouts of `articles`.
    func render(
        _ articles: [Article], layouts: Set<String>, edited: [Int]?, inputs: PageInputs, into sink: some PageSink, memo: inout BuildMemo
    ) async -> Output {
        if let edited, memo.renderedArticles != nil, memo.pageInputs == inputs, memo.unwrittenPages.isEmpty,
            bibliographies.changedSiteKeys?.isEmpty == true, pages != nil,
            let output = await patch(edited.map { articles[$0] }, into: sink, memo: &memo)
        {
            return output
        }
        // Which pages the previous build's inputs no longer make: a page template changed renders its own pages
        // again; anything else (settings, base, partials, whether the site has a feed) every page.
        let previous = memo.pageInputs
        let sameMarkdown = previous?.allowsRawHTML == inputs.allowsRawHTML && previous?.citationStyle == inputs.citationStyle
            && previous?.assets == inputs.assets && previous?.search == inputs.search
        let changedTemplates = previous.map { inputs.templatesChanged(since: $0) }
        let allPages = previous?.settingsKey != inputs.settingsKey || previous?.hasFeed != inputs.hasFeed
            || changedTemplates.map { !$0.isSubset(of: layouts.union(ListRendering.templates)) } ?? true

        var jobs: [Job] = []
        jobs.reserveCapacity(articles.count)
        for (article, number) in zip(articles, searchNumbers(articles)) {
            let path = article.source.path
            var job = Job(article: article, fileVersion: memo.files[path]?.version ?? 0, kept: nil, writesPage: true, searchNumber: number)
            if sameMarkdown, let kept = memo.renders[path], kept.fileVersion == memo.files[path]?.version,
                kept.ownFiles == ownFileVersions(article), let changed = bibliographies.changedSiteKeys, kept.siteKeys.isDisjoint(with: changed),
                kept.linkedSources.allSatisfy({ pageSources.contains($0.key) == $0.value }),
                // The home page's introduction is said to cite into no list by the templates (`homeListsNoReferences`).
                article.urlPath != "" || changedTemplates?.isEmpty == true
            {
                job.kept = kept
                job.writesPage = allPages || changedTemplates?.contains(article.frontMatter.layout) != false
                    || memo.unwrittenPages.contains(article.outputPath)
                // A record moves when an article before it comes or goes.
                job.writesRecord = kept.searchNumber != number || number.map { memo.unwrittenPages.contains(Self.recordPath($0)) } ?? false
            }
            if job.kept == nil || job.writesPage || job.writesRecord { jobs.append(job) }
        }
        let keeps = memo.keeps
        let done = await Parallel.mapBatches(jobs) { batch in renderBatch(batch, into: sink, keepsInputs: keeps) }

        memo.statistics.articlesRendered += done.count(where: { $0.memo != nil || $0.failed })
        memo.statistics.pagesRendered += done.count(where: \.wrotePage)
        memo.statistics.searchEntriesReused += done.count(where: \.reusedSearch)
        var output = Output()
        output.articles.reserveCapacity(articles.count)
        // The jobs are a subsequence of the articles, in the same order.
        var next = 0
        for article in articles {
            let path = article.source.path
            var result: Done?
            if next < jobs.count, jobs[next].article.source.path == path {
                result = done[next]
                next += 1
            }
            var rendered = memo.renders[path]
            if let result, result.failed || result.memo != nil {
                output.rerendered.insert(path)
                rendered = result.memo
                if memo.keeps { memo.renders[path] = result.diagnostics.hasErrors ? nil : rendered }
                output.diagnostics += result.diagnostics
            } else {
                if let result, result.wroteRecord, memo.keeps { memo.renders[path]?.searchNumber = jobs[next - 1].searchNumber }
                // Kept from the previous build: its warnings again, and any problem with its page now.
                if let kept = rendered?.diagnostics, !kept.isEmpty { output.diagnostics += kept }
                if let problems = result?.diagnostics, !problems.isEmpty { output.diagnostics += problems }
            }
            guard let rendered, !rendered.diagnostics.hasErrors else { continue }
            output.articles.append(rendered.article)
        }
        if memo.keeps {
            let positions = Dictionary(output.articles.enumerated().map { ($1.article.source.path, $0) }) { first, _ in first }
            memo.renderedArticles = pages == nil || output.diagnostics.hasErrors ? nil : Previous(output: output, positions: positions)
            if memo.renders.count > articles.count { BuildMemo.keep(Set(articles.map(\.source.path)), in: &memo.renders) }
            // The renders kept are the ones made with these inputs, in a failed build too (a `sitegen.yml` with a
            // typo: search entries made without its synonyms), so the next build compares its inputs with these.
            memo.pageInputs = inputs
            if pages == nil {
                // A failed build made no pages: those it had to make (of the articles it rendered, and of the others
                // whose page these inputs change: a new site title, a template) are made by the next one, whose inputs
                // are these.
                memo.unwrittenPages.formUnion(jobs.filter(\.writesPage).map(\.article.outputPath))
                memo.unwrittenPages.formUnion(jobs.filter(\.writesRecord).compactMap { $0.searchNumber.map(Self.recordPath) })
            }
        }
        return output
    }

    /// The previous output with the edited articles rendered again and put in their places; nil (the full pass
    /// follows) when one of them has diagnostics now or had before.
    private func patch(_ edited: [Article], into sink: some PageSink, memo: inout BuildMemo) async -> Output? {
        guard var previous = memo.renderedArticles else { return nil }
        var positions: [Int] = []
        for article in edited {
            guard let position = previous.positions[article.source.path], memo.renders[article.source.path]?.diagnostics.isEmpty == true,
                Self.isSearched(article) == Self.isSearched(previous.output.articles[position].article)
            else {
                return nil
            }
            positions.append(position)
        }
        // The same articles as before: the same search numbers.
        let numbers = searchNumbers(previous.output.articles.map(\.article))
        let jobs = zip(edited, positions).map { article, position in
            Job(article: article, fileVersion: memo.files[article.source.path]?.version ?? 0, kept: nil, writesPage: true, searchNumber: numbers[position])
        }
        let keeps = memo.keeps
        let done = await Parallel.mapBatches(jobs, batch: 1) { batch in renderBatch(batch, into: sink, keepsInputs: keeps) }
        guard done.allSatisfy({ $0.memo != nil && $0.diagnostics.isEmpty }) else { return nil }
        // Out of the memo, so that the list of 10,000 articles is changed in place rather than copied.
        memo.renderedArticles = nil
        previous.output.rerendered = []
        for ((article, position), result) in zip(zip(edited, positions), done) {
            let rendered = result.memo!
            memo.renders[article.source.path] = rendered
            previous.output.articles[position] = rendered.article
            previous.output.rerendered.insert(article.source.path)
        }
        previous.output.edited = positions
        memo.statistics.articlesRendered += done.count
        memo.statistics.pagesRendered += done.count(where: \.wrotePage)
        memo.statistics.editedArticlesOnly = true
        memo.renderedArticles = previous
        return previous.output
    }

    /// One article to render (unless `kept` holds it already) and whose page to write.
    struct Job: Sendable {
        var article: Article
        /// The version of the article's text it is rendered from.
        var fileVersion: Int
        var kept: Memo?
        var writesPage: Bool
        /// Its number among the articles search indexes (nil for one it does not).
        var searchNumber: Int?
        /// Whether its search record is written (always, when it is rendered now).
        var writesRecord = true
    }

    struct Done: Sendable {
        /// The article as rendered now, with its inputs; nil when it was kept from the previous build.
        var memo: Memo?
        var diagnostics: [Diagnostic]
        var failed = false
        var wrotePage = false
        var wroteRecord = false
        /// Whether its search entry was the last build's, its record the file the staging folder held.
        var reusedSearch = false
    }

    /// Renders a few articles, each step for all of them before the next: their Markdown and citations, their search
    /// entries, their pages, then the writes. What a step reads (a template, the search terms' table) is then still
    /// in the core's caches from one article to the next: in a profile, a page rendered right after another with the
    /// same template took about 40 % of the time.
    /// - Parameter keepsInputs: whether a next build will look at what the article was rendered from.
    private func renderBatch(_ jobs: ArraySlice<Job>, into sink: some PageSink, keepsInputs: Bool) -> [Done] {
        var done: [Done] = []
        var rendered: [RenderedArticle?] = []
        done.reserveCapacity(jobs.count)
        rendered.reserveCapacity(jobs.count)
        for job in jobs {
            let (one, article) = renderArticle(job, keepsInputs: keepsInputs)
            done.append(one)
            rendered.append(article)
        }
        // Those rendered now (not kept from the previous build).
        for index in done.indices where done[index].memo != nil {
            guard let article = rendered[index].map(searched) else { continue }
            rendered[index] = article
            done[index].memo?.article = article
        }
        let pages = zip(jobs, rendered).map { job, rendered in
            // The home page's introduction has no page of its own: it is part of the home page.
            rendered.flatMap { rendered in job.writesPage && rendered.article.urlPath != "" ? self.pages?.articlePage(rendered) : nil }
        }
        for (index, job) in zip(done.indices, jobs) {
            guard let article = rendered[index] else { continue }
            write(job, article, page: pages[index], into: sink, done: &done[index])
        }
        return done
    }

    /// An article's Markdown and citations, or the article kept from the previous build.
    private func renderArticle(_ job: Job, keepsInputs: Bool) -> (Done, RenderedArticle?) {
        var done = Done(memo: nil, diagnostics: [])
        if let kept = job.kept { return (done, kept.article) }
        let result = renderArticle(job.article, tracksKeys: keepsInputs)
        done.diagnostics = result.diagnostics
        guard let article = result.article else {
            done.failed = true
            return (done, nil)
        }
        // What tells the next build whether to render it again, only when there is one (`serve`).
        done.memo = Memo(
            fileVersion: job.fileVersion, ownFiles: keepsInputs ? ownFileVersions(job.article) : [:],
            siteKeys: keepsInputs ? result.lookedUpKeys : [], linkedSources: result.linkedSources, article: article,
            diagnostics: result.diagnostics)
        return (done, article)
    }

    /// Writes an article's page (rendered, when it has one) and its search record.
    private func write(_ job: Job, _ rendered: RenderedArticle, page: [UInt8]?, into sink: some PageSink, done: inout Done) {
        guard pages != nil, rendered.article.urlPath != "" else { return }
        if let page {
            do throws(Diagnostic) {
                if let empty = BuildPipeline.emptyPage(rendered.article.outputPath, page, template: rendered.article.frontMatter.layout, templates: templates) {
                    throw empty
                }
                try sink.write(utf8: page, to: rendered.article.outputPath)
                done.wrotePage = true
            } catch {
                done.diagnostics.append(error)
            }
        }
        var search = rendered.search
        if job.writesRecord, let number = job.searchNumber, let entry = search {
            do throws(Diagnostic) {
                let path = Self.recordPath(number)
                if entry.record.isEmpty, sink.keep(path, size: entry.recordSize, hash: entry.recordHash) {
                    done.reusedSearch = true
                } else {
                    // An entry of the last build's whose record the staging folder does not hold is made after all.
                    let made = entry.record.isEmpty
                        ? SearchEntry(article: rendered.article, bodyHTML: rendered.body, synonyms: synonyms ?? SearchSynonyms([]), inputKey: entry.inputKey)
                        : entry
                    search = made
                    try sink.write(utf8: made.record, to: path)
                }
                done.wroteRecord = true
                done.memo?.searchNumber = number
            } catch {
                done.diagnostics.append(error)
            }
        }
        if !keepsBodies, done.memo != nil {
            // Its page and record are written: only what the lists and the index take of it is still needed.
            search?.record = []
            done.memo?.article = RenderedArticle(article: rendered.article, body: "", references: [], search: search, referenceList: rendered.referenceList)
        }
    }

    /// Each article's number among those search indexes, in site order: published ones with a page of their own,
    /// when the site has search (nil for the others).
    func searchNumbers(_ articles: [Article]) -> [Int?] {
        var next = 0
        return articles.map { article in
            guard synonyms != nil, Self.isSearched(article) else { return nil }
            defer { next += 1 }
            return next
        }
    }

    static func isSearched(_ article: Article) -> Bool {
        article.urlPath != "" && !article.frontMatter.isDraft
    }

    /// Where the search record of the article numbered `number` is written.
    static func recordPath(_ number: Int) -> String { "search/d/\(number).json" }

    /// The versions of the bibliography files an article names.
    func ownFileVersions(_ article: Article) -> [String: Int] {
        var versions: [String: Int] = [:]
        for (path, _) in article.frontMatter.bibliography {
            let resolved = SitePath.resolve(path, relativeTo: article.source.path)
            versions[resolved] = bibliographies.versions[resolved] ?? 0
        }
        return versions
    }

    /// What rendering one article's Markdown gave, and what it depended on besides its file.
    struct ArticleResult {
        /// Nil when the article has errors.
        var article: RenderedArticle?
        var diagnostics: [Diagnostic]
        /// Every citation key it looked up (with `tracksKeys`; none without).
        var lookedUpKeys: Set<String>
        /// The Markdown files it links to, each with whether it made a page.
        var linkedSources: [String: Bool]
    }

    /// An article's HTML and numbered references: its Markdown through cmark, its citations resolved against its
    /// own entries first, then the site's.
    func renderArticle(_ article: Article, tracksKeys: Bool = true) -> ArticleResult {
        var diagnostics: [Diagnostic] = []
        let siteBibliography = bibliographies.site
        var own = Bibliography()
        for (path, _) in article.frontMatter.bibliography {
            let resolved = SitePath.resolve(path, relativeTo: article.source.path)
            // A site-wide file named here (as a pandoc user names every file) is the site's already, not a second copy
            // of its entries: each would shadow itself.
            guard !resolved.hasPrefix(SiteLayout.bibliography + "/") else { continue }
            own.add(bibliographies.files[resolved] ?? [], diagnostics: &diagnostics)
        }
        /// Items of `references:` that could not be read, by id: their citations say where.
        var brokenItems: [String: SourceLocation] = [:]
        for item in article.frontMatter.references {
            do {
                var decoder = CSLItemDecoder(readsMarkdown: true)
                own.add([try decoder.decode(item)], diagnostics: &diagnostics)
                diagnostics += decoder.warnings
            } catch {
                diagnostics.append(error)
                if let id = item["id"]?.text { brokenItems[id] = error.location }
            }
        }
        var broken = bibliographies.broken.site.merging(brokenItems) { _, own in own }
        let ownFiles = article.frontMatter.bibliography.map { SitePath.resolve($0.path, relativeTo: article.source.path) }
        for path in ownFiles {
            broken.merge(bibliographies.broken.files[path] ?? [:]) { own, _ in own }
        }
        // A file that could not be read at all may hold any key: an unknown one names it.
        let unreadable = bibliographies.broken.unreadable.filter { $0.hasPrefix(SiteLayout.bibliography + "/") || ownFiles.contains($0) }.sorted()
        var formats = self.formats
        // Naming the site's own style changes nothing, and needs no permission.
        if let (name, location) = article.frontMatter.citationStyle, name != settings.citationStyle {
            if let chosen = articleFormats[name] {
                formats = chosen
            } else if let listed = settings.articleCitationStyles.first(where: { $0.name == name }) {
                diagnostics.append(.error(at: location, "the citation style '\(name)' could not be read; fix it in sitegen.yml (at \(listed.location))", naming: [listed.location.path]))
            } else {
                let allowed = articleFormats.keys.sorted()
                var message = "this site does not let an article choose the citation style '\(name)'"
                // A short name a letter from an allowed one (`mla` is no typo of `apa`), or the initials of one's file
                // name (`mla` for styles/modern-language-association.csl).
                let lowered = name.lowercased()
                let near = Suggestion.nearest(to: name, among: allowed).flatMap {
                    name.count > 5 || Suggestion.editDistance(Array(lowered), Array($0.lowercased())) <= 1 ? $0 : nil
                }
                let initialled = allowed.first { style in
                    let stem = style.split(separator: "/").last.map { $0.lowercased().replacing(".csl", with: "") } ?? ""
                    return stem.split(separator: "-").count > 1 && String(stem.split(separator: "-").compactMap(\.first)) == lowered
                }
                if let suggestion = near ?? initialled ?? allowed.first(where: { $0.contains(lowered) }) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += allowed.isEmpty ? "" : " (it allows \(allowed.joined(separator: ", ")))"
                    message += "; add it to 'article-citation-styles' in sitegen.yml, or remove this line for the site's style"
                }
                diagnostics.append(.error(at: location, message))
            }
        }
        let besideArticles = bibliographies.besideArticles, read = Set(ownFiles)
        var resolver = CitationResolver(
            bibliographies: [own, siteBibliography], formats: formats, broken: broken, unreadable: unreadable,
            missing: ownFiles.filter(bibliographies.broken.missing.contains), tracksKeys: tracksKeys,
            unreadFiles: { besideArticles?.files(holding: $0, except: read) ?? [] })
        let renderer = MarkdownRenderer(allowsRawHTML: settings.allowsRawHTML)
        let markdown: SourceText
        do {
            markdown = try ArticleLoading.body(of: article, root: root)
        } catch {
            return ArticleResult(article: nil, diagnostics: diagnostics + [error], lookedUpKeys: resolver.lookedUpKeys, linkedSources: [:])
        }
        var linked: [String: Bool] = [:]
        let pageSources = pageSources
        let text = markdown.text
        let relink = Self.fileLinks(of: article, markdown: text, assets: assets, pages: pageSources) {
            linked[$0] = pageSources.contains($0)
        }
        /// The keys whose link definition (`[@key]: address`) was said.
        var definitionsSaid = Set<String>()
        /// What follows the first of several of a kind the renderer reports once an article.
        func others(_ more: Int) -> String { more == 0 ? "" : " (\(more) more in this article)" }
        // The home page's introduction (`Content/index.md`) has no reference list unless its template prints one.
        let homeListsNoReferences = article.urlPath == "" && {
            let home = templates["home"]?.text ?? BuiltinTemplates.home
            // Its own text, or a partial of the site's it includes, names them.
            return !home.contains("references") && !(home.contains("{{>") && templates.values.contains { $0.text.contains("references") })
        }()
        var firstMarker: SourceLocation?
        let rendered = renderer.render(markdown, citation: { group in
            if homeListsNoReferences, firstMarker == nil { firstMarker = group.location }
            return resolver.resolve(group)
        }, nearMiss: { miss, location in
            switch miss.kind {
            case .unclosed:
                diagnostics.append(
                    .warning(at: location,
                        "'[@\(miss.key)' has no closing ']', so it is no citation: the bracket is text and '@\(miss.key)' an in-text citation"
                            + " (the author's name), as pandoc reads them; write [@\(miss.key)]"))
            case .cutByLink:
                diagnostics.append(
                    .warning(at: location,
                        "'[@\(miss.key)' is no citation: a link or HTML inside its brackets cuts them (Markdown reads those first), so the"
                            + " brackets are text and '@\(miss.key)' an in-text citation; put the link outside the brackets: [@\(miss.key), …] (see <address>)"))
            case .partWithoutKey(let part, let group, let inTextKey?) where !part.isEmpty:
                let part = AffixMarkup.markdown(part), group = AffixMarkup.markdown(group)
                diagnostics.append(
                    .warning(at: location,
                        "'\(group.quotedInMessage)' after the in-text citation '@\(inTextKey)' is no citation: brackets after one hold its"
                            + " locator alone, so these are text and each '@key' in them an in-text citation (the author's name); write"
                            + " @\(inTextKey) [\(part)] and cite the other sources in brackets of their own ([@\(miss.key), …])"))
            case .partWithoutKey(let part, let group, _):
                let part = AffixMarkup.markdown(part), group = AffixMarkup.markdown(group)
                let problem = part.isEmpty ? "it ends with a semicolon that no source follows" : "each part between semicolons cites one source, and '\(part)' cites none"
                diagnostics.append(
                    .warning(at: location,
                        "'\(group.quotedInMessage)' is no citation: \(problem), so the brackets are text and each '@key' in them an in-text"
                            + " citation (the author's name), as pandoc reads them; keep text in the part of its source, after a comma"
                            + " ([@\(miss.key), and elsewhere]), or outside the brackets"))
            case .spaceAfterAt:
                // Only a key of the article's bibliographies: `[@ 2019 data]` may be text.
                guard resolver.hasEntry(miss.key) else { break }
                diagnostics.append(.warning(at: location, "'[@ \(miss.key)' is printed as text: a key follows its '@' without a space; write [@\(miss.key)]"))
            case .withoutAt:
                guard resolver.hasEntry(miss.key) else { break }
                diagnostics.append(
                    .warning(at: location, "'[\(miss.key)]' is printed as text, though '\(miss.key)' is the key of a source; cite it with an '@': [@\(miss.key)]"))
            case .inParentheses(let suppressesAuthor):
                guard resolver.hasEntry(miss.key) else { break }
                diagnostics.append(
                    .warning(at: location,
                        suppressesAuthor
                            ? "'(-@\(miss.key))' prints the citation inside these parentheses (\"((2019))\" in an author-date style);"
                                + " write [-@\(miss.key)] without them"
                            : "'(@\(miss.key))' prints the source's author and number inside the parentheses, as an in-text citation"
                                + " (the sentence names the author); for a citation of the source write [@\(miss.key)]"))
            case .sideBySide(let written, let joined):
                diagnostics.append(
                    .warning(at: location,
                        "'\(written.quotedInMessage)' is two citations side by side, whose marks print run together (superscript numbers read as"
                            + " one: ¹² is twelve); cite the sources in one: \(AffixMarkup.markdown(joined))"))
            case .insideLink(inText: true):
                // `[@key](address)`: pandoc cites the key inside the link; a handle (`[@someone](…)`) is no key.
                guard resolver.hasEntry(miss.key) else { break }
                // `[@key]: address` on a line of its own defines a link that every `[@key]` then is: said once, there.
                if let (_, line, column) = NotCommonMark.linkDefinitions(in: Array(text.utf8)).first(where: { $0.label == "@" + miss.key.lowercased() }) {
                    guard definitionsSaid.insert(miss.key.lowercased()).inserted else { break }
                    diagnostics.append(
                        .warning(at: markdown.location(line: line, column: column),
                            "this line defines a link labelled '[@\(miss.key)]' (a line '[label]: address' is a link definition in CommonMark),"
                                + " so each [@\(miss.key)] in the article is a link to its address and cites nothing; remove the line (a source's"
                                + " address belongs in its entry: URL or DOI)"))
                    break
                }
                diagnostics.append(
                    .warning(at: location,
                        "'@\(miss.key)' in a link's text is printed as written, and the source is not cited (a link cannot hold the"
                            + " citation's link); cite it after the link: [text](address) [@\(miss.key)]"))
            case .insideHTML(let inText, let element):
                // `@name` in HTML that is no key is text (an address, a handle).
                guard !inText || resolver.hasEntry(miss.key) else { break }
                // Said with the element it is in (a `<td>`, a `<figcaption>`); one that holds only a line's text (`<p>`,
                // `<span>`) cannot hold the paragraph the blank lines make: a `<div>` in its place.
                let text = "⏎⏎text [@\(miss.key)]⏎⏎"
                let example = switch element {
                case nil: ": \(text)"
                case let name? where Self.phrasingElements.contains(name):
                    "; a <\(name)> cannot hold a paragraph, so write a <div> in its place: <div>\(text)</div>"
                case let name?: ": <\(name)>\(text)</\(name)>"
                }
                diagnostics.append(
                    .warning(at: location,
                        "a citation in a block of HTML is printed as written, and the source is not cited (HTML is left as it is);"
                            + " put the text on a line of its own, not indented, with a blank line before and after it, which makes it Markdown"
                            + " inside the HTML" + example))
            case .insideLink(inText: false):
                diagnostics.append(
                    .warning(at: location,
                        "a citation inside a link's text or an image's description is printed as written (a link cannot hold"
                            + " the citation's link); put it after the link: [text](address) [@\(miss.key)]"))
            }
        }, relink: relink, notCommonMark: { found, location, more in
            diagnostics.append(.warning(at: location, found.message + others(more)))
        }, omittedHTML: { tag, location, more in
            diagnostics.append(
                .warning(at: location,
                    "'\(tag)' is HTML, which is left out of the page (a block of HTML with its text) unless sitegen.yml has"
                        + " markdown: {unsafe: true}; write it in Markdown, or allow HTML there" + others(more)))
        })
        if let firstMarker, !resolver.cited.isEmpty {
            diagnostics.append(
                .warning(at: firstMarker,
                    "the home page lists no references (its template has none), so this citation's link leads nowhere; cite sources in"
                        + " the answers, or print the references in Templates/home.mustache as article.mustache does ({{#references}}…)"))
        }
        // Citations whose text depends on the article's others (an author-date style's) are printed now.
        let body = resolver.finish(rendered)
        diagnostics += resolver.diagnostics
        // The entries of its front matter's `references:`, which are written for this article. Those of the files it
        // names are not: such a file is often a reference manager's whole library, most of it cited by no article.
        let citedKeys = article.frontMatter.references.isEmpty
            ? [] : Set(resolver.cited.map(\.printed.reference.id)).union(resolver.keysOfFailedMarkers).union(resolver.keysWithoutEntry)
        for reference in own.references.values where reference.location.path == article.source.path && !citedKeys.contains(reference.id) {
            diagnostics.append(.warning(at: reference.location, "reference '\(reference.id)' is in this article's bibliography but never cited"))
        }
        let result = diagnostics.hasErrors
            ? nil : RenderedArticle(article: article, body: body, references: resolver.cited, search: nil, referenceList: formats.style.referenceList)
        return ArticleResult(
            article: result, diagnostics: diagnostics, lookedUpKeys: resolver.lookedUpKeys, linkedSources: linked)
    }

    /// Elements that hold a line's text only, not a paragraph (HTML's phrasing content): Markdown in them is none.
    static let phrasingElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "span", "a", "em", "strong", "b", "i", "u", "s", "small", "mark", "font", "sub", "sup",
        "abbr", "cite", "q", "code", "kbd", "samp", "var", "label", "legend", "summary", "pre", "dt", "button", "time", "big", "tt",
    ]

    /// A rendered article with its search entry, when the site has search and indexes it.
    func searched(_ rendered: RenderedArticle) -> RenderedArticle {
        guard let synonyms, Self.isSearched(rendered.article) else { return rendered }
        let key = SearchEntry.inputKey(of: rendered.article, bodyHTML: rendered.body)
        let search = if let kept = searchCache?[key] {
            // Its record is the file the staging folder holds, or it is made when the record is written (``write``).
            SearchEntry(terms: kept.terms, record: [], recordHash: kept.recordHash, recordSize: kept.recordSize, inputKey: key)
        } else {
            SearchEntry(article: rendered.article, bodyHTML: rendered.body, synonyms: synonyms, inputKey: key)
        }
        return RenderedArticle(article: rendered.article, body: rendered.body, references: rendered.references, search: search, referenceList: rendered.referenceList)
    }

    /// Formatted entries shared by every article of the build (and, in `serve`, by the builds after it): in the
    /// site's style, and in each style an article may choose, by name as `article-citation-styles` writes it.
    let formats: ReferenceFormats
    let articleFormats: [String: ReferenceFormats]

    /// Links are written relative to the Markdown file, as an editor or GitHub shows them, and the page of
    /// `Content/a/b.md` is `a/b/index.html`, one folder deeper:
    /// - a relative link or image that names a file published beside the articles (`chart.png`,
    ///   `../files/guide.pdf`) gets one `../` more;
    /// - a relative link to a Markdown file that makes a page (`other.md`, `../heart/statins.md#references`) becomes a
    ///   link to that page (`../other/`, `../../heart/statins/#references`); one to a file that makes none (a draft, a
    ///   name mistyped) stays as written, and `sitegen check` reports it;
    /// - a link to a path of the site (relative, or absolute: `/files/guía.pdf`) whose letters are written decomposed
    ///   (`e` and U+0301 for `é`, as text copied from a macOS file name has them) is written composed, the form of every
    ///   address sitegen writes (``SitePath/composed(_:)``), which a server tells from the other byte for byte.
    ///
    /// Every other link stays as written. Nil when there is nothing to change.
    /// - Parameters:
    ///   - pages: the Markdown files that make pages (site-relative).
    ///   - linksMarkdown: whether the article's Markdown has `.md` anywhere (no link to a Markdown file otherwise).
    ///   - linksBeyondASCII: whether the article's Markdown has any character beyond ASCII (no link written
    ///     decomposed otherwise).
    ///   - linked: called with each Markdown file (site-relative) a link names, and with those that would make the page
    ///     of a folder a link names (`Content/b.md`, `Content/b/index.md` for `../b/`).
    /// - Parameter linksFolders: whether the Markdown may link a folder (`./`, `../`, `sub/`): one that leads to no page
    ///   from the article's page but to one from the Markdown file is written so that it leads there (from
    ///   `heart/statins.md`, whose page is `heart/statins/`, `sub/` is `heart/sub/`'s page).
    static func fileLinks(
        of article: Article, assets: Set<String>, pages: Set<String>, linksMarkdown: Bool, linksFolders: Bool, linksBeyondASCII: Bool,
        linked: @escaping (String) -> Void
    ) -> ((String) -> String?)? {
        let sourceFolder = article.source.slug.split(separator: "/").dropLast().joined(separator: "/")
        let pageIsElsewhere = article.urlPath != "" && article.urlPath.dropLast() != sourceFolder
        let movesAssets = !assets.isEmpty && pageIsElsewhere
        let linksFolders = linksFolders && pageIsElsewhere
        guard movesAssets || linksMarkdown || linksFolders || linksBeyondASCII else { return nil }
        return { destination in
            // Not an anchor, a query, or a URL with a scheme (`https:`, `mailto:`).
            guard let first = destination.first, first != "#", first != "?" else { return nil }
            let path = destination.prefix { $0 != "?" && $0 != "#" }
            if let colon = path.firstIndex(of: ":"), !path[..<colon].contains("/") { return nil }
            let written = path.contains("%") ? String(path).removingPercentEncoding ?? String(path) : String(path)
            // The link as written, or in the composed form where it is written otherwise (a fragment as it is: an id
            // of the page's, which is written as its author wrote it).
            let composed = SitePath.composed(written)
            let asWritten = composed.utf8.elementsEqual(written.utf8) ? nil : SitePath.percentEncoded(composed) + destination.dropFirst(path.count)
            // An absolute path is the site's as written; its form is all that may change.
            guard first != "/" else { return asWritten }
            let target = SitePath.resolve(composed, relativeTo: article.source.path)
            let folder = SiteLayout.content + "/"
            if linksFolders, path == "." || path == ".." || path.hasSuffix("/") || path.hasSuffix("/.") || path.hasSuffix("/..") {
                /// Whether a page of the site is at a folder address (`heart/sub/`; the home page at `""`). The Markdown
                /// files that would make it are linked: the link is written otherwise when one comes or goes.
                func isPage(_ address: String) -> Bool {
                    guard !address.isEmpty else { return true }
                    let sources = [folder + address.dropLast() + ".md", folder + address + "index.md"]
                    sources.forEach(linked)
                    return sources.contains(where: pages.contains)
                }
                // A link that leads to a page as written, from the page (`../statins/` between two articles of a folder,
                // `./#top`), stays; one that leads to a page only from the Markdown file (`sub/`, `../` in
                // `heart/statins.md`, as an editor shows it) is written so that it leads there.
                // (A link to the page itself without a fragment, `./` or `.`, means the Markdown file's folder.)
                // (From `a/c/`, the page's own folder, as from a file `a/c/index` in it.)
                let (resolved, leaves) = SitePath.resolving(String(path), relativeTo: article.urlPath + "index")
                let fromPage = resolved.isEmpty ? "" : resolved + "/"
                let leadsToItself = !leaves && fromPage == article.urlPath && destination.count == path.count
                if !leaves, isPage(fromPage), !leadsToItself {
                    return asWritten
                }
                guard target == SiteLayout.content || target.hasPrefix(folder) else { return asWritten }
                let inside = target == SiteLayout.content ? "" : String(target.dropFirst(folder.count)) + "/"
                // (A folder without a page: written so that it leads there all the same, where `check` finds no page,
                // rather than back to the article itself.)
                guard isPage(inside) || leadsToItself else { return asWritten }
                return SitePath.percentEncoded(Self.relativePath(from: article.urlPath, to: inside)) + destination.dropFirst(path.count)
            }
            guard target.hasPrefix(folder) else { return asWritten }
            let inside = target.dropFirst(folder.count)
            if linksMarkdown, inside.lowercased().hasSuffix(".md") {
                linked(target)
                guard pages.contains(target) else { return asWritten }
                let page = Article.urlPath(forSlug: String(inside.dropLast(3)))
                return SitePath.percentEncoded(Self.relativePath(from: article.urlPath, to: page)) + destination.dropFirst(path.count)
            }
            guard movesAssets, assets.contains(String(inside)) else { return asWritten }
            return "../" + (asWritten ?? destination)
        }
    }

    /// ``fileLinks(of:assets:pages:linksMarkdown:linksFolders:linked:)`` for an article whose Markdown is `text`, as the
    /// build relinks its links (and `check` finds what a link of its page was written as).
    static func fileLinks(
        of article: Article, markdown text: String, assets: Set<String>, pages: Set<String>, linked: @escaping (String) -> Void = { _ in }
    ) -> ((String) -> String?)? {
        fileLinks(
            of: article, assets: assets, pages: pages, linksMarkdown: text.containsBytes(".md"),
            // A destination that ends a folder: before `)`, a title, a fragment, a query or a definition's line end.
            linksFolders: ["/)", ".)", "/#", "/?", "/ \"", "/\n"].contains { text.containsBytes($0) },
            linksBeyondASCII: text.hasByteBeyondASCII, linked: linked)
    }

    /// The relative link from the page at one site path to the page at another (`a/b/` to `a/c/`: `../c/`).
    static func relativePath(from page: String, to target: String) -> String {
        SitePath.relative(target.hasSuffix("/") ? target : target + "/", from: page)
    }
}
