import Foundation

/// sitegen's build: the stages below, in this order, each taking values and returning values with its
/// diagnostics (see "How it works" in the README).
///
/// 1. ``SiteLoading``: the site folder's files, `sitegen.yml` and the command's options.
/// 2. ``ArticleLoading``: each Markdown file and its front matter.
/// 3. ``BibliographyLoading``: the site-wide bibliography (parsed on another core during stage 2) and the files
///    articles name.
/// 4. ``TemplateLoading``: the built-in templates and the site's own.
/// 5. ``ArticleRendering``: each article's Markdown and citations, then its page.
/// 6. ``ListRendering``: home, topics, search, 404, feed, sitemap, robots.txt, and the search index.
/// 7. The writer, which has had every page as soon as it was made, adds the files copied as they are.
///
/// `sitegen build`, `check` and `serve` run the same stages. `serve` hands each build a ``BuildMemo``, which keeps
/// the stages' results with their inputs, so that a rebuild redoes only the work a change touched.
public struct BuildPipeline: Sendable {
    public let options: BuildOptions

    public init(_ options: BuildOptions) {
        self.options = options
    }

    /// `sitegen build`: every page written into a staging folder as it is made, which replaces the output folder
    /// once the whole site is there. Nothing in the output folder changes when anything fails.
    public func run() async -> BuildReport {
        let started = Date()
        var report = BuildReport(diagnostics: [], pagesWritten: 0, filesWritten: 0, seconds: 0, output: options.output)
        /// The report of a build refused before it started, for `error`.
        func refused(_ error: Diagnostic) -> BuildReport {
            var refused = report
            refused.diagnostics = [error]
            refused.refused = true
            return refused
        }
        var knowledge: OutputClaim.Knowledge
        do throws(Diagnostic) { knowledge = try checkFolders() } catch { return refused(error) }
        let writer = OutputWriter(output: options.output)
        guard let lock = writer.lock() else {
            return refused(.error(at: .file(options.output.path), "another sitegen build is writing this output folder; wait for it to finish, or build into another --output"))
        }
        defer { if lock >= 0 { close(lock) } }
        // A build killed outright left its staging folder, the spare it took, which holds the record of what the output's
        // last build wrote: made the spare again (under the lock, as no other build's staging folder is then there), the
        // output is looked at again by it, or its pages would be taken for files no build wrote.
        if writer.recover() {
            do throws(Diagnostic) { knowledge = try checkFolders() } catch { return refused(error) }
        }
        // A first build that fails leaves nothing behind: no staging folder kept as the spare, and none of the folders
        // it made to hold the output (`-o out/site` where `out/` was not).
        let isFirst = !FileManager.default.fileExists(atPath: options.output.path)
        let madeFolders = OutputWriter.missingFolders(above: options.output)
        defer { if isFirst, !FileManager.default.fileExists(atPath: options.output.path) { for folder in madeFolders { rmdir(folder.path) } } }
        var staging: URL?
        do throws(Diagnostic) {
            // Interruptions are caught before the staging folder exists: the spare becomes it by a rename, and a signal
            // between the two would leave it under its staging name (a second copy of the site beside the output).
            let folder = writer.stagingName()
            let interruption = Interruption(staging: folder, spare: writer.spare)
            defer { interruption.end() }
            try writer.makeStaging(at: folder)
            staging = folder
            var memo = BuildMemo.none
            memo.searchCache = SearchEntryCache.read(in: folder.path)
            let keptTexts = KeptReferenceTexts.read(in: folder.path)
            memo.referenceTexts = keptTexts ?? KeptReferenceTexts()
            let site = try await build(into: OutputWriter.Staging(writer: writer, folder: folder), memo: &memo, keepsBodies: false)
            memo.searchCache = nil
            memo.referenceTexts = nil
            report.diagnostics = site.diagnostics
            report.draftsSkipped = site.draftsSkipped
            report.statistics = memo.statistics
            if !site.diagnostics.hasErrors {
                for copy in site.copies { try writer.copy(copy.source, to: copy.path, in: folder) }
                // What the output holds is looked at again: a file the user put there while the build ran, or one the
                // build read there, would go with the previous site.
                let refusal: OutputClaim.Refusal? =
                    if let input = OutputClaim(output: options.output, source: options.source).input(among: memo.namedPaths) {
                        .holdsInput(path: input)
                    } else if knowledge == .unrecorded, case let unwritten = writer.unwrittenEntries(), !unwritten.isEmpty {
                        .holdsUserFiles(
                            examples: unwritten, unrecorded: true,
                            earlierPages: unwritten.allSatisfy { OutputClaim.looksBuilt($0, in: options.output.path) })
                    } else if !options.force, case let added = writer.addedEntries(staging: folder), !added.isEmpty {
                        .holdsUserFiles(examples: added, unrecorded: false)
                    } else {
                        nil
                    }
                if let refusal {
                    if isFirst { writer.discard(folder) } else { writer.setAside(folder) }
                    staging = nil
                    report.diagnostics = [.error(at: .file(options.output.path), refusal.description)]
                    report.refused = true
                    return report
                }
                let vanished = writer.vanishedPages(staging: folder)
                try writer.swapIn(folder)
                staging = nil
                if site.settings.search, writer.hasSpare {
                    SearchEntryCache.write(site.articles.compactMap(\.search), synonyms: SearchSynonyms(site.settings.synonyms), in: writer.spare.path)
                }
                if !memo.referenceTextsPrinted.isEmpty, writer.hasSpare { memo.referenceTextsPrinted.write(in: writer.spare.path, read: keptTexts) }
                if let warning = Self.vanishedPagesWarning(vanished, output: options.output.path) { report.diagnostics.append(warning) }
                report.pagesWritten = site.pagePaths.count(where: { $0.hasSuffix(".html") })
                report.filesWritten = site.pagePaths.count + site.copies.count
            } else {
                // A mistake in the sources: what was written is kept as the spare, with the record of the output it
                // holds (``OutputFolders``), for the next build to rewrite and to check the output by.
                if !isFirst {
                    writer.setAside(folder)
                    staging = nil
                }
            }
            // Taking every article of a large site apart is the last thing a build would wait for once its output is
            // in place: it is done on another thread (a command exits without waiting, and the memory goes with it).
            DispatchQueue.global(qos: .utility).async { [site = consume site] in _ = site }
        } catch {
            report.diagnostics.append(error)
        }
        if let staging { writer.discard(staging) }
        report.diagnostics = report.diagnostics.sortedCausesFirst()
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// `sitegen check`: the whole site in memory, written nowhere.
    /// - Throws: only when the site folder cannot be read at all.
    public func render() async throws(Diagnostic) -> BuiltSite {
        var memo = BuildMemo.none
        let collector = PageCollector()
        var site = try await build(into: collector, memo: &memo, keepsBodies: true)
        site.pages = collector.pages
        return site
    }

    /// The stages, in order; pages go to `sink` as they are made.
    /// - Parameters:
    ///   - memo: what the previous build of the same site kept (``BuildMemo/none`` for none); updated for the next.
    ///   - keepsBodies: whether the rendered articles keep their HTML once their pages are made.
    /// - Throws: only when the site folder cannot be read at all.
    func build(into sink: some PageSink, memo: inout BuildMemo, keepsBodies: Bool) async throws(Diagnostic) -> BuiltSite {
        memo.statistics = BuildStatistics()
        let root = options.source
        // Whether only articles changed, asked before the site is listed or any file read again: listing it again clears
        // the flag that the listing changed (an article in a new folder would not be looked at), and a read takes its
        // path off the changed ones (a bibliography fixed after a failed build would leave only the articles that
        // failed, whose stages' old output, the failed build's, would be patched).
        let edits = memo.articleEdits()
        let site = try SiteLoading(options: options).load(memo: &memo)
        var diagnostics = site.diagnostics
        // The site-wide bibliography is parsed on another core while the articles load.
        // Without `language`, BibTeX titles are read as pandoc reads them without `lang`: in the language of the style's
        // `default-locale` (a French style's titles as written), English when it has none.
        let bibliographyLoading = BibliographyLoading(
            root: root, siteLanguage: site.settings.values["language"] == nil ? site.style.defaultLocale : site.settings.language)
        let siteBibliography = bibliographyLoading.readSiteFiles(
            site.source.bibliographies, unread: site.source.unreadInBibliography, besideArticles: site.source.bibliographiesBesideArticles, memo: &memo)
        async let parsedBibliography = siteBibliography.parse()
        // After saves to published articles alone, each stage replaces those articles in its previous output.
        // A build that keeps neither the articles' HTML nor anything for the next holds a budget of their bodies.
        let articles = await ArticleLoading(
            root: root, includeDrafts: options.includeDrafts, today: options.today ?? .today(), bodyBudget: keepsBodies ? nil : ArticleLoading.oneShotBodyBudget
        ).load(
            site.source.articles, edits: edits, memo: &memo)
        diagnostics += articles.diagnostics
        let edited = articles.edited != nil
        let bibliographies = bibliographyLoading.load(
            siteFiles: siteBibliography, parsed: await parsedBibliography, articles: articles.published, edited: edited, memo: &memo)
        diagnostics += bibliographies.diagnostics
        let words = SiteWords(site.settings.words, language: site.settings.language)
        let templates = TemplateLoading(root: root).load(
            site.source.templates, layouts: articles.layoutsInUse, published: articles.published, words: words, edited: edited, memo: &memo)
        diagnostics += templates.diagnostics

        // Pages are made only while the build has no errors; a file of `Public/` takes the place of a page.
        let publicFiles = Dictionary(site.source.publicFiles.map { ($0.outputPath, $0.path) }) { first, _ in first }
        let publicPaths = Set(publicFiles.keys)
        // A file of Public/ wins over a page, which suits robots.txt or a stylesheet; over an article's page it is more
        // likely a mistake, so it is said.
        for article in articles.published where !publicFiles.isEmpty {
            guard let file = publicFiles[article.outputPath] else { continue }
            diagnostics.append(
                .warning(at: SourceLocation(path: article.source.path, line: 1, column: 1),
                    "\(file) takes the place of this article's page (\(article.outputPath)), which is not published; remove one of them", naming: [file]))
        }
        // Markdown in Public/ (an old site's `about.md`, a page meant for Content/) is published as it is: its source.
        for file in site.source.publicFiles where [".md", ".markdown"].contains(where: { file.path.lowercased().hasSuffix($0) }) {
            diagnostics.append(.warning(at: .file(file.path), "this Markdown file is published as it is, its text unrendered"
                + " (\(file.outputPath)), as every file of \(SiteLayout.public)/ is; to make it a page, move it to \(SiteLayout.content)/ with a front matter"))
        }
        // A page a file of `Public/` stood in for until now is written again, though nothing it shows changed.
        memo.pagesNotWritten(memo.publicPaths.subtracting(publicPaths))
        if memo.keeps { memo.publicPaths = publicPaths }
        let pageSink = SkippingPaths(base: sink, skipped: publicPaths)
        let hasFeed = PageBuilder.hasFeed(articles.published)
        let pages = diagnostics.hasErrors ? nil : templates.library.map { PageBuilder(settings: site.settings, templates: $0, hasFeed: hasFeed) }
        let inputs = ArticleRendering.PageInputs(
            settingsKey: site.settingsKey, hasFeed: hasFeed, allowsRawHTML: site.settings.allowsRawHTML,
            // The words of the references' links are in their entries, printed with the style.
            citationStyle: ([site.style] + site.articleStyles.values.sorted { $0.key < $1.key }).map { ReferenceFormats.key($0, words: words) }.joined(separator: "\u{1}"),
            assets: Set(site.source.assets.map(\.outputPath)),
            search: site.settings.search ? SearchSynonyms(site.settings.synonyms) : nil, templateTexts: templates.texts)
        // Formatted entries are kept from build to build: each is checked against its entry when it is used.
        var kept: [String: ReferenceFormats] = [:]
        func formatsKept(_ style: CitationStyle) -> ReferenceFormats {
            let key = ReferenceFormats.key(style, words: words)
            let formats = kept[key] ?? memo.formats[key] ?? ReferenceFormats(style: style, words: words, kept: memo.referenceTexts)
            kept[key] = formats
            return formats
        }
        let formats = formatsKept(site.style)
        let articleFormats = site.articleStyles.mapValues(formatsKept)
        if memo.keeps { memo.formats = kept }
        let rendering = ArticleRendering(
            root: root, settings: site.settings, bibliographies: bibliographies, assets: inputs.assets,
            pageSources: Set(articles.published.map(\.source.path)), pages: pages, templates: templates.sources,
            keepsBodies: keepsBodies, synonyms: inputs.search, searchCache: inputs.search.flatMap { memo.searchCache?.entries(for: $0) },
            formats: formats, articleFormats: articleFormats)
        let rendered = await rendering.render(
            articles.published, layouts: articles.publishedLayouts, edited: articles.edited, inputs: inputs, into: pageSink, memo: &memo)
        diagnostics += rendered.diagnostics
        if memo.referenceTexts != nil {
            for formats in kept.values {
                let (printed, reused) = formats.printedToKeep
                if memo.referenceTextsPrinted.isEmpty {
                    memo.referenceTextsPrinted = printed
                } else {
                    memo.referenceTextsPrinted.texts.merge(printed.texts) { first, _ in first }
                    memo.referenceTextsPrinted.renderings.merge(printed.renderings) { first, _ in first }
                }
                memo.statistics.referenceTextsReused += reused
            }
        }

        var result = BuiltSite(settings: site.settings)
        result.draftsSkipped = articles.draftsSkipped
        result.draftKeys = articles.draftKeys
        result.draftPaths = articles.draftPaths
        result.assetsBesideArticles = inputs.assets
        var listPaths: [String]?
        if let pages, !diagnostics.hasErrors {
            let lists = await ListRendering(pages: pages, templates: templates.sources).render(
                rendered.articles, rerendered: rendered.rerendered, inputs: inputs, layouts: articles.publishedLayouts,
                into: pageSink, memo: &memo)
            diagnostics += lists.diagnostics
            listPaths = lists.paths
            // The home page or a list replaced by a page of Public/ (an old site's index.html) is most likely a mistake
            // too; a 404 page, a feed or robots.txt of one's own is not.
            for path in lists.paths where path.hasSuffix("index.html") {
                guard let file = publicFiles[path] else { continue }
                let page = path == "index.html" ? "the home page" : "the list page \(path)"
                diagnostics.append(.warning(at: .file(file), "this file takes the place of \(page), which is not published; remove one of them"))
            }
            // So is a sitemap of one's own (an old site's, copied with its pages): it lists none of the answers written
            // after it, which search engines then find later or never.
            if let file = publicFiles["sitemap.xml"], lists.paths.contains("sitemap.xml") {
                diagnostics.append(.warning(at: .file(file), "this file takes the place of the sitemap sitegen makes, which lists every page"
                    + " at each build; remove it, unless it is kept up to date by hand"))
            }
            let assets = BuiltinAssets.files(search: site.settings.search, words: words)
            for (path, content) in assets {
                do throws(Diagnostic) { try pageSink.write(content, to: path) } catch { diagnostics.append(error) }
            }
            // The same articles as the previous build's (only edited ones rendered) and the same lists: the same pages.
            if rendered.edited != nil, let previous = memo.pagePaths, previous.lists == lists.paths {
                result.pagePaths = previous.all
            } else {
                let articlePages = rendered.articles.filter { $0.article.urlPath != "" }.map(\.article.outputPath)
                let records = rendered.articles.filter { $0.search != nil }.indices.map(ArticleRendering.recordPath)
                result.pagePaths = (articlePages + records + lists.paths + assets.map(\.path)).filter { !publicPaths.contains($0) }
            }
        }
        // A file beside articles at the place of a page (`Content/feed.xml`, an old export's `index.html` beside its
        // article's Markdown) or of a file of `Public/` would replace it in silence: an error, at the file.
        if !result.pagePaths.isEmpty || !publicPaths.isEmpty {
            let taken = Set(result.pagePaths).union(publicPaths)
            for asset in site.source.assets where taken.contains(asset.outputPath) {
                let what = publicFiles[asset.outputPath].map { "the file \($0)" } ?? "the page sitegen makes there"
                diagnostics.append(
                    .error(at: .file(asset.path),
                        "this file beside the articles would be published at \(asset.outputPath) in place of \(what); remove or rename it"
                            + " (a file of \(SiteLayout.public)/ replaces a page of the site's own on purpose)",
                        naming: publicFiles[asset.outputPath].map { [$0] } ?? []))
            }
        }
        // Two files of one folder whose names are one name in two forms (`guía.pdf` saved on Linux, `guía.pdf` copied
        // from a Mac, its accent decomposed) would be published at one address, its composed form: one would replace the
        // other in silence. An error at the second.
        for files in [site.source.publicFiles, site.source.assets] {
            var owners: [ExactText: String] = [:]
            for file in files {
                guard let other = owners.updateValue(file.path, forKey: ExactText(file.outputPath)) else { continue }
                diagnostics.append(
                    .error(at: .file(file.path), "\(file.path) and \(other) would both be published at \(file.outputPath): " + SitePath.twoForms(file.path, other),
                        naming: [file.path, other]))
            }
        }
        // Kept only from a good build: a failed one may have listed other articles than the pages say.
        memo.pagePaths = memo.keeps && !diagnostics.hasErrors ? listPaths.map { ($0, result.pagePaths) } : nil
        // A page at each old address of an article's (`aliases:`), which sends readers on to it: made anew by every build
        // (a few lines each), and never where the site has a page, a file or a folder of its own. Every published
        // article's aliases are judged in every build, all of their errors said at once; after an earlier error, against
        // the articles and files (the lists, the feeds and the search index are made only by a build without errors).
        let aliases = articles.published.flatMap { article in article.frontMatter.aliases.map { ($0.path, $0.location, article) } }
            .sorted { $0.1 < $1.1 }
        diagnostics += Self.aliasClashes(
            aliases.map { ($0.0, $0.1) }, rejected: articles.published.flatMap(\.frontMatter.rejectedAliases),
            pages: listPaths != nil ? result.pagePaths : articles.published.filter { $0.urlPath != "" }.map(\.outputPath), knowsLists: listPaths != nil,
            files: site.source.publicFiles + site.source.assets, articles: articles.published, basePath: site.settings.basePath)
        if let pages, !diagnostics.hasErrors, !aliases.isEmpty {
            for (path, _, article) in aliases {
                do throws(Diagnostic) { try pageSink.write(pages.aliasPage(to: article), to: path) } catch { diagnostics.append(error) }
            }
            result.pagePaths += aliases.map(\.0)
        }
        result.copies = site.source.publicFiles.map { ($0.outputPath, root.appendingPathComponent($0.path)) }
        // A file beside articles is published once, at its own place; pages link to it there (see `fileLinks`).
        result.copies += site.source.assets.map { ($0.outputPath, root.appendingPathComponent($0.path)) }
        diagnostics += Self.fileAndFolderClashes(pages: result.pagePaths, copies: site.source.publicFiles + site.source.assets, articles: rendered.articles)
        diagnostics += Self.caseClashes(pages: result.pagePaths, publicFiles: site.source.publicFiles)
        result.diagnostics = diagnostics
        result.articles = rendered.articles
        result.siteReferences = bibliographies.siteEntries
        result.templates = templates.sources
        memo.settleChanges()
        return result
    }

    /// An error where the site would publish a file and a folder of one name (`Content/sitemap.xml.md`, whose page is
    /// `sitemap.xml/index.html`, beside the sitemap; a file of `Public/` where an article's folder goes): one would
    /// replace the other, without a word, and the feed, the sitemap and the lists would link to what is gone. At the
    /// article or the file that is not sitegen's own.
    static func fileAndFolderClashes(pages: [String], copies: [(outputPath: String, path: String)], articles: [RenderedArticle]) -> [Diagnostic] {
        let copied = Dictionary(copies.map { ($0.outputPath, $0.path) }) { first, _ in first }
        let files = Set(pages).union(copied.keys)
        let sourceOfPage = Dictionary(articles.map { ($0.article.outputPath, $0.article.source.path) }) { first, _ in first }
        // The clashes first, each a file and a path inside the folder of its name; then said in order, once a file.
        var clashes: [(file: String, path: String)] = []
        for path in files {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if files.contains(String(folder)) { clashes.append((String(folder), path)) }
            }
        }
        var diagnostics: [Diagnostic] = [], said = Set<String>()
        for (file, path) in clashes.sorted(by: { ($0.file, $0.path) < ($1.file, $1.path) }) where said.insert(file).inserted {
            let what = copied[file].map { "the file \($0)" } ?? "the file \(file) that sitegen writes"
            if let source = sourceOfPage[path] ?? copied[path] {
                diagnostics.append(
                    .error(at: .file(source),
                        "\(source) would be published in the folder \(file)/, where the site has \(what): one would replace the other;"
                            + (copied[file] == nil ? " rename \(source)" : " rename one of them"),
                        naming: [source] + (copied[file].map { [$0] } ?? [])))
            } else if let source = copied[file] {
                diagnostics.append(
                    .error(at: .file(source),
                        "\(source) would be published at \(file), where the site has a folder of its own pages (\(path)): one would replace"
                            + " the other; rename \(source)", naming: [source]))
            }
        }
        return diagnostics.sorted { $0.description < $1.description }
    }

    /// One warning for the pages the last build published that this one does not write (an answer renamed, moved or
    /// deleted; a topic renamed), a few of them named, with how to keep their addresses: nil when there are none.
    static func vanishedPagesWarning(_ folders: [String], output: String) -> Diagnostic? {
        guard !folders.isEmpty else { return nil }
        let shown = folders.prefix(4).map { "/" + $0 }.joined(separator: ", ") + (folders.count > 4 ? " and \(folders.count - 4) more" : "")
        let one = folders.count == 1
        // A topic's page has no front matter to list its old address in: its way is a page of one's own in Public/.
        let topic = "a topic's old page is kept by a page of your own in \(SiteLayout.public)/ (README, \"Old addresses\")"
        let fix = folders.first { !$0.hasPrefix("topics/") }.map { answer in
            "If an answer was renamed or moved, list its old address in its front matter, aliases: [/\(answer)], and sitegen writes a"
                + " page there that sends readers on (\(topic))"
        } ?? "If a topic was renamed, \(topic)"
        return .warning(
            at: .file(output),
            "\(one ? "a page" : "\(folders.count) pages") that the last build published \(one ? "is" : "are") not written by this one: \(shown);"
                + " links and bookmarks to \(one ? "it" : "them") now lead nowhere. " + fix)
    }

    /// An error at each alias whose page would stand where the site has a page, a file of `Public/` or beside the
    /// articles, another alias, or a folder (`/old.html` beside the folder `old.html/`), or in a folder whose name is a
    /// file of the site's, or in a folder that holds only files sitegen makes (`assets/`, the search index's): one would
    /// replace the other, or a page would stand where the site never has one. In a folder of articles or of `Public/`
    /// that has no page of its own (`/cardiology/`), the alias's page is the folder's, as `Content/cardiology/index.md`
    /// would be. And an error at each alias that is no address a page can have (`rejected`), where a file's address
    /// says whether the site publishes a file there already.
    /// - Parameters:
    ///   - aliases: each alias's output path and where it is written.
    ///   - rejected: the aliases that are no address a page can have, each with why and where it is written.
    ///   - pages: the paths of the pages and files sitegen writes; with `knowsLists` false (a build with other errors),
    ///     only the articles' pages.
    static func aliasClashes(
        _ aliases: [(path: String, location: SourceLocation)], rejected: [FrontMatter.RejectedAlias] = [], pages: [String],
        knowsLists: Bool = true, files: [(outputPath: String, path: String)], articles: [Article], basePath: String = "/"
    ) -> [Diagnostic] {
        guard !aliases.isEmpty || !rejected.isEmpty else { return [] }
        let copied = Dictionary(files.map { ($0.outputPath, $0.path) }) { first, _ in first }
        let sourceOfPage = Dictionary(articles.map { ($0.outputPath, $0.source.path) }) { first, _ in first }
        let written = Set(pages).union(copied.keys)
        let writtenIgnoringCase = Dictionary(written.map { ($0.lowercased(), $0) }) { first, second in min(first, second) }
        // The base URL's folder (`/repo/`), which an alias leaves out: it is written from the site's root.
        let baseFolder = basePath.split(separator: "/").joined(separator: "/")
        /// The folders that hold `paths`, each with the first of them it holds.
        func foldersHolding(_ paths: some Sequence<String>) -> [Substring: String] {
            var folders: [Substring: String] = [:]
            for path in paths.sorted() {
                var folder = Substring(path)
                while let slash = folder.lastIndex(of: "/") {
                    folder = folder[..<slash]
                    guard folders[folder] == nil else { break }
                    folders[folder] = path
                }
            }
            return folders
        }
        let folders = foldersHolding(written)
        // The folders that hold an article's page or a file of the site's own, where a page of its own may stand.
        let sitesFolders = foldersHolding(Array(sourceOfPage.keys) + copied.keys)
        func address(_ path: String) -> String { "/" + SitePath.address(ofOutput: path) }
        var diagnostics: [Diagnostic] = rejected.map { alias in
            // A file's address where the site publishes a file: its address works as it is.
            guard let file = alias.file else { return .error(at: alias.location, alias.message) }
            let there: AliasProblem.FileThere =
                if let source = copied[file.outputPath] {
                    .sitesFile(source)
                } else if written.contains(file.outputPath) {
                    .sitegens
                } else {
                    knowsLists ? .none : .unknown
                }
            return .error(
                at: alias.location, AliasProblem.fileAddress(file.written, outputPath: file.outputPath, there: there, publicFolder: SiteLayout.public),
                naming: copied[file.outputPath].map { [$0] } ?? [])
        }
        var firstAlias: [String: SourceLocation] = [:]
        for (path, location) in aliases {
            let problem: String?
            var named: [String] = []
            if let file = copied[path] {
                problem = "is where the file \(file) is published: remove the alias, or the file"
                named = [file]
            } else if let source = sourceOfPage[path] {
                problem = "is the address of \(source)'s page: an alias is an address no page has; remove it"
                named = [source]
            } else if let page = writtenIgnoringCase[path.lowercased()], !written.contains(path) {
                // On a host or a disk that ignores case, the page sending readers on would replace the page it sends them
                // to, which would then send them on to itself.
                problem = "differs only in case from \(address(page)), which the site writes: copied to macOS or Windows, or served by a host"
                    + " that ignores case, it would replace that page; remove it"
            } else if !baseFolder.isEmpty, path.hasPrefix(baseFolder + "/") {
                problem = "begins with the base URL's folder, \(basePath), which is put before every alias: it would be published at"
                    + " \(basePath)\(address(path).dropFirst()); write it without that folder, \(address(String(path.dropFirst(baseFolder.count + 1))))"
            } else if written.contains(path) {
                problem = "is the address of a page sitegen writes (\(address(path))): an alias is an address no page has; remove it"
            } else if let other = firstAlias.updateValue(location, forKey: path) {
                firstAlias[path] = other
                problem = "is an alias at \(other.path):\(other.line) already: one address leads to one page; remove one of them"
                named = [other.path]
            } else if folders[Substring(path)] != nil {
                problem = "is a folder of the site's own pages: write the old address with a / at its end"
            } else if path.hasSuffix("/index.html"), case let folder = path.dropLast("/index.html".count), let example = folders[folder],
                sitesFolders[folder] == nil
            {
                problem = "is a folder sitegen fills with files of its own (such as \(address(example))), not an address of the site's pages:"
                    + " remove it"
            } else if let file = sequence(first: Substring(path), next: { $0.lastIndex(of: "/").map($0.prefix(upTo:)) }).dropFirst().first(where: { written.contains(String($0)) }) {
                problem = "would be written in the folder \(file)/, where the site has the file \(file): remove it"
            } else {
                problem = nil
            }
            if let problem { diagnostics.append(.error(at: location, "the alias \(address(path)) \(problem)", naming: named)) }
        }
        return diagnostics.sorted { $0.location < $1.location }
    }

    /// A warning at each file of `Public/` whose place differs only in case from a page, list or feed sitegen writes
    /// (`Public/Heart/statins/index.html` beside the page `heart/statins/`, `Public/Feed.xml` beside `feed.xml`): two
    /// files here, one where case is ignored (copied to macOS or Windows, or served by such a host), as for two articles.
    static func caseClashes(pages: [String], publicFiles: [(outputPath: String, path: String)]) -> [Diagnostic] {
        guard !publicFiles.isEmpty else { return [] }
        let pagesIgnoringCase = Dictionary(pages.map { ($0.lowercased(), $0) }) { first, _ in first }
        return publicFiles.sorted { $0.path < $1.path }.compactMap { file in
            guard let page = pagesIgnoringCase[file.outputPath.lowercased()], page != file.outputPath else { return nil }
            let what = page.hasSuffix("index.html") ? "the page sitegen writes at /" + SitePath.address(ofOutput: page) : "the file sitegen writes, \(page),"
            return .warning(
                at: .file(file.path),
                "\(file.path) and \(what) differ only in case; copied to macOS or Windows, or served by a"
                    + " host that ignores case, one replaces the other: rename one of them", naming: [file.path])
        }
    }

    /// Refuses a site folder that does not exist and an output folder the build may not take, before anything
    /// is created, moved or written; returns what is known of the files the output holds.
    func checkFolders() throws(Diagnostic) -> OutputClaim.Knowledge {
        try Self.checkSiteFolder(options.source)
        do {
            return try OutputClaim(output: options.output, source: options.source).check(force: options.force)
        } catch {
            throw .error(at: .file(options.output.path), error.description)
        }
    }

    /// A site folder has `sitegen.yml` or `Content/` (either alone will do); any other folder is refused before
    /// anything is written into it, as Hugo and Zola refuse a folder without their settings.
    public static func checkSiteFolder(_ root: URL) throws(Diagnostic) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw .error(at: .file(root.path), "site folder does not exist (check --source)")
        }
        guard isDirectory.boolValue else {
            throw .error(at: .file(root.path), "the site folder is a file, not a folder; pass --source with the folder that holds \(SiteLayout.settings)")
        }
        guard !SiteLayout.isSite(root) else { return }
        // A folder inside a site (`--source Content`, `--source Content/heart`): the site is the folder above.
        if let site = SiteLayout.siteAround(root) {
            throw .error(at: .file(root.path), "not a sitegen site: the folder is inside the site \(site.path); pass --source \(site.path)")
        }
        let manager = FileManager.default
        var message = "not a sitegen site: the folder has neither \(SiteLayout.settings) nor a \(SiteLayout.content)/ folder; "
            + "run 'sitegen init' to make one, or pass --source with the site's folder"
        // Articles written beside where sitegen.yml would be, as Jekyll keeps its pages: where they go instead.
        let markdown = ((try? manager.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.lowercased().hasSuffix(".md") }.sorted()
        if let first = markdown.first {
            message += " (articles go in \(SiteLayout.content)/: move \(first)\(markdown.count > 1 ? " and the other \(markdown.count - 1)" : "") there)"
        }
        for (found, meant) in SiteSourceLoader.misnamedFolders(in: root) where meant == SiteLayout.content {
            message += " (its \(found)/ is read only as \(meant)/, with a capital letter: rename it)"
        }
        throw .error(at: .file(root.path), message)
    }

    /// An error when a template with text of its own rendered a page with nothing in it (all of it was inside a
    /// section whose value is missing), or when the template is empty (a file saved blank): a page is never published
    /// empty. A template of only `{{{body}}}` may.
    /// - Parameter content: the page's UTF-8 bytes; only spaces, tabs and line breaks are nothing.
    static func emptyPage(_ path: String, _ content: some Sequence<UInt8>, template: String, templates: [String: SourceText]) -> Diagnostic? {
        // The page first: the template is read again only for a page with nothing in it.
        guard content.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return nil }
        let isBlank = templates[template].map { $0.text.allSatisfy(\.isWhitespace) || TemplateLibrary.printsNothing($0.text) } == true
        guard isBlank || templates[template].map({ TemplateLibrary.hasText($0.text) }) ?? true else { return nil }
        let location = templates[template]?.start ?? .file("<built-in>/\(template).mustache")
        if isBlank, let source = templates[template] {
            let empty = source.text.allSatisfy(\.isWhitespace) ? "is empty" : "holds nothing to print (only comments)"
            return .error(at: location, "the template '\(template)' \(empty), so it rendered \(path) empty; write the template, or delete \(source.path) to use the built-in one",
                naming: [source.path])
        }
        return .error(at: location, "the template '\(template)' rendered \(path) empty; a page is never published empty (is all of it inside a section whose value is missing?)")
    }
}
