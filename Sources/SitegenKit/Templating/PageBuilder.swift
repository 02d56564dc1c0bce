import Mustache

/// Builds the template context of every page and renders it: articles, home, topics, 404, feed, sitemap.
///
/// Contexts are made template-ready as they are built (strings as ``TemplateText``, see
/// ``TemplateLibrary/templateValues(_:)``), so rendering them skips a second pass over every value.
struct PageBuilder: Sendable {
    let settings: SiteSettings
    let templates: TemplateLibrary
    private let shared: Shared
    private let addresses: SiteAddresses

    /// What every page's context holds alike, template-ready: made once per build.
    private struct Shared: Sendable {
        let site: SiteValues
        let root: TemplateText
        let themeBootScript = TemplateText(BuiltinAssets.themeBootScript)
        let website = TemplateText("website")
        /// The header's links from `sitegen.yml`, a site path (`/about/`) under the base path.
        let nav: [NavLink]
    }

    /// `site` in a page's context: every key of `sitegen.yml`, made template-ready when a template looks it up.
    struct SiteValues: MustacheParent, Sendable {
        let values: [String: DataNode]
        /// The settings with defaults of their own (`title`, `baseURL`, `language`, `description`).
        let settings: [String: TemplateText]

        func child(named name: String) -> Any? {
            settings[name] ?? values[name].map { TemplateLibrary.templateValue($0.plainValue) }
        }
    }

    /// A link of the header's navigation.
    struct NavLink: MustacheParent, Sendable {
        let title: TemplateText
        let url: TemplateText

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "url": url
            default: nil
            }
        }
    }

    init(settings: SiteSettings, templates: TemplateLibrary) {
        self.settings = settings
        self.templates = templates
        addresses = SiteAddresses(settings)
        let site = SiteValues(values: settings.values, settings: [
            "title": TemplateText(settings.title), "baseURL": TemplateText(settings.baseURL),
            "language": TemplateText(settings.language), "description": TemplateText(settings.description),
        ])
        let basePath = addresses.basePath
        let nav = settings.nav.map { link in
            let url = link.url.hasPrefix("/") && !link.url.hasPrefix("//") ? basePath + link.url.dropFirst() : link.url
            return NavLink(title: TemplateText(link.title), url: TemplateText(url))
        }
        shared = Shared(site: site, root: TemplateText(basePath), nav: nav)
    }

    /// The keys every page gets.
    func baseContext(path: String, title: String, description: String?) -> [String: Any] {
        var context: [String: Any] = [
            "site": shared.site, "root": shared.root, "url": TemplateText(addresses.basePath + path),
            "canonicalURL": TemplateText(addresses.absoluteURL(path)), "pageTitle": TemplateText(title), "ogType": shared.website,
            "themeBootScript": shared.themeBootScript, "nav": shared.nav, "hasNav": !shared.nav.isEmpty,
        ]
        if let description, !description.isEmpty { context["description"] = TemplateText(description) }
        return context
    }

    /// The context of an article: SPEC's keys plus everything the built-in templates use.
    func articleContext(_ rendered: RenderedArticle) -> [String: Any] {
        let article = rendered.article
        let matter = article.frontMatter
        var context = baseContext(path: article.urlPath, title: matter.title, description: matter.summary)
        context["extra"] = matter.extra.mapValues { TemplateLibrary.templateValue($0.plainValue) }
        context.merge(listEntry(article)) { _, new in new }
        context["ogType"] = TemplateText("article")
        context["body"] = TemplateText(rendered.body)
        context["tags"] = matter.tags.map(TemplateText.init)
        context["questions"] = matter.questions.map(TemplateText.init)
        context["hasQuestions"] = !matter.questions.isEmpty
        context["references"] = rendered.references.map(referenceContext)
        context["hasReferences"] = !rendered.references.isEmpty
        context["jsonLD"] = TemplateText(jsonLD(rendered))
        context["sourcePath"] = TemplateText(article.source.path)
        return context
    }

    /// The keys an article has in lists: title, url, summary, topic, confidence, reviewed. Each is there, a missing
    /// one as ``TemplateNull``: in a list, `{{#summary}}` of an article without one must not find the summary of the
    /// page around the list.
    func listEntry(_ article: Article) -> [String: Any] {
        let matter = article.frontMatter
        func text(_ value: String?) -> Any { value.map(TemplateText.init) ?? TemplateNull() }
        let mark: String? =
            switch matter.confidence {
            case .high: "●●●"
            case .moderate: "●●○"
            case .low: "●○○"
            case nil: nil
            }
        return [
            "title": TemplateText(matter.title), "url": TemplateText(addresses.basePath + article.urlPath),
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

    func referenceContext(_ cited: CitedReference) -> [String: Any] {
        let printed = cited.printed, number = cited.number, count = cited.citedAt.count
        var html = printed.formatted.html
        html.reserveCapacity(html.utf8.count + 160 * printed.links.count + 120 * count + 80)
        for (index, link) in printed.links.enumerated() {
            html += index == 0 ? " <span class=\"ref-links\">" : " "
            html += "<a href=\"\(link.url)\" aria-label=\"\(link.label) \(number)\">\(link.text)</a>"
        }
        if !printed.links.isEmpty { html += "</span>" }
        html += " <span class=\"backlinks\">"
        if count > 1 { html += "<span aria-hidden=\"true\">↑</span>" }
        for (index, id) in cited.citedAt.enumerated() {
            if count == 1 {
                html += "<a href=\"#\(id)\" aria-label=\"Back to where reference \(number) is cited\">↩</a>"
            } else {
                let text = index < 26 ? String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index))) : String(index + 1)
                html += "<a href=\"#\(id)\" aria-label=\"Back to citation \(index + 1) of \(count) of reference \(number)\">\(text)</a>"
            }
        }
        html += "</span>"
        return [
            "number": number, "id": TemplateText(cited.id), "key": TemplateText(cited.reference.id), "html": TemplateText(html),
            "text": TemplateText(printed.formatted.text), "formatted": TemplateText(printed.formatted.html),
            "doi": TemplateText(printed.doiURL ?? ""), "pubmed": TemplateText(printed.pubMedURL ?? ""),
        ]
    }

    func articlePage(_ rendered: RenderedArticle) -> String {
        templates.render(ready: articleContext(rendered), template: rendered.article.frontMatter.layout) ?? ""
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
                home["topics"] = topicList.map(topicContext)
                home["hasTopics"] = !topicList.isEmpty
                // `Content/index.md` gives the home page its introduction; the list stays the site's.
                if let index { home.merge(articleContext(index)) { _, new in new } }
                home["articles"] = sorted.map(listEntry)
                return templates.render(ready: home, template: "home") ?? ""
            }),
            ("topics/index.html", "topics", {
                var topicIndex = baseContext(path: "topics/", title: "Topics", description: nil)
                topicIndex["topics"] = topicList.map(topicContext)
                return templates.render(ready: topicIndex, template: "topics") ?? ""
            }),
        ]
        for (slug, value) in byTopic {
            jobs.append(("topics/\(slug)/index.html", "topic", {
                var context = baseContext(path: "topics/\(slug)/", title: value.name, description: "Questions about \(value.name)")
                context["name"] = TemplateText(value.name)
                context["articles"] = value.articles.map(listEntry)
                return templates.render(ready: context, template: "topic") ?? ""
            }))
        }
        jobs.append(("404.html", "404", { templates.render(ready: baseContext(path: "404.html", title: "Page not found", description: nil), template: "404") ?? "" }))
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

    private func topicContext(_ topic: (slug: String, name: String, count: Int)) -> [String: Any] {
        ["name": TemplateText(topic.name), "slug": TemplateText(topic.slug), "url": TemplateText(addresses.basePath + "topics/\(topic.slug)/"), "count": topic.count]
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
