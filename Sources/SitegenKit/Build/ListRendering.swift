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
        /// The rendered articles the lists were made from, in site order.
        var articles: [RenderedArticle]
        var inputs: ArticleRendering.PageInputs
        var paths: [String]
    }

    /// - Parameter layouts: the layouts of the articles, whose templates do not change the lists.
    func render(
        _ articles: [RenderedArticle], inputs: ArticleRendering.PageInputs, layouts: Set<String>, into sink: some PageSink,
        memo: inout BuildMemo
    ) async -> Output {
        // All of them, unless the previous build listed the same articles with the same inputs; then only the
        // pages showing an article whose entry changed. An article not rendered again is the same box as before.
        var wanted: Set<String>?
        if let previous = memo.lists, previous.inputs.settingsKey == inputs.settingsKey,
            ListRendering.templatesChanged(from: previous.inputs, to: inputs).isSubset(of: layouts.subtracting(Self.templates)),
            previous.articles.count == articles.count
        {
            var stale = Set<String>()
            var sameArticles = true
            for (before, after) in zip(previous.articles, articles) where !before.isSameRendering(as: after) {
                guard before.article.source.path == after.article.source.path else {
                    sameArticles = false
                    break
                }
                // The home page shows `Content/index.md` as its introduction.
                if after.article.urlPath == "" { stale.insert("index.html") }
                let old = pages.listSignature(before), new = pages.listSignature(after)
                if old != new { stale.formUnion(PageBuilder.listPagesShowing(before: old, after: new)) }
            }
            if sameArticles {
                // Pages a failed build rendered that never reached the preview folder.
                wanted = stale.union(memo.unwrittenPages.intersection(previous.paths))
            }
        }
        var output = Output()
        if wanted?.isEmpty == true, let previous = memo.lists {
            output.paths = previous.paths
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
        if memo.keeps {
            memo.lists = output.diagnostics.hasErrors ? nil : Memo(articles: articles, inputs: inputs, paths: output.paths)
        }
        return output
    }

    static func templatesChanged(from old: ArticleRendering.PageInputs, to new: ArticleRendering.PageInputs) -> Set<String> {
        Set(old.templateTexts.keys).union(new.templateTexts.keys).filter { old.templateTexts[$0] != new.templateTexts[$0] }
    }
}
