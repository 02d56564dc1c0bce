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
        /// What the lists show of each article (``PageBuilder/listSignature(_:)``), in site order, by source path.
        var signatures: [(path: String, signature: PageBuilder.ListSignature)]
        var inputs: ArticleRendering.PageInputs
        var paths: [String]
    }

    /// - Parameters:
    ///   - rerendered: source paths of the articles rendered by this build (the home page shows `Content/index.md`).
    ///   - layouts: the layouts of the articles, whose templates do not change the lists.
    func render(
        _ articles: [RenderedArticle], rerendered: Set<String>, inputs: ArticleRendering.PageInputs, layouts: Set<String>,
        into sink: some PageSink, memo: inout BuildMemo
    ) async -> Output {
        let previous = memo.lists
        let signatures = articles.map { ($0.article.source.path, pages.listSignature($0)) }
        // All of them, unless the previous build listed the same articles with the same inputs; then only the
        // pages showing an article whose entry changed.
        var wanted: Set<String>?
        if let previous, previous.inputs.settingsKey == inputs.settingsKey,
            Self.templatesChanged(from: previous.inputs, to: inputs).isSubset(of: layouts.subtracting(Self.templates)),
            previous.signatures.elementsEqual(signatures, by: { $0.path == $1.0 })
        {
            var stale = Set<String>()
            for (before, after) in zip(previous.signatures, signatures) where before.signature != after.1 {
                stale.formUnion(PageBuilder.listPagesShowing(before: before.signature, after: after.1))
            }
            // The home page shows `Content/index.md` as its introduction.
            if articles.contains(where: { $0.article.urlPath == "" && rerendered.contains($0.article.source.path) }) {
                stale.insert("index.html")
            }
            // Pages a failed build rendered that never reached the preview folder.
            stale.formUnion(memo.unwrittenPages.intersection(previous.paths))
            wanted = stale
        }
        var output = Output()
        if wanted?.isEmpty == true, let previous {
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
            memo.lists = output.diagnostics.hasErrors ? nil : Memo(signatures: signatures.map { ($0.0, $0.1) }, inputs: inputs, paths: output.paths)
        }
        return output
    }

    static func templatesChanged(from old: ArticleRendering.PageInputs, to new: ArticleRendering.PageInputs) -> Set<String> {
        Set(old.templateTexts.keys).union(new.templateTexts.keys).filter { old.templateTexts[$0] != new.templateTexts[$0] }
    }
}
