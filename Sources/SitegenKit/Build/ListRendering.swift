import Foundation

/// Stage 6: the pages that list articles (home, topics, one page per topic, search, 404), the feed, the sitemap,
/// robots.txt and the search index, rendered in parallel and handed to the writer.
struct ListRendering: Sendable {
    let pages: PageBuilder
    let templates: [String: SourceText]

    /// The templates of list pages.
    static let templates: Set<String> = ["home", "topics", "topic", "search", "404"]

    struct Output: Sendable {
        /// Every list page's path, rendered now or kept from the previous build.
        var paths: [String] = []
        var diagnostics: [Diagnostic] = []
    }

    /// What the lists showed in the previous build.
    struct Memo: Sendable {
        var inputs: ArticleRendering.PageInputs
        /// Each list page's fingerprint (see ``PageBuilder/ListJob``), by path.
        var fingerprints: [String: Int]
    }

    /// An error at each article whose page a generated page would take (`Content/search.md` and the search page,
    /// `Content/topics/cardiology.md` and the topic's list, `Content/page/2.md` and the home list's second page): the
    /// article would not be published, without a word. (`Content/index.md` is the home page's introduction.)
    static func shadowedArticles(_ articles: [RenderedArticle], by jobs: [PageBuilder.ListJob]) -> [Diagnostic] {
        let generated = Set(jobs.map(\.path))
        return articles.compactMap { rendered in
            let article = rendered.article
            guard article.urlPath != "", generated.contains(article.outputPath) else { return nil }
            return .error(
                at: SourceLocation(path: article.source.path, line: 1, column: 1),
                "\(article.source.path) would be published at \(article.outputPath), where the site has a page of its own (a list or"
                    + " the search page); rename the file or move it to another folder", naming: [article.source.path])
        }
    }

    /// - Parameters:
    ///   - rerendered: source paths of the articles this build rendered (the home page shows `Content/index.md`).
    ///   - layouts: the layouts of the articles, whose templates do not change the lists.
    func render(
        _ articles: [RenderedArticle], rerendered: Set<String>, inputs: ArticleRendering.PageInputs,
        layouts: Set<String>, into sink: some PageSink, memo: inout BuildMemo
    ) async -> Output {
        // The search page and index are laid out on another core meanwhile: a large site's index takes as long as
        // the other lists.
        async let searchJobs = inputs.search.map { pages.searchJobs(articles, synonyms: $0) } ?? []
        let jobs = pages.listJobs(articles) + (await searchJobs)
        // All of them, unless the previous build rendered its lists with the same inputs; then only the pages
        // whose entries changed or moved (an edit that moves an article across pages changes the pages between).
        var wanted: Set<String>?
        if let previous = memo.lists, previous.inputs.settingsKey == inputs.settingsKey, previous.inputs.hasFeed == inputs.hasFeed,
            inputs.templatesChanged(since: previous.inputs).isSubset(of: layouts.subtracting(Self.templates))
        {
            var stale = Set(jobs.lazy.filter { previous.fingerprints[$0.path] != $0.fingerprint }.map(\.path))
            if let index = articles.first(where: { $0.article.urlPath == "" }), rerendered.contains(index.article.source.path) {
                stale.insert("index.html")
            }
            // Pages a failed build rendered that never reached the preview folder.
            stale.formUnion(memo.unwrittenPages.filter { previous.fingerprints[$0] != nil })
            wanted = stale
        }
        let current = Memo(inputs: inputs, fingerprints: Dictionary(jobs.map { ($0.path, $0.fingerprint) }, uniquingKeysWith: { first, _ in first }))
        var output = Output()
        output.diagnostics += Self.shadowedArticles(articles, by: jobs)
        output.paths = jobs.map(\.path)
        if wanted?.isEmpty != true {
            let chosen = wanted.map { wanted in jobs.filter { wanted.contains($0.path) } } ?? jobs
            // A few pages rendered, then written: a large site's lists are never all in memory at once, and the
            // templates stay in the core's caches from one page to the next.
            let problems = await Parallel.mapBatches(chosen) { batch -> [Diagnostic?] in
                let contents = batch.map { $0.render() }
                return zip(batch, contents).map { job, content -> Diagnostic? in
                    do throws(Diagnostic) {
                        if let template = job.template, let empty = BuildPipeline.emptyPage(job.path, content.utf8, template: template, templates: templates) {
                            throw empty
                        }
                        try sink.write(content, to: job.path)
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            memo.statistics.pagesRendered += chosen.count
            output.diagnostics += problems.compactMap { $0 }
        }
        memo.lists = memo.keeps && !output.diagnostics.hasErrors ? current : nil
        return output
    }
}
