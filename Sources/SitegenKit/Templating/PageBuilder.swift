import MustacheEngine

/// Builds the template context of every page and renders it: articles, home, topics, 404, feed, sitemap.
///
/// Contexts are ``TemplateValue`` trees: what every page holds alike (`site`, `nav`, the theme script) is made once
/// per build and shared by every page's context.
struct PageBuilder: Sendable {
    let settings: SiteSettings
    let templates: TemplateLibrary
    private let shared: Shared
    private let addresses: SiteAddresses

    /// What every page's context holds alike, made once per build.
    private struct Shared: Sendable {
        /// `site`: every key of `sitegen.yml`, with the settings that have defaults (`title`, `baseURL`,
        /// `language`, `description`) as the build uses them.
        let site: TemplateValue
        let root: TemplateValue
        let themeBootScript = TemplateValue.text(BuiltinAssets.themeBootScript)
        /// The header's links from `sitegen.yml`, a site path (`/about/`) under the base path.
        let nav: TemplateValue
        let hasNav: TemplateValue
    }

    init(settings: SiteSettings, templates: TemplateLibrary) {
        self.settings = settings
        self.templates = templates
        addresses = SiteAddresses(settings)
        var site = TemplateObject(settings.values.mapValues(\.templateValue))
        site["title"] = .text(settings.title)
        site["baseURL"] = .text(settings.baseURL)
        site["language"] = .text(settings.language)
        site["description"] = .text(settings.description)
        let basePath = addresses.basePath
        let nav = settings.nav.map { link -> TemplateValue in
            let url = link.url.hasPrefix("/") && !link.url.hasPrefix("//") ? basePath + link.url.dropFirst() : link.url
            return .object(["title": .text(link.title), "url": .text(url)])
        }
        shared = Shared(site: .object(site), root: .text(basePath), nav: .list(nav), hasNav: .bool(!nav.isEmpty))
    }

    /// Every key any page's context holds, at any depth (an article's, a list entry's, a reference's, a topic's,
    /// a header link's): a name in a template that is none of these is always empty.
    static let contextKeys: Set<String> = [
        "site", "root", "url", "canonicalURL", "pageTitle", "ogType", "themeBootScript", "nav", "hasNav", "description",
        "extra", "title", "summary", "topic", "topicURL", "confidence", "confidenceMark", "confidenceExplanation", "reviewed",
        "reviewedISO",
        "body", "tags", "questions", "hasQuestions", "references", "hasReferences", "jsonLD", "sourcePath",
        "topics", "hasTopics", "articles", "name", "slug", "count",
        "number", "id", "key", "html", "text", "formatted", "doi", "pubmed",
    ]

    /// The keys every page gets.
    func baseContext(path: String, title: String, description: String?) -> TemplateObject {
        var context: TemplateObject = [
            "site": shared.site, "root": shared.root, "url": .text(addresses.basePath + path),
            "canonicalURL": .text(addresses.absoluteURL(path)), "pageTitle": .text(title), "ogType": .text("website"),
            "themeBootScript": shared.themeBootScript, "nav": shared.nav, "hasNav": shared.hasNav,
        ]
        if let description, !description.isEmpty { context["description"] = .text(description) }
        return context
    }

    /// The context of an article: SPEC's keys plus everything the built-in templates use.
    func articleContext(_ rendered: RenderedArticle) -> TemplateObject {
        let article = rendered.article
        let matter = article.frontMatter
        var context = baseContext(path: article.urlPath, title: matter.title, description: matter.summary)
        context["extra"] = .object(TemplateObject(matter.extra.mapValues(\.templateValue)))
        context.merge(listEntry(article))
        context["ogType"] = .text("article")
        context["confidenceExplanation"] = .text(matter.confidence?.explanation)
        context["body"] = .text(rendered.body)
        context["tags"] = .texts(matter.tags)
        context["questions"] = .texts(matter.questions)
        context["hasQuestions"] = .bool(!matter.questions.isEmpty)
        context["references"] = .list(rendered.references.map(referenceContext))
        context["hasReferences"] = .bool(!rendered.references.isEmpty)
        context["jsonLD"] = .text(jsonLD(rendered))
        context["sourcePath"] = .text(article.source.path)
        return context
    }

    /// The keys an article has in lists: title, url, summary, topic, confidence, reviewed. Each is there, a missing
    /// one as `null`: in a list, `{{#summary}}` of an article without one must not find the summary of the page
    /// around the list.
    func listEntry(_ article: Article) -> TemplateObject {
        let matter = article.frontMatter
        func text(_ value: String?) -> TemplateValue { .text(value) }
        let mark: String? =
            switch matter.confidence {
            case .high: "●●●"
            case .moderate: "●●○"
            case .low: "●○○"
            case nil: nil
            }
        return [
            "title": .text(matter.title), "url": .text(addresses.basePath + article.urlPath),
            "summary": text(matter.summary), "topic": text(matter.topic),
            "topicURL": text(matter.topic.map { addresses.basePath + "topics/\(slugify($0))/" }),
            "confidence": text(matter.confidence?.rawValue), "confidenceMark": text(mark),
            "reviewed": text(matter.reviewed?.display), "reviewedISO": text(matter.reviewed?.iso),
        ]
    }

    /// Everything about an article that the list pages, feed and sitemap show: they are rendered again when it changes.
    struct ListSignature: Sendable, Equatable {
        var urlPath: String
        var title: String
        var summary: String?
        var topic: String?
        var confidence: FrontMatter.Confidence?
        var reviewed: String?
    }

    func listSignature(_ rendered: RenderedArticle) -> ListSignature {
        let matter = rendered.article.frontMatter
        return ListSignature(
            urlPath: rendered.article.urlPath, title: matter.title, summary: matter.summary, topic: matter.topic,
            confidence: matter.confidence, reviewed: matter.reviewed?.iso)
    }

    func referenceContext(_ cited: CitedReference) -> TemplateValue {
        let printed = cited.printed, count = cited.citedAt.count, number = String(cited.number)
        var html = printed.formatted.html
        html.reserveCapacity(html.utf8.count + 160 * printed.links.count + 120 * count + 80)
        for (index, link) in printed.links.enumerated() {
            html += index == 0 ? " <span class=\"ref-links\">" : " "
            html += link.beforeNumber
            html += number
            html += link.afterNumber
        }
        if !printed.links.isEmpty { html += "</span>" }
        html += " <span class=\"backlinks\">"
        if count > 1 { html += "<span aria-hidden=\"true\">↑</span>" }
        for (index, id) in cited.citedAt.enumerated() {
            html += "<a href=\"#"
            html += id
            if count == 1 {
                html += "\" aria-label=\"Back to where reference "
                html += number
                html += " is cited\">↩</a>"
            } else {
                let text = index < 26 ? String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index))) : String(index + 1)
                html += "\" aria-label=\"Back to citation \(index + 1) of \(count) of reference "
                html += number
                html += "\">"
                html += text
                html += "</a>"
            }
        }
        html += "</span>"
        return .object([
            "number": .int(cited.number), "id": .text(cited.id), "key": .text(cited.reference.id), "html": .text(html),
            "text": .text(printed.formatted.text), "formatted": .text(printed.formatted.html),
            "doi": .text(printed.doiURL ?? ""), "pubmed": .text(printed.pubMedURL ?? ""),
        ])
    }

    func articlePage(_ rendered: RenderedArticle) -> String {
        templates.render(articleContext(rendered), template: rendered.article.frontMatter.layout) ?? ""
    }

    /// A list page, feed or sitemap, and the template that rendered it (nil for those made without one).
    struct ListPage: Sendable {
        var path: String
        var template: String?
        var content: String
    }

    /// Home, topic index, one page per topic, 404, Atom feed, sitemap and robots.txt, from one pass over the
    /// articles: the paths of every one, and those of `wanted` (all when nil) rendered, in parallel.
    func listPages(_ articles: [RenderedArticle], only wanted: Set<String>? = nil) async -> (paths: [String], rendered: [ListPage]) {
        let sorted = articles.map(\.article).filter { $0.urlPath != "" }.sorted { lhs, rhs in
            let left = lhs.frontMatter.reviewed, right = rhs.frontMatter.reviewed
            if left != right { return (left.map { ReviewDate.Key($0) } ?? .init()) > (right.map { ReviewDate.Key($0) } ?? .init()) }
            return lhs.frontMatter.title < rhs.frontMatter.title
        }
        var byTopic: [String: (name: String, articles: [Article])] = [:]
        for article in sorted {
            guard let topic = article.frontMatter.topic else { continue }
            byTopic[slugify(topic), default: (topic, [])].articles.append(article)
        }
        let topicList = byTopic.sorted { $0.value.name < $1.value.name }.map { (slug: $0.key, name: $0.value.name, count: $0.value.articles.count) }
        let index = articles.first(where: { $0.article.urlPath == "" })
        let topicSlugs = byTopic.keys.sorted()

        var jobs: [(path: String, template: String?, render: @Sendable () -> String)] = [
            ("index.html", "home", {
                var home = baseContext(path: "", title: settings.title, description: settings.description)
                home["topics"] = .list(topicList.map(topicContext))
                home["hasTopics"] = .bool(!topicList.isEmpty)
                // `Content/index.md` gives the home page its introduction; the list stays the site's.
                if let index { home.merge(articleContext(index)) }
                home["articles"] = .list(sorted.map { .object(listEntry($0)) })
                return templates.render(home, template: "home") ?? ""
            }),
            ("topics/index.html", "topics", {
                var topicIndex = baseContext(path: "topics/", title: "Topics", description: nil)
                topicIndex["topics"] = .list(topicList.map(topicContext))
                return templates.render(topicIndex, template: "topics") ?? ""
            }),
        ]
        for (slug, value) in byTopic {
            jobs.append(("topics/\(slug)/index.html", "topic", {
                var context = baseContext(path: "topics/\(slug)/", title: value.name, description: "Questions about \(value.name)")
                context["name"] = .text(value.name)
                context["articles"] = .list(value.articles.map { .object(listEntry($0)) })
                return templates.render(context, template: "topic") ?? ""
            }))
        }
        jobs.append(("404.html", "404", { templates.render(baseContext(path: "404.html", title: "Page not found", description: nil), template: "404") ?? "" }))
        jobs.append(("feed.xml", nil, { FeedWriter(settings: settings).atom(sorted) }))
        jobs.append(("sitemap.xml", nil, { FeedWriter(settings: settings).sitemap(sorted, topicSlugs: topicSlugs) }))
        jobs.append(("robots.txt", nil, { "User-agent: *\nAllow: /\nSitemap: \(addresses.absoluteURL("sitemap.xml"))\n" }))
        let chosen = wanted.map { wanted in jobs.filter { wanted.contains($0.path) } } ?? jobs
        return (jobs.map(\.path), await Parallel.map(chosen, chunked: false) { job in ListPage(path: job.path, template: job.template, content: job.render()) })
    }

    /// The list pages a change to what the lists show of an article can change: the home page, the topic index,
    /// the feed, the sitemap and the pages of its topic before and after.
    static func listPagesShowing(before: ListSignature, after: ListSignature) -> Set<String> {
        var paths: Set<String> = ["index.html", "topics/index.html", "feed.xml", "sitemap.xml"]
        for topic in [before.topic, after.topic].compactMap({ $0 }) {
            paths.insert("topics/\(slugify(topic))/index.html")
        }
        return paths
    }

    func topicContext(_ topic: (slug: String, name: String, count: Int)) -> TemplateValue {
        .object(["name": .text(topic.name), "slug": .text(topic.slug), "url": .text(addresses.basePath + "topics/\(topic.slug)/"), "count": .int(topic.count)])
    }

    /// JSON-LD `MedicalWebPage` with `lastReviewed`, `about` and `citation`.
    func jsonLD(_ rendered: RenderedArticle) -> String {
        let matter = rendered.article.frontMatter
        var object: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")), ("@type", .string("MedicalWebPage")),
            ("name", .string(matter.title)), ("url", .string(addresses.absoluteURL(rendered.article.urlPath))),
        ]
        if let summary = matter.summary { object.append(("description", .string(summary))) }
        if let reviewed = matter.reviewed { object.append(("lastReviewed", .string(reviewed.iso))) }
        if let topic = matter.topic { object.append(("about", .object([("@type", .string("MedicalEntity")), ("name", .string(topic))]))) }
        if !rendered.references.isEmpty { object.append(("citation", .array(rendered.references.map { .serialized($0.printed.jsonLDItem) }))) }
        return JSONValue.object(object).serialized
    }
}

extension ReviewDate {
    /// Orders optional dates with missing ones last.
    struct Key: Comparable {
        var value = (0, 0, 0)
        init() {}
        init(_ date: ReviewDate) { value = (date.year, date.month, date.day) }
        static func < (lhs: Key, rhs: Key) -> Bool { lhs.value < rhs.value }
        static func == (lhs: Key, rhs: Key) -> Bool { lhs.value == rhs.value }
    }
}

extension DataNode {
    /// The value in a template context: strings, numbers and booleans as written, null as empty text.
    var templateValue: TemplateValue {
        switch value {
        case .scalar(let text, _): .text(text)
        case .number(let number, let text): Int(text).map(TemplateValue.int) ?? .double(number)
        case .bool(let flag): .bool(flag)
        case .null: .text("")
        case .list(let items): .list(items.map(\.templateValue))
        case .map(let entries):
            .object(entries.reduce(into: TemplateObject()) { object, entry in object[entry.key] = entry.value.templateValue })
        }
    }
}
