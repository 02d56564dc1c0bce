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
            if !site.diagnostics.hasErrors {
                report.filesWritten = try write(site, with: writer, in: folder) + site.streamedPages
                report.pagesWritten = site.pages.filter { $0.path.hasSuffix(".html") }.count + site.streamedPages
                staging = nil
            }
        } catch {
            report.diagnostics.append(error)
        }
        if let staging { writer.discard(staging) }
        report.diagnostics = report.diagnostics.sortedByLocation()
        report.seconds = Date().timeIntervalSince(started)
        return report
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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Diagnostic.error(at: SourceLocation(path: root.path, line: 1, column: 1), "site folder does not exist")
        }
        let source = try SiteSourceLoader().load(root: root)
        var (settings, diagnostics) = SiteSettingsLoader().load(source.settingsText)
        if let baseURL = options.baseURL {
            if SiteSettingsLoader.isValidBaseURL(baseURL) {
                settings.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
            } else {
                diagnostics.append(.error(at: SourceLocation(path: "--base-url", line: 1, column: 1), "not an http(s) URL or a path starting with '/': '\(baseURL)'"))
            }
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

        let includeDrafts = options.includeDrafts
        var articles: [Article] = []
        var outputOwners: [String: String] = [:]
        for file in source.articles {
            guard let (_, article, problems) = cache.loaded[file.path] else { continue }
            diagnostics += problems
            guard let article, includeDrafts || !article.frontMatter.isDraft else { continue }
            if let other = outputOwners[article.outputPath] {
                diagnostics.append(.error(at: article.body.start, "\(article.source.path) and \(other) both publish \(article.outputPath)"))
                continue
            }
            outputOwners[article.outputPath] = article.source.path
            articles.append(article)
        }

        // Bibliographies: each file parsed once, shared by every article that names it.
        var siteBibliography = Bibliography()
        for path in source.bibliographies {
            siteBibliography.add(Self.readBibliography(path, root: root, cache: cache, diagnostics: &diagnostics), diagnostics: &diagnostics)
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
                fileReferences[resolved] = Self.readBibliography(resolved, root: root, cache: cache, diagnostics: &diagnostics)
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
        let library: TemplateLibrary?
        do {
            library = try TemplateLibrary(siteTemplates: siteTemplates)
        } catch {
            diagnostics.append(error)
            library = nil
        }

        // Markdown and citations, in parallel, for articles whose inputs changed.
        let renderer = MarkdownRenderer(allowsRawHTML: settings.allowsRawHTML)
        let shared = (site: siteBibliography, files: fileReferences, formats: ReferenceFormats())
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
            if let entry = cache.rendered[article.source.path], entry.allowsRawHTML == settings.allowsRawHTML,
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
            pageSink = { article throws(Diagnostic) in try sink(article.article.outputPath, pages.articlePage(article)) }
        }
        let writesPages = pageSink, layoutNames = library?.names ?? []
        let rendered = await Self.parallelMap(toRender) { article -> (RenderedArticle?, [Diagnostic], Set<String>, Bool) in
            var (renderedArticle, problems, keys) = Self.renderArticle(
                article, renderer: renderer, siteBibliography: shared.site, fileReferences: shared.files, formats: shared.formats)
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
            diagnostics.append(
                .error(at: article.article.frontMatter.layoutLocation ?? article.article.body.start, "no template named '\(article.article.frontMatter.layout)' (add Templates/\(article.article.frontMatter.layout).mustache)"))
        }
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
        result.templates = Dictionary(siteTemplates.map { ($0.name, $0.source) }) { first, _ in first }

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
        // A file beside articles is copied to its own place and beside each of those articles' pages,
        // so that a relative link such as `![chart](chart.png)` works from the page.
        var pageFolders: [String: [String]] = [:]
        for article in renderedArticles where !source.assets.isEmpty {
            let folder = article.article.source.slug.split(separator: "/").dropLast().joined(separator: "/")
            pageFolders[folder, default: []].append(article.article.urlPath)
        }
        for asset in source.assets {
            let parts = asset.outputPath.split(separator: "/")
            let folder = parts.dropLast().joined(separator: "/")
            let name = parts.last.map(String.init) ?? asset.outputPath
            let file = root.appendingPathComponent(asset.path)
            result.copies.append((asset.outputPath, file))
            for pagePath in pageFolders[folder] ?? [] where pagePath != (folder.isEmpty ? "" : folder + "/") {
                result.copies.append((pagePath + name, file))
            }
        }
        result.diagnostics = diagnostics
        if !streaming {
            cache.previous = BuildCache.Previous(
                options: Self.identity(of: options), settings: settings, templates: templates, templateSources: result.templates,
                siteBibliography: siteBibliography, siteReferences: result.siteReferences, fileReferences: fileReferences,
                articles: renderedArticles,
                positions: Dictionary(uniqueKeysWithValues: renderedArticles.enumerated().map { ($1.article.source.path, $0) }),
                publicPaths: publicPaths, copies: result.copies, diagnostics: diagnostics)
        }
        return result
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
        formats: ReferenceFormats
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
        var resolver = CitationResolver(bibliographies: [own, siteBibliography], formats: formats)
        let body = renderer.render(article.body) { resolver.resolve($0) }
        diagnostics += resolver.diagnostics
        let citedKeys = Set(resolver.cited.map(\.reference.id))
        for reference in own.references.values where !citedKeys.contains(reference.id) {
            diagnostics.append(.warning(at: reference.location, "reference '\(reference.id)' is in this article's bibliography but never cited"))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics, resolver.lookedUpKeys) }
        return (RenderedArticle(article: article, body: body, references: resolver.cited), diagnostics, resolver.lookedUpKeys)
    }

    static func readBibliography(_ path: String, root: URL, cache: BuildCache, diagnostics: inout [Diagnostic]) -> [Reference] {
        let text: SourceText
        do {
            text = try cache.text(path, root: root)
        } catch {
            diagnostics.append(error)
            return []
        }
        if let parsed = cache.bibliographies[path], parsed.text == text.text {
            diagnostics += parsed.diagnostics
            return parsed.references
        }
        var problems: [Diagnostic] = []
        var references: [Reference] = []
        do {
            references = try BibliographyReader().read(text)
        } catch {
            problems.append(error)
        }
        cache.bibliographies[path] = (text.text, references, problems)
        diagnostics += problems
        return references
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
