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
        do {
            let site = try await render()
            report.diagnostics = site.diagnostics
            if !site.diagnostics.hasErrors {
                report.filesWritten = try write(site)
                report.pagesWritten = site.pages.filter { $0.path.hasSuffix(".html") }.count
            }
        } catch {
            report.diagnostics.append(error)
        }
        report.diagnostics = report.diagnostics.sortedByLocation()
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// A site held in memory, ready to write.
    public struct RenderedSite: Sendable {
        public var pages: [(path: String, content: String)] = []
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
    public func render() async throws(Diagnostic) -> RenderedSite {
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

        // Front matter, in parallel.
        let includeDrafts = options.includeDrafts
        let loaded = await Self.parallelMap(source.articles) { file in Self.loadArticle(file, root: root) }
        var articles: [Article] = []
        var outputOwners: [String: String] = [:]
        for (article, problems) in loaded {
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
            siteBibliography.add(Self.readBibliography(path, root: root, diagnostics: &diagnostics), diagnostics: &diagnostics)
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
                fileReferences[resolved] = Self.readBibliography(resolved, root: root, diagnostics: &diagnostics)
            }
        }

        // Markdown and citations, in parallel.
        let renderer = MarkdownRenderer(allowsRawHTML: settings.allowsRawHTML)
        let shared = (site: siteBibliography, files: fileReferences)
        let rendered = await Self.parallelMap(articles) { article in
            Self.renderArticle(article, renderer: renderer, siteBibliography: shared.site, fileReferences: shared.files)
        }
        var renderedArticles: [RenderedArticle] = []
        for (article, problems) in rendered {
            diagnostics += problems
            if let article { renderedArticles.append(article) }
        }

        // Templates.
        var siteTemplates: [(name: String, source: SourceText)] = []
        for (name, path) in source.templates {
            do {
                siteTemplates.append((name, try TextFileReader.read(root.appendingPathComponent(path), path: path)))
            } catch {
                diagnostics.append(error)
            }
        }
        let templates: TemplateLibrary
        do {
            templates = try TemplateLibrary(siteTemplates: siteTemplates)
        } catch {
            diagnostics.append(error)
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

        result.settings = settings
        result.articles = renderedArticles
        result.siteReferences = siteBibliography.references.values.sorted { $0.location < $1.location }
        result.templates = Dictionary(siteTemplates.map { ($0.name, $0.source) }) { first, _ in first }

        // Pages.
        let pages = PageBuilder(settings: settings, templates: templates)
        result.pages = await Self.parallelMap(renderedArticles) { article in
            (article.article.outputPath, pages.articlePage(article))
        }
        result.pages += pages.listPages(renderedArticles)
        result.pages += BuiltinAssets.files.map { ($0.key, $0.value) }
        let publicPaths = Set(source.publicFiles.map(\.outputPath))
        result.pages.removeAll { publicPaths.contains($0.path) }
        result.copies = source.publicFiles.map { ($0.outputPath, root.appendingPathComponent($0.path)) }
        // A file beside articles is copied to its own place and beside each of those articles' pages,
        // so that a relative link such as `![chart](chart.png)` works from the page.
        var pageFolders: [String: [String]] = [:]
        for article in renderedArticles {
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
        return result
    }

    private func write(_ site: RenderedSite) throws(Diagnostic) -> Int {
        let writer = OutputWriter(output: options.output)
        writer.recover()
        let staging = try writer.makeStaging()
        do {
            for page in site.pages { try writer.write(Data(page.content.utf8), to: page.path, in: staging) }
            for copy in site.copies { try writer.copy(copy.source, to: copy.path, in: staging) }
            try writer.swapIn(staging)
        } catch {
            writer.discard(staging)
            throw error
        }
        return site.pages.count + site.copies.count
    }

    // MARK: - Stages for one article

    static func loadArticle(_ file: SiteSource.ContentFile, root: URL) -> (Article?, [Diagnostic]) {
        let text: SourceText
        do {
            text = try TextFileReader.read(root.appendingPathComponent(file.path), path: file.path)
        } catch {
            return (nil, [error])
        }
        if text.text.trimmingWhitespace.isEmpty {
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

    static func renderArticle(
        _ article: Article, renderer: MarkdownRenderer, siteBibliography: Bibliography, fileReferences: [String: [Reference]]
    ) -> (RenderedArticle?, [Diagnostic]) {
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
        var resolver = CitationResolver(bibliographies: [own, siteBibliography])
        let body = renderer.render(article.body) { resolver.resolve($0) }
        diagnostics += resolver.diagnostics
        let citedKeys = Set(resolver.cited.map(\.reference.id))
        for reference in own.references.values where !citedKeys.contains(reference.id) {
            diagnostics.append(.warning(at: reference.location, "reference '\(reference.id)' is in this article's bibliography but never cited"))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (RenderedArticle(article: article, body: body, references: resolver.cited), diagnostics)
    }

    static func readBibliography(_ path: String, root: URL, diagnostics: inout [Diagnostic]) -> [Reference] {
        do {
            let text = try TextFileReader.read(root.appendingPathComponent(path), path: path)
            return try BibliographyReader().read(text)
        } catch {
            diagnostics.append(error)
            return []
        }
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

    /// Maps values on all cores, keeping their order.
    static func parallelMap<T: Sendable, R: Sendable>(_ values: [T], _ transform: @escaping @Sendable (T) -> R) async -> [R] {
        guard values.count > 1 else { return values.map(transform) }
        let chunkCount = min(values.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        let chunkSize = (values.count + chunkCount - 1) / chunkCount
        return await withTaskGroup(of: (Int, [R]).self) { group in
            for start in stride(from: 0, to: values.count, by: chunkSize) {
                let slice = Array(values[start..<min(start + chunkSize, values.count)])
                group.addTask { (start, slice.map(transform)) }
            }
            var chunks: [(Int, [R])] = []
            for await chunk in group { chunks.append(chunk) }
            return chunks.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
