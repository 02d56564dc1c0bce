import Foundation

extension BuildPipeline {
    /// A rebuild after edits to published articles and nothing else — what `sitegen serve` sees on almost
    /// every save — patches the previous build: it reads, parses and renders the edited articles, renders
    /// their pages (and the list pages when what the lists show changed) and touches nothing else, so its cost
    /// does not grow with the site.
    ///
    /// - Returns: nil when the change needs a full pass: a file other than a published article changed, an
    ///   edited article had diagnostics before or has some now, became a draft, names a bibliography file the
    ///   previous build did not read or a template it does not have. The full pass then redoes what it must.
    func renderArticleEdits(_ changed: Set<String>, into previous: inout BuildCache.Previous, cache: BuildCache) async -> RenderedSite? {
        guard !changed.isEmpty, previous.options == Self.identity(of: options) else { return nil }
        var edits: [(position: Int, text: SourceText)] = []
        for path in changed.sorted() {
            guard let position = previous.positions[path], let loaded = cache.loaded[path], loaded.diagnostics.isEmpty,
                cache.rendered[path]?.diagnostics.isEmpty == true
            else { return nil }
            let read = BuildCache.read(path, root: options.source)
            cache.texts[path] = read
            cache.statistics.filesRead += 1
            guard case .success(let text) = read else { return nil }
            if text.text != loaded.text { edits.append((position, text)) }
        }
        let settings = previous.settings, files = previous.fileReferences, site = previous.siteBibliography
        let renderer = MarkdownRenderer(allowsRawHTML: settings.allowsRawHTML), formats = ReferenceFormats()
        let layouts = previous.templates.names, includeDrafts = options.includeDrafts, assets = cache.assets ?? [], broken = previous.brokenEntries
        let pages = PageBuilder(settings: settings, templates: previous.templates)
        let sources = edits.map { previous.articles[$0.position].article.source }
        let done = await Self.parallelMap(Array(zip(sources, edits.map(\.text))), chunked: false) { file, text -> (RenderedArticle, Set<String>, String?)? in
            let (loaded, problems) = Self.loadArticle(file, text: text)
            guard let article = loaded, problems.isEmpty, includeDrafts || !article.frontMatter.isDraft,
                layouts.contains(article.frontMatter.layout),
                article.frontMatter.bibliography.allSatisfy({ files[Self.resolve($0.path, relativeTo: file.path)] != nil })
            else { return nil }
            let (rendered, renderProblems, keys) = Self.renderArticle(
                article, renderer: renderer, siteBibliography: site, fileReferences: files, formats: formats, assets: assets,
                brokenEntries: broken)
            guard let rendered, renderProblems.isEmpty else { return nil }
            let page = article.urlPath.isEmpty ? nil : pages.articlePage(rendered)
            // An empty page is an error, which the full pass reports.
            if page?.isBlank == true { return nil }
            return (rendered, keys, page)
        }
        // All or nothing: the cache changes only once every edited article is known to be good.
        let results = done.compactMap { $0 }
        guard results.count == edits.count else { return nil }

        cache.statistics.articlesParsed = edits.count
        cache.statistics.articlesRendered = edits.count
        var result = RenderedSite()
        // List pages that show an edited article differently; the others stay as they are.
        var staleLists = Set<String>()
        for ((position, text), (rendered, keys, page)) in zip(edits, results) {
            let article = rendered.article, path = article.source.path
            let before = previous.articles[position].article
            cache.loaded[path] = (text.text, article, [])
            cache.rendered[path] = BuildCache.RenderEntry(
                fileText: text.text, ownFiles: ownFileTexts(article, cache: cache), siteKeys: keys,
                allowsRawHTML: settings.allowsRawHTML, article: rendered, diagnostics: [])
            previous.articles[position] = rendered
            let signature = pages.listSignature(rendered)
            if article.urlPath.isEmpty || cache.listSignatures[path] != signature {
                staleLists.formUnion(PageBuilder.listPagesShowing(before: before, after: article))
            }
            cache.listSignatures[path] = signature
            cache.listSignature?[position] = signature
            if let page {
                cache.articlePages[article.outputPath] = page
                cache.statistics.pagesRendered += 1
                if !previous.publicPaths.contains(article.outputPath) { result.pages.append((article.outputPath, page)) }
            }
        }
        if !staleLists.isEmpty {
            let (paths, lists) = await pages.listPages(previous.articles, only: staleLists)
            // A topic left without articles loses its page.
            let gone = Set(cache.listPages.map(\.path)).subtracting(paths).subtracting(previous.publicPaths)
            result.removedPages = gone.sorted()
            for path in gone { cache.pageHashes[path] = nil }
            var contents = Dictionary(cache.listPages.map { ($0.path, $0.content) }) { first, _ in first }
            for (path, content) in lists { contents[path] = content }
            cache.listPages = paths.compactMap { path in contents[path].map { (path, $0) } }
            cache.statistics.pagesRendered += lists.count
            result.pages += lists.filter { !previous.publicPaths.contains($0.path) }
        }
        result.pages.removeAll { path, content in !cache.recordPage(path, content) }
        result.isPatch = true
        result.settings = settings
        result.articles = previous.articles
        result.siteReferences = previous.siteReferences
        result.templates = previous.templateSources
        result.copies = previous.copies
        result.diagnostics = previous.diagnostics
        return result
    }

    /// What must match for a build to patch the previous one.
    static func identity(of options: BuildOptions) -> String {
        "\(options.source.path)|\(options.includeDrafts)|\(options.baseURL ?? "")"
    }
}
