import Foundation

/// Stage 6: the pages that list articles (home, topics, one page per topic, 404) and the feed, the sitemap and
/// robots.txt, rendered in parallel and handed to the writer.
struct ListRendering: Sendable {
    let pages: PageBuilder
    let templates: [String: SourceText]

    /// The templates of list pages.
    static let templates: Set<String> = ["home", "topics", "topic", "404"]

    struct Output: Sendable {
        /// Every list page's path, rendered now or kept from the previous build.
        var paths: [String] = []
        var diagnostics: [Diagnostic] = []
    }

    /// What the lists showed in the previous build.
    struct Memo: Sendable {
        /// What the lists show of each article, in site order, and the articles' source paths.
        var signatures: [PageBuilder.ListSignature]
        var sources: [String]
        var inputs: ArticleRendering.PageInputs
        var paths: [String]
    }

    /// - Parameters:
    ///   - rerendered: source paths of the articles this build rendered (the home page shows `Content/index.md`).
    ///   - edits: when only these articles changed (see ``ArticleLoading``), their positions: nothing else is
    ///     compared then.
    ///   - layouts: the layouts of the articles, whose templates do not change the lists.
    func render(
        _ articles: [RenderedArticle], rerendered: Set<String>, edits: [Int]?, inputs: ArticleRendering.PageInputs,
        layouts: Set<String>, into sink: some PageSink, memo: inout BuildMemo
    ) async -> Output {
        // All of them, unless the previous build listed the same articles with the same inputs; then only the
        // pages showing an article whose entry changed.
        var wanted: Set<String>?
        var current = Memo(signatures: [], sources: [], inputs: inputs, paths: [])
        if var previous = memo.lists, previous.inputs.settingsKey == inputs.settingsKey,
            inputs.templatesChanged(since: previous.inputs).isSubset(of: layouts.subtracting(Self.templates))
        {
            // Out of the memo, so that its lists are changed in place.
            memo.lists = nil
            var stale = Set<String>()
            func compare(_ old: PageBuilder.ListSignature, _ new: PageBuilder.ListSignature, home: Bool) {
                if home { stale.insert("index.html") }
                if old != new { stale.formUnion(PageBuilder.listPagesShowing(before: old, after: new)) }
            }
            if let edits, previous.signatures.count == articles.count {
                for position in edits {
                    let new = pages.listSignature(articles[position])
                    compare(previous.signatures[position], new, home: new.urlPath == "")
                    previous.signatures[position] = new
                }
                wanted = stale
            } else {
                let signatures = articles.map(pages.listSignature), sources = articles.map(\.article.source.path)
                if sources == previous.sources {
                    for (index, new) in signatures.enumerated() {
                        compare(previous.signatures[index], new, home: new.urlPath == "" && rerendered.contains(sources[index]))
                    }
                    wanted = stale
                }
                previous.signatures = signatures
                previous.sources = sources
            }
            // Pages a failed build rendered that never reached the preview folder.
            wanted?.formUnion(memo.unwrittenPages.intersection(previous.paths))
            current = previous
            current.inputs = inputs
        } else {
            current.signatures = articles.map(pages.listSignature)
            current.sources = articles.map(\.article.source.path)
        }
        var output = Output()
        if wanted?.isEmpty == true {
            output.paths = current.paths
        } else {
            let lists = await pages.listPages(articles, only: wanted)
            output.paths = lists.paths
            memo.statistics.pagesRendered += lists.rendered.count
            for page in lists.rendered {
                do throws(Diagnostic) {
                    if let template = page.template, let empty = BuildPipeline.emptyPage(page.path, page.content, template: template, templates: templates) {
                        throw empty
                    }
                    try sink.write(page.content, to: page.path)
                } catch {
                    output.diagnostics.append(error)
                }
            }
        }
        current.paths = output.paths
        memo.lists = memo.keeps && !output.diagnostics.hasErrors ? current : nil
        return output
    }
}
