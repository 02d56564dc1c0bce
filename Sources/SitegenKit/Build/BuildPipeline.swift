import Foundation

/// Runs the build stages in order: load, front matter, bibliographies, Markdown and citations,
/// templates, pages, write. Collects every diagnostic; writes nothing unless all files are good.
public struct BuildPipeline: Sendable {
    public let options: BuildOptions

    public init(_ options: BuildOptions) {
        self.options = options
    }

    public func run() async -> BuildReport {
        let started = Date()
        var report = BuildReport(diagnostics: [], pagesWritten: 0, filesWritten: 0, seconds: 0, output: options.output)
        do throws(Diagnostic) {
            try checkFolders()
        } catch {
            report.diagnostics = [error]
            report.refused = true
            return report
        }
        let writer = OutputWriter(output: options.output)
        var staging: URL?
        do {
            writer.recover()
            let folder = try writer.makeStaging()
            staging = folder
            // Article pages go to the staging folder as soon as they are rendered, from all cores, and are
            // not kept in memory; the folder is thrown away if anything fails.
            let site = try await render { path, content throws(Diagnostic) in try writer.write(content, to: path, in: folder) }
            report.diagnostics = site.diagnostics
            report.draftsSkipped = site.draftsSkipped
            if !site.diagnostics.hasErrors {
                report.filesWritten = try write(site, with: writer, in: folder) + site.streamedPages
                report.pagesWritten = site.pages.filter { $0.path.hasSuffix(".html") }.count + site.streamedPages
                staging = nil
            }
        } catch {
            report.diagnostics.append(error)
        }
        if let staging { writer.discard(staging) }
        report.diagnostics = report.diagnostics.sortedCausesFirst()
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Refuses a site folder that does not exist and an output folder the build may not take, before anything
    /// is created, moved or written.
    func checkFolders() throws(Diagnostic) {
        try Self.checkSiteFolder(options.source)
        do {
            try OutputClaim(output: options.output, source: options.source).check(force: options.force)
        } catch {
            throw .error(at: SourceLocation(path: options.output.path, line: 1, column: 1), error.description)
        }
    }

    static func checkSiteFolder(_ root: URL) throws(Diagnostic) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .error(at: SourceLocation(path: root.path, line: 1, column: 1), "site folder does not exist (check --source)")
        }
    }

    /// Where a build hands an article page as soon as it is rendered: its output path and its HTML.
    public typealias PageSink = @Sendable (_ path: String, _ content: String) throws(Diagnostic) -> Void

    /// A site held in memory, ready to write.
    public struct RenderedSite: Sendable {
        public var pages: [(path: String, content: String)] = []
        /// Pages the build produced exactly as the previous build of the same cache did (content not held here).
        public var unchangedPages: [String] = []
        /// Whether this is a patch on the previous build of the same cache: `pages` are the pages that changed,
        /// every other file stays as that build left it, and `unchangedPages` is not filled in.
        public var isPatch = false
        /// In a patch, pages the previous build wrote that are no longer part of the site.
        public var removedPages: [String] = []
        /// How many drafts were left out (built only with `--drafts`).
        public var draftsSkipped = 0
        /// How many article pages went to the page sink instead of `pages`.
        public var streamedPages = 0
        public var copies: [(path: String, source: URL)] = []
        public var diagnostics: [Diagnostic] = []
        /// What later checks need: the site's settings, its rendered articles, the site-wide references
        /// and the site's own templates.
        public var settings = SiteSettings()
        public var articles: [RenderedArticle] = []
        public var siteReferences: [Reference] = []
        public var templates: [String: SourceText] = [:]
    }

    /// Every stage but writing; throws only when the site cannot be read at all.
    ///
    /// - Parameters:
    ///   - cache: what the previous build of the same site kept (`sitegen serve`); only the work a change
    ///     touched is redone, and `unchangedPages` names the pages identical to the previous build's.
    ///   - sink: when given (and without a cache), receives every article page instead of `pages`.
    public func render(cache: BuildCache? = nil, writingArticlesTo sink: PageSink? = nil) async throws(Diagnostic) -> RenderedSite {
        // Without a cache from the caller nothing is compared with a previous build: every page is new.
        let comparesPages = cache != nil
        let cache = cache ?? BuildCache()
        cache.statistics = BuildCache.Statistics()
        // After edits to articles only, patch the previous build; anything else takes the full pass below, which
        // keeps a new `previous` only if it gets to the end without errors.
        let changes = cache.takeChanges()
        if var previous = cache.previous.take() {
            if comparesPages, sink == nil, let changes, let patch = await renderArticleEdits(changes, into: &previous, cache: cache) {
                cache.previous = previous
                return patch
            }
            cache.statistics = BuildCache.Statistics()
        }
        var result = RenderedSite()
        let root = options.source
        try Self.checkSiteFolder(root)
        let source = try SiteSourceLoader().load(root: root)
        var (settings, diagnostics) = SiteSettingsLoader().load(source.settingsText)
        if let baseURL = options.baseURL {
            if SiteSettingsLoader.isValidBaseURL(baseURL) {
                settings.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
            } else {
                diagnostics.append(.error(at: SourceLocation(path: "--base-url", line: 1, column: 1), "not an http(s) URL or a path starting with '/': '\(baseURL)'"))
            }
        }
        let baseURLLocation = source.settingsText.map { text in
            settings.values["baseURL"]?.location ?? text.start
        } ?? SourceLocation(path: "sitegen.yml", line: 1, column: 1)
        if !settings.hasAbsoluteBaseURL {
            diagnostics.append(.warning(at: baseURLLocation, SiteSettingsLoader.relativeURLsWarning))
        } else if settings.hasPlaceholderBaseURL {
            diagnostics.append(.warning(at: baseURLLocation, SiteSettingsLoader.placeholderURLWarning))
        }
        if source.articles.isEmpty {
            diagnostics.append(.warning(at: SourceLocation(path: "Content", line: 1, column: 1), "no Markdown articles found"))
        }
        let settingsChanged = cache.settingsText != source.settingsText?.text || cache.baseURL != settings.baseURL

        // A build that writes pages as it goes keeps no file texts: nothing compares them with a later build.
        let streaming = sink != nil && !comparesPages
        @Sendable func load(_ file: SiteSource.ContentFile, _ text: Result<SourceText, Diagnostic>) -> (String, String, Article?, [Diagnostic]) {
            switch text {
            case .success(let source):
                let (article, problems) = Self.loadArticle(file, text: source)
                return (file.path, streaming ? "" : source.text, article, problems)
            case .failure(let error):
                return (file.path, "\u{0}unreadable", nil, [error])
            }
        }
        let parsed: [(String, String, Article?, [Diagnostic])]
        if streaming {
            // Each file read and its front matter parsed in one step, so that no more than a few whole texts
            // are held at once beside the bodies (at 100,000 articles, half a gigabyte less at the peak).
            parsed = await Self.parallelMap(source.articles) { file in load(file, BuildCache.read(file.path, root: root)) }
            cache.statistics.filesRead += parsed.count
        } else {
            // Read the files the cache does not hold, in parallel.
            let unread = source.articles.map(\.path).filter { cache.texts[$0] == nil }
            let read = await Self.parallelMap(unread) { path in (path, BuildCache.read(path, root: root)) }
            for (path, text) in read { cache.texts[path] = text }
            cache.statistics.filesRead += read.count

            // Front matter, in parallel, for articles whose text changed.
            var toParse: [(SiteSource.ContentFile, Result<SourceText, Diagnostic>)] = []
            for file in source.articles {
                guard let text = cache.texts[file.path] else { continue }
                if case .success(let current) = text, cache.loaded[file.path]?.text == current.text { continue }
                toParse.append((file, text))
            }
            parsed = await Self.parallelMap(toParse) { file, text in load(file, text) }
        }
        for (path, text, article, problems) in parsed { cache.loaded[path] = (text, article, problems) }
        cache.statistics.articlesParsed = parsed.count
        let present = Set(source.articles.map(\.path))
        BuildCache.keep(present, in: &cache.loaded)
        // Every article's layout, drafts too: a site template none of them names is reported below.
        let layoutsInUse = Set(cache.loaded.values.compactMap { $0.article?.frontMatter.layout })

        let includeDrafts = options.includeDrafts
        var articles: [Article] = []
        var outputOwners: [String: String] = [:]
        for file in source.articles {
            guard let (_, article, problems) = cache.loaded[file.path] else { continue }
            diagnostics += problems
            guard let article else { continue }
            if article.frontMatter.isDraft && !includeDrafts {
                result.draftsSkipped += 1
                continue
            }
            if let other = outputOwners[article.outputPath] {
                diagnostics.append(.error(at: article.body.start, "\(article.source.path) and \(other) both publish \(article.outputPath)"))
                continue
            }
            outputOwners[article.outputPath] = article.source.path
            articles.append(article)
        }

        if articles.isEmpty, result.draftsSkipped > 0 {
            diagnostics.append(
                .warning(at: SourceLocation(path: "Content", line: 1, column: 1),
                    "every article is a draft (\(result.draftsSkipped)), so none is published; build with --drafts to see them"))
        }
        for link in source.skippedLinks {
            diagnostics.append(
                .warning(at: SourceLocation(path: link, line: 1, column: 1),
                    "symbolic link not copied (links are never followed out of the site); put the file itself in Public/"))
        }

        // Bibliographies: each file parsed once, shared by every article that names it.
        // A site-wide entry that cannot be read is skipped with a warning; citing it is an error that says where it broke.
        var siteBibliography = Bibliography()
        var brokenEntries = BrokenEntries()
        for path in source.bibliographies {
            let file = Self.readBibliography(path, root: root, cache: cache, siteWide: true, diagnostics: &diagnostics)
            siteBibliography.add(file.references, diagnostics: &diagnostics)
            brokenEntries.site.merge(file.broken) { first, _ in first }
        }
        var fileReferences: [String: [Reference]] = [:]
        for article in articles {
            for (path, location) in article.frontMatter.bibliography {
                let resolved = Self.resolve(path, relativeTo: article.source.path)
                guard fileReferences[resolved] == nil else { continue }
                guard FileManager.default.fileExists(atPath: root.appendingPathComponent(resolved).path) else {
                    diagnostics.append(.error(at: location, "bibliography file '\(path)' not found (looked for \(resolved))"))
                    fileReferences[resolved] = []
                    continue
                }
                let file = Self.readBibliography(resolved, root: root, cache: cache, siteWide: false, diagnostics: &diagnostics)
                fileReferences[resolved] = file.references
                brokenEntries.files[resolved] = file.broken
            }
        }

        // Templates, before the articles: a build that writes as it goes renders each page right after its article.
        var siteTemplates: [(name: String, source: SourceText)] = []
        for (name, path) in source.templates {
            do {
                siteTemplates.append((name, try TextFileReader.read(root.appendingPathComponent(path), path: path)))
            } catch {
                diagnostics.append(error)
            }
        }
        let templateSources = Dictionary(siteTemplates.map { ($0.name, $0.source) }) { first, _ in first }
        let library: TemplateLibrary?
        do {
            library = try TemplateLibrary(siteTemplates: siteTemplates)
        } catch {
            diagnostics += error.diagnostics
            library = nil
        }

        // Markdown and citations, in parallel, for articles whose inputs changed.
        let renderer = MarkdownRenderer(allowsRawHTML: settings.allowsRawHTML)
        let assets = Set(source.assets.map(\.outputPath))
        let shared = (site: siteBibliography, files: fileReferences, formats: ReferenceFormats(), assets: assets, broken: brokenEntries)
        // Pages link to the files beside them (see `fileLinks`): a file added or removed renders every article again.
        let assetsChanged = cache.assets != assets
        cache.assets = assets
        // Site-wide keys whose entries changed since the previous build (nil: no previous build to compare).
        let siteFiles = source.bibliographies.map { (path: $0, text: cache.bibliographies[$0]?.text) }
        let changedSiteKeys: Set<String>? =
            if cache.siteReferences != nil, siteFiles.elementsEqual(cache.siteFiles, by: { $0 == $1 }) {
                []
            } else {
                cache.siteReferences.map { previous in
                    Set(previous.keys).union(siteBibliography.references.keys).filter {
                        !Self.sameContent(previous[$0], siteBibliography.references[$0])
                    }
                }
            }
        cache.siteReferences = siteBibliography.references
        cache.siteFiles = siteFiles
        var reused: [String: BuildCache.RenderEntry] = [:]
        var toRender: [Article] = []
        for article in articles {
            if !assetsChanged, let entry = cache.rendered[article.source.path], entry.allowsRawHTML == settings.allowsRawHTML,
                entry.fileText == cache.loaded[article.source.path]?.text,
                entry.ownFiles == ownFileTexts(article, cache: cache),
                let changedSiteKeys, entry.siteKeys.isDisjoint(with: changedSiteKeys)
            {
                reused[article.source.path] = entry
            } else {
                toRender.append(article)
            }
        }
        // Streaming, each article's page is rendered and handed to the sink right after the article, unless
        // the build has already failed; the article then keeps no HTML.
        var pageSink: (@Sendable (RenderedArticle) throws(Diagnostic) -> Void)?
        if let sink, streaming, let library, !diagnostics.hasErrors {
            let pages = PageBuilder(settings: settings, templates: library)
            let sources = templateSources
            pageSink = { article throws(Diagnostic) in
                let page = pages.articlePage(article)
                if let empty = Self.emptyPage(article.article.outputPath, page, template: article.article.frontMatter.layout, templates: sources) {
                    throw empty
                }
                try sink(article.article.outputPath, page)
            }
        }
        let writesPages = pageSink, layoutNames = library?.names ?? []
        let rendered = await Self.parallelMap(toRender) { article -> (RenderedArticle?, [Diagnostic], Set<String>, Bool) in
            var (renderedArticle, problems, keys) = Self.renderArticle(
                article, renderer: renderer, siteBibliography: shared.site, fileReferences: shared.files, formats: shared.formats,
                assets: shared.assets, brokenEntries: shared.broken)
            guard let writesPages, var done = renderedArticle, !problems.hasErrors, done.article.urlPath != "",
                layoutNames.contains(done.article.frontMatter.layout)
            else { return (renderedArticle, problems, keys, false) }
            do throws(Diagnostic) {
                try writesPages(done)
            } catch {
                problems.append(error)
            }
            done.body = ""
            done.references = []
            article.discardBodyText()
            renderedArticle = done
            return (renderedArticle, problems, keys, true)
        }
        cache.statistics.articlesRendered = rendered.count
        var fresh: [String: (RenderedArticle?, [Diagnostic])] = [:]
        for (article, (renderedArticle, problems, keys, streamed)) in zip(toRender, rendered) {
            if streamed { result.streamedPages += 1 }
            fresh[article.source.path] = (renderedArticle, problems)
            // A streaming build has no later build to reuse its work.
            if let renderedArticle, !problems.hasErrors, !streaming {
                cache.rendered[article.source.path] = BuildCache.RenderEntry(
                    fileText: cache.loaded[article.source.path]?.text ?? "", ownFiles: ownFileTexts(article, cache: cache),
                    siteKeys: keys,
                    allowsRawHTML: settings.allowsRawHTML, article: renderedArticle, diagnostics: problems)
            } else {
                cache.rendered[article.source.path] = nil
            }
        }
        let published = Set(articles.map(\.source.path))
        BuildCache.keep(published, in: &cache.rendered)
        // The Markdown of a streaming build is no longer needed.
        if streaming { cache.loaded.removeAll() }
        var renderedArticles: [RenderedArticle] = []
        var rerendered = Set<String>()
        for article in articles {
            if let entry = reused[article.source.path] {
                diagnostics += entry.diagnostics
                renderedArticles.append(entry.article)
            } else if let (renderedArticle, problems) = fresh[article.source.path] {
                diagnostics += problems
                if let renderedArticle {
                    renderedArticles.append(renderedArticle)
                    rerendered.insert(renderedArticle.article.outputPath)
                }
            }
        }

        guard let templates = library else {
            result.diagnostics = diagnostics
            return result
        }
        for article in renderedArticles where !templates.names.contains(article.article.frontMatter.layout) {
            let layout = article.article.frontMatter.layout
            var message = "no template named '\(layout)'"
            if let near = Suggestion.nearest(to: layout, among: templates.names) { message += "; did you mean '\(near)'?" }
            diagnostics.append(.error(at: article.article.frontMatter.layoutLocation ?? article.article.body.start, message + " (or add Templates/\(layout).mustache)"))
        }
        diagnostics += Self.unusedTemplates(siteTemplates, layouts: layoutsInUse)
        guard !diagnostics.hasErrors else {
            result.diagnostics = diagnostics
            return result
        }
        // Which templates changed since the previous build: a page template re-renders its own pages,
        // any other (base, partials) every page.
        let templateTexts = Dictionary(siteTemplates.map { ($0.name, $0.source.text) }) { first, _ in first }
        let changedTemplates: Set<String>
        if let previous = cache.templateTexts {
            changedTemplates = Set(previous.keys).union(templateTexts.keys).filter { previous[$0] != templateTexts[$0] }
        } else {
            changedTemplates = ["base"]
        }
        cache.templateTexts = templateTexts
        cache.settingsText = source.settingsText?.text
        cache.baseURL = settings.baseURL
        let layouts = Set(renderedArticles.map(\.article.frontMatter.layout))
        let pageTemplates = layouts.union(["home", "topic", "topics", "404"])
        let everything = settingsChanged || !changedTemplates.isSubset(of: pageTemplates)

        result.settings = settings
        result.articles = renderedArticles
        result.siteReferences = siteBibliography.references.values.sorted { $0.location < $1.location }
        result.templates = templateSources

        // Pages: article pages whose article or template changed, in parallel; list pages when what they show changed.
        let pages = PageBuilder(settings: settings, templates: templates)
        // The home page is a list page; `Content/index.md` only gives it an introduction.
        let articlePages = renderedArticles.filter { $0.article.urlPath != "" }
        // List pages when what they show changed, concurrently with the article pages.
        // Each article's part of the lists, kept per article: a rebuild computes only the re-rendered ones'.
        // A streaming build has no previous lists to compare with, and no later build to keep signatures for.
        var signatures: [String: String] = [:]
        let listSignature: [String] = streaming ? [] : renderedArticles.map { article in
            let path = article.article.source.path
            let signature = (!rerendered.contains(article.article.outputPath) ? cache.listSignatures[path] : nil) ?? pages.listSignature(article)
            signatures[path] = signature
            return signature
        }
        cache.listSignatures = signatures
        let listsChanged = streaming || everything || listSignature != cache.listSignature
            || !changedTemplates.isDisjoint(with: pageTemplates.subtracting(layouts))
            || renderedArticles.contains(where: { $0.article.urlPath == "" && rerendered.contains($0.article.outputPath) })
        async let newLists = listsChanged ? pages.listPages(renderedArticles) : nil
        var allPages: [(String, String)] = []
        // Pages rendered by this build; the others are the previous build's, unchanged.
        var renderedNow = Set(BuiltinAssets.files.keys)
        if streaming {
            // Written while rendering: a build without errors streamed every article page.
            assert(result.streamedPages == articlePages.count, "every article page goes to the sink")
            cache.statistics.pagesRendered += result.streamedPages
        } else {
            let stale = articlePages.filter { article in
                everything || rerendered.contains(article.article.outputPath) || changedTemplates.contains(article.article.frontMatter.layout)
                    || cache.articlePages[article.article.outputPath] == nil
            }
            let fresher = await Self.parallelMap(stale) { article in (article.article.outputPath, pages.articlePage(article)) }
            for (path, content) in fresher {
                cache.articlePages[path] = content
                renderedNow.insert(path)
            }
            let outputs = Set(articlePages.map(\.article.outputPath))
            BuildCache.keep(outputs, in: &cache.articlePages)
            allPages = articlePages.compactMap { article in
                cache.articlePages[article.article.outputPath].map { (article.article.outputPath, $0) }
            }
            cache.statistics.pagesRendered += fresher.count
        }
        if let lists = await newLists {
            renderedNow.formUnion(lists.map(\.path))
            cache.listPages = lists
            cache.listSignature = listSignature
            cache.statistics.pagesRendered += cache.listPages.count
        }
        allPages += cache.listPages
        let pageLayouts = Dictionary(articlePages.map { ($0.article.outputPath, $0.article.frontMatter.layout) }) { first, _ in first }
        for (path, content) in allPages where path.hasSuffix(".html") {
            let template = pageLayouts[path] ?? PageBuilder.listTemplate(for: path)
            if let empty = Self.emptyPage(path, content, template: template, templates: templateSources) { diagnostics.append(empty) }
        }
        allPages += BuiltinAssets.files.map { ($0.key, $0.value) }
        let publicPaths = Set(source.publicFiles.map(\.outputPath))
        allPages.removeAll { publicPaths.contains($0.0) }
        if comparesPages {
            for (path, content) in allPages {
                if !renderedNow.contains(path), cache.pageHashes[path] != nil {
                    result.unchangedPages.append(path)
                    continue
                }
                if cache.recordPage(path, content) {
                    result.pages.append((path, content))
                } else {
                    result.unchangedPages.append(path)
                }
            }
            if cache.pageHashes.count != allPages.count { BuildCache.keep(Set(allPages.map(\.0)), in: &cache.pageHashes) }
        } else {
            result.pages = allPages
        }
        result.copies = source.publicFiles.map { ($0.outputPath, root.appendingPathComponent($0.path)) }
        // A file beside articles is published once, at its own place; pages link to it there (see `fileLinks`).
        for asset in source.assets { result.copies.append((asset.outputPath, root.appendingPathComponent(asset.path))) }
        result.diagnostics = diagnostics
        if !streaming {
            cache.previous = BuildCache.Previous(
                options: Self.identity(of: options), settings: settings, templates: templates, templateSources: result.templates,
                siteBibliography: siteBibliography, siteReferences: result.siteReferences, fileReferences: fileReferences,
                brokenEntries: brokenEntries, articles: renderedArticles,
                positions: Dictionary(uniqueKeysWithValues: renderedArticles.enumerated().map { ($1.article.source.path, $0) }),
                publicPaths: publicPaths, copies: result.copies, diagnostics: diagnostics)
        }
        return result
    }

    /// Site templates that no page uses: neither a built-in template's name, nor any article's layout (drafts
    /// included), nor included by another template. One named like a built-in template is an error (a typo such
    /// as `artcle.mustache` would otherwise leave the built-in in use without a word); any other is a warning.
    static func unusedTemplates(_ siteTemplates: [(name: String, source: SourceText)], layouts: Set<String>) -> [Diagnostic] {
        var used = Set(BuiltinTemplates.all.keys).union(layouts)
        for (_, source) in siteTemplates { used.formUnion(TemplateTags(source.text).includedNames) }
        return siteTemplates.filter { !used.contains($0.name) }.map { name, source in
            if let near = Suggestion.nearest(to: name, among: BuiltinTemplates.all.keys) {
                return .error(at: source.start, "no page uses the template '\(name)'; did you mean '\(near)'? (name the file Templates/\(near).mustache to replace the built-in one)")
            }
            return .warning(at: source.start, "no page uses the template '\(name)' (an article uses it with 'layout: \(name)'; another template with '{{>\(name)}}')")
        }
    }

    /// An error when a template with text of its own rendered a page with nothing in it (all of it was inside a
    /// section whose value is missing): a page is never published empty. A template of only `{{{body}}}` may.
    static func emptyPage(_ path: String, _ content: String, template: String, templates: [String: SourceText]) -> Diagnostic? {
        guard content.isBlank, templates[template].map({ TemplateTags($0.text).hasText }) ?? true else { return nil }
        let location = templates[template]?.start ?? SourceLocation(path: "<built-in>/\(template).mustache", line: 1, column: 1)
        return .error(at: location, "the template '\(template)' rendered \(path) empty; a page is never published empty (is all of it inside a section whose value is missing?)")
    }

    /// The texts of an article's own bibliography files as the cache holds them.
    func ownFileTexts(_ article: Article, cache: BuildCache) -> [String: String] {
        var texts: [String: String] = [:]
        for (path, _) in article.frontMatter.bibliography {
            let resolved = Self.resolve(path, relativeTo: article.source.path)
            texts[resolved] = cache.bibliographies[resolved]?.text ?? ""
        }
        return texts
    }

    /// Whether two entries would print the same (their places in their files aside).
    static func sameContent(_ lhs: Reference?, _ rhs: Reference?) -> Bool {
        guard var lhs, let rhs else { return lhs == nil && rhs == nil }
        lhs.location = rhs.location
        return lhs == rhs
    }

    /// Writes what `render` kept in memory into the staging folder and swaps it in.
    private func write(_ site: RenderedSite, with writer: OutputWriter, in staging: URL) throws(Diagnostic) -> Int {
        for page in site.pages { try writer.write(page.content, to: page.path, in: staging) }
        for copy in site.copies { try writer.copy(copy.source, to: copy.path, in: staging) }
        try writer.swapIn(staging)
        return site.pages.count + site.copies.count
    }

    // MARK: - Stages for one article

    static func loadArticle(_ file: SiteSource.ContentFile, text: SourceText) -> (Article?, [Diagnostic]) {
        if text.text.isBlank {
            return (nil, [.error(at: text.start, "file is empty: an article needs front matter with a title")])
        }
        do {
            let split = try FrontMatterSplitter().split(text)
            let tree = try split.header.flatMap { header throws(Diagnostic) in try YAMLReader().read(header) }
            let start = split.header?.start ?? text.start
            let (frontMatter, problems) = FrontMatterDecoder().decode(
                split.header == nil ? nil : (tree ?? DataNode(.null, at: start)), fileStart: text.start)
            guard let frontMatter else { return (nil, problems) }
            let urlPath = Article.urlPath(forSlug: file.slug)
            let article = Article(
                source: file, frontMatter: frontMatter, body: split.body, outputPath: urlPath + "index.html", urlPath: urlPath)
            return (article, problems)
        } catch {
            return (nil, [error])
        }
    }

    /// - Returns: the rendered article (nil on errors), its diagnostics and every citation key it looked up.
    static func renderArticle(
        _ article: Article, renderer: MarkdownRenderer, siteBibliography: Bibliography, fileReferences: [String: [Reference]],
        formats: ReferenceFormats, assets: Set<String>, brokenEntries: BrokenEntries
    ) -> (RenderedArticle?, [Diagnostic], Set<String>) {
        var diagnostics: [Diagnostic] = []
        var own = Bibliography()
        for (path, _) in article.frontMatter.bibliography {
            own.add(fileReferences[resolve(path, relativeTo: article.source.path)] ?? [], diagnostics: &diagnostics)
        }
        for item in article.frontMatter.references {
            do {
                own.add([try CSLItemDecoder().decode(item)], diagnostics: &diagnostics)
            } catch {
                diagnostics.append(error)
            }
        }
        for reference in own.references.values.sorted(by: { $0.location < $1.location }) {
            guard let shadowed = siteBibliography[reference.id] else { continue }
            diagnostics.append(
                .warning(at: reference.location, "'\(reference.id)' is also defined site-wide at \(shadowed.location); \(article.source.path) uses this entry"))
            diagnostics.append(
                .warning(at: shadowed.location, "'\(reference.id)' is also defined at \(reference.location), which \(article.source.path) uses instead of this entry"))
        }
        var broken = brokenEntries.site
        for (path, _) in article.frontMatter.bibliography {
            broken.merge(brokenEntries.files[resolve(path, relativeTo: article.source.path)] ?? [:]) { own, _ in own }
        }
        var resolver = CitationResolver(bibliographies: [own, siteBibliography], formats: formats, broken: broken)
        let lookups = [own, siteBibliography]
        let body = renderer.render(article.body, citation: { resolver.resolve($0) }, nearMiss: { miss, location in
            switch miss.kind {
            case .unclosed:
                diagnostics.append(.warning(at: location, "'[@\(miss.key)' has no closing ']', so it is printed as text; write [@\(miss.key)]"))
            case .inText where lookups.contains(where: { $0[miss.key] != nil }):
                diagnostics.append(
                    .warning(at: location, "'@\(miss.key)' without brackets is printed as text (in-text citations are not supported yet); write [@\(miss.key)]"))
            case .inText:
                break
            }
        }, relink: Self.fileLinks(of: article, assets: assets))
        diagnostics += resolver.diagnostics
        let citedKeys = Set(resolver.cited.map(\.reference.id))
        for reference in own.references.values where !citedKeys.contains(reference.id) {
            diagnostics.append(.warning(at: reference.location, "reference '\(reference.id)' is in this article's bibliography but never cited"))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics, resolver.lookedUpKeys) }
        return (RenderedArticle(article: article, body: body, references: resolver.cited), diagnostics, resolver.lookedUpKeys)
    }

    /// A relative link or image that names a file published beside the articles (`chart.png`, `../files/guide.pdf`)
    /// is written relative to the Markdown file, as an editor or GitHub shows it; the page of `Content/a/b.md` is
    /// `a/b/index.html`, one folder deeper, so such a link gets one `../` more. Every other link stays as written.
    /// Nil for a page in its Markdown file's own folder (`index.md`) or when there are no such files.
    static func fileLinks(of article: Article, assets: Set<String>) -> ((String) -> String?)? {
        let sourceFolder = article.source.slug.split(separator: "/").dropLast().joined(separator: "/")
        guard !assets.isEmpty, article.urlPath != "", article.urlPath.dropLast() != sourceFolder else { return nil }
        return { destination in
            // Not an absolute path, an anchor, a query, or a URL with a scheme (`https:`, `mailto:`).
            guard let first = destination.first, first != "/", first != "#", first != "?" else { return nil }
            let path = destination.prefix { $0 != "?" && $0 != "#" }
            let target = Self.resolve(String(path).removingPercentEncoding ?? String(path), relativeTo: article.source.path)
            guard target.hasPrefix("Content/"), assets.contains(String(target.dropFirst("Content/".count))) else { return nil }
            return "../" + destination
        }
    }

    /// Reads a bibliography file once per change, every entry it can.
    /// - Parameter siteWide: a file of `Content/bibliography/`, whose unreadable entries are warnings (only citing
    ///   one fails a build); in a file an article names, they are errors.
    static func readBibliography(_ path: String, root: URL, cache: BuildCache, siteWide: Bool, diagnostics: inout [Diagnostic]) -> BibliographyFile {
        let text: SourceText
        do {
            text = try cache.text(path, root: root)
        } catch {
            diagnostics.append(error)
            return BibliographyFile()
        }
        let file: BibliographyFile
        if let parsed = cache.bibliographies[path], parsed.text == text.text {
            file = parsed.file
        } else {
            var read: BibliographyFile
            do {
                read = try BibliographyReader().readFile(text)
            } catch {
                read = BibliographyFile(problems: [error])
            }
            if read.references.isEmpty, read.problems.isEmpty {
                read.problems.append(.warning(at: text.start, "the bibliography file has no entries"))
            }
            file = read
            cache.bibliographies[path] = (text.text, read)
        }
        for problem in file.problems {
            let isEntryProblem = problem.isError && file.broken.values.contains(problem.location)
            if siteWide, isEntryProblem {
                diagnostics.append(.warning(at: problem.location, problem.message + "; the entry is skipped, and citing it is an error"))
            } else {
                diagnostics.append(problem)
            }
        }
        return file
    }

    /// A path written in an article, relative to the article's folder, as a site-relative path.
    static func resolve(_ path: String, relativeTo articlePath: String) -> String {
        if path.hasPrefix("/") { return String(path.dropFirst()) }
        var parts = articlePath.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/") {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(String(part)) }
        }
        return parts.joined(separator: "/")
    }

    /// How many cores the build's stages use; nil for all. Tests set 1 to compare with a sequential build.
    @TaskLocal public static var workers: Int?

    /// Maps values on all cores, keeping their order. One task a core takes the next few values until none are left,
    /// so that no core idles while another finishes a long share (fixed chunks left one core working alone for
    /// about a tenth of a 10,000-article build).
    ///
    /// - Parameter chunked: whether a task takes a few values at a time (many small values) or one (a few large
    ///   ones of uneven size).
    static func parallelMap<T: Sendable, R: Sendable>(
        _ values: [T], chunked: Bool = true, _ transform: @escaping @Sendable (T) -> R
    ) async -> [R] {
        let workers = Self.workers ?? ProcessInfo.processInfo.activeProcessorCount
        guard values.count > 1, workers > 1 else { return values.map(transform) }
        let batch = chunked ? max(1, min(16, values.count / (workers * 8))) : 1
        let queue = WorkQueue(count: values.count, batch: batch)
        return await withTaskGroup(of: [(Int, R)].self) { group in
            for _ in 0..<min(workers, values.count) {
                group.addTask {
                    var done: [(Int, R)] = []
                    while let range = queue.next() {
                        for index in range { done.append((index, transform(values[index]))) }
                    }
                    return done
                }
            }
            var results: [R?] = Array(repeating: nil, count: values.count)
            for await done in group {
                for (index, result) in done { results[index] = result }
            }
            // The queue hands out every index exactly once.
            return results.compactMap { $0 }
        }
    }
}

/// Where the bibliography entries that could not be read broke, by key: site-wide, and per file an article names.
struct BrokenEntries: Sendable {
    var site: [String: SourceLocation] = [:]
    var files: [String: [String: SourceLocation]] = [:]
}

/// Hands out the indices `0..<count` in ranges of `batch`, to tasks that ask concurrently.
private final class WorkQueue: @unchecked Sendable {
    // `start` is guarded by `lock`.
    private let lock = NSLock()
    private var start = 0
    private let count: Int
    private let batch: Int

    init(count: Int, batch: Int) {
        self.count = count
        self.batch = batch
    }

    func next() -> Range<Int>? {
        lock.withLock {
            guard start < count else { return nil }
            defer { start = min(start + batch, count) }
            return start..<min(start + batch, count)
        }
    }
}
